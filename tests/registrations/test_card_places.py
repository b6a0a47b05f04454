"""Agenda cards say how many places are left while online registration is open, in every language and on every
listing (agenda, home, trajet, embed), at a fixed number of queries."""

import pytest
from bs4 import BeautifulSoup

from registrations.allocation import register
from tests.factories import TrajetPageFactory, open_event, translate


@pytest.fixture
def activity(agenda):
    trajet = TrajetPageFactory(parent=agenda, slug="trajet")
    for code in ("nl",):
        for page in (agenda.get_parent(), agenda, trajet):
            translate(page, code)
    page = open_event(trajet, capacity=2, title="Atelier CV", slug="atelier-cv")
    translate(page, "nl")
    return page


def card_places(client, url):
    soup = BeautifulSoup(client.get(url).content, "html.parser")
    (card,) = soup.select("li.agenda-item")
    return " ".join(card.get_text(" ", strip=True).split())


@pytest.mark.parametrize(
    "url", ["/fr/agenda/", "/fr/", "/fr/agenda/trajet/", "/agenda/embed/", "/nl/agenda/", "/agenda/embed/?locale=nl"]
)
def test_places_left_then_full(client, activity, url, django_capture_on_commit_callbacks):
    """The listing is cached for anonymous visitors: a registration reaches it all the same."""
    french = url.startswith("/fr") or url == "/agenda/embed/"
    assert ("2 places restantes" if french else "2 plaatsen over") in card_places(client, url)
    with django_capture_on_commit_callbacks(execute=True):
        register(activity, name="A", email="a@example.org", send_email=False)
        register(activity, name="B", email="b@example.org", send_email=False)
    assert ("Complet – liste d'attente" if french else "Volzet – wachtlijst") in card_places(client, url)
