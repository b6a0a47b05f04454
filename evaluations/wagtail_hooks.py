"""Admin: the menu group "Inscriptions" (registrations, evaluations, organisers), the home panel "Activités à
évaluer" and the report "Évaluations du trajet"."""

from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.admin.ui.components import Component
from wagtail.admin.viewsets.model import ModelViewSetGroup

from registrations.viewsets import RegistrationViewSet

from .reports import EvaluationReportView
from .scoping import to_evaluate
from .viewsets import EvaluationViewSet, OrganiserProfileViewSet

PANEL_SIZE = 10


class RegistrationsGroup(ModelViewSetGroup):
    """One menu for the people side of an activity: who registered, then how it went. Evaluations depend on
    registrations (never the reverse), so the group that holds both lives here."""

    menu_label = _("Inscriptions")
    menu_icon = "form"
    menu_order = 250
    items = (RegistrationViewSet, EvaluationViewSet, OrganiserProfileViewSet)


@hooks.register("register_admin_viewset")
def register_registrations():
    return RegistrationsGroup()


class ActivitiesToEvaluatePanel(Component):
    """Ended activities without an evaluation that the user may evaluate, oldest first (two queries)."""

    template_name = "evaluations/admin_panel.html"
    order = 150

    def __init__(self, activities, more):
        self.activities, self.more = activities, more

    def get_context_data(self, parent_context):
        return {"activities": self.activities, "more": self.more, "add_url": reverse("events_evaluation:add")}


@hooks.register("construct_homepage_panels")
def add_activities_to_evaluate(request, panels):
    if not request.user.has_perm("evaluations.add_evaluation"):
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
        return request.user.has_perm("evaluations.view_evaluation")


@hooks.register("register_reports_menu_item")
def register_evaluation_report_menu_item():
    return EvaluationReportMenuItem(
        _("Évaluations du trajet"), reverse("events_evaluation_report"), icon_name="tasks", order=700
    )
