"""Anonymous visitors get cached pages and outputs, answered before routing; any change shows at once; nothing
private is stored or served from the cache (cms.page_cache)."""

import datetime as dt

import pytest
from django.contrib.messages import constants as message_levels
from django.contrib.messages.storage.base import Message
from django.contrib.messages.storage.cookie import CookieStorage
from django.db import connection
from django.test import RequestFactory, override_settings
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from wagtail.models import PageViewRestriction

from tests.factories import EventPageFactory, StandardPageFactory, TrajetPageFactory, open_event


def test_second_anonymous_visit_runs_no_query(client, demo_upcoming):
    url = demo_upcoming["agenda"].url
    client.get(url)
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200
    assert "10 résultats" in response.text
    # Answered before routing: not even the site, the locale or the page tree is looked up.
    assert not queries.captured_queries


def test_publishing_invalidates_the_cache(client, demo_upcoming):
    url = demo_upcoming["agenda"].url
    assert "Job Day" in client.get(url).text
    job_day = demo_upcoming["activities"][6]
    job_day.title = "Job Day d'Uccle"
    job_day.save_revision().publish()
    assert "Job Day d&#x27;Uccle" in client.get(url).text
    job_day.unpublish()
    assert "Job Day" not in client.get(url).text


def test_logged_in_users_are_not_served_the_cache(client, demo_upcoming, partner):
    url = demo_upcoming["agenda"].url
    client.get(url)
    client.force_login(partner)
    assert "Se déconnecter" in client.get(url).text


# -- the page cache before routing (cms.page_cache) -------------------------------------------------------------


@pytest.fixture
def site_pages(agenda):
    """The public doors of a small site: home, agenda, a trajet, an activity without a form, a standard page."""
    trajet = TrajetPageFactory(parent=agenda, title="Trajet emploi 2030")
    start = timezone.now() + dt.timedelta(days=10)
    activity = EventPageFactory(parent=trajet, title="Atelier CV", start=start, end=start + dt.timedelta(hours=2))
    standard = StandardPageFactory(parent=agenda.get_parent(), title="Vie privée")
    return {"home": agenda.get_parent(), "agenda": agenda, "trajet": trajet, "activity": activity, "page": standard}


def without_x_cache(response):
    return {name: value for name, value in response.items() if name != "X-Cache"}


PAGES = ["home", "agenda", "trajet", "activity", "page"]
OUTPUTS = [
    "/agenda/rss/",
    "/agenda/atom/",
    "/agenda/ical/",
    "/agenda/embed/",
    "/api/v2/pages/?type=events.EventPage&fields=*",
]


@pytest.mark.parametrize("name", PAGES)
def test_a_hit_runs_no_query_and_keeps_the_headers(client, site_pages, name, django_assert_num_queries):
    url = site_pages[name].url
    miss = client.get(url)
    assert miss.status_code == 200 and miss["X-Cache"] == "miss"
    with django_assert_num_queries(0):
        hit = client.get(url)
    assert hit["X-Cache"] == "hit"
    assert hit.content == miss.content
    assert without_x_cache(hit) == without_x_cache(miss)
    assert "Content-Security-Policy" in hit and hit["Content-Language"] == "fr"
    assert "public" in hit["Cache-Control"]


@pytest.mark.parametrize("url", OUTPUTS)
def test_outputs_are_computed_once_per_content_version(client, site_pages, url, django_assert_num_queries):
    miss = client.get(url)
    assert miss.status_code == 200 and "Atelier CV" in miss.text
    with django_assert_num_queries(0):
        hit = client.get(url)
    assert hit.content == miss.content
    assert without_x_cache(hit) == without_x_cache(miss)
    site_pages["activity"].unpublish()
    assert "Atelier CV" not in client.get(url).text


def test_a_page_restricted_after_being_cached_is_never_served_from_the_cache(client, site_pages):
    activity, trajet = site_pages["activity"], site_pages["trajet"]
    for _ in range(2):
        assert client.get(activity.url).status_code == 200
    PageViewRestriction.objects.create(page=trajet, restriction_type=PageViewRestriction.LOGIN)
    response = client.get(activity.url)
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]
    assert "Atelier CV" not in client.get(site_pages["agenda"].url).text
    assert "Atelier CV" not in client.get("/agenda/rss/").text


