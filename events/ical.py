"""iCalendar (RFC 5545) for activities and visits, built with the ``icalendar`` library.

- ``DTSTART``/``DTEND`` carry ``TZID=Europe/Brussels`` and the calendar holds the matching ``VTIMEZONE``, so
  clients keep the local hour on both sides of a DST change. It is written by its rules (``brussels_vtimezone``:
  EU summer time, RRULEs, RFC 5545 §3.6.5), a few lines valid for every year, rather than every transition since
  1970 up to 2038 as ``Calendar.add_missing_timezones`` writes it (another zone in the settings falls back to it).
- ``UID`` is the page's ``translation_key`` (a UUID, as RFC 7986 §5.3 recommends): the same for the French,
  Dutch and English versions of one activity and at every download, so a client updates instead of duplicating.
- ``DTSTAMP`` (UTC) is when the page was last published: with no ``METHOD``, RFC 5545 §3.8.7.2 makes it the time
  the information was last revised, so two downloads of unchanged content are identical.
- ``STATUS`` is ``CONFIRMED``, ``CANCELLED`` or ``TENTATIVE`` (postponed) and ``SEQUENCE`` the page's ``sequence``
  (``events.schedule``): a cancelled or moved event updates in the calendars that subscribed or imported it.
- ``SUMMARY`` (with ``LANGUAGE``), ``LOCATION``, ``DESCRIPTION``, ``URL``, ``CATEGORIES``; escaping of
  ``,;\\`` and line folding at 75 octets are done by ``icalendar``.
"""

import datetime

from django.conf import settings
from django.http import Http404, HttpResponse
from django.utils import translation
from django.utils.translation import gettext as _
from icalendar import Calendar, Event, vDuration

from cms.days import local
from cms.display import where_text
from cms.ical import brussels_vtimezone, utc
from cms.models import Commune
from cms.privacy import visible_to

from .choices import EventStatus
from .models import ScheduledPage
from .outputs import agenda_page_for, output_items, parse_output_request, public_output

PRODID = "-//MEF Saint-Gilles Forest Uccle//Trajet emploi//FR"
ICAL_STATUS = {
    EventStatus.SCHEDULED: "CONFIRMED",
    EventStatus.CANCELLED: "CANCELLED",
    EventStatus.POSTPONED: "TENTATIVE",
}
# How often subscribed clients should fetch the calendar again (RFC 7986 REFRESH-INTERVAL).
REFRESH_INTERVAL = datetime.timedelta(hours=6)


def description_text(page, url):
    """Plain text: the summary, how to register, the number of places and the page's URL."""
    lines = []
    if page.summary:
        lines.append(page.summary)
    if page.registration_required:
        how = page.registration_info
        lines.append(_("Sur inscription") + (f" : {how}" if how else ""))
    else:
        lines.append(_("Accès libre"))
    if page.capacity:
        lines.append(_("Places : %(count)s") % {"count": page.capacity})
    lines.append(url)
    return "\n".join(lines)


def page_event(page, request):
    """A ``VEVENT`` for ``page`` (a ScheduledPage), texts in the active language, times in Europe/Brussels."""
    url = page.get_full_url(request)
    revised = page.last_published_at or page.first_published_at or page.latest_revision_created_at
    event = Event()
    event.add("uid", str(page.translation_key))
    event.add("dtstamp", utc(revised or page.start))
    if page.last_published_at:
        event.add("last-modified", utc(page.last_published_at))
    event.add("dtstart", local(page.start))  # TZID=Europe/Brussels: the settings' TIME_ZONE
    event.add("dtend", local(page.end))
    event.add("summary", page.title, parameters={"LANGUAGE": page.locale.language_code})
    # "Venue, street, postcode commune" or, without a venue, the visit's meeting point and the commune.
    event.add("location", where_text(page.venue, page.commune, page.visit_meeting_point))
    event.add("description", description_text(page, url))
    event.add("url", url)
    phase = page.phase_choice
    event.add("categories", [str(phase.label) if phase else _("Journée de visites")])
    # RFC 5545 §3.8.1.11: CANCELLED, or TENTATIVE while postponed (the date shown is no longer certain).
    event.add("status", ICAL_STATUS[page.status])
    # §3.8.7.4: raised at each announced change of status, date, time or place, so subscribed clients update.
    event.add("sequence", page.sequence)
    return event


def build_calendar(pages, request, *, name, language):
    """A ``VCALENDAR`` of ``pages`` named ``name`` (``NAME``/``X-WR-CALNAME``), texts in ``language``."""
    with translation.override(language):
        calendar = Calendar()
        calendar.add("prodid", PRODID)
        calendar.add("version", "2.0")
        calendar.add("calscale", "GREGORIAN")
        calendar.calendar_name = name
        calendar.add("x-wr-timezone", settings.TIME_ZONE)
        calendar.add("refresh-interval", REFRESH_INTERVAL, parameters={"VALUE": "DURATION"})
        calendar.add("x-published-ttl", vDuration(REFRESH_INTERVAL))  # Outlook's name for it
        if settings.TIME_ZONE == "Europe/Brussels":
            calendar.add_component(brussels_vtimezone())
        for page in pages:
            calendar.add_component(page_event(page, request))
        calendar.add_missing_timezones()  # any other zone (none when TIME_ZONE is Europe/Brussels)
    return calendar


def calendar_response(calendar, filename, *, attachment):
    """``text/calendar`` response; ``attachment`` for a one-off download, ``inline`` for a subscription."""
    response = HttpResponse(calendar.to_ical(), content_type="text/calendar; charset=utf-8")
    disposition = "attachment" if attachment else "inline"
    response["Content-Disposition"] = f'{disposition}; filename="{filename}"'
    return response


@public_output
def agenda_calendar(request):
    """``GET /agenda/ical/?commune=forest&locale=fr``: the upcoming activities and visits as one calendar to
    subscribe to (``webcal://``), with the agenda's filters (see ``events.outputs``)."""
    locale, filters = parse_output_request(request)
    agenda = agenda_page_for(locale)
    with translation.override(locale.language_code):
        name = f"{_('Trajet emploi zone sud')} – {agenda.title if agenda else _('Agenda')}"
        if filters.commune:
            name = f"{name} – {dict(Commune.objects.choices(locale)).get(filters.commune, filters.commune)}"
    calendar = build_calendar(output_items(locale, filters), request, name=name, language=locale.language_code)
    return calendar_response(calendar, "agenda.ics", attachment=False)


@public_output
def page_calendar(request, page_id):
    """``GET /agenda/ical/<page id>.ics``: one activity or visit, to add to one's calendar ("Ajouter à mon
    agenda"). 404 unless the page is live and public."""
    pages = visible_to(ScheduledPage.objects.live().filter(pk=page_id), None)
    page = pages.select_related("locale", "commune", "venue__commune", "eventpage", "visitpage").first()
    if page is None:
        raise Http404("No such activity or visit.")
    calendar = build_calendar([page], request, name=page.title, language=page.locale.language_code)
    return calendar_response(calendar, f"{page.slug}.ics", attachment=True)
