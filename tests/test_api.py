"""The Wagtail API v2 at /api/v2/: the facts of activities and visits, the agenda filters, 400 on bad input,
and nothing restricted for those who may not see it."""

import datetime as dt

import pytest
import time_machine
import wagtail_factories
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import translation

from events.filters import API_DOOR, OUTPUTS_DOOR, PAGE_DOOR, parse_filters
from events.models import EventPage
from minutes.models import minutes_collection

from . import agenda_scenario
from .factories import EventPageFactory, brussels, commune, translate

API = "/api/v2/pages/"


@pytest.fixture
def pages(home, agenda):
    return agenda_scenario.build(home, agenda)


def get_json(client, url, status=200):
    response = client.get(url)
    assert response.status_code == status, response.content[:500]
    assert response["Content-Type"].startswith("application/json")
    return response.json()


def titles(data):
    return [item["title"] for item in data["items"]]


# --- The facts ---------------------------------------------------------------------------------------------


def test_event_detail_exposes_its_facts(client, pages):
    data = get_json(client, f"{API}{pages.cv.pk}/")
    assert data["meta"]["type"] == "events.EventPage"
    assert data["meta"]["locale"] == "fr"
    assert data["start"] == "2017-03-25T09:30:00+01:00"
    assert data["end"] == "2017-03-25T12:30:00+01:00"
    assert data["phase"] == {"value": "outillage", "label": "Outillage"}
    assert data["commune"] == {"slug": "forest", "name": "Forest"}
    assert data["other_communes"] == []
    assert data["venue"] == {
        "name": "Maison de l'emploi",
        "address": "Rue du Curé 2",
        "postcode": "1190",
        "commune": {"slug": "forest", "name": "Forest"},
    }
    assert data["capacity"] == 12
    assert data["places_left"] == 12
    assert data["registration"] == {"required": True, "how": "Par téléphone au 02 555 55 55", "open": False}
    assert data["organisers"] == [
        {"name": "Maison de l'emploi de Forest", "short_name": "MEF Forest", "website": "https://mef.example"},
        {"name": "Smart", "short_name": "", "website": ""},
    ]
    # Rich text as HTML, page links resolved.
    assert data["body"][0]["type"] == "paragraph"
    assert data["body"][0]["value"] == '<p>Voir <a href="/fr/agenda/">l\'agenda</a>.</p>'


def test_registration_is_open_before_the_end_only(client, pages):
    with time_machine.travel(brussels(2017, 3, 20, 12), tick=False):
        assert get_json(client, f"{API}{pages.cv.pk}/")["registration"]["open"] is True
        assert get_json(client, f"{API}{pages.dst.pk}/")["registration"]["open"] is False  # no registration


def test_summer_time_offset(client, pages):
    data = get_json(client, f"{API}{pages.dst.pk}/")
    assert data["start"] == "2017-03-26T09:30:00+02:00"
    assert data["other_communes"] == [{"slug": "forest", "name": "Forest"}, {"slug": "uccle", "name": "Uccle"}]
    assert data["venue"] is None
    assert data["capacity"] is None and data["places_left"] is None


def test_visit_detail_exposes_itinerary_and_meals(client, pages):
    data = get_json(client, f"{API}{pages.visit.pk}/")
    assert data["meta"]["type"] == "events.VisitPage"
    assert data["phase"] is None
    assert data["meeting_point"] == "Gare du Midi, sortie Fonsny"
    assert data["max_per_organisation"] == 2
    assert data["itinerary"] == [
        {"time": "08:30", "place": "MEF de Molenbeek", "address": "Rue Ransfort 27", "description": "Accueil"},
        {"time": "13:00", "place": "Atelier", "address": "", "description": ""},
    ]
    assert data["meals"] == [{"label": "Plat du jour", "price": "12.50", "currency": "EUR"}]
    assert data["other_communes"] == [{"slug": "bruxelles", "name": "Bruxelles"}]
    assert data["organisers"][0]["short_name"] == "MEF Forest"


