"""The committee's decisions and actions as records, kept from the published minutes (``minutes.sync``).

A ``Decision`` or an ``Action`` belongs to the French meeting where it was taken; an ``ActionUpdate`` is one
step in an action's life, written when a later meeting that follows it up is published. The minutes' text
stays the source: these rows are rebuilt from it on every publication, never edited by hand.
"""

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class ActionStatus(models.TextChoices):
    OPEN = "open", _("en cours")
    DONE = "done", _("faite")
    DROPPED = "dropped", _("abandonnée")


class Decision(models.Model):
    """One decision of a meeting, in the order of the minutes (``sort_order``: item, then line)."""

    meeting = models.ForeignKey(
        "minutes.MeetingPage", verbose_name=_("réunion"), on_delete=models.CASCADE, related_name="decision_records"
    )
    item_title = models.CharField(_("point de l'ordre du jour"), max_length=250)
    text = models.TextField(_("décision"))
    sort_order = models.PositiveIntegerField(_("ordre"), default=0)

    class Meta:
        verbose_name = _("décision")
        verbose_name_plural = _("décisions")
        ordering = ["-meeting__start", "sort_order"]

    def __str__(self):
        return self.text


class Action(models.Model):
    """Something the committee asked to be done: opened at ``meeting``, by ``who`` (a role) and optionally an
    ``organisation``, for ``due`` (a local date). ``key`` is the id of its block in the minutes' StreamField, so
    that publishing the meeting again updates the row instead of adding a second one."""

    key = models.CharField(_("clé"), max_length=64, unique=True, editable=False)
    meeting = models.ForeignKey(
        "minutes.MeetingPage", verbose_name=_("ouverte lors de la réunion"), on_delete=models.CASCADE,
        related_name="action_records",
    )  # fmt: skip
    item_title = models.CharField(_("point de l'ordre du jour"), max_length=250)
    what = models.CharField(_("quoi"), max_length=300)
    who = models.CharField(_("qui"), max_length=200, blank=True)
    organisation = models.ForeignKey(
        "cms.Organisation", verbose_name=_("organisation"), null=True, blank=True, on_delete=models.SET_NULL,
        related_name="+",
    )  # fmt: skip
    due = models.DateField(_("pour quand"), null=True, blank=True)
    status = models.CharField(_("statut"), max_length=10, choices=ActionStatus.choices, default=ActionStatus.OPEN)
    sort_order = models.PositiveIntegerField(_("ordre"), default=0)

    class Meta:
        verbose_name = _("action")
        verbose_name_plural = _("actions")
        ordering = ["-meeting__start", "sort_order"]

    def __str__(self):
        return self.what

    @property
    def is_open(self):
        return self.status == ActionStatus.OPEN


class ActionUpdate(models.Model):
    """One move of an action at a later ``meeting``: ``old_status`` → ``new_status``, with a note."""

    action = models.ForeignKey(Action, verbose_name=_("action"), on_delete=models.CASCADE, related_name="updates")
    meeting = models.ForeignKey(
        "minutes.MeetingPage", verbose_name=_("réunion"), on_delete=models.CASCADE, related_name="action_updates"
    )
    old_status = models.CharField(_("ancien statut"), max_length=10, choices=ActionStatus.choices)
    new_status = models.CharField(_("nouveau statut"), max_length=10, choices=ActionStatus.choices)
    note = models.CharField(_("note"), max_length=500, blank=True)
    created = models.DateTimeField(_("enregistrée le"), default=timezone.now)

    class Meta:
        verbose_name = _("suivi d'action")
        verbose_name_plural = _("suivis d'actions")
        ordering = ["meeting__start", "pk"]
        constraints = [
            # One follow-up of an action per meeting: publishing the meeting again rewrites it.
            models.UniqueConstraint(fields=["action", "meeting"], name="minutes_one_update_per_meeting"),
        ]

    def __str__(self):
        return f"{self.get_old_status_display()} → {self.get_new_status_display()}"
