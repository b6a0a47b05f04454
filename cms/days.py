"""Calendar days and local time: the range of days the site accepts, moments in the site's time zone.

A day outside ``MIN_DAY``..``MAX_DAY`` is refused by the agenda's filters (``events.filters``) and by the
API's field filters (``cms.api``): beyond them a datetime cannot be stored on every database (a local midnight
of 1 January 0001 in Brussels is in year 0 in UTC), and such a day means nothing for an agenda.
"""

import datetime

from django.utils import timezone

MIN_DAY = datetime.date(1900, 1, 1)
MAX_DAY = datetime.date(2200, 12, 31)


def in_day_range(value):
    """Whether ``value`` (a ``datetime.date``, or a ``datetime.datetime`` whose own date counts) falls within
    ``MIN_DAY``..``MAX_DAY``, both inclusive."""
    day = value.date() if isinstance(value, datetime.datetime) else value
    return MIN_DAY <= day <= MAX_DAY


def local(value):
    """The aware datetime ``value`` as the same moment in the site's time zone (Europe/Brussels)."""
    return timezone.localtime(value, timezone.get_default_timezone())


def local_datetime(day, time=datetime.time.min):
    """Aware datetime of the wall-clock ``time`` (a naive ``datetime.time``, default 00:00) on ``day`` (a
    ``datetime.date``) in the site's time zone (``settings.TIME_ZONE``: Europe/Brussels)."""
    return datetime.datetime.combine(day, time, tzinfo=timezone.get_default_timezone())
