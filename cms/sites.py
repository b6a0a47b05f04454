"""The Wagtail ``Site`` of a request without a query on each request.

Wagtail's ``Site.find_for_request`` asks the database on every request that needs the site (the site for the
hostname and port, with its root page) and keeps the answer on the request (``request._wagtail_site``).
``SiteMiddleware`` keeps those answers in a per-process table for one content version (``cms.cache.content_version``,
shared by every worker and server through the cache) and gives them to the next requests: any change of a
``Site`` bumps that version (``cms.apps``), so every process asks again. The first request of a version that
needs the site pays the query, as before; no request pays one it did not need. Each request gets its own copy of
the site and of its root page, built from their fields only: nothing one request caches on them reaches another.
"""

import copy

from django.http.request import split_domain_port
from wagtail.models import Page, Site

from .cache import content_version

_known = {"version": None, "sites": {}}
# Hostnames come from the request's Host header (checked against ALLOWED_HOSTS later, as Wagtail does): a bounded
# table, so that made-up hostnames cannot grow it.
MAX_HOSTS = 64


def _fields_only(instance, model):
    """A copy of ``instance`` (a saved ``model`` row) with its concrete fields and nothing cached on it."""
    clean = model(**{field.attname: getattr(instance, field.attname) for field in model._meta.concrete_fields})
    clean._state.adding, clean._state.db = False, instance._state.db
    return clean


def _clean(site):
    if site is None:
        return None
    clean = _fields_only(site, Site)
    if Site.root_page.is_cached(site):
        clean.root_page = _fields_only(site.root_page, Page)
    return clean


def _table():
    version = content_version()
    if _known["version"] != version:
        _known["version"], _known["sites"] = version, {}
    return _known["sites"]


class SiteMiddleware:
    """Sets ``request._wagtail_site`` from the table when this process already knows the site of this hostname
    and port for the current content version; otherwise lets Wagtail find it and keeps what it found."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        known = _table()
        key = (split_domain_port(request._get_raw_host())[0], request.get_port())
        if key in known:
            request._wagtail_site = copy.deepcopy(known[key])
        response = self.get_response(request)
        if key not in known and hasattr(request, "_wagtail_site") and len(known) < MAX_HOSTS:
            known[key] = _clean(request._wagtail_site)
        return response