def test_listing_with_all_fields(client, pages):
    data = get_json(client, f"{API}?type=events.EventPage&fields=*&order=start")
    assert titles(data) == [pages.cv.title, pages.dst.title, pages.october.title]
    assert data["items"][1]["start"] == "2017-03-26T09:30:00+02:00"
    assert data["items"][0]["commune"]["slug"] == "forest"


def test_listing_runs_a_fixed_number_of_queries(client, pages, django_assert_max_num_queries):
    url = f"{API}?type=events.EventPage&fields=*"

    def count():
        with CaptureQueriesContext(connection) as queries:
            assert client.get(url).status_code == 200
        return len(queries)

    count()  # caches warmed (content types, site root paths)
    before = count()
    for day in range(1, 6):
        page = EventPageFactory(parent=pages.trajet, start=brussels(2017, 6, day, 9), commune=commune("uccle"))
        agenda_scenario.link(page, communes=["forest"], organisers=[pages.mef])
    assert count() == before
    with django_assert_max_num_queries(before):
        client.get(url)


def test_api_answers_other_origins(client, pages):
    assert client.get(API)["Access-Control-Allow-Origin"] == "*"


# --- Agenda filters ----------------------------------------------------------------------------------------


def test_commune_filter_matches_main_and_other_communes(client, pages):
    data = get_json(client, f"{API}?type=events.EventPage&commune=forest")
    assert titles(data) == [pages.cv.title, pages.dst.title]  # soonest first; the restricted one is absent


def test_commune_filter_without_type_covers_activities_and_visits(client, pages):
    assert titles(get_json(client, f"{API}?commune=molenbeek-saint-jean")) == [pages.visit.title]
    assert titles(get_json(client, f"{API}?type=events.VisitPage&commune=bruxelles")) == [pages.visit.title]


def test_agenda_filters_with_several_types_or_the_common_type(client, pages):
    expected = [pages.cv.title, pages.dst.title, pages.visit.title]
    assert titles(get_json(client, f"{API}?type=events.EventPage,events.VisitPage&to=2017-05-31")) == expected
    data = get_json(client, f"{API}?type=events.ScheduledPage&to=2017-05-31&fields=start")
    assert titles(data) == expected
    assert data["items"][2]["start"] == "2017-05-18T08:30:00+02:00"


def test_phase_filter(client, pages):
    assert titles(get_json(client, f"{API}?type=events.EventPage&phase=decouverte-metiers")) == [pages.october.title]


def test_upcoming_filter(client, pages):
    with time_machine.travel(brussels(2017, 3, 26, 10), tick=False):  # "Portes ouvertes" is in progress
        data = get_json(client, f"{API}?upcoming=true")
        assert titles(data) == [pages.dst.title, pages.visit.title, pages.october.title]
        assert len(get_json(client, f"{API}?upcoming=false")["items"]) == 4


def test_from_to_filters_are_brussels_days(client, pages):
    data = get_json(client, f"{API}?from=2017-03-26&to=2017-05-18")
    assert titles(data) == [pages.dst.title, pages.visit.title]


def test_agenda_filters_combine_with_search_order_and_locale(client, pages):
    data = get_json(client, f"{API}?type=events.EventPage&commune=forest&order=-start&locale=fr")
    assert titles(data) == [pages.dst.title, pages.cv.title]
    data = get_json(client, f"{API}?type=events.EventPage&commune=forest&search=portes")
    assert titles(data) == [pages.dst.title]
    data = get_json(client, f"{API}?type=events.EventPage&commune=forest&limit=1&offset=1")
    assert data["meta"]["total_count"] == 2 and titles(data) == [pages.dst.title]


