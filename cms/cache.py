"""What anonymous visitors may be served from the cache, and the content version that invalidates it.

The cache itself is ``cms.page_cache.PageCacheMiddleware``: it answers a repeated anonymous GET before routing.
It stores only the responses a view marked here (``mark_public``), after the view checked that what it shows is
the same for every anonymous visitor: a live page under no view restriction, no preview, no session, no
message, no password pass. Every stored copy is keyed on a "content version" that any publish, unpublish, move,
deletion, view-restriction change, snippet change or registration replaces, so a visitor never sees a page older
than the last change, and otherwise waits at most ``settings.AGENDA_CACHE_SECONDS`` (upcoming/past moves with
the clock).
"""

import time

from django.conf import settings
from django.contrib.messages import get_messages
from django.core.cache import cache

from .privacy import restrictions_on_path

VERSION_KEY = "cms:content-version"
# The response attribute a view sets (``mark_public``) so that the page cache may store the response.
PUBLIC_ATTRIBUTE = "anonymous_cacheable"


def content_version():
    """An opaque token (an int, nanoseconds) that changes whenever public content changes."""
    version = cache.get(VERSION_KEY)
    if version is None:
        version = time.time_ns()
        cache.add(VERSION_KEY, version, None)
    return version


def bump_content_version(*args, **kwargs):
    """Invalidate every cached anonymous page (signal receiver; arguments ignored)."""
    cache.set(VERSION_KEY, time.time_ns(), None)


def mark_public(response):
    """Let the page cache store ``response`` (an ``HttpResponse``): it is what any anonymous visitor sees.
    Returns ``response``. The middleware still refuses it if it sets a cookie or is not a 200."""
    setattr(response, PUBLIC_ATTRIBUTE, True)
    return response


def is_anonymous_request(request):
    """An anonymous GET with no session cookie, no preview, no password-restriction pass and no flash message
    (what ``mark_public`` requires of the request). Runs no query."""
    if request.method != "GET" or getattr(request, "is_preview", False):
        return False
    user = getattr(request, "user", None)
    if (user is not None and user.is_authenticated) or settings.SESSION_COOKIE_NAME in request.COOKIES:
        return False
    session = getattr(request, "session", None)
    if session is not None and "passed_page_view_restrictions" in session:
        return False
    return not len(get_messages(request))


class PublicPageMixin:
    """For page models whose HTML does not depend on the anonymous visitor: ``serve`` marks the response public
    when the page is live, under no view restriction (on it or an ancestor) and the request anonymous.

    ``get_view_restrictions`` is kept on the instance: Wagtail's ``before_serve_page`` check and this one share
    one query.
    """

    def get_view_restrictions(self):
        restrictions = self.__dict__.get("_view_restrictions")
        if restrictions is None:
            # One query (``restrictions_on_path``) where Wagtail's own asks two: the ancestors, then their rows.
            restrictions = self.__dict__["_view_restrictions"] = restrictions_on_path(self)
        return restrictions

    def is_public_view(self, request, *args, **kwargs):
        """Whether the view ``serve`` was called for shows the same HTML to every anonymous visitor."""
        return True

    def serve(self, request, *args, **kwargs):
        response = super().serve(request, *args, **kwargs)
        if (
            response.status_code == 200
            and self.is_public_view(request, *args, **kwargs)
            and is_anonymous_request(request)
            and self.live
            and not self.get_view_restrictions()
        ):
            mark_public(response)
        return response


class AnonymousCacheMixin(PublicPageMixin):
    """Listing pages (home, agenda): public pages that show other pages (``cms.frontend_cache`` purges them
    after any change)."""
