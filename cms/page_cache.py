"""The anonymous page cache, answered before routing, sessions and authentication.

``PageCacheMiddleware`` sits after WhiteNoise and before ``SessionMiddleware`` (``settings.MIDDLEWARE``): a hit
runs no query and skips routing, yet the middlewares outside it (``CacheControlMiddleware``, ``SecurityMiddleware``,
``SitePolicyMiddleware``) still give it the headers they give a miss.

What is stored: a GET answered 200 by a view that marked the response public (``cms.cache.mark_public``: pages,
the agenda's outputs, the pages API), that sets no cookie (so never a page with a CSRF token), is not
``private``/``no-store``, and whose request carried neither a session cookie, a messages cookie nor an
``Authorization`` header. Such requests are never answered from the cache either: a partner, a visitor with a
flash message or a password pass always goes the whole way.

The key: the content version (``cms.cache.content_version``), the scheme, the host and the full path, plus the
request headers the response varies on (``Vary``, remembered per URL): ``Accept-Language`` as the language
Django would pick from it and the language cookie, ``Accept`` (the browsable API) as sent; ``Cookie`` is left
out since only cookie-less (session-less) requests get here. Entries live ``AGENDA_CACHE_SECONDS``.

In the shared cache (Redis, or the database table): a hit is two reads (the version and the URL's ``Vary``
together, then the page).
"""

import hashlib

from django.conf import settings
from django.contrib.messages.storage.cookie import CookieStorage
from django.core.cache import cache
from django.http import HttpResponse
from django.utils import translation
from django.utils.cache import cc_delim_re

from .cache import PUBLIC_ATTRIBUTE, VERSION_KEY, content_version

VARY_PREFIX = "cms:pagecache:vary:"
PAGE_PREFIX = "cms:pagecache:page:"
# Headers a hit must not replay.
NOT_REPLAYED = {"set-cookie", "x-cache"}


def request_url(request):
    """``scheme://host/path?query`` of ``request``, or ``None`` when the host is not one of ours."""
    try:
        host = request.get_host()
    except Exception:  # DisallowedHost: Django answers 400 further in
        return None
    return f"{request.scheme}://{host}{request.get_full_path()}"


def may_use_cache(request):
    """A GET or HEAD without a session cookie, a messages cookie or credentials (no query)."""
    if request.method not in ("GET", "HEAD"):
        return False
    cookies = request.COOKIES
    # An empty value is a cookie being deleted (a session ended, messages shown): no state on the server.
    if cookies.get(settings.SESSION_COOKIE_NAME) or cookies.get(CookieStorage.cookie_name):
        return False
    return "HTTP_AUTHORIZATION" not in request.META


def variant(request, vary):
    """What of ``request`` the response depends on, besides its URL: one string from the header names ``vary``."""
    parts = []
    for name in vary:
        if name == "cookie":
            continue
        if name == "accept-language":
            parts.append("lang=" + translation.get_language_from_request(request, check_path=True))
        else:
            parts.append(f"{name}={request.headers.get(name, '')}")
    return "\n".join(parts)


def page_key(version, url, vary, request):
    digest = hashlib.sha256(f"{url}\n{variant(request, vary)}".encode("utf-8", "surrogateescape")).hexdigest()
    return f"{PAGE_PREFIX}{version}:{digest}"


def vary_names(response):
    """Lower-case header names of ``response``'s ``Vary``, sorted; ``None`` for ``Vary: *``."""
    names = sorted({name.strip().lower() for name in cc_delim_re.split(response.get("Vary", "")) if name.strip()})
    return None if "*" in names else tuple(names)


def should_store(request, response):
    if request.method != "GET" or not getattr(response, PUBLIC_ATTRIBUTE, False):
        return False
    if response.status_code != 200 or response.streaming or response.cookies:
        return False
    if request.META.get("CSRF_COOKIE_NEEDS_UPDATE"):  # the page holds this visitor's CSRF token
        return False
    user = getattr(request, "user", None)
    if user is not None and user.is_authenticated:
        return False
    cache_control = response.get("Cache-Control", "").lower()
    return "private" not in cache_control and "no-store" not in cache_control


class PageCacheMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        url = request_url(request) if may_use_cache(request) else None
        if url is None:
            return self.get_response(request)
        vary_key = VARY_PREFIX + hashlib.sha256(url.encode("utf-8", "surrogateescape")).hexdigest()
        found = cache.get_many([VERSION_KEY, vary_key])
        # Read before the page is built: a change made meanwhile makes this copy unreachable, never stale.
        version = found.get(VERSION_KEY) or content_version()
        vary = found.get(vary_key)
        if vary is not None:
            entry = cache.get(page_key(version, url, vary, request))
            if entry is not None:
                return self.replay(entry)
        response = self.get_response(request)
        if should_store(request, response):
            vary = vary_names(response)
            if vary is not None:
                headers = [(name, value) for name, value in response.items() if name.lower() not in NOT_REPLAYED]
                entry = (response.status_code, response.content, headers)
                cache.set_many(
                    {vary_key: vary, page_key(version, url, vary, request): entry}, settings.AGENDA_CACHE_SECONDS
                )
        response["X-Cache"] = "miss"
        return response

    @staticmethod
    def replay(entry):
        status, content, headers = entry
        response = HttpResponse(content, status=status)
        for name, value in headers:
            response[name] = value
        response["X-Cache"] = "hit"
        return response
