"""The agenda's GET filter form. Unknown or malformed values become form errors, never exceptions."""
from django import forms
from django.utils.translation import gettext_lazy as _

from .agenda import AgendaFilters
from .models import Phase


class AgendaFilterForm(forms.Form):
    """Validates ``commune``, ``phase``, ``type``, ``from``, ``to`` and ``when`` from the query string.

    ``commune_choices`` is a list of ``(slug, name)`` pairs (the communes of the visitor's language).
    """

    commune = forms.ChoiceField(label=_("Commune"), required=False)
    phase = forms.ChoiceField(label=_("Phase"), required=False, choices=[("", _("Toutes les phases"))] + Phase.choices)
    type = forms.ChoiceField(
        label=_("Type"),
        required=False,
        choices=[("", _("Activités et visites")), ("activity", _("Activités")), ("visit", _("Visites"))],
    )
    date_from = forms.DateField(label=_("À partir du"), required=False, widget=forms.DateInput(attrs={"type": "date"}))
    date_to = forms.DateField(label=_("Jusqu'au"), required=False, widget=forms.DateInput(attrs={"type": "date"}))
    when = forms.ChoiceField(
        label=_("Période"),
        required=False,
        choices=[("", _("À venir")), ("past", _("Passées"))],
    )

    # The query string uses "from" and "to", which are Python keywords: map them onto the fields.
    FIELD_FOR_PARAM = {"from": "date_from", "to": "date_to"}

    def __init__(self, params, commune_choices):
        # Keep the data keyed by query-string name: add_prefix() makes the date fields read "from" and "to".
        super().__init__(dict(params.items()))
        self.fields["commune"].choices = [("", _("Toutes les communes"))] + list(commune_choices)
        for param, field in self.FIELD_FOR_PARAM.items():
            self.fields[field].widget.attrs["id"] = f"id_{param}"

    def add_prefix(self, field_name):
        # Render "from"/"to" as the input names so that a submitted form gives the documented query string.
        return {v: k for k, v in self.FIELD_FOR_PARAM.items()}.get(field_name, field_name)

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
