"""iCalendar (RFC 5545) pieces shared by the site's calendars: the agenda's (``events.ical``) and the partners'
private calendar (``minutes.calendar``).

- ``brussels_vtimezone``: the ``VTIMEZONE`` of Europe/Brussels by its rules, so that ``DTSTART;TZID=...`` keeps
  the local hour on both sides of a DST change.
- ``utc``: an aware datetime in UTC, as ``DTSTAMP`` and ``LAST-MODIFIED`` must be (RFC 5545 §3.8.7.2, §3.8.7.3).
"""

import datetime

from icalendar import Timezone, TimezoneDaylight, TimezoneStandard


def utc(value):
    """The aware datetime ``value`` as the same moment in UTC."""
    return value.astimezone(datetime.UTC)


def brussels_vtimezone():
    """The ``VTIMEZONE`` of Europe/Brussels by its rules: CET (UTC+1) from the last Sunday of October at 03:00,
    CEST (UTC+2) from the last Sunday of March at 02:00, as the EU has had it since 1996 (Directive 2000/84/EC).
    RFC 5545 §3.6.5, the ``RRULE`` form of its examples."""
    timezone = Timezone()
    timezone.add("tzid", "Europe/Brussels")
    for part, start, offsets, name, month in (
        (TimezoneDaylight(), datetime.datetime(1996, 3, 31, 2), (1, 2), "CEST", 3),
        (TimezoneStandard(), datetime.datetime(1996, 10, 27, 3), (2, 1), "CET", 10),
    ):
        part.add("dtstart", start)
        part.add("tzoffsetfrom", datetime.timedelta(hours=offsets[0]))
        part.add("tzoffsetto", datetime.timedelta(hours=offsets[1]))
        part.add("tzname", name)
        part.add("rrule", {"freq": "yearly", "bymonth": month, "byday": "-1su"})
        timezone.add_component(part)
    return timezone
