"""Admin: registrations, evaluations and organisers (menu "Inscriptions"), the home panel "Activités à évaluer"
and the report "Évaluations du trajet"."""
from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.admin.ui.components import Component

from .evaluations import to_evaluate
from .reports import EvaluationReportView
from .viewsets import RegistrationsGroup

PANEL_SIZE = 10


@hooks.register("register_admin_viewset")
def register_registrations():
    return RegistrationsGroup()


class ActivitiesToEvaluatePanel(Component):
    """Ended activities without an evaluation that the user may evaluate, oldest first (two queries)."""

    template_name = "events/registration/admin_panel.html"
    order = 150

    def __init__(self, activities, more):
        self.activities, self.more = activities, more

    def get_context_data(self, parent_context):
        return {"activities": self.activities, "more": self.more, "add_url": reverse("events_evaluation:add")}


@hooks.register("construct_homepage_panels")
def add_activities_to_evaluate(request, panels):
    if not request.user.has_perm("events.add_evaluation"):
        return
    pending = to_evaluate(request.user)
    activities = list(pending[:PANEL_SIZE])
    more = pending.count() - len(activities) if len(activities) == PANEL_SIZE else 0
    panels.append(ActivitiesToEvaluatePanel(activities, more))


@hooks.register("register_admin_urls")
def evaluation_report_urls():
    return [
        path("reports/evaluations/", EvaluationReportView.as_view(), name="events_evaluation_report"),
        path(
            "reports/evaluations/results/",
            EvaluationReportView.as_view(results_only=True),
            name="events_evaluation_report_results",
        ),
    ]


class EvaluationReportMenuItem(MenuItem):
    def is_shown(self, request):
        return request.user.has_perm("events.view_evaluation")


@hooks.register("register_reports_menu_item")
def register_evaluation_report_menu_item():
    return EvaluationReportMenuItem(
        _("Évaluations du trajet"), reverse("events_evaluation_report"), icon_name="tasks", order=700
    )


