"""What the agenda's public outputs share (iCalendar, RSS/Atom, embed): query parsing, the query, caching.

These outputs live outside the language prefixes (``/agenda/ical/``, ``/agenda/rss/``, ``/agenda/atom/``,
``/agenda/embed/``) so that a partner's URL never changes. They take the agenda page's GET filters
(``commune``, ``phase``, ``type``, ``from``, ``to``) plus ``locale`` (``fr``, ``nl``, ``en``; default: the
site's default language, French). They always show what an anonymous visitor sees, whoever asks, so that
their responses can be cached publicly (``Cache-Control: public, max-age=OUTPUT_MAX_AGE``).
"""

from functools import wraps

from django.conf import settings
from django.http import HttpResponseBadRequest
from django.urls import reverse
from django.utils import translation
from django.utils.cache import patch_cache_control
from django.utils.http import urlencode
from wagtail.coreutils import get_supported_content_language_variant
from wagtail.models import Locale

from cms.cache import mark_public
from cms.models import Commune

from .filters import OUTPUTS_DOOR, parse_filters
from .models import AgendaPage, ScheduledPage

# Seconds a browser or proxy may keep a feed, calendar or embed before asking again.
OUTPUT_MAX_AGE = 600
# At most this many items in a feed or a calendar (the agenda rarely holds more than a few dozen).
OUTPUT_MAX_ITEMS = 200


class OutputRequestError(ValueError):
    """A query string an output cannot honour; ``str()`` is a message for the person who wrote the URL."""


def parse_output_request(request):
    """``(locale, AgendaFilters)`` from ``request.GET``.

    :raises OutputRequestError: unknown ``locale``, or a filter ``events.filters`` refuses (unknown commune or
        phase, malformed date, ``to`` before ``from``, NUL bytes...): one ``"parameter: message"`` line each,
        in the locale's language.
    """
    code = request.GET.get("locale")
    if code is None:
        locale = Locale.get_default()
    else:
        locale = Locale.objects.filter(language_code=code).first() if "\x00" not in code else None
        if locale is None:
            codes = ", ".join(Locale.objects.order_by("language_code").values_list("language_code", flat=True))
            raise OutputRequestError(f"locale: unknown language (known: {codes})")
    with translation.override(locale.language_code):
        communes = [slug for slug, _name in Commune.objects.choices(locale)]
        parsed = parse_filters(request.GET, OUTPUTS_DOOR, communes=communes)
        if parsed.errors:
            raise OutputRequestError("\n".join(f"{error.parameter}: {error.message}" for error in parsed.errors))
    return locale, parsed.filters


def output_items(locale, filters, limit=OUTPUT_MAX_ITEMS):
    """The public agenda items (anonymous view) for an output: a list of at most ``limit`` ScheduledPages."""
    return list(
        ScheduledPage.objects.agenda(None, filters, locale=locale).select_related("locale", "visitpage")[:limit]
    )


def agenda_page_for(locale):
    """The live AgendaPage in ``locale`` (or the default language's), or ``None``."""
    pages = AgendaPage.objects.live().public().filter(locale__in=[locale, Locale.get_default()])
    return sorted(pages, key=lambda page: page.locale_id != locale.pk)[0] if pages else None


def output_query(filters, locale):
    """The query string (no ``?``) that asks an output for ``filters`` in ``locale``; empty filters left out."""
    values = {
        "commune": filters.commune,
        "phase": filters.phase,
        "type": filters.kind,
        "from": filters.date_from.isoformat() if filters.date_from else None,
        "to": filters.date_to.isoformat() if filters.date_to else None,
    }
    params = [(key, value) for key, value in values.items() if value]
    if locale.language_code != get_supported_content_language_variant(settings.LANGUAGE_CODE):
        params.append(("locale", locale.language_code))
    return urlencode(params)


def output_url(request, name, filters, locale, **kwargs):
    """Absolute URL of the output ``name`` (a URL name of ``events.urls``) for ``filters`` in ``locale``."""
    query = output_query(filters, locale)
    return request.build_absolute_uri(reverse(name, kwargs=kwargs or None) + (f"?{query}" if query else ""))


def public_output(view):
    """Decorate an output view: bad query → 400 (plain text), else the response is publicly cacheable."""

    @wraps(view)
    def wrapped(request, *args, **kwargs):
        try:
            response = view(request, *args, **kwargs)
        except OutputRequestError as error:
            response = HttpResponseBadRequest(str(error), content_type="text/plain; charset=utf-8")
            patch_cache_control(response, no_cache=True)
            return response
        if response.status_code == 200:
            patch_cache_control(response, public=True, max_age=OUTPUT_MAX_AGE)
            mark_public(response)  # computed once per content version (cms.page_cache)
        return response

    return wrapped
