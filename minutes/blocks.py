"""Blocks of a meeting's minutes: one agenda item with what was discussed, decided and is to be done."""
from django.utils.translation import gettext_lazy as _
from wagtail import blocks


class ActionBlock(blocks.StructBlock):
    """Something to do after the meeting: what, who, by when (a local date)."""

    what = blocks.CharBlock(label=_("Quoi"), max_length=300)
    who = blocks.CharBlock(label=_("Qui"), max_length=200, help_text=_("Une structure ou une fonction, pas un prénom."))
    due = blocks.DateBlock(label=_("Pour quand"), required=False)

    class Meta:
        icon = "tick"
        label = _("Action")


class AgendaItemBlock(blocks.StructBlock):
    title = blocks.CharBlock(label=_("Point"), max_length=250)
    discussion = blocks.RichTextBlock(
        label=_("Discussion"), features=["bold", "italic", "link", "document-link", "ul", "ol"], required=False
    )
    decisions = blocks.ListBlock(blocks.CharBlock(label=_("Décision")), label=_("Décisions"), required=False)
    actions = blocks.ListBlock(ActionBlock(), label=_("Actions"), required=False)

    class Meta:
        icon = "list-ol"
        label = _("Point de l'ordre du jour")
        template = "minutes/blocks/agenda_item_block.html"
