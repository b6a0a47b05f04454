"""The agenda page's GET filter form: it shows the filters and words what ``events.filters`` refused.

The rules are ``events.filters.parse_filters`` (shared with the outputs and the API); this form renders the
fields with the submitted values and lists the refused ones under their labels. Never raises on any value.
"""

from django import forms
from django.forms.utils import ErrorDict
from django.utils.translation import gettext_lazy as _

from .choices import Phase
from .filters import PAGE_DOOR, parse_filters, without_nul


class AgendaFilterForm(forms.Form):
    """``commune``, ``phase``, ``type``, ``from``, ``to`` and ``when`` from the query string.

    ``commune_choices`` is a list of ``(slug, name)`` pairs (``Commune.objects.choices(locale)``: the communes
    of the visitor's language): the communes the form offers and accepts.
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
    when = forms.ChoiceField(label=_("Période"), required=False, choices=[("", _("À venir")), ("past", _("Passées"))])

    # The query string says "from" and "to" (Python keywords, so not field names): the fields read and render
    # under those names, and a submitted form gives the documented query string.
    PARAM_FOR_FIELD = {"date_from": "from", "date_to": "to"}
    FIELD_FOR_PARAM = {param: field for field, param in PARAM_FOR_FIELD.items()}

    def __init__(self, params, commune_choices):
        # NUL bytes become U+FFFD (``events.filters.without_nul``): what the form re-renders holds no control
        # character.
        super().__init__(without_nul(params))
        commune_choices = list(commune_choices)
        self.fields["commune"].choices = [("", _("Toutes les communes"))] + commune_choices
        self.commune_slugs = [slug for slug, _name in commune_choices]

    def add_prefix(self, field_name):
        return self.PARAM_FOR_FIELD.get(field_name, field_name)

    def full_clean(self):
        """Validation is ``events.filters.parse_filters`` with the page's parameters; each ``FilterError``
        becomes its field's error (``FilterError.message``). ``cleaned_data`` holds no value: use ``filters``."""
        self._errors = ErrorDict()
        self.cleaned_data = {}
        self.parsed = parse_filters(self.data, PAGE_DOOR, communes=self.commune_slugs)
        for error in self.parsed.errors:
            self.add_error(self.FIELD_FOR_PARAM.get(error.parameter, error.parameter), error.message)

    def filters(self):
        """``AgendaFilters`` from the understood values only: an invalid value is dropped, not guessed at."""
        self.is_valid()
        return self.parsed.filters
