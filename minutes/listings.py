"""The partners' registers: "Actions en cours" and "Registre des décisions", routes of the partners' space
(``MinutesIndexPage``), so that its view restriction covers them as it covers the minutes.

Only records of live meetings are listed: a meeting withdrawn (unpublished) takes its decisions and actions out of
the registers with it. Records belong to the French meeting; each one links to the meeting in the visitor's
language when that version exists, else to the French meeting.
"""

from django import forms
from django.core.paginator import Paginator
from django.db.models import Prefetch, Q
from django.utils.translation import gettext_lazy as _
from wagtail.models import Locale, Page

from cms.models import Organisation

from .records import Action, ActionStatus, ActionUpdate, Decision

PER_PAGE = 20
ALL_STATUSES = "all"
MAX_QUERY_LENGTH = 200


class ActionFilterForm(forms.Form):
    """GET ``organisation`` (the pk of a French organisation) and ``status`` (``open``, ``done``, ``dropped`` or
    ``all``; ``open`` when absent). An unknown value is an error of the form, and that filter is ignored."""

    organisation = forms.ModelChoiceField(
        label=_("Organisation"), required=False, queryset=Organisation.objects.none(), empty_label=_("Toutes")
    )
    status = forms.ChoiceField(
        label=_("Statut"),
        required=False,
        choices=[*ActionStatus.choices, (ALL_STATUSES, _("Tous les statuts"))],
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organisation"].queryset = Organisation.objects.filter(locale=Locale.get_default()).order_by("name")

    def filters(self):
        """``{"organisation": Organisation | None, "status": str}`` of the valid fields only."""
        self.is_valid()
        cleaned = getattr(self, "cleaned_data", {})
        status = cleaned.get("status") if "status" not in self.errors else None
        return {"organisation": cleaned.get("organisation"), "status": status or ActionStatus.OPEN}


class DecisionSearchForm(forms.Form):
    query = forms.CharField(label=_("Rechercher une décision"), required=False, max_length=MAX_QUERY_LENGTH)


def _live_meetings_q(prefix):
    return Q(**{f"{prefix}meeting__live": True})


def meeting_links(meetings, locale):
    """``{French meeting pk: page}``: the version of each meeting in ``locale`` when it is live, else the French
    meeting itself (two queries)."""
    meetings = {meeting.pk: meeting for meeting in meetings}
    keys = {meeting.translation_key: pk for pk, meeting in meetings.items()}
    links = dict(meetings)
    if locale is not None and keys:
        translated = Page.objects.live().filter(locale=locale, translation_key__in=list(keys))
        for page in translated:
            links[keys[page.translation_key]] = page
    return links


def _with_links(records, meetings_of, locale):
    meetings = {meeting.pk: meeting for record in records for meeting in meetings_of(record)}
    links = meeting_links(meetings.values(), locale)
    for record in records:
        record.link = links[record.meeting_id]
        for update in getattr(record, "history", ()):
            update.link = links[update.meeting_id]
    return records


def actions_page(params, locale, page_number=None):
    """``(form, page_obj)``: the actions of live meetings filtered by ``params`` (GET), newest meeting first,
    ``PER_PAGE`` a page. Each action has ``link`` (its meeting in ``locale``) and ``history`` (its updates at
    live meetings, oldest first, each with ``link``)."""
    form = ActionFilterForm(params)
    filters = form.filters()
    actions = (
        Action.objects.filter(_live_meetings_q(""))
        .select_related("meeting", "organisation")
        .prefetch_related(
            Prefetch(
                "updates",
                ActionUpdate.objects.filter(_live_meetings_q("")).select_related("meeting"),
                to_attr="history",
            )
        )
        .order_by("-meeting__start", "sort_order", "pk")
    )
    if filters["organisation"] is not None:
        actions = actions.filter(organisation=filters["organisation"])
    if filters["status"] != ALL_STATUSES:
        actions = actions.filter(status=filters["status"])
    page_obj = Paginator(actions, PER_PAGE).get_page(page_number)
    records = list(page_obj.object_list)
    page_obj.object_list = _with_links(
        records, lambda action: [action.meeting, *(update.meeting for update in action.history)], locale
    )
    return form, page_obj


def decisions_page(params, locale, page_number=None):
    """``(form, page_obj)``: the decisions of live meetings whose text or agenda item contains GET ``query``
    (case-insensitive), newest meeting first, ``PER_PAGE`` a page, each with ``link``."""
    form = DecisionSearchForm(params)
    decisions = (
        Decision.objects.filter(_live_meetings_q(""))
        .select_related("meeting")
        .order_by("-meeting__start", "sort_order", "pk")
    )
    if form.is_valid() and form.cleaned_data["query"].strip():
        query = form.cleaned_data["query"].replace("\x00", "").strip()
        decisions = decisions.filter(Q(text__icontains=query) | Q(item_title__icontains=query))
    page_obj = Paginator(decisions, PER_PAGE).get_page(page_number)
    page_obj.object_list = _with_links(list(page_obj.object_list), lambda decision: [decision.meeting], locale)
    return form, page_obj
