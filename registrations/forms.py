"""The registration form of activity and visit pages (``registrations.views``)."""

from django import forms
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from cms.models import Organisation, in_default_locale


class RegistrationForm(forms.Form):
    """The public registration form of an activity or a visit day.

    :param page: the ``ScheduledPage`` shown; for a visit day the partner organisation is required.
    :param privacy_url: URL of the privacy notice (``SiteSettings.privacy_page``), linked from the consent box, or
        a callable returning it (or ``None``), called only when the form is shown again: a valid submission
        costs no query for it.

    ``homepage`` is a honeypot: hidden from people (and from assistive technologies), bots fill it in.
    """

    PHONE_RE = r"^\+?[0-9 ./()\-]{6,25}$"

    name = forms.CharField(label=_("Nom et prénom"), max_length=200)
    # Each field holds at most what its column does (``Registration``): e-mail 254, name 200, phone 30.
    email = forms.EmailField(
        label=_("Adresse e-mail"), help_text=_("Pour vous confirmer l'inscription."), max_length=254
    )
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

        self.page = page
        self._privacy_url = privacy_url
        self.is_visit = page.partners_only
        if self.is_visit:
            # The French rows (quotas count them), named in the page's language where translated.
            field = self.fields["organisation"]
            field.queryset = Organisation.objects.filter(**in_default_locale()).order_by("name")
            field.required = True
            names = {org.translation_key: str(org) for org in Organisation.objects.filter(locale_id=page.locale_id)}
            field.label_from_instance = lambda org: names.get(org.translation_key) or str(org)
            quota = page.registration_page.organisation_quota()
            if quota:  # the rule, before the form is sent (``allocation.fill_places`` applies it)
                field.help_text = ngettext(
                    "%(count)s personne au plus par structure : au-delà, vous serez en attente pour votre structure.",
                    "%(count)s personnes au plus par structure : au-delà, vous serez en attente pour votre structure.",
                    quota,
                ) % {"count": quota}
        else:
            del self.fields["organisation"]
        self.fields["name"].widget.attrs["autocomplete"] = "name"
        self.fields["email"].widget.attrs["autocomplete"] = "email"
        self.fields["phone"].widget.input_type = "tel"
        self.fields["phone"].widget.attrs["autocomplete"] = "tel"
        self.fields["homepage"].widget.attrs.update({"autocomplete": "off", "tabindex": "-1"})

    @property
    def privacy_url(self):
        """The privacy notice's URL (``str``) or ``None``."""
        if callable(self._privacy_url):
            self._privacy_url = self._privacy_url()
        return self._privacy_url

    @property
    def is_bot(self):
        """True when the honeypot was filled in (call after ``is_valid``)."""
        return bool(self.data.get(self.add_prefix("homepage"), "").strip())

    def visible_fields(self):
        return [field for field in super().visible_fields() if field.name != "homepage"]
