"""Template tags linking the agenda's pages to their outputs: JSON-LD, "add to my calendar", feeds, embed."""

from django import template
from django.urls import reverse
from wagtail.models import Locale

from ..agenda import AgendaFilters
from ..jsonld import event_jsonld, jsonld_script
from ..outputs import output_url

register = template.Library()


@register.simple_tag(takes_context=True)
def event_jsonld_script(context, page):
    """``{% event_jsonld_script page %}`` → the page's schema.org Event as a JSON-LD ``<script>``."""
    return jsonld_script(event_jsonld(page, context.get("request")))


@register.simple_tag
def page_ical_url(page):
    """``{% page_ical_url page %}`` → ``/agenda/ical/<id>.ics``, the page's own iCalendar file; ``""`` for a page
    that file would not serve (unsaved or unpublished, as in a preview, or under a view restriction)."""
    if page.pk is None or not page.live or page.get_view_restrictions().exists():
        return ""
    return reverse("agenda-ical-page", kwargs={"page_id": page.pk})


@register.simple_tag(takes_context=True)
def agenda_outputs(context):
    """``{% agenda_outputs as outputs %}`` on the agenda page → absolute URLs for the current filters (the
    archive switch ``when=past`` aside) in the page's language: ``rss``, ``atom``, ``ical``, ``webcal``
    (the same calendar for "subscribe" links) and ``embed``."""
    request = context["request"]
    page = context.get("page")
    locale = page.locale if page is not None else Locale.get_active()
    filters = context.get("filters") or AgendaFilters()
    memo = request.__dict__.setdefault("_agenda_outputs", {})  # the <head> and the page body ask alike
    if (locale.pk, filters) not in memo:
        urls = {
            name: output_url(request, f"agenda-{name}", filters, locale) for name in ("rss", "atom", "ical", "embed")
        }
        urls["webcal"] = "webcal://" + urls["ical"].split("://", 1)[1]
        memo[(locale.pk, filters)] = urls
    return memo[(locale.pk, filters)]
