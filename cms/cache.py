"""Cache of what anonymous visitors see, invalidated as soon as content changes.

Every cached page is keyed on a "content version" that any publish, unpublish, move, deletion or view
restriction change replaces, so a visitor never sees a page older than the last change, and otherwise waits at
most ``settings.AGENDA_CACHE_SECONDS`` (upcoming/past moves with the clock).
"""

import hashlib
import time

from django.conf import settings
from django.contrib.messages import get_messages
from django.core.cache import cache
from django.http import HttpResponse

VERSION_KEY = "cms:content-version"


def content_version():
    """An opaque token that changes whenever public content changes."""
    version = cache.get(VERSION_KEY)
    if version is None:
        version = time.time_ns()
        cache.add(VERSION_KEY, version, None)
    return version


def bump_content_version(*args, **kwargs):
    """Invalidate every cached anonymous page (signal receiver; arguments ignored)."""
    cache.set(VERSION_KEY, time.time_ns(), None)


def page_cache_key(request, page_id):
    """The cache key of ``request``'s page: the content version, the scheme, the host and the full path.

    The rendered page holds absolute links built from the request (feeds, iCalendar, embed), so one visitor's
    ``Host`` or ``X-Forwarded-Proto`` must never be served to another asking under a different one.
    """
    try:
        host = request.get_host()
    except Exception:  # DisallowedHost: not a host of ours (Django refuses such a request anyway)
        host = request.META.get("HTTP_HOST", "")
    url = f"{request.scheme}://{host}{request.get_full_path()}"
    digest = hashlib.sha256(url.encode("utf-8", "surrogateescape")).hexdigest()
    return f"cms:page:{page_id}:{content_version()}:{digest}"


def is_cacheable_request(request):
    """Anonymous GET with no flash message and no password-restriction pass in the session."""
    if request.method not in ("GET", "HEAD") or request.user.is_authenticated:
        return False
    if getattr(request, "is_preview", False) or "passed_page_view_restrictions" in request.session:
        return False
    return not len(get_messages(request))


class AnonymousCacheMixin:
    """For listing pages (home, agenda): serve anonymous visitors a cached copy of the rendered page."""

    def serve(self, request, *args, **kwargs):
        if not is_cacheable_request(request):
            return super().serve(request, *args, **kwargs)
        key = page_cache_key(request, self.pk)
        hit = cache.get(key)
        if hit is not None:
            content, content_type = hit
            return HttpResponse(content, content_type=content_type)
        response = super().serve(request, *args, **kwargs)
        if response.status_code == 200:
            if hasattr(response, "render"):
                response.render()
            cache.set(key, (response.content, response["Content-Type"]), settings.AGENDA_CACHE_SECONDS)
        return response
