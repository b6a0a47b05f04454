"""The partners' private calendar: ``GET /partenaires/calendrier/<token>.ics`` (RFC 5545).

The token is the partner's ``PartnerProfile.calendar_token`` ("Mes préférences" shows the link and replaces the
token on demand). An unknown, malformed or replaced token, or the token of a user who is no longer an active
partner, answers 404, never 500. The calendar holds, in the partner's language (``PartnerProfile.language``):

- each meeting published under the partners' space from ``PAST_DAYS`` days ago on (past and future), as the
  partner may see it (Wagtail's view restrictions), ``STATUS:CONFIRMED``; ``UID`` is the French page's
  ``translation_key`` (the same in every language and at every download);
- the planned next meeting of each committee's latest meeting (``next_meeting_start``), ``STATUS:TENTATIVE`` and
  "à confirmer" in its description when ``next_meeting_to_be_confirmed``, ``UID`` ``<translation_key>-next``.

``DTSTART``/``DTEND`` carry ``TZID=Europe/Brussels`` with the matching ``VTIMEZONE`` (``cms.ical``). The minutes
record no end: ``DTEND`` is ``MEETING_LENGTH`` after the start. ``DTSTAMP`` and ``LAST-MODIFIED`` are the last
publication of the page (RFC 5545 §3.8.7.2: with no ``METHOD``, the last revision of the information);
``SEQUENCE`` the seconds between the page's first and last publication (0 as first published, larger after each
republication: RFC 5545 §3.8.7.4 wants it to grow with each revision, and no revision counter is kept).

The response is ``Cache-Control: private, no-store`` with no cookie: no shared cache (the site's anonymous page
cache stores only responses a view marked public, see ``cms.cache``; a CDN honours ``private``) keeps a
partner's calendar. A fixed number of queries whatever the number of meetings.
"""

import datetime
import hmac
import re
from types import SimpleNamespace

from django.conf import settings
from django.http import Http404, HttpResponse
from django.utils import timezone, translation
from django.utils.cache import patch_cache_control
from django.utils.html import strip_tags
from django.utils.translation import gettext as _
from django.views.decorators.http import require_safe
from icalendar import Calendar, Event

from cms.days import local
from cms.display import where_text
from cms.ical import brussels_vtimezone, utc
from cms.privacy import failed_restrictions_q

from .models import MeetingPage, PartnerProfile, calendar_token_digest

PRODID = "-//MEF Saint-Gilles Forest Uccle//Espace partenaires//FR"
PAST_DAYS = 365
MEETING_LENGTH = datetime.timedelta(hours=2)
REFRESH_INTERVAL = datetime.timedelta(hours=6)
TOKEN_RE = re.compile(r"[A-Za-z0-9_-]{20,64}")


def profile_for_token(token):
    """The ``PartnerProfile`` (user joined) whose calendar token is ``token``, if its user is an active partner;
    else ``None``. One query."""
    if not TOKEN_RE.fullmatch(token):
        return None
    profile = (
        PartnerProfile.objects.select_related("user")
        .filter(
            calendar_token_hash=calendar_token_digest(token),
            user__is_active=True,
            user__groups__name=settings.PARTNERS_GROUP_NAME,
        )
        .first()
    )
    # The digest matched; the token itself is compared in constant time (and exactly, whatever the collation).
    if profile is None or not hmac.compare_digest(profile.calendar_token, token):
        return None
    return profile


def meetings_for(user, language, now):
    """``[(French MeetingPage, MeetingPage in language)]`` oldest first: the meetings ``user`` may see, from
    ``PAST_DAYS`` before ``now`` (aware) on. Queries: the restrictions, their groups, the user's groups, the
    meetings and their translations, whatever their number."""
    viewer = SimpleNamespace(user=user, session={})  # what Wagtail's restrictions read of a request
    restricted = failed_restrictions_q(viewer)
    visible = MeetingPage.objects.live() if restricted is None else MeetingPage.objects.live().exclude(restricted)
    meetings = visible.filter(
        start__gte=now - datetime.timedelta(days=PAST_DAYS), locale__language_code=settings.LANGUAGE_CODE
    )
    sources = list(meetings.select_related("locale", "venue__commune").order_by("start"))
    translated = {}
    if language != settings.LANGUAGE_CODE and sources:
        copies = visible.filter(
            translation_key__in=[page.translation_key for page in sources], locale__language_code=language
        )
        translated = {page.translation_key: page for page in copies.select_related("locale", "venue__commune")}
    return [(page, translated.get(page.translation_key, page)) for page in sources]


