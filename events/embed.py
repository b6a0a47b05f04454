"""``GET /agenda/embed/?commune=forest``: a light listing of upcoming activities for partners' iframes.

The only page of the site that may be framed: ``xframe_options_exempt`` drops ``X-Frame-Options: DENY`` and
``Content-Security-Policy: frame-ancestors`` names who may frame it (``settings.AGENDA_EMBED_FRAME_ANCESTORS``,
``*`` by default: any partner site). Links open in the partner's whole window (``<base target="_top">``).
"""

from django.conf import settings
from django.shortcuts import render
from django.utils import translation
from django.views.decorators.clickjacking import xframe_options_exempt

from cms.models import Commune

from .outputs import agenda_page_for, output_items, output_query, parse_output_request, public_output

EMBED_MAX_ITEMS = 10


@xframe_options_exempt
@public_output
def agenda_embed(request):
    """Renders ``events/embed.html``: at most ``EMBED_MAX_ITEMS`` items, then a link to the full agenda."""
    locale, filters = parse_output_request(request)
    agenda = agenda_page_for(locale)
    with translation.override(locale.language_code):
        query = output_query(filters, locale)
        agenda_url = agenda.get_full_url(request) if agenda else None
        if agenda_url:
            # The agenda page reads the same filters, but takes its language from its URL.
            agenda_query = "&".join(part for part in query.split("&") if part and not part.startswith("locale="))
            agenda_url += f"?{agenda_query}" if agenda_query else ""
        response = render(
            request,
            "events/embed.html",
            {
                "items": output_items(locale, filters, limit=EMBED_MAX_ITEMS),
                "agenda_url": agenda_url,
                "language_code": locale.language_code,
                "commune_name": dict(Commune.objects.choices(locale)).get(filters.commune),
            },
        )
    response["Content-Security-Policy"] = f"frame-ancestors {settings.AGENDA_EMBED_FRAME_ANCESTORS}"
    return response
