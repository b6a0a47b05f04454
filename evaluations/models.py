"""Evaluations of ended activities (``Evaluation``) and the organisers who fill them (``OrganiserProfile``)."""

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel

from cms.models import in_default_locale


class OrganiserProfile(models.Model):
    """Links a Wagtail user of the group "Organisateurs" to the organisation they speak for."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        verbose_name=_("utilisateur"),
        on_delete=models.CASCADE,
        related_name="organiser_profile",
    )
    organisation = models.ForeignKey(
        "cms.Organisation",
        verbose_name=_("organisation"),
        on_delete=models.CASCADE,
        related_name="organiser_profiles",
        limit_choices_to=in_default_locale,
    )

    panels = [FieldPanel("user"), FieldPanel("organisation")]

    class Meta:
        verbose_name = _("profil d'organisateur")
        verbose_name_plural = _("profils d'organisateurs")

    def __str__(self):
        return f"{self.user} – {self.organisation}"


class Evaluation(models.Model):
    """The organisers' evaluation ("fiche d'évaluation") of one ended activity or visit (default-locale page)."""

    SATISFACTION_CHOICES = [(n, str(n)) for n in range(1, 6)]

    # PROTECT: an evaluation is the partnership's record of an activity that took place; deleting the page must
    # not take it silently (``cms.lifecycle`` refuses with ``deletion_refusals``'s reason).
    page = models.OneToOneField(
        "events.ScheduledPage", verbose_name=_("activité"), on_delete=models.PROTECT, related_name="evaluation"
    )
    participants_present = models.PositiveIntegerField(_("participants présents"))
    satisfaction = models.PositiveSmallIntegerField(
        _("satisfaction"),
        choices=SATISFACTION_CHOICES,
        validators=[MinValueValidator(1), MaxValueValidator(5)],
        help_text=_("De 1 (pas du tout satisfaisant) à 5 (très satisfaisant)."),
    )
    what_worked = models.TextField(_("ce qui a bien fonctionné"), blank=True)
    to_improve = models.TextField(_("à améliorer"), blank=True)
    follow_up = models.TextField(_("suite prévue"), blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("rempli par"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    created_at = models.DateTimeField(_("rempli le"), auto_now_add=True)
    updated_at = models.DateTimeField(_("modifié le"), auto_now=True)

    panels = [
        FieldPanel("page"),
        FieldPanel("participants_present"),
        FieldPanel("satisfaction"),
        FieldPanel("what_worked"),
        FieldPanel("to_improve"),
        FieldPanel("follow_up"),
    ]

    class Meta:
        verbose_name = _("évaluation")
        verbose_name_plural = _("évaluations")
        ordering = ["-page__start"]

    def __str__(self):
        return str(_("Évaluation : %(title)s") % {"title": self.page.title})

    @classmethod
    def deletion_refusals(cls, evaluations):
        """Why the pages of ``evaluations`` cannot be deleted (``cms.lifecycle`` asks the models that protect
        pages)."""
        page_model = cls._meta.get_field("page").related_model
        titles = page_model.objects.filter(pk__in=[evaluation.page_id for evaluation in evaluations])
        return [
            gettext(
                "« %(title)s » a une fiche d'évaluation, qui ne doit pas disparaître : dépubliez l'activité "
                "plutôt que de la supprimer."
            )
            % {"title": title}
            for title in titles.values_list("title", flat=True)
        ]
