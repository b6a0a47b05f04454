"""Admin report "Actions et décisions": every decision and action of the committee's minutes, newest meeting
first, with the actions' status and history; exportable to CSV and XLSX (formula-safe, ``cms.exports``). Runs three
queries whatever the number of records. Dates are local (Europe/Brussels)."""

from types import SimpleNamespace

from django.db.models import Prefetch
from django.utils import formats, timezone
from django.utils.translation import gettext_lazy as _
from wagtail.admin.ui.tables import Column
from wagtail.admin.views.reports import ReportView
from wagtail.permission_policies import ModelPermissionPolicy

from cms.exports import FormulaSafeCSVMixin

from .records import Action, ActionUpdate, Decision


def _day(value):
    return formats.date_format(value, "d/m/Y") if value else ""


def history_text(action):
    """``"en cours → faite (16/06/2017) : note ; …"``, oldest first."""
    steps = []
    for update in action.history:
        step = f"{update.get_old_status_display()} → {update.get_new_status_display()} ({_day(update.meeting.local_start)})"
        steps.append(f"{step} : {update.note}" if update.note else step)
    return " ; ".join(steps)


def register_rows():
    """Rows (``SimpleNamespace``) ``kind, meeting, date, item, text, who, organisation, due, status, history``:
    the decisions then the actions of each meeting, newest meeting first; ``date`` and ``due`` as "dd/mm/yyyy"."""
    rows = []
    decisions = Decision.objects.select_related("meeting")
    actions = Action.objects.select_related("meeting", "organisation").prefetch_related(
        Prefetch("updates", ActionUpdate.objects.select_related("meeting"), to_attr="history")
    )
    for decision in decisions:
        rows.append(
            SimpleNamespace(
                kind=str(_("Décision")), meeting=decision.meeting.title, start=decision.meeting.start,
                date=_day(decision.meeting.local_start), item=decision.item_title, text=decision.text, who="",
                organisation="", due="", status="", history="", order=(0, decision.sort_order),
            )
        )  # fmt: skip
    for action in actions:
        rows.append(
            SimpleNamespace(
                kind=str(_("Action")), meeting=action.meeting.title, start=action.meeting.start,
                date=_day(action.meeting.local_start), item=action.item_title, text=action.what, who=action.who,
                organisation=action.organisation.name if action.organisation else "", due=_day(action.due),
                status=str(action.get_status_display()), history=history_text(action), order=(1, action.sort_order),
            )
        )  # fmt: skip
    rows.sort(key=lambda row: (-timezone.localtime(row.start).timestamp(), row.order))
    return rows


class RecordsReportView(FormulaSafeCSVMixin, ReportView):
    page_title = _("Actions et décisions")
    header_icon = "tasks"
    index_url_name = "minutes_records_report"
    index_results_url_name = "minutes_records_report_results"
    permission_policy = ModelPermissionPolicy(Action)
    any_permission_required = ["view", "change"]
    paginate_by = 100
    columns = [
        Column("kind", label=_("Type")),
        Column("date", label=_("Réunion du")),
        Column("item", label=_("Point de l'ordre du jour")),
        Column("text", label=_("Texte")),
        Column("who", label=_("Qui")),
        Column("organisation", label=_("Organisation")),
        Column("due", label=_("Pour quand")),
        Column("status", label=_("Statut")),
        Column("history", label=_("Historique")),
    ]
    list_export = ["kind", "meeting", "date", "item", "text", "who", "organisation", "due", "status", "history"]
    export_headings = {"meeting": _("Réunion"), **{column.name: column.label for column in columns}}
    export_filename = "actions-et-decisions"

    def get_queryset(self):
        return register_rows()