def test_locale_filter_and_translations(client, pages):
    translation = translate(pages.cv, "nl")
    translation.title = "Workshop cv"
    translation.save_revision().publish()
    data = get_json(client, f"{API}?type=events.EventPage&locale=nl&fields=start")
    assert titles(data) == ["Workshop cv"]
    assert data["items"][0]["meta"]["locale"] == "nl"
    assert data["items"][0]["start"] == "2017-03-25T09:30:00+01:00"
    assert len(get_json(client, f"{API}?type=events.EventPage&locale=fr")["items"]) == 3


def test_status_is_a_field_and_a_filter(client, pages):
    cancelled = EventPage.objects.get(pk=pages.cv.pk)
    cancelled.status = "cancelled"
    cancelled.save_revision().publish()
    data = get_json(client, f"{API}?type=events.EventPage&locale=fr&fields=status&status=cancelled")
    assert [(item["title"], item["status"]) for item in data["items"]] == [(cancelled.title, "cancelled")]
    others = get_json(client, f"{API}?type=events.EventPage&locale=fr&fields=status&status=scheduled")["items"]
    assert others and {item["status"] for item in others} == {"scheduled"}
    assert get_json(client, f"{API}{cancelled.pk}/")["status"] == "cancelled"


# --- Bad input: 400 with a JSON message, never a 500 -------------------------------------------------------

BAD_QUERIES = [
    ("commune=nowhere", "commune 'nowhere' is unknown"),
    ("commune=for%00est", "null characters"),
    ("phase=cuisine", "phase must be one of"),
    ("phase=%00", "null characters"),
    ("upcoming=maybe", "upcoming must be 'true' or 'false'"),
    ("upcoming=tr%00ue", "null characters"),
    ("status=annulee", "status must be one of: scheduled, cancelled, postponed"),
    ("status=", "status must be one of"),
    ("from=2017-02-30", "from must be a date YYYY-MM-DD"),
    ("from=2017-W12-1", "from must be a date YYYY-MM-DD"),
    ("from=%00", "null characters"),
    ("to=tomorrow", "to must be a date YYYY-MM-DD"),
    ("to=2017-03-01%00", "null characters"),
    ("from=2017-05-01&to=2017-04-01", "to must not be before from"),
    ("commune=forest&type=home.HomePage", "apply to types events.EventPage and events.VisitPage only"),
    ("limit=abc", "limit must be a positive integer"),
    ("limit=-1", "limit must be a positive integer"),
    ("limit=1000", "limit cannot be higher than"),
    ("limit=%00", "null characters"),
    ("offset=-1", "offset must be a positive integer"),
    ("offset=x", "offset must be a positive integer"),
    ("order=xx", "cannot order by 'xx'"),
    ("order=%00", "null characters"),
    ("order=random&offset=3", "random ordering with offset"),
    ("locale=zz", "locale must be one of"),
    ("locale=%00", "null characters"),
    ("search=%00", "null characters"),
    ("search=cv&search_operator=xor", "search_operator must be 'and' or 'or'"),
    ("type=events.Nothing", "type doesn't exist"),
    ("type=%00", "null characters"),
    ("fields=nothing", "unknown fields: nothing"),
    ("fields=(", "fields error"),
    ("id=abc", "is not a valid value for id"),
    ("id=%00", "null characters"),
    ("child_of=abc", "child_of must be a positive integer"),
    ("child_of=999999", "parent page doesn't exist"),
    ("descendant_of=-4", "descendant_of must be a positive integer"),
    ("translation_of=x", "translation_of must be a positive integer"),
    ("site=nowhere.example", "no site matches"),
    ("site=localhost:http", "site port must be a number"),
    ("slug=%00", "null characters"),
    ("first_published_at=yesterday", "is not a valid value for first_published_at"),
    ("show_in_menus=perhaps", "is not a valid value for show_in_menus"),
    ("type=events.EventPage&start=soon", "is not a valid value for start"),
    ("type=events.EventPage&capacity=many", "is not a valid value for capacity"),
    ("type=events.EventPage&venue=abc", "is not a valid value for venue"),
    ("colour=blue", "not an operation or a recognised field: colour"),
    ("%00=1", "null characters"),
]


