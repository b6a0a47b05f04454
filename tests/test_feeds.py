"""RSS and Atom feeds of upcoming activities: /agenda/rss/ and /agenda/atom/, filterable by commune, linked
from the agenda's <head>."""

import xml.etree.ElementTree as ET

import pytest
import time_machine

from . import agenda_scenario
from .factories import brussels, translate

NOW = brussels(2017, 3, 1, 12)
ATOM = "{http://www.w3.org/2005/Atom}"


@pytest.fixture
def pages(home, agenda):
    return agenda_scenario.build(home, agenda)


def get_xml(client, url, content_type):
    with time_machine.travel(NOW, tick=False):
        response = client.get(url)
    assert response.status_code == 200, response.content[:300]
    assert response["Content-Type"].startswith(content_type)
    assert response["Cache-Control"] == "public, max-age=600"
    return ET.fromstring(response.content)


def test_rss_lists_upcoming_items_soonest_first(client, pages):
    channel = get_xml(client, "/agenda/rss/", "application/rss+xml").find("channel")
    assert channel.findtext("title") == "Trajet emploi zone sud – activités à venir"
    assert channel.findtext("link") == "http://localhost/fr/agenda/"
    assert channel.findtext("language") == "fr"
    items = channel.findall("item")
    assert [item.findtext("title") for item in items] == [
        "Atelier CV; lettre, et \\ entretien",
        "Portes ouvertes",
        "Journée de visites",
        "Métiers de la construction",
    ]  # the restricted "Atelier réservé aux partenaires" (3 April) is absent
    first = items[0]
    assert first.findtext("link") == "http://localhost/fr/agenda/trajet-emploi-2017/atelier-cv/"
    assert first.findtext("description").splitlines() == [
        "samedi 25 mars 2017, 09:30–12:30",
        "Maison de l'emploi, Rue du Curé 2, 1190 Forest",
        "Rédiger son CV, sa lettre de motivation, et préparer l'entretien d'embauche.",
    ]
    assert [category.text for category in first.findall("category")] == ["Outillage", "Forest"]
    assert [category.text for category in items[2].findall("category")] == [
        "Journée de visites",
        "Molenbeek-Saint-Jean",
        "Bruxelles",
    ]


def test_rss_filtered_by_commune(client, pages):
    channel = get_xml(client, "/agenda/rss/?commune=uccle", "application/rss+xml").find("channel")
    assert channel.findtext("title") == "Trajet emploi zone sud – activités à venir – Uccle"
    assert [item.findtext("title") for item in channel.findall("item")] == [
        "Portes ouvertes",  # Saint-Gilles, then Forest and Uccle
        "Métiers de la construction",
    ]


def test_atom_feed(client, pages):
    feed = get_xml(client, "/agenda/atom/?commune=forest&phase=orientation", "application/atom+xml")
    assert feed.get("{http://www.w3.org/XML/1998/namespace}lang") == "fr"
    entries = feed.findall(f"{ATOM}entry")
    assert [entry.findtext(f"{ATOM}title") for entry in entries] == ["Portes ouvertes"]
    assert (
        entries[0].find(f"{ATOM}link").get("href") == "http://localhost/fr/agenda/trajet-emploi-2017/portes-ouvertes/"
    )
    assert entries[0].findtext(f"{ATOM}summary").startswith("dimanche 26 mars 2017, 09:30–12:30")


def test_feed_in_another_language(client, pages):
    translation = translate(pages.dst, "nl")
    translation.title = "Opendeurdag"
    translation.save_revision().publish()
    channel = get_xml(client, "/agenda/rss/?locale=nl", "application/rss+xml").find("channel")
    assert channel.findtext("language") == "nl"
    assert [item.findtext("title") for item in channel.findall("item")] == ["Opendeurdag"]
    assert "/nl/" in channel.find("item").findtext("link")


def test_feed_leaves_out_ended_items(client, pages):
    with time_machine.travel(brussels(2017, 5, 19, 12), tick=False):
        channel = ET.fromstring(client.get("/agenda/rss/").content).find("channel")
    assert [item.findtext("title") for item in channel.findall("item")] == ["Métiers de la construction"]


@pytest.mark.parametrize("url", ["/agenda/rss/?commune=nowhere", "/agenda/atom/?phase=%00", "/agenda/rss/?locale=xx"])
def test_bad_feed_query_is_a_400(client, pages, url):
    response = client.get(url)
    assert response.status_code == 400
    assert response.content.decode().split(":")[0] in ("commune", "phase", "locale")


def test_agenda_head_links_the_feeds_with_its_filters(client, pages):
    html = client.get("/fr/agenda/?commune=forest&when=past").content.decode()
    head = html.split("</head>")[0]
    assert '<link rel="alternate" type="application/rss+xml"' in head
    assert 'href="http://testserver/agenda/rss/?commune=forest"' in head
    assert 'href="http://testserver/agenda/atom/?commune=forest"' in head
    assert (
        'type="text/calendar" title="Activités à venir (iCalendar)" href="http://testserver/agenda/ical/?commune=forest"'
        in head
    )
    assert 'href="webcal://testserver/agenda/ical/?commune=forest"' in html  # the subscribe link


def test_agenda_head_links_without_filters(client, pages):
    head = client.get("/fr/agenda/").content.decode().split("</head>")[0]
    assert 'href="http://testserver/agenda/rss/"' in head


def test_feed_runs_a_fixed_number_of_queries(client, pages, django_assert_max_num_queries):
    from .factories import EventPageFactory, commune

    for day in range(1, 11):
        EventPageFactory(parent=pages.trajet, start=brussels(2017, 6, day, 9), commune=commune("uccle"))
    with time_machine.travel(NOW, tick=False), django_assert_max_num_queries(15):
        channel = ET.fromstring(client.get("/agenda/rss/").content).find("channel")
    assert len(channel.findall("item")) == 14
