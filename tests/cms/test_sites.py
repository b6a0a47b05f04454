"""``cms.sites``: the request's Wagtail Site without a query per request, and never a stale one: a Site changed
(here or in another process, through the shared content version) is asked again at the next request."""

import pytest
from django.http import HttpResponse
from django.test import RequestFactory
from wagtail.models import Site

from cms.cache import bump_content_version
from cms.sites import SiteMiddleware

pytestmark = pytest.mark.django_db


def site_seen(host="localhost"):
    """The Site a view sees through ``Site.find_for_request`` behind ``SiteMiddleware``, and its root page."""
    seen = {}

    def view(request):
        seen["site"] = Site.find_for_request(request)
        seen["root"] = seen["site"].root_page if seen["site"] else None
        return HttpResponse()

    SiteMiddleware(view)(RequestFactory().get("/", HTTP_HOST=host))
    return seen["site"], seen["root"]


def test_a_known_site_costs_no_query(home, django_assert_num_queries):
    first, first_root = site_seen()
    assert first_root.pk == home.pk
    with django_assert_num_queries(0):
        again, again_root = site_seen()
    assert again.pk == first.pk and again_root.pk == home.pk
    assert again is not first and again_root is not first_root  # each request its own copy


def test_a_view_that_needs_no_site_costs_no_query(home, django_assert_num_queries):
    def view(request):
        return HttpResponse()

    with django_assert_num_queries(0):
        SiteMiddleware(view)(RequestFactory().get("/", HTTP_HOST="localhost"))


def test_a_changed_site_is_seen_at_the_next_request(home):
    assert site_seen()[0].site_name != "Renommé"
    site = Site.objects.get(is_default_site=True)
    site.site_name = "Renommé"
    site.save()  # bumps the content version (cms.apps)
    assert site_seen()[0].site_name == "Renommé"


def test_another_process_change_is_seen_through_the_shared_version(home):
    site_seen()
    Site.objects.filter(is_default_site=True).update(site_name="Ailleurs")  # no signal here: another process
    bump_content_version()  # ... whose save bumped the shared version
    assert site_seen()[0].site_name == "Ailleurs"


def test_an_unknown_host_gets_the_default_site_as_in_wagtail(home):
    request = RequestFactory().get("/", HTTP_HOST="inconnu.example")
    assert site_seen("inconnu.example")[0].pk == Site._find_for_request(request).pk