@pytest.mark.parametrize("query,message", BAD_QUERIES)
def test_bad_listing_query_is_a_400_with_a_message(client, pages, query, message):
    data = get_json(client, f"{API}?{query}", status=400)
    assert message in data["message"]


# --- One rule for every door: the agenda page, its outputs and the API (events.filters) ---------------------


def test_every_door_refuses_a_value_by_the_same_rule():
    query = {"commune": "forest", "phase": "cuisine", "from": "2017-03-01"}
    for door in (PAGE_DOOR, OUTPUTS_DOOR, API_DOOR):
        parsed = parse_filters(query, door, communes=["forest"])
        assert [(error.parameter, error.code) for error in parsed.errors] == [("phase", "invalid_choice")]
        # The refused value is dropped, the others kept.
        assert (parsed.filters.commune, parsed.filters.phase) == ("forest", None)
        assert parsed.filters.date_from == dt.date(2017, 3, 1)


def test_people_doors_are_lenient_the_api_strict():
    """An empty value is "not given" and a day may be written the local way for people, not for programs."""
    with translation.override("fr"):
        assert parse_filters({"phase": "", "from": "25/03/2017"}, PAGE_DOOR, communes=[]).errors == ()
        refused = parse_filters({"phase": "", "from": "25/03/2017"}, API_DOOR, communes=[]).errors
    assert [(error.parameter, error.code) for error in refused] == [("phase", "invalid_choice"), ("from", "invalid")]


@pytest.mark.parametrize(
    "query, label, api_message",
    [
        ({"phase": "cuisine"}, "Phase", "phase must be one of"),
        ({"commune": "nowhere"}, "Commune", "commune 'nowhere' is unknown"),
        ({"from": "2017-02-30"}, "À partir du", "from must be a date YYYY-MM-DD"),
        ({"to": "9999-12-31"}, "Jusqu&#x27;au", "to must be a date YYYY-MM-DD"),
        ({"from": "2017-05-01", "to": "2017-04-01"}, "Jusqu&#x27;au", "to must not be before from"),
    ],
)
def test_a_bad_value_gets_each_doors_answer(client, agenda, pages, query, label, api_message):
    (error,) = parse_filters(query, PAGE_DOOR, communes=["forest"]).errors
    page = client.get(agenda.url, query)
    assert page.status_code == 200
    assert "Certains filtres n'ont pas été compris et sont ignorés" in page.text
    assert f"<li>{label}\u00a0: " in page.text
    api = client.get(API, query)
    assert api.status_code == 400
    assert api_message in api.json()["message"]
    feed = client.get("/agenda/rss/", query)
    assert feed.status_code == 400
    assert feed.content.decode().startswith(f"{error.parameter}: ")


@pytest.mark.parametrize(
    "url,message",
    [
        ("find/?id=abc", "id must be an integer"),
        ("find/?id=%00", "null characters"),
        ("find/?html_path=%00", "null characters"),
        ("1/?fields=%00", "null characters"),
    ],
)
def test_bad_find_or_detail_query_is_a_400(client, pages, url, message):
    assert message in get_json(client, f"{API}{url}", status=400)["message"]


@pytest.mark.parametrize("endpoint", ["images", "documents"])
@pytest.mark.parametrize(
    "query,message",
    [
        ("limit=abc", "limit must be a positive integer"),
        ("offset=-1", "offset must be a positive integer"),
        ("order=xx", "cannot order by 'xx'"),
        ("search=%00", "null characters"),
        ("title=%00", "null characters"),
        ("id=abc", "is not a valid value for id"),
        ("locale=fr", "not an operation or a recognised field: locale"),
    ],
)
def test_bad_media_query_is_a_400(client, db, endpoint, query, message):
    assert message in get_json(client, f"/api/v2/{endpoint}/?{query}", status=400)["message"]


def test_search_with_a_stray_quote_is_not_an_error(client, pages):
    data = get_json(client, f"{API}?search=%22atelier")
    assert pages.cv.title in titles(data)


