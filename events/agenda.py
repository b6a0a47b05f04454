"""The agenda query: the one place that knows "upcoming", "touches commune X", "in phase Y".

``ScheduledPage.objects`` is built on ``AgendaQuerySet``: every door of the agenda (the agenda page, the home
page, the API, feeds, iCalendar, embed) asks ``ScheduledPage.objects.agenda(...)`` (or ``.filtered(...)``)
rather than writing its own filter, so a privacy or filter fix lands everywhere. This module imports no model of
this app (the queryset works on ``self.model``), so that ``events.models`` can use it.
"""

import datetime
from dataclasses import dataclass

from django.db.models import Q
from django.utils import timezone
from wagtail.models import Locale
from wagtail.query import PageQuerySet

from cms.days import local_datetime
from cms.privacy import visible_to
from registrations.pages import with_places


@dataclass(frozen=True)
class AgendaFilters:
    """Validated filters. ``commune`` is a Commune slug, ``phase`` a ``Phase`` value, ``kind`` one of
    ``events.choices.KINDS``; ``date_from``/``date_to`` are local (Europe/Brussels) calendar days, both inclusive;
    ``past`` selects the archive (ended items, newest first) instead of upcoming ones (not yet ended, soonest
    first); ``any_time`` imposes neither (every item, soonest first: the API without ``upcoming=true``) and wins
    over ``past``; ``status`` an ``EventStatus`` value (the API's ``status``)."""

    commune: str | None = None
    phase: str | None = None
    kind: str | None = None
    date_from: datetime.date | None = None
    date_to: datetime.date | None = None
    past: bool = False
    any_time: bool = False
    status: str | None = None


class AgendaQuerySet(PageQuerySet):
    """The queryset of ``events.models.ScheduledPage`` (its manager is built from it)."""

    def filtered(self, filters, *, now=None):
        """These pages narrowed by ``filters`` (an ``AgendaFilters``) and ordered.

        No locale, publication or privacy filtering here: ``agenda`` adds them, and the API relies on its own
        base queryset (live, public, ``locale`` parameter) plus ``cms.privacy.visible_to``.

        :param now: aware datetime separating upcoming from past (default: ``timezone.now()``).
        """
        now = now or timezone.now()
        qs = self
        if filters.any_time:
            qs = qs.order_by("start", "pk")
        elif filters.past:
            qs = qs.filter(end__lt=now).order_by("-start", "pk")
        else:
            qs = qs.filter(end__gte=now).order_by("start", "pk")
        if filters.commune:
            touching = self.model.objects.filter(
                Q(commune__slug=filters.commune) | Q(other_communes__commune__slug=filters.commune)
            ).values("pk")
            qs = qs.filter(pk__in=touching)
        if filters.phase:
            qs = qs.filter(eventpage__phase=filters.phase)
        if filters.kind == "activity":
            qs = qs.filter(eventpage__isnull=False)
        elif filters.kind == "visit":
            qs = qs.filter(visitpage__isnull=False)
        if filters.status:
            qs = qs.filter(status=filters.status)
        if filters.date_from:
            qs = qs.filter(end__gte=local_datetime(filters.date_from))
        if filters.date_to:
            qs = qs.filter(start__lt=local_datetime(filters.date_to + datetime.timedelta(days=1)))
        return qs

    def agenda(self, request=None, filters=AgendaFilters(), *, locale=None, now=None):
        """Live pages (activities and visits) that ``request`` may see, in ``locale``, filtered.

        :param request: the visitor's request, used for view restrictions; ``None`` = anonymous, public pages only.
        :param filters: an ``AgendaFilters``.
        :param locale: a ``wagtail.models.Locale``; defaults to the active language's locale.
        :param now: aware datetime separating upcoming from past (default: ``timezone.now()``). An item in
            progress (started, not yet ended) is upcoming.
        :returns: a QuerySet of ``ScheduledPage`` with commune, venue and the activity row joined, the other
            communes prefetched and the places left annotated (``registrations.pages.with_places``), so that
            listing it costs a fixed number of queries.
        """
        locale = locale or Locale.get_active()
        qs = self.live().filter(locale=locale).filtered(filters, now=now)
        qs = with_places(visible_to(qs, request))
        return qs.select_related("commune", "venue__commune", "eventpage", "content_type").prefetch_related(
            "other_communes__commune"
        )
