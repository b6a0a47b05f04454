"""Admin forms: the page form, hardened against a tampered or truncated POST; the venue chooser's creation form.

A StreamField reads its blocks from ``<name>-count``, ``<name>-0-type``…; when one of them is missing or not a
number, Wagtail's block raises ``KeyError``/``ValueError`` while the form reads its data, and the edit view
answers 500. Here such a field keeps the value it had (the page's stored value, or the default on a new
page) and the form shows an error on it, so the editor sees the form again instead of an error page.
"""

from django import forms
from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms import WagtailAdminPageForm
from wagtail.models import Locale

from .models import Venue

TAMPERED_FIELD_MESSAGE = _(
    "Ce champ n'a pas été envoyé complètement : rechargez la page et recommencez la modification."
)


class TamperProofPageForm(WagtailAdminPageForm):
    """``WagtailAdminPageForm`` whose fields survive data a browser would never send (see the module doc)."""

    def _widget_data_value(self, widget, html_name):
        try:
            return super()._widget_data_value(widget, html_name)
        except (KeyError, ValueError, TypeError, IndexError, AttributeError):
            for name, field in self.fields.items():
                if self.add_prefix(name) == html_name:
                    self._tampered_fields = getattr(self, "_tampered_fields", set()) | {name}
                    return self.get_initial_for_field(field, name)
            raise

    def clean(self):
        cleaned_data = super().clean()
        for name in sorted(getattr(self, "_tampered_fields", ())):
            self.add_error(name, TAMPERED_FIELD_MESSAGE)
        return cleaned_data


class VenueCreationForm(forms.ModelForm):
    """The "Nouveau lieu" tab of the venue chooser: a venue in the default (French) locale, in a French commune;
    its Dutch and English names come later through translation (``cms.models.Venue``)."""

    class Meta:
        model = Venue
        fields = ["name", "street", "postcode", "commune"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["commune"].queryset = self.fields["commune"].queryset.filter(locale=Locale.get_default())

    def save(self, commit=True):
        self.instance.locale = Locale.get_default()
        return super().save(commit=commit)
