"""The public agenda: filters against the seed's demo content, upcoming/past, pagination, bad input, query bound."""

import datetime as dt
import re

import pytest
import time_machine
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext

from events.agenda import AgendaFilters
from events.models import ScheduledPage

from .factories import EventPageFactory, TrajetPageFactory, VisitPageFactory, brussels

HORECA = "Découverte des métiers de l'horéca"
FOREST = {"Create your job", HORECA, "Apprendre le néerlandais autrement"}
UCCLE = {"Ouvrir le champ des possibles", "Les métiers de l'aide aux seniors", HORECA, "Job Day"}


def titles(response):
    """The activity titles listed on an agenda page response, in order."""
    found = re.findall(r'<h3 class="agenda-item__title"><a href="[^"]+">([^<]+)</a></h3>', response.text)
    return [title.replace("&#x27;", "'") for title in found]


def count_heading(response):
    match = re.search(r'id="results-title"[^>]*>\s*([^<]+?)\s*</h2>', response.text)
    return match.group(1)


@pytest.fixture
def agenda_url(demo_upcoming):
    return demo_upcoming["agenda"].url


def test_agenda_without_prefix_redirects_to_french(client, demo_upcoming):
    response = client.get("/agenda/")
    assert response.status_code == 302
    assert response["Location"] == "/fr/agenda/"


def test_lists_everything_upcoming_soonest_first(client, demo_upcoming, agenda_url):
    response = client.get(agenda_url)
    listed = titles(response)
    assert len(listed) == 10  # nine activities and the visit day
    assert listed[0] == "Conférence « Refaire le monde du travail » avec Smart"
    starts = [page.start for page in ScheduledPage.objects.agenda(None)]
    assert starts == sorted(starts)
    assert count_heading(response) == "10 résultats"


def test_commune_forest_gives_the_three_activities_touching_forest(client, agenda_url):
    assert set(titles(client.get(agenda_url, {"commune": "forest"}))) == FOREST


def test_commune_uccle_gives_four(client, agenda_url):
    assert set(titles(client.get(agenda_url, {"commune": "uccle"}))) == UCCLE


def test_horeca_day_matches_each_of_its_communes(client, agenda_url):
    for slug in ("uccle", "forest", "saint-gilles"):
        assert HORECA in titles(client.get(agenda_url, {"commune": slug}))
    assert HORECA not in titles(client.get(agenda_url, {"commune": "ixelles"}))


def test_phase_filter(client, agenda_url):
    assert len(titles(client.get(agenda_url, {"phase": "orientation"}))) == 3
    assert len(titles(client.get(agenda_url, {"phase": "decouverte-metiers"}))) == 3
    assert set(titles(client.get(agenda_url, {"phase": "outillage"}))) == {
        "Job Day",
        "Apprendre le néerlandais autrement",
        "Les réseaux sociaux pour chercher un emploi",
    }


def test_type_filter(client, agenda_url):
    assert titles(client.get(agenda_url, {"type": "visit"})) == ["Journée de rencontre autour de l'économie sociale"]
    assert len(titles(client.get(agenda_url, {"type": "activity"}))) == 9


def test_filters_combine(client, agenda_url):
    assert titles(client.get(agenda_url, {"commune": "forest", "phase": "decouverte-metiers"})) == [HORECA]
    assert titles(client.get(agenda_url, {"commune": "forest", "type": "visit"})) == []
    assert titles(client.get(agenda_url, {"commune": "molenbeek-saint-jean", "type": "visit"})) == [
        "Journée de rencontre autour de l'économie sociale"
    ]


def test_date_range_uses_brussels_days(client, demo_upcoming, agenda_url):
    monday = demo_upcoming["trajet"].start_date
    response = client.get(agenda_url, {"from": monday.isoformat(), "to": (monday + dt.timedelta(days=4)).isoformat()})
    assert set(titles(response)) == {
        "Conférence « Refaire le monde du travail » avec Smart",
        "Create your job",
        "Ouvrir le champ des possibles",
    }
    # One single day: the Wednesday of the first week.
    wednesday = (monday + dt.timedelta(days=2)).isoformat()
    assert titles(client.get(agenda_url, {"from": wednesday, "to": wednesday})) == ["Create your job"]


def test_empty_result_says_so_and_links_to_past(client, agenda_url):
    response = client.get(agenda_url, {"commune": "jette"})
    assert count_heading(response) == "Aucun résultat"
    assert "Aucune activité à venir ne correspond à ces critères." in response.text
    assert 'href="?commune=jette&amp;when=past"' in response.text


def test_filter_form_comes_before_results(client, agenda_url):
    text = client.get(agenda_url).text
    assert text.index('<form method="get" class="filters"') < text.index('id="results-title"')


def test_past_archive_newest_first(client, demo):
    url = demo["agenda"].url
    assert titles(client.get(url)) == []
    past = titles(client.get(url, {"when": "past"}))
    assert len(past) == 10
    assert past[0] == "Les réseaux sociaux pour chercher un emploi"  # Wednesday 24 May 2017, the last one
    assert past[-1] == "Conférence « Refaire le monde du travail » avec Smart"