# --- Privacy -----------------------------------------------------------------------------------------------

HIDDEN = ("Espace partenaires", "Réunion du comité confidentielle", "Atelier réservé aux partenaires")


def test_anonymous_listing_hides_restricted_pages(client, pages):
    data = get_json(client, f"{API}?limit=20")
    assert pages.cv.title in titles(data)
    assert not set(HIDDEN) & set(titles(data))
    assert get_json(client, f"{API}?type=minutes.MeetingPage")["meta"]["total_count"] == 0
    assert get_json(client, f"{API}?type=events.EventPage&commune=forest&upcoming=false")["meta"]["total_count"] == 2


@pytest.mark.parametrize("words", ["confidentielle", "partenaires", "réservé"])
def test_anonymous_search_finds_nothing_restricted(client, pages, words):
    data = get_json(client, f"{API}?search={words}")
    assert not set(HIDDEN) & set(titles(data))


@pytest.mark.parametrize("name", ["minutes", "meeting", "secret"])
def test_anonymous_detail_and_find_of_restricted_pages_are_404(client, pages, name):
    page = getattr(pages, name)
    assert get_json(client, f"{API}{page.pk}/", status=404)["message"]
    assert get_json(client, f"{API}find/?id={page.pk}", status=404)["message"] == "not found"
    assert get_json(client, f"{API}?child_of={page.pk}", status=400)["message"] == "parent page doesn't exist"


def test_anonymous_find_by_path_of_minutes_is_404(client, pages):
    response = client.get(f"{API}find/?html_path=/espace-partenaires/reunion-comite/")
    assert response.status_code == 404


def test_logged_in_non_partner_does_not_see_the_minutes(client, pages, non_partner):
    client.force_login(non_partner)
    assert client.get(f"{API}{pages.meeting.pk}/").status_code == 404
    assert client.get(f"{API}{pages.secret.pk}/").status_code == 200  # a login restriction only


def test_partner_sees_the_minutes(client, pages, partner):
    client.force_login(partner)
    assert get_json(client, f"{API}{pages.meeting.pk}/")["title"] == "Réunion du comité confidentielle"


@pytest.fixture
def documents(db, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    public = wagtail_factories.DocumentFactory(title="Programme du trajet")
    annex = wagtail_factories.DocumentFactory(title="Annexe du procès-verbal", collection=minutes_collection())
    return public, annex


def test_documents_of_the_minutes_are_not_listed_or_served_to_anonymous(client, documents):
    public, annex = documents
    data = get_json(client, "/api/v2/documents/")
    assert titles(data) == ["Programme du trajet"]
    assert get_json(client, "/api/v2/documents/?search=annexe")["items"] == []
    get_json(client, f"/api/v2/documents/{annex.pk}/", status=404)
    assert client.get(annex.url).status_code != 200  # redirected to the login page
    assert client.get(public.url).status_code == 200


def test_partner_lists_the_minutes_documents(client, documents, partner):
    client.force_login(partner)
    assert sorted(titles(get_json(client, "/api/v2/documents/"))) == ["Annexe du procès-verbal", "Programme du trajet"]


def test_images_endpoint_answers(client, db, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    wagtail_factories.ImageFactory(title="Affiche")
    wagtail_factories.ImageFactory(title="Photo de réunion", collection=minutes_collection())
    assert titles(get_json(client, "/api/v2/images/")) == ["Affiche"]


def test_days_are_local_days(client, pages):
    """``to=2017-03-25`` includes the whole Brussels day, not a UTC one."""
    late = EventPageFactory(
        parent=pages.trajet,
        title="Soirée",
        start=brussels(2017, 3, 25, 23, 30),
        end=brussels(2017, 3, 25, 23, 50),
        commune=commune("forest"),
    )
    data = get_json(client, f"{API}?to=2017-03-25")
    assert titles(data) == [pages.cv.title, late.title]
