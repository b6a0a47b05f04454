"""Admin views of registrations (a Wagtail ``ModelViewSet``, in the menu group of ``evaluations.wagtail_hooks``).

Listing per event with search, filters (event, status), CSV/XLSX export (Wagtail's spreadsheet export,
datetimes in Europe/Brussels), actions "cancel" and "confirm" that go through ``registrations.allocation`` so
that capacity and the waiting list stay right.
"""

import django_filters
from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import get_object_or_404, redirect
from django.urls import path, reverse
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _
from django.views.generic import TemplateView
from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.forms import WagtailAdminModelForm
from wagtail.admin.ui.tables import Column, DateColumn
from wagtail.admin.views import generic
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.admin.widgets import HeaderButton, ListingButton
from wagtail.models import Locale
from wagtail.permission_policies import ModelPermissionPolicy

from cms.days import local
from cms.exports import FormulaSafeCSVMixin

from .allocation import (
    ActivityEnded,
    AlreadyRegistered,
    RegistrationError,
    cancel,
    confirm,
    has_ended,
    register,
)
from .meals import option_labelled, option_text
from .models import Registration, with_waiting_position
from .reports import MealReportView, visit_model


def brussels_naive(value):
    """Aware datetime → naive Europe/Brussels wall-clock time (what a spreadsheet cell should show)."""
    return local(value).replace(tzinfo=None) if value else value


def brussels_text(value):
    return brussels_naive(value).strftime("%Y-%m-%d %H:%M") if value else ""


LOCAL_TIME_EXPORT = {"xlsx": brussels_naive, "csv": brussels_text}


def registration_pages():
    """Default-locale activities and visits, newest first (the event filter's choices)."""
    page_model = Registration._meta.get_field("page").related_model
    return page_model.objects.filter(locale=Locale.get_default()).order_by("-start")


class RegistrationFilterSet(WagtailFilterSet):
    page = django_filters.ModelChoiceFilter(label=_("Activité"), queryset=lambda request: registration_pages())
    status = django_filters.ChoiceFilter(label=_("Statut"), choices=Registration.Status.choices)

    class Meta:
        model = Registration
        fields = ["page", "status"]


class RegistrationIndexView(FormulaSafeCSVMixin, generic.IndexView):
    custom_field_preprocess = {"created_at": LOCAL_TIME_EXPORT, "page.start": LOCAL_TIME_EXPORT}

    def get_base_queryset(self):
        return with_waiting_position(super().get_base_queryset().select_related("page", "organisation"))

    @cached_property
    def header_buttons(self):
        """Adds "Repas" (``registrations.reports``): the lunches of the visit day the listing is filtered on, or of
        every visit day."""
        buttons = super().header_buttons
        if self.permission_policy.user_has_any_permission(self.request.user, ["view", "add", "change"]):
            url = reverse("events_registration:meals")
            page = self.filters.form.cleaned_data.get("page") if self.filters and self.filters.is_valid() else None
            # The page's class from Wagtail's cached content types: no query.
            if page is not None and issubclass(page.specific_class or object, visit_model()):
                url += f"?visit={page.pk}"
            buttons.append(HeaderButton(_("Repas des journées de visites"), url=url, icon_name="form"))
        return buttons

    def get_list_more_buttons(self, instance):
        buttons = super().get_list_more_buttons(instance)
        perm = self.permission_policy.user_has_permission(self.request.user, "change")
        if perm and instance.status != Registration.Status.CANCELLED:
            buttons.append(
                ListingButton(
                    _("Annuler l'inscription"),
                    url=reverse("events_registration:cancel", args=[instance.pk]),
                    icon_name="cross",
                    priority=40,
                )
            )
        if perm and instance.status == Registration.Status.WAITING:
            buttons.append(
                ListingButton(
                    _("Confirmer"),
                    url=reverse("events_registration:confirm", args=[instance.pk]),
                    icon_name="check",
                    priority=41,
                )
            )
        return buttons


