"""Admin views of evaluations and organisers (Wagtail ``ModelViewSet``s, registered in ``wagtail_hooks``).

Organisers see and fill only the evaluations of the activities their organisation organises
(``evaluations.scoping``).
"""

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms import WagtailAdminModelForm
from wagtail.admin.ui.tables import Column, DateColumn
from wagtail.admin.views import generic
from wagtail.admin.views.generic.history import HistoryView
from wagtail.admin.views.generic.usage import UsageView
from wagtail.admin.viewsets.model import ModelViewSet

from cms.exports import FormulaSafeCSVMixin

from .models import Evaluation, OrganiserProfile
from .scoping import ended_activities, scope_evaluations, scope_pages


class EvaluationForm(WagtailAdminModelForm):
    """The "fiche d'évaluation". Its activity list holds ended activities the user may evaluate and that have
    no evaluation yet (plus, when editing, the evaluation's own activity)."""

    class Meta:
        model = Evaluation
        fields = ["page", "participants_present", "satisfaction", "what_worked", "to_improve", "follow_up"]
        widgets = {"satisfaction": forms.RadioSelect}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        pages = ended_activities().filter(evaluation__isnull=True)
        if self.instance.pk:
            pages = pages | pages.model.objects.filter(pk=self.instance.page_id)
        if self.for_user is not None:
            pages = scope_pages(pages, self.for_user)
        self.fields["page"].queryset = pages.order_by("start")
        self.fields["page"].label_from_instance = lambda page: (
            f"{page.title} ({timezone.localtime(page.start):%d/%m/%Y})"
        )

    def save(self, commit=True):
        if not self.instance.pk and self.for_user is not None:
            self.instance.created_by = self.for_user
        return super().save(commit)


class ScopedEvaluationMixin:
    def get_queryset(self):
        return scope_evaluations(Evaluation.objects.select_related("page"), self.request.user)


class ScopedEvaluationObjectMixin:
    """History and usage: the evaluation must be one the user may see (else 404)."""

    def get_base_object_queryset(self):
        return scope_evaluations(super().get_base_object_queryset(), self.request.user)


class EvaluationHistoryView(ScopedEvaluationObjectMixin, HistoryView):
    pass


class EvaluationUsageView(ScopedEvaluationObjectMixin, UsageView):
    pass


class EvaluationIndexView(FormulaSafeCSVMixin, generic.IndexView):
    def get_base_queryset(self):
        return scope_evaluations(super().get_base_queryset().select_related("page"), self.request.user)


SAVED = _("Évaluation « %(object)s » enregistrée.")
NOT_SAVED = _("L'évaluation n'a pas pu être enregistrée : corrigez les champs signalés ci-dessous.")


class EvaluationCreateView(generic.CreateView):
    success_message, error_message = SAVED, NOT_SAVED

    def get_initial(self):
        initial = super().get_initial()
        if self.request.GET.get("page", "").isdigit():
            initial["page"] = int(self.request.GET["page"])
        return initial


class EvaluationEditView(ScopedEvaluationMixin, generic.EditView):
    success_message, error_message = SAVED, NOT_SAVED


class EvaluationDeleteView(ScopedEvaluationMixin, generic.DeleteView):
    success_message = _("Évaluation « %(object)s » supprimée.")


class OrganiserProfileCreateView(generic.CreateView):
    success_message = _("Organisateur « %(object)s » ajouté.")
    error_message = _("L'organisateur n'a pas pu être ajouté : corrigez les champs signalés ci-dessous.")


class OrganiserProfileEditView(generic.EditView):
    success_message = _("Organisateur « %(object)s » modifié.")
    error_message = _("L'organisateur n'a pas pu être modifié : corrigez les champs signalés ci-dessous.")


class OrganiserProfileDeleteView(generic.DeleteView):
    success_message = _("Organisateur « %(object)s » retiré.")


class EvaluationViewSet(ModelViewSet):
    model = Evaluation
    icon = "tasks"
    menu_label = _("Évaluations")
    name = "evaluation"
    url_namespace = "events_evaluation"
    url_prefix = "events/evaluations"
    index_view_class = EvaluationIndexView
    add_view_class = EvaluationCreateView
    edit_view_class = EvaluationEditView
    delete_view_class = EvaluationDeleteView
    history_view_class = EvaluationHistoryView
    usage_view_class = EvaluationUsageView
    copy_view_enabled = False
    form_class = EvaluationForm
    search_fields = ["page__title", "what_worked", "to_improve", "follow_up"]
    list_display = [
        Column("page", label=_("Activité"), accessor="page.title"),
        DateColumn("page_start", label=_("Date"), accessor="page.start"),
        "participants_present",
        "satisfaction",
    ]
    ordering = ["-page__start"]
    list_export = [
        "page.title",
        "page.start",
        "participants_present",
        "satisfaction",
        "what_worked",
        "to_improve",
        "follow_up",
    ]
    export_filename = "evaluations"

    def get_form_class(self, for_update=False):
        return EvaluationForm


class OrganiserProfileViewSet(ModelViewSet):
    model = OrganiserProfile
    add_view_class = OrganiserProfileCreateView
    edit_view_class = OrganiserProfileEditView
    delete_view_class = OrganiserProfileDeleteView
    icon = "user"
    menu_label = _("Organisateurs")
    name = "organiser_profile"
    url_namespace = "events_organiser_profile"
    url_prefix = "events/organisers"
    copy_view_enabled = False
    form_fields = ["user", "organisation"]
    list_display = ["user", "organisation"]
    search_fields = ["user__username", "user__last_name", "organisation__name"]
