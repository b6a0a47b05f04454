"""The agenda's GET filter form. Unknown or malformed values become form errors, never exceptions."""
from django import forms
from django.core.validators import MaxValueValidator, MinValueValidator
from django.utils.translation import gettext_lazy as _

from .agenda import MAX_DAY, MIN_DAY, AgendaFilters
from .models import Phase

# Django's default message repeats the submitted value; ours does not (it may hold markup or NUL bytes).
UNKNOWN_CHOICE = {"invalid_choice": _("Cette valeur n'existe pas dans la liste.")}


class AgendaFilterForm(forms.Form):
    """Validates ``commune``, ``phase``, ``type``, ``from``, ``to`` and ``when`` from the query string.

    ``commune_choices`` is a list of ``(slug, name)`` pairs (the communes of the visitor's language).
    """

    commune = forms.ChoiceField(label=_("Commune"), required=False, error_messages=UNKNOWN_CHOICE)
    phase = forms.ChoiceField(
        label=_("Phase"), required=False, choices=[("", _("Toutes les phases"))] + Phase.choices, error_messages=UNKNOWN_CHOICE
    )
    type = forms.ChoiceField(
        label=_("Type"),
        required=False,
        choices=[("", _("Activités et visites")), ("activity", _("Activités")), ("visit", _("Visites"))],
        error_messages=UNKNOWN_CHOICE,
    )
    date_from = forms.DateField(
        label=_("À partir du"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}),
        validators=[MinValueValidator(MIN_DAY), MaxValueValidator(MAX_DAY)],
    )
    date_to = forms.DateField(
        label=_("Jusqu'au"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}),
        validators=[MinValueValidator(MIN_DAY), MaxValueValidator(MAX_DAY)],
    )
    when = forms.ChoiceField(
        label=_("Période"),
        required=False,
        choices=[("", _("À venir")), ("past", _("Passées"))],
        error_messages=UNKNOWN_CHOICE,
    )

    # The query string says "from" and "to" (Python keywords, so not field names): the fields read and render
    # under those names, and a submitted form gives the documented query string.
    PARAM_FOR_FIELD = {"date_from": "from", "date_to": "to"}

    def __init__(self, params, commune_choices):
        # A NUL byte can't be stored or shown: it becomes U+FFFD, so the value stays invalid (and is reported)
        # and what the form re-renders holds no control character.
        super().__init__({key: value.replace("\x00", "\ufffd") for key, value in params.items()})
        self.fields["commune"].choices = [("", _("Toutes les communes"))] + list(commune_choices)

    def add_prefix(self, field_name):
        return self.PARAM_FOR_FIELD.get(field_name, field_name)

    def clean(self):
        cleaned = super().clean()
        start, end = cleaned.get("date_from"), cleaned.get("date_to")
        if start and end and end < start:
            self.add_error("date_to", _("La date de fin doit suivre la date de début."))
        return cleaned

    def filters(self):
        """``AgendaFilters`` from the valid fields only: an invalid value is dropped, not guessed at."""
        self.is_valid()
        data = {name: value for name, value in self.cleaned_data.items() if name not in self.errors}
        return AgendaFilters(
            commune=data.get("commune") or None,
            phase=data.get("phase") or None,
            kind=data.get("type") or None,
            date_from=data.get("date_from"),
            date_to=data.get("date_to") if "date_to" not in self.errors else None,
            past=data.get("when") == "past",
        )


class RegistrationForm(forms.Form):
    """The public registration form of an activity or a visit day.

    :param page: the ``ScheduledPage`` shown; for a visit day the partner organisation is required.
    :param privacy_url: URL of the privacy notice (``SiteSettings.privacy_page``), linked from the consent box.

    ``homepage`` is a honeypot: hidden from people (and from assistive technologies), bots fill it in.
    """

    PHONE_RE = r"^\+?[0-9 ./()\-]{6,25}$"

    name = forms.CharField(label=_("Nom et prénom"), max_length=200)
    email = forms.EmailField(label=_("Adresse e-mail"), help_text=_("Pour vous confirmer l'inscription."))
    phone = forms.RegexField(
        label=_("Téléphone (facultatif)"),
        regex=PHONE_RE,
        required=False,
        max_length=30,
        error_messages={"invalid": _("Indiquez un numéro de téléphone, par exemple 02 123 45 67.")},
    )
    organisation = forms.ModelChoiceField(
        label=_("Votre structure"),
        queryset=None,
        required=False,
        empty_label=_("Choisissez votre structure"),
        error_messages={"required": _("Indiquez la structure partenaire pour laquelle vous venez.")},
    )
    consent = forms.BooleanField(
        label=_("J'accepte que mes données soient utilisées pour gérer mon inscription."),
        error_messages={"required": _("Cochez cette case pour vous inscrire : nous avons besoin de votre accord.")},
    )
    homepage = forms.CharField(label=_("Ne remplissez pas ce champ"), required=False)

    def __init__(self, *args, page, privacy_url=None, **kwargs):
        super().__init__(*args, **kwargs)
        from cms.models import Organisation

        self.page = page
        self.privacy_url = privacy_url
        self.is_visit = page.kind == "visit"
        if self.is_visit:
            self.fields["organisation"].queryset = Organisation.objects.order_by("name")
            self.fields["organisation"].required = True
        else:
            del self.fields["organisation"]
        self.fields["name"].widget.attrs["autocomplete"] = "name"
        self.fields["email"].widget.attrs["autocomplete"] = "email"
        self.fields["phone"].widget.input_type = "tel"
        self.fields["phone"].widget.attrs["autocomplete"] = "tel"
        self.fields["homepage"].widget.attrs.update({"autocomplete": "off", "tabindex": "-1"})

    @property
    def is_bot(self):
        """True when the honeypot was filled in (call after ``is_valid``)."""
        return bool(self.data.get(self.add_prefix("homepage"), "").strip())

    def visible_fields(self):
        return [field for field in super().visible_fields() if field.name != "homepage"]
