"""Decisions, actions and their follow-ups, kept from a meeting's minutes when the meeting is published.

``sync_records(meeting)`` reads the published agenda (``MeetingPage.agenda``) and, in one transaction:

- rewrites the meeting's ``Decision`` rows (one per decision, in the minutes' order);
- creates or updates one ``Action`` per action block, found by its block id (``Action.key``; prefixed with the
  meeting's id when another meeting's action has it, as in a copied page), or, for an action whose block id
  changed (minutes rewritten by code), by its text; the meeting's actions no longer in the minutes are deleted;
- writes one ``ActionUpdate`` per row of "Suivi des actions" that changes the action's status or carries a
  note, and deletes those the minutes no longer hold; then each action touched gets the status of its latest
  update (by meeting date), "en cours" without any, and each update's ``old_status`` is the status before it.

Drafts are never read: only ``page_published`` calls it, for the French meeting (translations and aliases carry
the same records, which belong to the French page).
"""

from django.db import transaction
from wagtail.models import Locale

from .records import Action, ActionStatus, ActionUpdate, Decision


def _agenda_items(meeting):
    for block in meeting.agenda:
        if block.block_type == "item":
            yield block.value


def _list_rows(value, name):
    """``[(block id or None, value), ...]`` of the ListBlock ``name`` of an agenda item's value."""
    rows = value.get(name)
    if rows is None:
        return []
    bound = getattr(rows, "bound_blocks", None)
    if bound is None:
        return [(None, row) for row in rows]
    return [(child.id, child.value) for child in bound]


def _is_french(meeting):
    return meeting.alias_of_id is None and meeting.locale_id == Locale.get_default().pk


def _sync_decisions(meeting):
    Decision.objects.filter(meeting=meeting).delete()
    rows, order = [], 0
    for item in _agenda_items(meeting):
        for _id, text in _list_rows(item, "decisions"):
            if text and text.strip():
                rows.append(Decision(meeting=meeting, item_title=item["title"], text=text.strip(), sort_order=order))
                order += 1
    Decision.objects.bulk_create(rows)


def _sync_actions(meeting):
    current_keys = {
        str(block_id) for item in _agenda_items(meeting) for block_id, _v in _list_rows(item, "actions") if block_id
    }
    # A meeting copied from another ("Copier" in the admin) carries the same block ids: those keys stay the other
    # meeting's, and this meeting's actions get keys of their own.
    taken = set(Action.objects.filter(key__in=current_keys).exclude(meeting=meeting).values_list("key", flat=True))
    existing = {action.key: action for action in Action.objects.filter(meeting=meeting)}
    by_text = {}
    for action in existing.values():
        by_text.setdefault(action.what, []).append(action)
    kept, order = set(), 0
    for item in _agenda_items(meeting):
        for block_id, value in _list_rows(item, "actions"):
            what = (value.get("what") or "").strip()
            if not what:
                continue
            key = str(block_id) if block_id else f"{meeting.pk}-{order}"
            if key in taken:
                key = f"{meeting.pk}-{key}"
            action = existing.get(key)
            if action is None:
                # Same action, new block id: matched by its text among those not yet matched.
                candidates = [a for a in by_text.get(what, []) if a.pk not in kept and a.key not in current_keys]
                action = candidates[0] if candidates else Action(meeting=meeting)
            action.key = key
            action.item_title = item["title"]
            action.what = what
            action.who = (value.get("who") or "").strip()
            action.organisation = value.get("organisation")
            action.due = value.get("due")
            action.sort_order = order
            action.save()
            kept.add(action.pk)
            order += 1
    Action.objects.filter(meeting=meeting).exclude(pk__in=kept).delete()


def _sync_follow_ups(meeting):
    """:returns: the pks of the actions whose history changed."""
    touched = set(ActionUpdate.objects.filter(meeting=meeting).values_list("action_id", flat=True))
    wanted = {}
    for item in _agenda_items(meeting):
        for _id, value in _list_rows(item, "follow_ups"):
            key = value.get("action")
            status = value.get("status") or ActionStatus.OPEN
            note = (value.get("note") or "").strip()
            if key:
                wanted[key] = (status, note)  # the last row about an action wins
    actions = Action.objects.in_bulk(list(wanted), field_name="key")
    kept = set()
    for key, (status, note) in wanted.items():
        action = actions.get(key)
        if action is None or action.meeting_id == meeting.pk:
            continue
        if status == ActionStatus.OPEN and not note:
            continue  # a row left as prepared (still open, nothing said): nothing to record
        ActionUpdate.objects.update_or_create(
            action=action, meeting=meeting, defaults={"new_status": status, "note": note, "old_status": status}
        )
        kept.add(action.pk)
        touched.add(action.pk)
    ActionUpdate.objects.filter(meeting=meeting).exclude(action_id__in=kept).delete()
    return touched


def replay_history(action):
    """Set ``action.status`` and each update's ``old_status`` from its updates in meeting order."""
    status = ActionStatus.OPEN
    for update in ActionUpdate.objects.filter(action=action).select_related("meeting").order_by("meeting__start", "pk"):
        if update.old_status != status:
            update.old_status = status
            update.save(update_fields=["old_status"])
        status = update.new_status
    if action.status != status:
        action.status = status
        action.save(update_fields=["status"])


def sync_records(meeting):
    """Rebuild the records of ``meeting`` (a ``MeetingPage``, as published) in one transaction; does nothing
    for a translation or an alias."""
    if not _is_french(meeting):
        return
    with transaction.atomic():
        _sync_decisions(meeting)
        _sync_actions(meeting)
        for action in Action.objects.filter(pk__in=_sync_follow_ups(meeting)):
            replay_history(action)


def on_page_published(sender, instance, **kwargs):
    """``page_published`` receiver (connected in ``MinutesConfig.ready`` for ``MeetingPage``)."""
    sync_records(instance)
