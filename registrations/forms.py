"""The registration form of activity and visit pages (``registrations.views``)."""

from django import forms
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from cms.models import Organisation, in_default_locale

from .meals import NO_MEAL, option_text


class RegistrationForm(forms.Form):
    """The public registration form of an activity or a visit day.

    :param page: the ``ScheduledPage`` shown; for a visit day the partner organisation is required.
        When the page offers lunch options (``meal_options``), ``meal`` is a required choice among them and
        "Pas de repas", with no default: the choice is the restaurant's order and the structure's bill.
        ``cleaned_data["meal"]`` is then the French page's ``MealOption`` (its label and current price) or
        ``None``; a value the page does not offer is a form error.
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
    meal = forms.ChoiceField(
        label=_("Repas du midi"),
        widget=forms.RadioSelect,
        error_messages={
            "required": _("Choisissez un repas, ou « Pas de repas »."),
            "invalid_choice": _("Ce repas n'est pas proposé pour cette journée : choisissez-en un dans la liste."),
        },
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
        meals = page.meal_options()
        # The French page holds the quota and the prices; asked once (a query on a translated page only).
        holder = page.registration_page if (self.is_visit or meals) else page
        if self.is_visit:
            # The French rows (quotas count them), named in the page's language where translated.
            field = self.fields["organisation"]
            field.queryset = Organisation.objects.filter(**in_default_locale()).order_by("name")
            field.required = True
            names = {org.translation_key: str(org) for org in Organisation.objects.filter(locale_id=page.locale_id)}
            field.label_from_instance = lambda org: names.get(org.translation_key) or str(org)
            quota = holder.organisation_quota()
            if quota:  # the rule, before the form is sent (``allocation.fill_places`` applies it)
                field.help_text = ngettext(
                    "%(count)s personne au plus par structure : au-delà, vous serez en attente pour votre structure.",
                    "%(count)s personnes au plus par structure : au-delà, vous serez en attente pour votre structure.",
                    quota,
                ) % {"count": quota}
        else:
            del self.fields["organisation"]
        if meals:
            # Block ids are the same on every translation: the visitor reads their language's labels, the
            # registration records the French label and price.
            self._meals = {option.key: option for option in holder.meal_options()}
            prices = {key: option.price for key, option in self._meals.items()}
            self.fields["meal"].choices = [
                (option.key, option_text(option.label, prices.get(option.key, option.price))) for option in meals
            ] + [(NO_MEAL, _("Pas de repas"))]
        else:
            del self.fields["meal"]
        self.fields["name"].widget.attrs["autocomplete"] = "name"
        self.fields["email"].widget.attrs["autocomplete"] = "email"
        self.fields["phone"].widget.input_type = "tel"
        self.fields["phone"].widget.attrs["autocomplete"] = "tel"
        self.fields["homepage"].widget.attrs.update({"autocomplete": "off", "tabindex": "-1"})

    def clean_meal(self):
        value = self.cleaned_data["meal"]
        if value == NO_MEAL:
            return None
        option = self._meals.get(value)
        if option is None:  # offered by a translation, gone from the French page since
            raise forms.ValidationError(self.fields["meal"].error_messages["invalid_choice"], code="invalid_choice")
        return option

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
