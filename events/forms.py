"""The agenda's GET filter form. Unknown or malformed values become form errors, never exceptions."""
from django import forms
from django.core.validators import MaxValueValidator, MinValueValidator
from django.utils.translation import gettext_lazy as _

from .agenda import MAX_DAY, MIN_DAY, AgendaFilters
from .choices import Phase

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
