"""A small public site for the security tests: an activity open for registration, a visit, the partners' space."""

import pytest

from tests.factories import (
    MeetingPageFactory,
    MinutesIndexPageFactory,
    TrajetPageFactory,
    UserFactory,
    open_event,
    open_visit,
)


@pytest.fixture
def site_pages(agenda):
    trajet = TrajetPageFactory(parent=agenda, slug="trajet")
    event = open_event(trajet, slug="atelier-cv", title="Atelier CV")
    visit = open_visit(agenda, slug="visite", title="Journée de visites")
    minutes = MinutesIndexPageFactory(parent=agenda.get_parent())
    meeting = MeetingPageFactory(parent=minutes, title="Réunion secrète du comité", slug="reunion-secrete")
    return {"agenda": agenda, "trajet": trajet, "event": event, "visit": visit, "minutes": minutes, "meeting": meeting}


@pytest.fixture
def superuser(db):
    return UserFactory(username="root", is_superuser=True, is_staff=True)
