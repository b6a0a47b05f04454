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


def is_empty(value):
    """True for a block value nobody filled in: blank text, ``None``, or a struct/list of such values."""
    if isinstance(value, blocks.StructValue):
        return all(is_empty(child) for child in value.values())
    if isinstance(value, (list, tuple, blocks.list_block.ListValue)):
        return all(is_empty(child) for child in value)
    if hasattr(value, "source"):  # RichText
        return not value.source.strip()
    return value is None or (isinstance(value, str) and not value.strip())


class OptionalListBlock(blocks.ListBlock):
    """A list that starts empty and forgets the rows left blank, so that an empty optional row (a decision or an
    action nobody wrote) is never a "required field" error."""

    def __init__(self, child_block, **kwargs):
        kwargs.setdefault("default", [])
        super().__init__(child_block, **kwargs)

    def clean(self, value):
        value = self.normalize(value)
        kept = [child.value for child in value.bound_blocks if not is_empty(child.value)]
        return super().clean(self.normalize(kept))


class AgendaItemBlock(blocks.StructBlock):
    title = blocks.CharBlock(label=_("Point"), max_length=250)
    discussion = blocks.RichTextBlock(
        label=_("Discussion"), features=["bold", "italic", "link", "document-link", "ul", "ol"], required=False
    )
    decisions = OptionalListBlock(blocks.CharBlock(label=_("Décision")), label=_("Décisions"), required=False)
    actions = OptionalListBlock(ActionBlock(), label=_("Actions"), required=False)

    class Meta:
        icon = "list-ol"
        label = _("Point de l'ordre du jour")
        template = "minutes/blocks/agenda_item_block.html"
