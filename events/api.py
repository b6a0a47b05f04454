"""The pages endpoint of the API (``/api/v2/pages/``) with the agenda's filters (mounted by ``trajet_emploi.api``).

On top of Wagtail's parameters (``type``, ``locale``, ``search``, ``order``, ``limit``, ``offset``, ``fields``,
``child_of``...), activities and visits can be filtered like the agenda page, by the same query
(``ScheduledPage.objects.filtered``, see ``events.agenda``):

- ``commune``: a commune slug (``forest``); matches the main commune or one of the other communes;
- ``phase``: ``orientation``, ``decouverte-metiers`` or ``outillage`` (activities only);
- ``upcoming``: ``true``/``1`` keeps what has not ended yet; ``false``/``0`` or absent: past and upcoming;
- ``from``, ``to``: days ``YYYY-MM-DD`` in Europe/Brussels, both inclusive (``to`` not before ``from``);
- ``status``: ``scheduled``, ``cancelled`` or ``postponed`` (each page's ``status`` field: cancelled and postponed
  activities stay listed, marked, so that partner sites can show the change).

Used with no ``type``, or with ``events.EventPage``, ``events.VisitPage`` or ``events.ScheduledPage``. They
restrict the result to activities and visits, ordered by start unless ``order`` says otherwise. A malformed
value is answered with HTTP 400 and ``{"message": "..."}`` (the rules: ``events.filters``, strictly: an empty
value is refused too, and days are ``YYYY-MM-DD`` only).

Example: ``/api/v2/pages/?type=events.EventPage&fields=*&commune=forest&upcoming=true&locale=fr``.
"""

from wagtail.api.v2.filters import OrderingFilter
from wagtail.api.v2.utils import BadRequestError
from wagtail.models import Page

from cms.api import PublicPagesAPIViewSet
from cms.days import MAX_DAY, MIN_DAY
from cms.models import Commune
from registrations.pages import with_places

from .choices import EventStatus, Phase
from .filters import API_DOOR, parse_filters
from .models import ScheduledPage

AGENDA_PARAMETERS = API_DOOR.parameters


def api_message(error):
    """The API's English wording of a ``events.filters.FilterError``."""
    if error.code == "before_from":
        return "to must not be before from"
    if error.parameter in ("from", "to"):
        return f"{error.parameter} must be a date YYYY-MM-DD from {MIN_DAY} to {MAX_DAY}"
    if error.parameter == "commune":
        return f"commune '{error.value}' is unknown: use a commune slug, e.g. 'forest'"
    if error.parameter == "phase":
        return f"phase must be one of: {', '.join(Phase.values)}"
    if error.parameter == "status":
        return f"status must be one of: {', '.join(EventStatus.values)}"
    return "upcoming must be 'true' or 'false'"


def agenda_filters_from_query(query):
    """``AgendaFilters`` from the API's query parameters (``events.filters.API_DOOR``), or ``None`` when none
    is given. A commune is known by its slug in any language.

    :raises BadRequestError: for the first refused value (in the order commune, phase, upcoming, from, to, status):
        an unknown commune or phase, a non-boolean ``upcoming``, a day that is not ``YYYY-MM-DD`` within
        ``MIN_DAY``..``MAX_DAY``, or ``to`` before ``from``.
    """
    if not any(name in query for name in AGENDA_PARAMETERS):
        return None
    parsed = parse_filters(query, API_DOOR, communes=Commune.objects.values_list("slug", flat=True))
    if parsed.errors:
        raise BadRequestError(api_message(parsed.errors[0]))
    return parsed.filters


class AgendaFilter(OrderingFilter):
    """Applies ``commune``, ``phase``, ``upcoming``, ``from``, ``to``, ``status`` through ``ScheduledPage.objects.filtered``,
    then Wagtail's ``order`` when given (else soonest first)."""

    def filter_queryset(self, request, queryset, view):
        filters = agenda_filters_from_query(request.GET)
        if filters is None:
            return super().filter_queryset(request, queryset, view)
        model = queryset.model
        if not (issubclass(model, ScheduledPage) or model is Page):
            raise BadRequestError(
                f"{', '.join(AGENDA_PARAMETERS)} apply to types events.EventPage and events.VisitPage only"
            )
        matching = ScheduledPage.objects.filtered(filters).values("pk")
        queryset = queryset.filter(pk__in=matching)
        if "order" in request.GET:
            return super().filter_queryset(request, queryset, view)
        if issubclass(model, ScheduledPage):
            return queryset.order_by("start", "pk")
        return queryset.order_by("scheduledpage__start", "pk")


class AgendaPagesAPIViewSet(PublicPagesAPIViewSet):
    """``/api/v2/pages/``: the public pages, with the agenda filters for activities and visits."""

    known_query_parameters = PublicPagesAPIViewSet.known_query_parameters.union(AGENDA_PARAMETERS)
    handled_query_parameters = AGENDA_PARAMETERS
    filter_backends = [
        AgendaFilter if backend is OrderingFilter else backend for backend in PublicPagesAPIViewSet.filter_backends
    ]

    def get_queryset(self):
        queryset = super().get_queryset()
        if issubclass(queryset.model, ScheduledPage):
            # with_places: ``places_left`` from annotations, no query per page.
            queryset = (
                with_places(queryset)
                .select_related("locale", "commune", "venue__commune")
                .prefetch_related("other_communes__commune", "organisers__organisation")
            )
        else:
            queryset = queryset.select_related("locale")
        return queryset