class RegistrationCreateForm(WagtailAdminModelForm):
    """An editor adds someone (by phone, at the desk): allocated like the public form, deadline aside."""

    page = forms.ModelChoiceField(
        label=_("Activité"), queryset=Registration._meta.get_field("page").related_model.objects.none()
    )

    class Meta:
        model = Registration
        fields = ["page", "name", "email", "phone", "organisation", "meal_label", "language"]
        help_texts = {
            "meal_label": _(
                "Pour une journée de visites avec repas : l'intitulé exact d'un de ses repas (son prix actuel est "
                "retenu) ; vide : pas de repas."
            )
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["page"].queryset = registration_pages()
        self.meal = None

    def clean(self):
        cleaned = super().clean()
        page, email = cleaned.get("page"), (cleaned.get("email") or "").strip().lower()
        if page and email:
            active = Registration.objects.filter(page=page, email=email).exclude(status=Registration.Status.CANCELLED)
            if active.exists():
                self.add_error("email", AlreadyRegistered().message)
        if page:
            try:
                self.meal = option_labelled(page.specific.meal_options(), cleaned.get("meal_label"))
            except ValidationError as error:
                self.add_error("meal_label", error)
        return cleaned

    def validate_unique(self):
        pass  # the page is not a model field of this form's instance yet; clean() checks the e-mail


class RegistrationCreateView(generic.CreateView):
    success_message = _("Inscription de « %(object)s » enregistrée.")
    error_message = _("L'inscription n'a pas pu être enregistrée : corrigez les champs signalés ci-dessous.")

    def save_instance(self):
        data = self.form.cleaned_data
        return register(
            data["page"],
            name=data["name"],
            email=data["email"],
            phone=data["phone"],
            organisation=data["organisation"],
            meal=self.form.meal,
            language=data["language"],
            check_open=False,
        )


class RegistrationEditForm(WagtailAdminModelForm):
    """An editor corrects someone's details, and for a visit day with meals their lunch: one of the day's options
    (its current price is then recorded) or none. A meal the day no longer offers can be kept, at its recorded
    price."""

    class Meta:
        model = Registration
        fields = ["name", "email", "phone", "organisation", "meal_label", "language"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.options = self.instance.page.specific.meal_options() if self.instance.page_id else []
        current = self.instance.meal_label
        if not self.options and not current:
            del self.fields["meal_label"]
            return
        choices = [("", _("Pas de repas"))] + [(o.label, option_text(o.label, o.price)) for o in self.options]
        if current and current not in {option.label for option in self.options}:
            kept = option_text(current, self.instance.meal_price) if self.instance.meal_price is not None else current
            choices.append((current, _("%(meal)s (plus proposé)") % {"meal": kept}))
        self.fields["meal_label"] = forms.ChoiceField(
            label=_("Repas"), choices=choices, required=False, help_text=_("Changer de repas retient son prix actuel.")
        )

    def clean(self):
        cleaned = super().clean()
        if "meal_label" in self.changed_data:
            option = option_labelled(self.options, cleaned.get("meal_label"))
            self.instance.meal_price = option.price if option else None
        return cleaned


class RegistrationEditView(generic.EditView):
    success_message = _("Inscription de « %(object)s » modifiée.")
    error_message = _("L'inscription n'a pas pu être modifiée : corrigez les champs signalés ci-dessous.")


class NoDeletePermissionPolicy(ModelPermissionPolicy):
    """Registrations are cancelled, never deleted: nobody, superusers included, is offered "delete"."""

    def user_has_permission(self, user, action):
        return action != "delete" and super().user_has_permission(user, action)

    def user_has_any_permission(self, user, actions):
        return super().user_has_any_permission(user, [action for action in actions if action != "delete"])


class RegistrationDeleteView(generic.DeleteView):
    """No registration row disappears through the admin: the delete address leads to "cancel the registration"
    (the person is told, the place goes to the waiting list, the row stays for the counts)."""

    def dispatch(self, request, *args, **kwargs):
        if not request.user.has_perm("registrations.change_registration"):
            raise PermissionDenied
        messages.warning(
            request, _("Une inscription ne se supprime pas : annulez-la (sa place revient à la liste d'attente).")
        )
        return redirect("events_registration:cancel", int(kwargs["pk"]))


class RegistrationActionView(WagtailAdminTemplateMixin, TemplateView):
    """GET: ask to confirm the action; POST: cancel (``action = "cancel"``) or confirm (``"confirm"``)."""

    template_name = "registrations/admin_action.html"
    action = None
    header_icon = "form"

    def dispatch(self, request, pk):
        if not request.user.has_perm("registrations.change_registration"):
            raise PermissionDenied
        self.registration = get_object_or_404(Registration.objects.select_related("page"), pk=pk)
        return super().dispatch(request, pk)

    def get_page_title(self):
        return _("Annuler l'inscription") if self.action == "cancel" else _("Confirmer l'inscription")

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(
            registration=self.registration, action=self.action, index_url=reverse("events_registration:index")
        )
        if self.action == "cancel" and has_ended(self.registration.page.registration_page):
            context["refused"] = ActivityEnded().message
        return context

    def post(self, request, pk):
        registration = self.registration
        if self.action == "cancel":
            try:
                promoted = cancel(registration)
            except RegistrationError as error:  # the activity has ended
                messages.error(request, error.message)
                return redirect(reverse("events_registration:index") + f"?page={registration.page_id}")
            done = _("Inscription de %(name)s annulée.") % {"name": registration.name}
            if registration.email:
                done = f"{done} {_('Un e-mail l’en informe.')}"
            messages.success(request, done)
            for person in promoted:
                messages.success(
                    request, _("%(name)s passe de la liste d'attente aux confirmés.") % {"name": person.name}
                )
        else:
            try:
                confirm(registration)
            except RegistrationError as error:
                messages.error(request, error.message)
            else:
                messages.success(request, _("Inscription de %(name)s confirmée.") % {"name": registration.name})
        return redirect(reverse("events_registration:index") + f"?page={registration.page_id}")


class RegistrationViewSet(ModelViewSet):
    model = Registration
    icon = "form"
    menu_label = _("Inscriptions")
    name = "registration"
    url_namespace = "events_registration"
    url_prefix = "events/registrations"
    index_view_class = RegistrationIndexView
    add_view_class = RegistrationCreateView
    edit_view_class = RegistrationEditView
    delete_view_class = RegistrationDeleteView
    copy_view_enabled = False
    filterset_class = RegistrationFilterSet
    search_fields = ["name", "email", "phone"]
    list_display = [
        "name",
        "email",
        "phone",
        "organisation",
        Column("page", label=_("Activité"), accessor="page.title"),
        Column("status", label=_("Statut"), accessor="get_status_display"),
        DateColumn("created_at", label=_("Inscrit·e le")),
    ]
    list_per_page = 50
    ordering = ["-created_at"]
    list_export = [
        "page.title",
        "page.start",
        "name",
        "email",
        "phone",
        "organisation",
        "get_status_display",
        "waiting_position",
        "created_at",
        "language",
        "meal_label",
        "meal_price",
    ]
    export_headings = {
        "page.title": _("Activité"),
        "page.start": _("Début (heure de Bruxelles)"),
        "name": _("Nom"),
        "email": _("E-mail"),
        "phone": _("Téléphone"),
        "organisation": _("Organisation"),
        "get_status_display": _("Statut"),
        "waiting_position": _("Position en liste d'attente"),
        "created_at": _("Inscrit·e le (heure de Bruxelles)"),
        "language": _("Langue"),
        "meal_label": _("Repas"),
        "meal_price": _("Prix du repas (EUR)"),
    }
    export_filename = "inscriptions"
    form_fields = ["name", "email", "phone", "organisation", "language"]

    @cached_property
    def permission_policy(self):
        return NoDeletePermissionPolicy(self.model)

    def get_form_class(self, for_update=False):
        return RegistrationEditForm if for_update else RegistrationCreateForm

    def get_urlpatterns(self):
        return super().get_urlpatterns() + [
            path("<int:pk>/cancel/", RegistrationActionView.as_view(action="cancel"), name="cancel"),
            path("<int:pk>/confirm/", RegistrationActionView.as_view(action="confirm"), name="confirm"),
            path("meals/", MealReportView.as_view(), name="meals"),
            path("meals/results/", MealReportView.as_view(results_only=True), name="meals_results"),
        ]
