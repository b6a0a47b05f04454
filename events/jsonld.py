"""schema.org ``Event`` JSON-LD for activity and visit pages, meeting Google's event rich-result rules.

Source: https://developers.google.com/search/docs/appearance/structured-data/event — required: ``name``,
``startDate``, ``location`` (a ``Place`` with a ``PostalAddress``); recommended: ``description``, ``endDate``,
``eventStatus`` (``event_status``; ``previousStartDate`` once rescheduled), ``eventAttendanceMode``, ``location.name``, ``offers``, ``organizer``. schema.org adds
``isAccessibleForFree``, ``maximumAttendeeCapacity``, ``remainingAttendeeCapacity``, ``inLanguage`` and ``url``.

Dates are ISO 8601 with the Europe/Brussels offset. The Trajet emploi's activities and visit days are free
(``isAccessibleForFree``, an ``Offer`` at 0 EUR, sold out when no place is left).
"""

import json

from django.utils import translation
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _

from cms.display import place_name, postal_address

from .choices import EventStatus
from .serializers import local_iso

SCHEMA = "https://schema.org/"


def address_jsonld(page):
    """schema.org ``PostalAddress`` of the venue, else of the main commune (``cms.display.postal_address``)."""
    parts = postal_address(page.venue, page.commune)
    address = {"@type": "PostalAddress"}
    if parts.street:
        address["streetAddress"] = parts.street
    address["addressLocality"] = parts.locality
    if parts.postcode:
        address["postalCode"] = parts.postcode
    address["addressRegion"] = _("Région de Bruxelles-Capitale")
    address["addressCountry"] = "BE"
    return address


def place(page):
    """``Place`` of the venue, else of the visit's meeting point, else of the main commune."""
    name = place_name(page.venue, page.commune, page.visit_meeting_point)
    return {"@type": "Place", "name": name, "address": address_jsonld(page)}


def event_status(page):
    """schema.org ``EventStatusType`` name: ``EventCancelled``, ``EventPostponed``, ``EventRescheduled`` (held as
    announced, after a change of date: ``previousStartDate`` is given too) or ``EventScheduled``."""
    if page.status == EventStatus.CANCELLED:
        return "EventCancelled"
    if page.status == EventStatus.POSTPONED:
        return "EventPostponed"
    if page.previous_start and page.previous_start != page.start:
        return "EventRescheduled"
    return "EventScheduled"


def event_jsonld(page, request=None):
    """The JSON-LD ``dict`` for ``page`` (an EventPage or VisitPage), texts in the page's language."""
    url = page.get_full_url(request)
    places_left = page.places_left
    with translation.override(page.locale.language_code):
        data = {
            "@context": "https://schema.org",
            "@type": "Event",
            "name": page.title,
            "startDate": local_iso(page.start),
            "endDate": local_iso(page.end),
            "eventStatus": SCHEMA + event_status(page),
            "eventAttendanceMode": SCHEMA + "OfflineEventAttendanceMode",
            "location": place(page),
            "isAccessibleForFree": True,
            "inLanguage": page.locale.language_code,
            "url": url,
        }
        description = page.summary or page.search_description
        if description:
            data["description"] = description
        organisers = [link.organisation for link in page.organisers.all()]
        if organisers:
            data["organizer"] = [
                {
                    "@type": "Organization",
                    "name": organisation.name,
                    **({"url": organisation.website} if organisation.website else {}),
                }
                for organisation in organisers
            ]
        if page.capacity:
            data["maximumAttendeeCapacity"] = page.capacity
        if places_left is not None:
            data["remainingAttendeeCapacity"] = max(places_left, 0)
        offer = {
            "@type": "Offer",
            "price": "0",
            "priceCurrency": "EUR",
            "availability": SCHEMA + ("SoldOut" if places_left is not None and places_left <= 0 else "InStock"),
            "url": url,
        }
        if page.previous_start and page.status == EventStatus.SCHEDULED:
            data["previousStartDate"] = local_iso(page.previous_start)
        if page.first_published_at:
            offer["validFrom"] = local_iso(page.first_published_at)
        data["offers"] = offer
    return data


_SCRIPT_ESCAPES = {ord("<"): "\\u003C", ord(">"): "\\u003E", ord("&"): "\\u0026"}


def jsonld_script(data):
    """``<script type="application/ld+json">`` holding ``data``; ``<``, ``>``, ``&`` escaped as Django's
    ``json_script`` does, so no text of the page can close the script element."""
    text = json.dumps(data, ensure_ascii=False, indent=None).translate(_SCRIPT_ESCAPES)
    return mark_safe(f'<script type="application/ld+json">{text}</script>')  # noqa: S308 (escaped above)
