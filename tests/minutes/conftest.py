"""Shared set-up of the partners' cycle tests: a partners' space and meetings published with their minutes."""

import pytest
from django.conf import settings

from minutes.models import PartnerProfile
from tests.factories import MeetingPageFactory, MinutesIndexPageFactory, UserFactory, brussels


def item(title, decisions=(), actions=(), follow_ups=()):
    """An agenda item block (``("item", value)``) of a meeting's minutes."""
    return (
        "item",
        {
            "title": title,
            "discussion": "",
            "decisions": list(decisions),
            "actions": [
                {"what": what, "who": who, "due": None, "organisation": organisation}
                for what, who, organisation in actions
            ],
            "follow_ups": [{"action": key, "status": status, "note": note} for key, status, note in follow_ups],
        },
    )


def publish(page, **changes):
    """Save ``changes`` on ``page`` as a new revision and publish it (as "Publier" in the admin)."""
    for name, value in changes.items():
        setattr(page, name, value)
    revision = page.save_revision()
    revision.publish()
    page.refresh_from_db()
    return page


def published_meeting(index, start, agenda=(), **fields):
    page = MeetingPageFactory(parent=index, start=start, agenda=list(agenda), live=False, **fields)
    return publish(page)


def action_keys(page):
    """The block ids of the actions of ``page``'s minutes, in order."""
    return [child.id for block in page.agenda for child in block.value["actions"].bound_blocks]


@pytest.fixture
def space(home):
    """The partners' space under the home page: restricted to partners, with the workflow "Validation du PV"."""
    return MinutesIndexPageFactory(parent=home)


@pytest.fixture
def april(space):
    return brussels(2017, 4, 18, 9, 30)


def make_partner(username, language=None, notify=True, **kwargs):
    """A partner (group "Partenaires"); a ``PartnerProfile`` when ``language`` is given or ``notify`` is off."""
    user = UserFactory(username=username, groups=[settings.PARTNERS_GROUP_NAME], **kwargs)
    if language is not None or not notify:
        PartnerProfile.objects.create(user=user, language=language or "fr", notify_minutes=notify)
    return user


@pytest.fixture
def partners(db):
    """Three partners who want the e-mails: French (no profile: the defaults), Dutch, English."""
    return {
        "fr": make_partner("amina", first_name="Amina", last_name="Diallo"),
        "nl": make_partner("jan", language="nl", first_name="Jan"),
        "en": make_partner("sarah", language="en", first_name="Sarah"),
    }


@pytest.fixture
def draft_meeting(space):
    """The minutes of 20 April 2017 (spring, CEST), saved as a draft, never published."""
    return MeetingPageFactory(
        parent=space, title="Réunion du CZS du 20 avril 2017", start=brussels(2017, 4, 20, 9, 30), live=False
    )
