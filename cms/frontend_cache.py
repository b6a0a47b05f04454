"""A CDN or caching proxy in front of the site: what it may keep, and purging it when content changes.

``CacheControlMiddleware`` marks what a shared cache may keep: an anonymous visitor's GET of a page that sets no
cookie, carries no CSRF token and answers 200 or 301 gets ``Cache-Control: public, max-age=PAGE_BROWSER_MAX_AGE,
s-maxage=PAGE_SHARED_MAX_AGE``; everything else (logged-in users, visitors with a session, pages with a form,
redirects to the login of a restricted page, errors, POSTs) gets ``private, no-cache``. Views that set their own
``Cache-Control`` (feeds, iCalendar, the embed, media, /health/, the admin) keep it.

Purging (``wagtail.contrib.frontend_cache``, configured by ``WAGTAILFRONTENDCACHE`` from the environment, see the
settings): Wagtail purges a page when it is published or unpublished; ``purge_after_change`` adds what else
shows it: the listings (home pages and agendas, every language), the agenda's outputs
(``FRONTEND_CACHE_PURGE_PATHS``), and on a view-restriction change or a deletion the page and its descendants
in every language. Purges run as background tasks (the worker), never inside the editor's request.
"""

import logging
from urllib.error import HTTPError, URLError
from urllib.parse import urlsplit, urlunsplit
from urllib.request import urlopen

from django.apps import apps
from django.conf import settings
from django.utils.cache import patch_cache_control
from wagtail import __version__ as wagtail_version
from wagtail.contrib.frontend_cache.backends.http import HTTPBackend as WagtailHTTPBackend
from wagtail.contrib.frontend_cache.backends.http import PurgeRequest

logger = logging.getLogger("wagtail.frontendcache")
SHAREABLE_STATUSES = {200, 301}


def shared_cache_may_keep(request, response):
    if request.method not in ("GET", "HEAD") or response.status_code not in SHAREABLE_STATUSES:
        return False
    user = getattr(request, "user", None)
    if user is not None and user.is_authenticated:
        return False
    if response.cookies or request.COOKIES.get(settings.SESSION_COOKIE_NAME):
        return False
    if request.META.get("CSRF_COOKIE_NEEDS_UPDATE"):  # the page holds this visitor's CSRF token (a form)
        return False
    return not getattr(request, "is_preview", False)


class CacheControlMiddleware:
    """Placed first (after /health/) so that it sees the final response, cookies included."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if response.has_header("Cache-Control"):
            return response
        if shared_cache_may_keep(request, response):
            patch_cache_control(
                response, public=True, max_age=settings.PAGE_BROWSER_MAX_AGE, s_maxage=settings.PAGE_SHARED_MAX_AGE
            )
        else:
            patch_cache_control(response, private=True, no_cache=True, max_age=0)
        return response


class HTTPBackend(WagtailHTTPBackend):
    """Wagtail's HTTP purge (Varnish, nginx with a purge module…), with a timeout: an unanswering cache must not
    hold the task worker."""

    timeout = 5

    def purge(self, url):
        parsed = urlsplit(url)
        host = parsed.hostname + (f":{parsed.port}" if parsed.port else "")
        request = PurgeRequest(
            url=urlunsplit([self.cache_scheme, self.cache_netloc, parsed.path, parsed.query, parsed.fragment]),
            headers={"Host": host, "User-Agent": "Wagtail-frontendcache/" + wagtail_version},
        )
        try:
            urlopen(request, timeout=self.timeout).close()
        except HTTPError as error:
            logger.error("Couldn't purge '%s' from HTTP cache. HTTPError: %d %s", url, error.code, error.reason)
        except (URLError, OSError) as error:
            logger.error("Couldn't purge '%s' from HTTP cache: %s", url, getattr(error, "reason", error))


def listing_pages():
    """Live pages that list other pages (``cms.cache.AnonymousCacheMixin``: home pages, agendas), every language."""
    from wagtail.models import Page

    from .cache import AnonymousCacheMixin

    models = [
        model for model in apps.get_models() if issubclass(model, Page) and issubclass(model, AnonymousCacheMixin)
    ]
    return [page for model in models for page in model.objects.live()]


def purge_after_change(pages=(), with_descendants=False):
    """Purge ``pages`` (and their descendants and translations when ``with_descendants``), the listings and the
    agenda's outputs from the front-end cache. Does nothing (no query) when no front-end cache is configured."""
    if not getattr(settings, "WAGTAILFRONTENDCACHE", None):
        return
    from wagtail.contrib.frontend_cache.utils import PurgeBatch
    from wagtail.models import Page, Site

    batch = PurgeBatch()
    for page in pages:
        group = Page.objects.filter(translation_key=page.translation_key)
        if with_descendants:
            for source in list(group):
                batch.add_pages(Page.objects.descendant_of(source, inclusive=True).live())
        else:
            batch.add_pages(group.live())
    batch.add_pages(listing_pages())
    for site in Site.objects.all():
        batch.add_urls(site.root_url + path for path in settings.FRONTEND_CACHE_PURGE_PATHS)
    batch.purge()
