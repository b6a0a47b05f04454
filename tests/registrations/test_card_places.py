"""Agenda cards say how many places are left while online registration is open, in every language and on every
listing (agenda, home, trajet, embed) and among search results, at a fixed number of queries; a visit day, open
to partners only, says so instead."""

import pytest
from bs4 import BeautifulSoup

from events.choices import EventStatus
from registrations.allocation import register
from tests.factories import TrajetPageFactory, open_event, open_visit, translate


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


@pytest.fixture
def visit_day(agenda):
    for page in (agenda.get_parent(), agenda):
        translate(page, "nl")
    page = open_visit(agenda, capacity=2, title="Visite des ateliers", slug="visite-ateliers")
    translate(page, "nl")
    return page


@pytest.mark.parametrize("url", ["/fr/agenda/", "/fr/", "/agenda/embed/", "/nl/agenda/", "/agenda/embed/?locale=nl"])
def test_visit_day_for_partners_says_so_instead_of_places(client, visit_day, url, django_capture_on_commit_callbacks):
    french = url.startswith("/fr") or url == "/agenda/embed/"
    text = card_places(client, url)
    assert ("Réservé aux partenaires" if french else "Voorbehouden aan partners") in text
    assert ("2 places" if french else "2 plaatsen") not in text


def search_facts(client, query, language="fr"):
    soup = BeautifulSoup(client.get(f"/{language}/search/", {"query": query}).content, "html.parser")
    return {
        item.h3.a.get_text(strip=True): " ".join(item.get_text(" ", strip=True).split())
        for item in soup.select(".search-results > li")
    }


@pytest.fixture
def searchable(agenda):
    """Three activities and a visit day that a search for "ateliers" finds: open, full, cancelled, partners."""
    trajet = TrajetPageFactory(parent=agenda, slug="trajet")
    open_page = open_event(trajet, capacity=3, title="Ateliers ouverts", slug="ouverts")
    full = open_event(trajet, capacity=1, title="Ateliers complets", slug="complets")
    register(full, name="A", email="a@example.org", send_email=False)
    cancelled = open_event(trajet, capacity=3, title="Ateliers annulés", slug="annules")
    cancelled.status = EventStatus.CANCELLED
    cancelled.save_revision().publish()
    visit = open_visit(agenda, capacity=20, title="Visite des ateliers", slug="visite")
    return open_page, full, cancelled, visit


def test_search_results_say_availability_as_the_cards_do(client, searchable, django_assert_max_num_queries):
    # 24 queries for these four results before the places were shown; now one query gives every result its
    # places and three prefetch the communes: 19, whatever the number of results.
    with django_assert_max_num_queries(19):
        facts = search_facts(client, "ateliers")
    assert "3 places restantes" in facts["Ateliers ouverts"]
    assert "Complet – liste d'attente" in facts["Ateliers complets"]
    assert facts["Ateliers annulés"].startswith("Annulée")
    assert "Réservé aux partenaires" in facts["Visite des ateliers"]
    assert "20 places" not in facts["Visite des ateliers"]
