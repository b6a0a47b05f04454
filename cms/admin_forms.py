"""The admin's page form, hardened against a tampered or truncated POST.

A StreamField reads its blocks from ``<name>-count``, ``<name>-0-type``…; when one of them is missing or not a
number, Wagtail's block raises ``KeyError``/``ValueError`` while the form reads its data, and the edit view
answers 500. Here such a field keeps the value it had (the page's stored value, or the default on a new
page) and the form shows an error on it, so the editor sees the form again instead of an error page.
"""

from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms import WagtailAdminPageForm

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
