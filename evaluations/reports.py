"""Admin report "Évaluations du trajet": per trajet, commune (main commune) and phase, how many activities ended,
how many have their evaluation, the completion rate and the average satisfaction (1–5). Exportable to CSV and
XLSX through Wagtail's spreadsheet export. Runs three queries whatever the number of trajets and activities.
"""

from types import SimpleNamespace

import django_filters
from django.apps import apps
from django.db.models import Avg, Count, Q
from django.db.models.functions import Length, Substr
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.ui.tables import Column
from wagtail.admin.views.reports import ReportView
from wagtail.models import Locale
from wagtail.permission_policies import ModelPermissionPolicy

from .models import Evaluation
from .scoping import scope_pages

STEPLEN = 4  # django-treebeard's path step: a child's path is its parent's plus four characters


def page_models():
    """``(TrajetPage, EventPage)``, looked up by name: this app does not import ``events``."""
    return apps.get_model("events", "TrajetPage"), apps.get_model("events", "EventPage")


def trajets():
    trajet_page, _event_page = page_models()
    return trajet_page.objects.filter(locale=Locale.get_default()).order_by("-start_date")


class TrajetFilterSet(WagtailFilterSet):
    trajet = django_filters.ModelChoiceFilter(
        label=_("Trajet"), field_name="pk", queryset=lambda request: trajets(), empty_label=_("Tous les trajets")
    )

    class Meta:
        model = apps.get_model("events", "TrajetPage")
        fields = []


def completion_rows(trajet_pages, user=None, now=None):
    """Rows (``SimpleNamespace``) ``trajet, commune, phase, activities, ended, evaluated, completion,
    satisfaction`` for the activities (live, default locale, not cancelled) of ``trajet_pages``.

    ``completion`` is the percentage of ended activities that have an evaluation (``None`` when none ended);
    ``satisfaction`` the average of their satisfaction (1–5, one decimal; ``None`` without evaluation).
    ``user``: an organiser sees only the activities of their organisation.
    """
    now = now or timezone.now()
    by_path = {trajet.path: trajet for trajet in trajet_pages}
    _trajet_page, event_page = page_models()
    activities = event_page.objects.live().filter(locale=Locale.get_default(), status="scheduled")
    if user is not None:
        activities = scope_pages(activities, user)
    groups = (
        activities.annotate(parent_path=Substr("path", 1, Length("path") - STEPLEN))
        .filter(parent_path__in=list(by_path))
        # Wagtail's page manager orders by path: cleared, or each page would be its own GROUP BY row.
        .order_by()
        .values("parent_path", "commune__name", "phase")
        .annotate(
            activities=Count("pk", distinct=True),
            ended=Count("pk", filter=Q(end__lt=now), distinct=True),
            evaluated=Count("evaluation", filter=Q(end__lt=now), distinct=True),
            satisfaction=Avg("evaluation__satisfaction", filter=Q(end__lt=now)),
        )
    )
    phases = dict(event_page._meta.get_field("phase").choices)  # value -> label, in the phases' order
    phase_order = {value: index for index, value in enumerate(phases)}
    rows = []
    for group in groups:
        trajet = by_path[group["parent_path"]]
        ended = group["ended"]
        rows.append(
            SimpleNamespace(
                trajet=trajet.title,
                trajet_start=trajet.start_date,
                commune=group["commune__name"],
                phase=str(phases[group["phase"]]),
                phase_order=phase_order[group["phase"]],
                activities=group["activities"],
                ended=ended,
                evaluated=group["evaluated"],
                completion=round(100 * group["evaluated"] / ended) if ended else None,
                satisfaction=round(group["satisfaction"], 1) if group["satisfaction"] is not None else None,
            )
        )
    rows.sort(key=lambda row: (-row.trajet_start.toordinal(), row.trajet, row.commune, row.phase_order))
    return rows


class EvaluationReportView(ReportView):
    page_title = _("Évaluations du trajet")
    header_icon = "tasks"
    index_url_name = "events_evaluation_report"
    index_results_url_name = "events_evaluation_report_results"
    permission_policy = ModelPermissionPolicy(Evaluation)
    any_permission_required = ["view", "add", "change"]
    filterset_class = TrajetFilterSet
    paginate_by = 100
    columns = [
        Column("trajet", label=_("Trajet")),
        Column("commune", label=_("Commune")),
        Column("phase", label=_("Phase")),
        Column("activities", label=_("Activités")),
        Column("ended", label=_("Terminées")),
        Column("evaluated", label=_("Évaluées")),
        Column("completion", label=_("Taux d'évaluation (%)")),
        Column("satisfaction", label=_("Satisfaction moyenne (1–5)")),
    ]
    list_export = ["trajet", "commune", "phase", "activities", "ended", "evaluated", "completion", "satisfaction"]
    export_headings = {column.name: column.label for column in columns}
    export_filename = "evaluations-trajet"

    def get_queryset(self):
        return trajets()

    def get_filtered_queryset(self):
        return completion_rows(self.filter_queryset(self.get_queryset()), user=self.request.user)