def test_unpublish_publish_and_cancel_reach_the_cached_page(client, site_pages):
    activity = site_pages["activity"]
    url = activity.url
    client.get(url)
    assert client.get(url)["X-Cache"] == "hit"
    activity.status = "cancelled"
    activity.save_revision().publish()
    assert "Annulée" in client.get(url).text
    activity.unpublish()
    assert client.get(url).status_code == 404
    activity.title = "Atelier CV et lettre"
    activity.save_revision().publish()
    assert "Atelier CV et lettre" in client.get(url).text


def test_a_partner_never_gets_the_anonymous_copy_and_their_page_is_not_stored(client, site_pages, partner):
    url = site_pages["agenda"].url
    client.force_login(partner)
    first = client.get(url)
    assert "Se déconnecter" in first.text and "X-Cache" not in first
    client.logout()
    client.cookies.clear()
    anonymous = client.get(url)
    assert anonymous["X-Cache"] == "miss" and "Se déconnecter" not in anonymous.text
    assert client.get(url)["X-Cache"] == "hit"
    client.force_login(partner)
    again = client.get(url)
    assert "Se déconnecter" in again.text and "X-Cache" not in again


def test_a_page_that_sets_a_cookie_is_never_stored(client, site_pages):
    page = open_event(site_pages["trajet"])  # the registration form: the visitor's CSRF token and cookie
    for _ in range(2):
        response = client.get(page.url)
        assert response.status_code == 200 and response["X-Cache"] == "miss"
        assert "csrftoken" in response.cookies and 'name="csrfmiddlewaretoken"' in response.text
        client.cookies.clear()


@override_settings(SECURE_PROXY_SSL_HEADER=("HTTP_X_FORWARDED_PROTO", "https"))
def test_each_host_and_scheme_has_its_own_copy(client, site_pages):
    url = site_pages["agenda"].url
    other = client.get(url, HTTP_HOST="127.0.0.1:6666", HTTP_X_FORWARDED_PROTO="https")
    assert other["X-Cache"] == "miss" and "https://127.0.0.1:6666/agenda/rss/" in other.text
    ordinary = client.get(url)
    assert ordinary["X-Cache"] == "miss" and "127.0.0.1:6666" not in ordinary.text
    assert "127.0.0.1:6666" not in client.get(url).text
    http = client.get(url, HTTP_HOST="127.0.0.1:6666")
    assert http["X-Cache"] == "miss" and "http://127.0.0.1:6666/agenda/rss/" in http.text
    assert client.get(url, HTTP_HOST="127.0.0.1:6666", HTTP_X_FORWARDED_PROTO="https")["X-Cache"] == "hit"


def test_a_flash_message_is_shown_not_cached(client, site_pages):
    url = site_pages["agenda"].url
    client.get(url)
    storage = CookieStorage(RequestFactory().get(url))
    client.cookies["messages"] = storage._encode([Message(message_levels.SUCCESS, "Votre inscription est annulée.")])
    shown = client.get(url)
    assert "Votre inscription est annulée." in shown.text and "X-Cache" not in shown
    after = client.get(url)
    assert "Votre inscription est annulée." not in after.text and after["X-Cache"] == "hit"


def test_the_language_redirect_at_the_root_is_not_cached(client, site_pages):
    assert client.get("/", HTTP_ACCEPT_LANGUAGE="nl")["Location"].endswith("/nl/")
    assert client.get("/", HTTP_ACCEPT_LANGUAGE="en")["Location"].endswith("/en/")
    assert client.get("/", HTTP_ACCEPT_LANGUAGE="fr")["Location"].endswith("/fr/")


def test_the_api_answers_each_format_and_never_credentials_from_the_cache(client, site_pages):
    url = "/api/v2/pages/?type=events.EventPage"
    json = client.get(url)
    assert json["Content-Type"] == "application/json"
    assert client.get(url)["X-Cache"] == "hit"
    browsable = client.get(url, HTTP_ACCEPT="text/html")
    assert browsable["Content-Type"].startswith("text/html") and browsable["X-Cache"] == "miss"
    assert client.get(url)["Content-Type"] == "application/json"
    assert "X-Cache" not in client.get(url, HTTP_AUTHORIZATION="Basic cGFydG5lcjp4")
