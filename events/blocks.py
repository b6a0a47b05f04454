"""Blocks of activity and visit pages: timed programme steps, partners present, itinerary stops, meals."""

from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.snippets.blocks import SnippetChooserBlock

from cms.blocks import BaseStreamBlock


class ProgrammeStepBlock(blocks.StructBlock):
    """One step of an activity's programme, at a local (Europe/Brussels) time of the activity's day."""

    time = blocks.TimeBlock(label=_("Heure"), help_text=_("Heure de début de l'étape (heure de Bruxelles)."))
    title = blocks.CharBlock(label=_("Étape"), max_length=200)
    description = blocks.TextBlock(label=_("Description"), required=False)

    class Meta:
        icon = "time"
        label = _("Étape")


class ProgrammeBlock(blocks.StructBlock):
    title = blocks.CharBlock(label=_("Titre"), required=False, default=_("Programme"))
    steps = blocks.ListBlock(ProgrammeStepBlock(), label=_("Étapes"))

    class Meta:
        icon = "list-ol"
        label = _("Programme")
        template = "events/blocks/programme_block.html"


class PartnersPresentBlock(blocks.StructBlock):
    title = blocks.CharBlock(label=_("Titre"), required=False, default=_("Partenaires présents"))
    organisations = blocks.ListBlock(SnippetChooserBlock("cms.Organisation"), label=_("Organisations"))

    class Meta:
        icon = "group"
        label = _("Partenaires présents")
        template = "events/blocks/partners_block.html"


class EventBodyBlock(BaseStreamBlock):
    programme = ProgrammeBlock()
    partners = PartnersPresentBlock()


class ItineraryStopBlock(blocks.StructBlock):
    """A stop of a visit day: local time (Europe/Brussels), place, address, what happens there."""

    time = blocks.TimeBlock(label=_("Heure"), help_text=_("Heure d'arrivée ou de départ (heure de Bruxelles)."))
    place = blocks.CharBlock(label=_("Lieu"), max_length=200)
    address = blocks.CharBlock(label=_("Adresse"), max_length=250, required=False)
    description = blocks.TextBlock(label=_("Ce qui s'y passe"), required=False)

    class Meta:
        icon = "site"
        label = _("Étape")


class MealBlock(blocks.StructBlock):
    """A meal option of a visit day, price in euros (EUR), VAT included."""

    label = blocks.CharBlock(label=_("Intitulé"), max_length=100)
    price = blocks.DecimalBlock(label=_("Prix (EUR)"), min_value=0, max_digits=6, decimal_places=2)

    class Meta:
        icon = "pick"
        label = _("Repas")
