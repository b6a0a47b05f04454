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
