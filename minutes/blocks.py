"""Blocks of a meeting's minutes: one agenda item with what was discussed, decided and is to be done."""

from django.core.exceptions import ValidationError
from django.utils import formats
from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.blocks.struct_block import StructBlockValidationError
from wagtail.snippets.blocks import SnippetChooserBlock

from .records import Action, ActionStatus


class ActionBlock(blocks.StructBlock):
    """Something to do after the meeting: what, who, by when (a local date)."""

    what = blocks.CharBlock(label=_("Quoi"), max_length=300)
    who = blocks.CharBlock(label=_("Qui"), max_length=200, help_text=_("Une structure ou une fonction, pas un prénom."))
    due = blocks.DateBlock(label=_("Pour quand"), required=False)
    # Added later: minutes written before it simply have no organisation.
    organisation = SnippetChooserBlock(
        "cms.Organisation",
        label=_("Organisation"),
        required=False,
        help_text=_("Facultatif : la structure chargée de l'action, pour filtrer les actions par organisation."),
    )

    class Meta:
        icon = "tick"
        label = _("Action")


def action_choices():
    """The actions a later meeting may follow up, as grouped choices ``[(group label, [(key, label), ...])]``:
    open actions first, then closed ones (so that the minutes of a past follow-up still validate). Each label
    names the action, who and the local date of the meeting where it was opened."""
    groups = {True: [], False: []}
    for action in Action.objects.select_related("meeting").order_by("meeting__start", "sort_order"):
        when = formats.date_format(action.meeting.local_start, "d/m/Y")
        label = f"{action.what} ({action.who or '—'}, {when})"
        groups[action.is_open].append((action.key, label))
    return [(_("Actions en cours"), groups[True]), (_("Actions clôturées"), groups[False])]


class ActionFollowUpBlock(blocks.StructBlock):
    """A later meeting's word on an open action: its new status and a note. Left as it is (status "en cours",
    no note), the row records nothing."""

    action = blocks.ChoiceBlock(choices=action_choices, label=_("Action"), required=False)
    status = blocks.ChoiceBlock(
        choices=ActionStatus.choices, default=ActionStatus.OPEN, label=_("Nouveau statut"), required=False
    )
    note = blocks.CharBlock(label=_("Note"), max_length=500, required=False)

    class Meta:
        icon = "history"
        label = _("Suivi d'une action")

    @staticmethod
    def is_empty_value(value):
        return not value.get("action") and not (value.get("note") or "").strip()

    def clean(self, value):
        value = super().clean(value)
        if not value.get("action"):
            raise StructBlockValidationError(
                block_errors={"action": ValidationError(_("Choisissez l'action suivie, ou retirez cette ligne."))}
            )
        return value


def is_empty(value):
    """True for a block value nobody filled in: blank text, ``None``, or a struct/list of such values."""
    if isinstance(value, blocks.StructValue):
        if hasattr(value.block, "is_empty_value"):
            return value.block.is_empty_value(value)
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
    follow_ups = OptionalListBlock(
        ActionFollowUpBlock(),
        label=_("Suivi des actions"),
        required=False,
        help_text=_("Les actions des réunions précédentes : nouveau statut et note, enregistrés à la publication."),
    )

    class Meta:
        icon = "list-ol"
        label = _("Point de l'ordre du jour")
        template = "minutes/blocks/agenda_item_block.html"

    def get_context(self, value, parent_context=None):
        """Adds ``follow_ups``: ``[(Action or None, status label, note), ...]`` for the rows of "Suivi des
        actions" (one query)."""
        context = super().get_context(value, parent_context=parent_context)
        rows = value.get("follow_ups") or []
        actions = Action.objects.in_bulk([row["action"] for row in rows if row.get("action")], field_name="key")
        statuses = dict(ActionStatus.choices)
        context["follow_ups"] = [
            (actions.get(row.get("action")), statuses.get(row.get("status") or ActionStatus.OPEN), row.get("note"))
            for row in rows
        ]
        return context