@pytest.mark.parametrize(
    "moment, expected_upcoming",
    [
        (brussels(2017, 5, 18, 8, 0), True),  # before the visit day
        (brussels(2017, 5, 18, 12, 0), True),  # in progress: still upcoming
        (brussels(2017, 5, 18, 16, 30), True),  # the very end
        (brussels(2017, 5, 18, 16, 31), False),  # ended
    ],
)
def test_upcoming_until_ended(client, demo, moment, expected_upcoming):
    url = demo["agenda"].url
    visit = "Journée de rencontre autour de l'économie sociale"
    with time_machine.travel(moment, tick=False):
        upcoming = titles(client.get(url, {"type": "visit"}))
        past = titles(client.get(url, {"type": "visit", "when": "past"}))
    assert (visit in upcoming) is expected_upcoming
    assert (visit in past) is not expected_upcoming


@pytest.fixture
def many(agenda):
    """25 upcoming activities in a trajet, one a day from tomorrow."""
    trajet = TrajetPageFactory(parent=agenda)
    start = dt.datetime.now(dt.UTC).replace(microsecond=0) + dt.timedelta(days=1)
    for n in range(25):
        EventPageFactory(parent=trajet, title=f"Activité {n:02d}", start=start + dt.timedelta(days=n))
    return agenda


def test_pagination_twenty_a_page(client, many):
    first = client.get(many.url)
    assert count_heading(first) == "25 résultats"
    assert titles(first) == [f"Activité {n:02d}" for n in range(20)]
    assert "Page 1 sur 2" in first.text
    second = client.get(many.url, {"page": "2"})
    assert titles(second) == [f"Activité {n:02d}" for n in range(20, 25)]


@pytest.mark.parametrize("page", ["abc", "0", "-1", "\x00", "99999999999999999999", "2.5"])
def test_bad_page_numbers_fall_back(client, many, page):
    response = client.get(many.url, {"page": page})
    assert response.status_code == 200
    assert len(titles(response)) in (20, 5)


@pytest.mark.parametrize(
    "params, error",
    [
        ({"commune": "<script>alert(1)</script>"}, "Commune"),
        ({"commune": "\x00"}, "Commune"),
        ({"phase": "x\x00y"}, "Phase"),
        ({"type": "<b>bold</b>"}, "Type"),
        ({"from": "2017-13-45"}, "À partir du"),
        ({"to": "\x00"}, "Jusqu&#x27;au"),
        ({"when": "<script>"}, "Période"),
    ],
)
def test_malformed_values_are_reported_not_fatal(client, agenda_url, params, error):
    response = client.get(agenda_url, params)
    assert response.status_code == 200
    assert "Certains filtres n'ont pas été compris et sont ignorés" in response.text
    assert f"<li>{error}\u00a0:" in response.text
    # The page's only script is its own file (the filters' enhancement): any other would be reflected input.
    assert re.findall(r"<script[^>]*>", response.text) == ['<script src="/static/events/js/agenda-filters.js" defer>']
    assert "<b>bold</b>" not in response.text
    assert "\x00" not in response.text
    # The filter is ignored, the rest of the agenda still shows.
    assert len(titles(response)) == 10


def test_to_before_from_is_an_error(client, agenda_url):
    response = client.get(agenda_url, {"from": "2030-01-10", "to": "2030-01-01"})
    assert "La date de fin doit suivre la date de début." in response.text


def test_filters_keep_their_values_in_the_form(client, agenda_url):
    response = client.get(agenda_url, {"commune": "forest", "phase": "outillage"})
    assert '<option value="forest" selected>Forest</option>' in response.text
    assert '<option value="outillage" selected>Outillage</option>' in response.text


def _queries_for(client, url):
    cache.clear()  # measure the page's own work, not the anonymous cache
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200
    return len(queries), response


def _fill(agenda, count):
    trajet = TrajetPageFactory(parent=agenda)
    start = dt.datetime.now(dt.UTC) + dt.timedelta(days=1)
    for n in range(count):
        if n % 5 == 4:
            VisitPageFactory(parent=agenda, start=start + dt.timedelta(hours=n))
        else:
            EventPageFactory(parent=trajet, start=start + dt.timedelta(hours=n))


@pytest.mark.parametrize("count", [5, 60])
def test_query_count_is_bounded(client, agenda, count, django_assert_max_num_queries):
    _fill(agenda, count)
    client.get(agenda.url)  # warm the per-process caches (site root paths, content types)
    with django_assert_max_num_queries(20):
        response = client.get(agenda.url, {"commune": "forest"})
    assert len(titles(response)) == min(count - count // 5, 20)  # every fifth item is a visit in Molenbeek


def test_query_count_does_not_grow_with_items(client, agenda):
    _fill(agenda, 5)
    client.get(agenda.url)
    few, _ = _queries_for(client, agenda.url)
    _fill(agenda, 55)
    many, response = _queries_for(client, agenda.url)
    assert len(titles(response)) == 20
    assert many == few


def test_agenda_queryset_is_the_one_filter(demo_upcoming):
    """The query the page uses, called directly (the API and feeds call it the same way)."""
    forest = ScheduledPage.objects.agenda(None, AgendaFilters(commune="forest"))
    assert {page.title for page in forest} == FOREST
    assert ScheduledPage.objects.agenda(None, AgendaFilters(commune="forest", past=True)).count() == 0
