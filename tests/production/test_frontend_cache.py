"""A CDN or caching proxy in front: what it may keep (Cache-Control), and what is purged when content changes."""

import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest
from django.conf import settings
from django.contrib.auth.models import Group
from django.test import override_settings
from wagtail.models import PageViewRestriction

from tests.factories import TrajetPageFactory, open_event


def assert_public(response):
    assert response.status_code == 200
    cache_control = {part.strip() for part in response["Cache-Control"].split(",")}
    assert cache_control == {"public", "max-age=60", "s-maxage=300"}, response["Cache-Control"]
    assert not response.cookies


def assert_private(response):
    cache_control = {part.strip() for part in response["Cache-Control"].split(",")}
    assert {"private", "no-cache"} <= cache_control, response["Cache-Control"]
    assert "public" not in cache_control


# -- Cache-Control --------------------------------------------------------------------------------------------


def test_anonymous_pages_are_public_for_shared_caches(client, demo_upcoming):
    translations = demo_upcoming["translations"]
    for page in (
        demo_upcoming["home"],
        demo_upcoming["agenda"],
        translations["nl"]["agenda"],
        translations["en"]["agenda"],
        demo_upcoming["trajet"],
        demo_upcoming["activities"][0],
    ):
        assert_public(client.get(page.url))


def test_logged_in_users_get_private_pages(client, demo_upcoming, partner):
    client.force_login(partner)
    assert_private(client.get(demo_upcoming["agenda"].url))
    assert_private(client.get(demo_upcoming["meeting"].url))


def test_restricted_pages_are_never_public(client, demo_upcoming):
    response = client.get(demo_upcoming["meeting"].url)
    assert response.status_code == 302  # to the login
    assert_private(response)
    assert_private(client.get(demo_upcoming["minutes_index"].url))


def test_visitors_with_a_session_or_a_form_get_private_pages(client, agenda):
    page = open_event(TrajetPageFactory(parent=agenda))
    assert_private(client.get(page.url))  # the registration form holds the visitor's CSRF token
    client.cookies[settings.SESSION_COOKIE_NAME] = "some-session"
    assert_private(client.get(agenda.url))


def test_errors_and_posts_are_private(client, demo_upcoming):
    assert_private(client.get("/fr/nowhere/"))
    assert_private(client.post(demo_upcoming["agenda"].url))


def test_outputs_and_health_keep_their_own_headers(client, demo_upcoming):
    assert client.get("/agenda/rss/")["Cache-Control"] == "public, max-age=600"
    assert "no-store" in client.get("/health/")["Cache-Control"]


# -- purging ----------------------------------------------------------------------------------------------------


@pytest.fixture
def purge_server():
    """An HTTP cache stand-in on loopback that records the PURGE requests it receives as (Host, path)."""
    received = []

    class Handler(BaseHTTPRequestHandler):
        def do_PURGE(self):  # noqa: N802
            received.append((self.headers["Host"], self.path))
            self.send_response(200)
            self.end_headers()

        def log_message(self, *args):
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    backend = {
        "http": {
            "BACKEND": "cms.frontend_cache.HTTPBackend",
            "LOCATION": f"http://127.0.0.1:{server.server_address[1]}",
        }
    }
    with override_settings(WAGTAILFRONTENDCACHE=backend):
        yield received
    server.shutdown()
    server.server_close()


def paths(received):
    return {path for _, path in received}


def test_publishing_purges_the_page_the_listings_and_the_outputs(demo_upcoming, purge_server):
    job_day = demo_upcoming["activities"][6]
    job_day.title = "Job Day d'Uccle"
    job_day.save_revision().publish()
    purged = paths(purge_server)
    assert job_day.url in purged
    for code in ("fr", "nl", "en"):
        assert f"/{code}/agenda/" in purged and f"/{code}/" in purged
    assert {"/agenda/rss/", "/agenda/atom/", "/agenda/ical/", "/agenda/embed/"} <= purged
    assert {host for host, _ in purge_server} == {"localhost"}


def test_unpublishing_and_deleting_purge(demo_upcoming, purge_server):
    job_day, cv = demo_upcoming["activities"][6], demo_upcoming["activities"][0]
    job_day_url, cv_url = job_day.url, cv.url
    job_day.unpublish()
    assert job_day_url in paths(purge_server) and "/nl/agenda/" in paths(purge_server)
    purge_server.clear()
    cv.delete()
    assert cv_url in paths(purge_server) and "/en/agenda/" in paths(purge_server)


def test_restricting_purges_the_page_and_its_translations(demo_upcoming, purge_server):
    trajet = demo_upcoming["trajet"]
    activity = demo_upcoming["activities"][0]
    restriction = PageViewRestriction.objects.create(page=trajet, restriction_type=PageViewRestriction.GROUPS)
    restriction.groups.add(Group.objects.get(name=settings.PARTNERS_GROUP_NAME))
    purged = paths(purge_server)
    assert trajet.url in purged and activity.url in purged
    assert demo_upcoming["translations"]["nl"]["trajet"].url in purged
    assert "/fr/agenda/" in purged


def test_nothing_is_purged_without_a_front_end_cache(demo_upcoming, django_assert_max_num_queries):
    assert settings.WAGTAILFRONTENDCACHE == {}
    from cms.frontend_cache import purge_after_change

    with django_assert_max_num_queries(0):
        purge_after_change([demo_upcoming["trajet"]], with_descendants=True)
