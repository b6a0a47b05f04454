"""The partner's preferences form ("Mes préférences")."""

from django import forms
from django.conf import settings
from django.utils.translation import gettext_lazy as _

from .models import PartnerProfile


class PreferencesForm(forms.ModelForm):
    """The e-mail opt-out and the language of e-mails and calendar (one of the site's languages, required)."""

    notify_minutes = forms.BooleanField(
        label=_("Recevoir un e-mail quand un nouveau procès-verbal est publié"), required=False
    )
    language = forms.ChoiceField(
        label=_("Langue des e-mails et de l'agenda"),
        choices=settings.LANGUAGES,
        error_messages={"invalid_choice": _("Choisissez le français, le néerlandais ou l'anglais.")},
    )

    class Meta:
        model = PartnerProfile
        fields = ["notify_minutes", "language"]
