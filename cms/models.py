"""Shared snippets: the communes, the partner organisations and the venues that every app refers to."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.contrib.settings.models import BaseSiteSetting, register_setting
from wagtail.models import Locale, TranslatableMixin
from wagtail.search import index
from wagtail_localize.fields import SynchronizedField, TranslatableField

from .display import postal_address


class CommuneQuerySet(models.QuerySet):
    """``Commune.objects``: communes, with the choices the agenda's filters offer."""

    def choices(self, locale):
        """``[(slug, name)]`` of these communes in ``locale`` (a ``wagtail.models.Locale``), by name: the name
        in ``locale``, else the default language's (French) where not translated yet. One query."""
        names = {}
        for commune in self.filter(locale__in=[locale, Locale.get_default()]).order_by("name"):
            if commune.slug not in names or commune.locale_id == locale.pk:
                names[commune.slug] = commune.name
        return sorted(names.items(), key=lambda item: item[1])


class Commune(TranslatableMixin, index.Indexed, models.Model):
    """One of the 19 communes of the Brussels-Capital Region.

    Translatable (wagtail-localize): the name is translated ("Forest" / "Vorst"); the slug is the same in every
    language and is what URLs and filters use (``?commune=forest``).
    """

    name = models.CharField(_("nom"), max_length=100)
    slug = models.SlugField(
        _("identifiant"), max_length=100, help_text=_("Identifiant stable utilisé dans les adresses, ex. « forest ».")
    )
    postcode = models.CharField(_("code postal"), max_length=4, blank=True)

    panels = [FieldPanel("name"), FieldPanel("slug"), FieldPanel("postcode")]
    # wagtail-localize: only the name is translated; slug and postcode are the same in every language.
    translatable_fields = [
        TranslatableField("name"),
        SynchronizedField("slug", overridable=False),
        SynchronizedField("postcode", overridable=False),
    ]
    search_fields = [index.SearchField("name"), index.AutocompleteField("name"), index.FilterField("locale")]

    # ``Commune.objects.choices(locale)``: what the agenda's filters offer (``CommuneQuerySet``).
    objects = CommuneQuerySet.as_manager()

    class Meta(TranslatableMixin.Meta):
        verbose_name = _("commune")
        verbose_name_plural = _("communes")
        ordering = ["name"]
        constraints = [models.UniqueConstraint(fields=["locale", "slug"], name="unique_commune_slug_per_locale")]

    def __str__(self):
        return self.name


def in_default_locale():
    """``limit_choices_to`` for foreign keys that must point to the default-locale (French) row of a translatable
    snippet, e.g. a registration's organisation: quotas and evaluations count French rows."""
    return {"locale__language_code": settings.LANGUAGE_CODE}


class Organisation(TranslatableMixin, index.Indexed, models.Model):
    """A partner structure: a MEF, an association, a training centre, a company visited.

    Translatable (wagtail-localize): name and short name may differ by language; pages in Dutch or English point
    to the Dutch or English row when there is one (``cms.i18n``). Registrations and organisers refer to the
    French row.
    """

    name = models.CharField(_("nom"), max_length=200)
    short_name = models.CharField(_("nom court"), max_length=50, blank=True, help_text=_("Sigle, ex. « EFP »."))
    website = models.URLField(_("site web"), blank=True)

    panels = [FieldPanel("name"), FieldPanel("short_name"), FieldPanel("website")]
    translatable_fields = [
        TranslatableField("name"),
        TranslatableField("short_name"),
        SynchronizedField("website"),
    ]
    search_fields = [
        index.SearchField("name"),
        index.SearchField("short_name"),
        index.AutocompleteField("name"),
        index.FilterField("locale"),
    ]

    class Meta(TranslatableMixin.Meta):
        verbose_name = _("organisation")
        verbose_name_plural = _("organisations")
        ordering = ["name"]
        constraints = [models.UniqueConstraint(fields=["locale", "name"], name="unique_organisation_name_per_locale")]

    def __str__(self):
        return self.short_name or self.name


class Venue(TranslatableMixin, index.Indexed, models.Model):
    """A place where an activity happens (schema.org ``Place`` with its ``PostalAddress``).

    Translatable (wagtail-localize): the name may differ by language ("Maison communale" / "Gemeentehuis"); the
    street is copied from the French row (overridable), the postcode is the same in every language, and the
    commune is the commune's row in the venue's language.
    """

    name = models.CharField(_("nom"), max_length=200)
    street = models.CharField(_("rue et numéro"), max_length=200, blank=True)
    postcode = models.CharField(_("code postal"), max_length=10, blank=True)
    commune = models.ForeignKey(Commune, verbose_name=_("commune"), on_delete=models.PROTECT, related_name="venues")

    panels = [FieldPanel("name"), FieldPanel("street"), FieldPanel("postcode"), FieldPanel("commune")]
    translatable_fields = [
        TranslatableField("name"),
        SynchronizedField("street"),
        SynchronizedField("postcode", overridable=False),
        TranslatableField("commune"),
    ]
    search_fields = [
        index.SearchField("name"),
        index.SearchField("street"),
        index.AutocompleteField("name"),
        index.FilterField("commune"),
        index.FilterField("locale"),
    ]

    class Meta(TranslatableMixin.Meta):
        verbose_name = _("lieu")
        verbose_name_plural = _("lieux")
        ordering = ["name"]

    def __str__(self):
        return self.name

    @property
    def address(self):
        """One-line postal address: "street, postcode commune" (parts that are empty are left out; the commune's
        postcode when the venue has none). See ``cms.display.postal_address``."""
        return str(postal_address(self))


@register_setting(icon="cog")
class SiteSettings(BaseSiteSetting):
    """Per-site links the templates need: the privacy notice and the accessibility statement pages."""

    privacy_page = models.ForeignKey(
        "wagtailcore.Page",
        verbose_name=_("politique de confidentialité"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("La page qui explique le traitement des données personnelles (inscriptions)."),
    )
    accessibility_page = models.ForeignKey(
        "wagtailcore.Page",
        verbose_name=_("déclaration d'accessibilité"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    panels = [FieldPanel("privacy_page"), FieldPanel("accessibility_page")]

    class Meta:
        verbose_name = _("réglages du site")