def sequence(page):
    """Seconds between the first and the last publication of ``page`` (``SEQUENCE``)."""
    if not page.first_published_at or not page.last_published_at:
        return 0
    return max(0, int((page.last_published_at - page.first_published_at).total_seconds()))


def stamp(event, page):
    revised = page.last_published_at or page.first_published_at or page.start
    event.add("dtstamp", utc(revised))
    if page.last_published_at:
        event.add("last-modified", utc(page.last_published_at))
    event.add("sequence", sequence(page))


def meeting_event(source, shown, request):
    """The ``VEVENT`` of a published meeting: facts from ``source`` (French page), texts from ``shown``."""
    url = shown.get_full_url(request)
    event = Event()
    event.add("uid", str(source.translation_key))
    stamp(event, source)
    event.add("dtstart", local(source.start))
    event.add("dtend", local(source.start + MEETING_LENGTH))
    event.add("summary", shown.title, parameters={"LANGUAGE": shown.locale.language_code})
    venue = shown.venue or source.venue
    if venue:
        event.add("location", where_text(venue, None))
    event.add("description", "\n".join([shown.committee, url]))
    event.add("url", url)
    event.add("status", "CONFIRMED")
    return event


def next_meeting_event(source, shown, request):
    """The ``VEVENT`` of the next meeting that ``source`` (French page; texts from ``shown``) plans."""
    url = shown.get_full_url(request)
    event = Event()
    event.add("uid", f"{source.translation_key}-next")
    stamp(event, source)
    event.add("dtstart", local(source.next_meeting_start))
    event.add("dtend", local(source.next_meeting_start + MEETING_LENGTH))
    summary = _("Prochaine réunion : %(committee)s") % {"committee": shown.committee}
    event.add("summary", summary, parameters={"LANGUAGE": shown.locale.language_code})
    place = shown.next_meeting_place or source.next_meeting_place
    if place:
        event.add("location", place)
    lines = []
    if source.next_meeting_to_be_confirmed:
        lines.append(_("Lieu ou heure à confirmer."))
    agenda = strip_tags(shown.next_meeting_agenda or "").strip()
    if agenda:
        lines.append(_("Ordre du jour prévu : %(agenda)s") % {"agenda": agenda})
    lines.append(_("Annoncée dans le procès-verbal « %(title)s » :") % {"title": shown.title})
    lines.append(url)
    event.add("description", "\n".join(lines))
    event.add("url", url)
    # RFC 5545 §3.8.1.11: TENTATIVE while the place or hour is still to be confirmed.
    event.add("status", "TENTATIVE" if source.next_meeting_to_be_confirmed else "CONFIRMED")
    return event


def planned_meetings(pairs):
    """The ``(source, shown)`` pairs whose planned next meeting is shown: per committee, the latest meeting's,
    when it plans one after itself (an earlier meeting's plan was either held or replaced since)."""
    latest = {}
    for source, shown in pairs:  # oldest first: the last one per committee wins
        latest[source.committee] = (source, shown)
    return [
        (source, shown)
        for source, shown in latest.values()
        if source.next_meeting_start and source.next_meeting_start > source.start
    ]


def build_calendar(user, language, request, now=None):
    """The partner's ``VCALENDAR`` (an ``icalendar.Calendar``), texts in ``language``."""
    now = now or timezone.now()
    with translation.override(language):
        calendar = Calendar()
        calendar.add("prodid", PRODID)
        calendar.add("version", "2.0")
        calendar.add("calscale", "GREGORIAN")
        calendar.calendar_name = _("Réunions des partenaires – zone sud")
        calendar.add("x-wr-timezone", settings.TIME_ZONE)
        calendar.add("refresh-interval", REFRESH_INTERVAL, parameters={"VALUE": "DURATION"})
        if settings.TIME_ZONE == "Europe/Brussels":
            calendar.add_component(brussels_vtimezone())
        pairs = meetings_for(user, language, now)
        for source, shown in pairs:
            calendar.add_component(meeting_event(source, shown, request))
        for source, shown in planned_meetings(pairs):
            calendar.add_component(next_meeting_event(source, shown, request))
        calendar.add_missing_timezones()  # any other zone (none when TIME_ZONE is Europe/Brussels)
    return calendar


@require_safe
def partner_calendar(request, token):
    """``GET /partenaires/calendrier/<token>.ics``: the partner's private calendar, or 404."""
    profile = profile_for_token(token)
    if profile is None:
        raise Http404("No such calendar.")
    calendar = build_calendar(profile.user, profile.email_language, request)
    response = HttpResponse(calendar.to_ical(), content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = 'inline; filename="reunions-partenaires.ics"'
    response["X-Robots-Tag"] = "noindex, nofollow"
    patch_cache_control(response, private=True, no_store=True)
    return response
