"""Preparing the next meeting from the minutes of the last one ("Préparer la prochaine réunion").

``prepare_next_meeting(meeting, user)`` creates, beside the published ``meeting``, a DRAFT ``MeetingPage`` (never
published here: the secretariat completes it and submits it to "Validation du PV") with:

- the title "Réunion du CZS du 16 juin 2017" (the local date of ``next_meeting_start``, in French) and that
  start; no venue;
- when the place is to be confirmed, a first agenda item "Lieu à confirmer : <place>" (else, with a place, an
  item "Lieu : <place>"), so that the draft says it where everyone reads;
- one agenda item per planned point of ``next_meeting_agenda`` (list items, else paragraphs, else a sentence
  "a, b et c" split on its commas and its last "et");
- an item "Suivi des actions" listing the open actions, with a follow-up row prefilled for each (still "en
  cours", no note: a row left so records nothing).

A meeting is prepared once: a second call returns the draft made the first time (or a meeting of the same
parent already starting at that time).
"""

import html
import re

from django.db import transaction
from django.utils import formats, timezone, translation
from django.utils.html import strip_tags
from django.utils.text import slugify
from django.utils.translation import gettext as _
from wagtail.coreutils import find_available_slug
from wagtail.models import Locale

from .records import Action, ActionStatus

_ELEMENT = {"li": re.compile(r"<li[^>]*>(.*?)</li>", re.S | re.I), "p": re.compile(r"<p[^>]*>(.*?)</p>", re.S | re.I)}


class CannotPrepare(Exception):
    """The meeting cannot be followed by a prepared meeting (not published, no next meeting); the message is
    French, for the editor."""


def _text(fragment):
    return " ".join(html.unescape(strip_tags(fragment)).split())


def _capitalised(text):
    return text[:1].upper() + text[1:]


def planned_points(rich_text):
    """The planned points of an agenda written as rich text (``str`` of HTML), in order: ``["Feedback trajet
    emploi", "Journée 18 mai", "Rentrée 2017"]`` for "feedback trajet emploi, journée 18 mai et rentrée 2017"."""
    for tag in ("li", "p"):
        points = [_text(match) for match in _ELEMENT[tag].findall(rich_text or "")]
        points = [point for point in points if point]
        if len(points) > 1 or tag == "p" and points:
            break
    else:
        points = [_text(rich_text or "")] if _text(rich_text or "") else []
    if len(points) == 1:
        parts = [part for part in re.split(r"\s*[,;]\s*", points[0].rstrip(".")) if part]
        if len(parts) > 1:
            parts[-1:] = re.split(r"\s+et\s+", parts[-1], maxsplit=1)
        points = parts
    return [_capitalised(point) for point in points]


def french_date(value):
    """``"16 juin 2017"``: the local (Brussels) date of the aware datetime ``value``, in French."""
    with translation.override("fr"):
        return formats.date_format(timezone.localtime(value), "j F Y")


def _item(title, discussion="", follow_ups=()):
    return ("item", {"title": title, "discussion": discussion, "decisions": [], "actions": [], "follow_ups": list(follow_ups)})  # fmt: skip


def open_actions():
    """The open actions of published meetings, oldest meeting first."""
    return (
        Action.objects.filter(status=ActionStatus.OPEN, meeting__live=True)
        .select_related("meeting")
        .order_by("meeting__start", "sort_order", "pk")
    )


def next_meeting_fields(meeting):
    """The fields of the meeting that follows ``meeting``: ``{"title", "start", "committee", "agenda"}``
    (``agenda`` as StreamField data: ``[("item", {...}), ...]``). French texts, whatever the active language."""
    with translation.override("fr"):
        agenda = []
        place = meeting.next_meeting_place.strip()
        if meeting.next_meeting_to_be_confirmed:
            title = _("Lieu à confirmer : %(place)s") % {"place": place} if place else _("Lieu à confirmer")
            agenda.append(_item(title))
        elif place:
            agenda.append(_item(_("Lieu : %(place)s") % {"place": place}))
        agenda.extend(_item(point) for point in planned_points(meeting.next_meeting_agenda))
        actions = list(open_actions())
        if actions:
            lines = "".join(
                "<li>{what} ({who}){due}</li>".format(
                    what=html.escape(action.what),
                    who=html.escape(action.who or "—"),
                    due=(" – " + _("pour le %(date)s") % {"date": formats.date_format(action.due, "j F Y")})
                    if action.due
                    else "",
                )
                for action in actions
            )
            follow_ups = [{"action": action.key, "status": ActionStatus.OPEN, "note": ""} for action in actions]
            agenda.append(_item(_("Suivi des actions"), f"<ul>{lines}</ul>", follow_ups))
        return {
            "title": _("Réunion du CZS du %(date)s") % {"date": french_date(meeting.next_meeting_start)},
            "start": meeting.next_meeting_start,
            "committee": meeting.committee,
            "agenda": agenda,
        }


def existing_next_meeting(meeting):
    """The meeting already prepared from ``meeting``, or one of its siblings starting at its next meeting's time;
    ``None`` otherwise."""
    model = type(meeting)
    prepared = model.objects.filter(previous_meeting=meeting, locale_id=meeting.locale_id).order_by("pk").first()
    if prepared is None and meeting.next_meeting_start:
        siblings = model.objects.sibling_of(meeting, inclusive=False)
        prepared = siblings.filter(start=meeting.next_meeting_start).order_by("pk").first()
    return prepared


def prepare_next_meeting(meeting, user=None):
    """Create the draft of the meeting after ``meeting`` (a live ``MeetingPage`` with ``next_meeting_start``), as
    ``user``, in one transaction.

    :returns: ``(page, created)``: the new draft, or the meeting prepared before and ``False``.
    :raises CannotPrepare: ``meeting`` is not the French page, is not published or has no next meeting.
    """
    if meeting.alias_of_id or meeting.locale_id != Locale.get_default().pk:
        raise CannotPrepare(_("Préparez la prochaine réunion à partir du procès-verbal en français."))
    if not meeting.live:
        raise CannotPrepare(_("Publiez d'abord ce procès-verbal : la prochaine réunion se prépare à partir de lui."))
    if meeting.next_meeting_start is None:
        raise CannotPrepare(_("Indiquez d'abord la date de la prochaine réunion (« Prochaine réunion »)."))
    existing = existing_next_meeting(meeting)
    if existing is not None:
        return existing, False
    fields = next_meeting_fields(meeting)
    with transaction.atomic():
        parent = meeting.get_parent()
        page = type(meeting)(
            **fields,
            slug=find_available_slug(parent, slugify(fields["title"])),
            previous_meeting=meeting,
            live=False,
            owner=user,
        )
        parent.add_child(instance=page)
        page.save_revision(user=user, log_action=True)
    return page, True
