"""The agenda's choices that need no model, so that the models, the filters and the API can all import them."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Phase(models.TextChoices):
    """The three phases of the Trajet emploi, in the order a job seeker goes through them."""

    ORIENTATION = "orientation", _("Orientation")
    DECOUVERTE = "decouverte-metiers", _("Découverte des métiers")
    OUTILLAGE = "outillage", _("Outillage")


# The agenda's ``type`` filter values: what a ``ScheduledPage`` is (``ScheduledPage.kind``).
KINDS = ("activity", "visit")


class EventStatus(models.TextChoices):
    """Whether an activity or a visit takes place as announced (schema.org ``eventStatus``; RFC 5545 ``STATUS``).

    A rescheduled event is ``scheduled`` again, with ``ScheduledPage.previous_start`` kept (``EventRescheduled``).
    """

    SCHEDULED = "scheduled", _("prévue")
    CANCELLED = "cancelled", _("annulée")
    POSTPONED = "postponed", _("reportée (nouvelle date à venir)")
