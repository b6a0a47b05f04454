"""Decisions and actions become records when a meeting is published (never on a draft), and later meetings
move the actions on; publishing again updates instead of duplicating."""

import pytest

from minutes.models import MeetingPage
from minutes.records import Action, ActionStatus, ActionUpdate, Decision
from tests.factories import OrganisationFactory, brussels
from tests.minutes.conftest import action_keys, item, publish, published_meeting

APRIL, JUNE, SEPTEMBER = brussels(2017, 4, 18, 9, 30), brussels(2017, 6, 16, 9, 30), brussels(2017, 9, 15, 9, 30)


@pytest.fixture
def april(space):
    forest = OrganisationFactory(name="MEF Forest")
    return published_meeting(
        space,
        APRIL,
        [
            item("Trajet emploi", decisions=["Une fiche d'évaluation commune."], actions=[("Remplir la fiche", "Chaque organisateur", None)]),
            item("Divers", decisions=["Prochaine réunion le 16 juin."], actions=[("Confirmer le lieu", "La coordination", forest)]),
        ],
        title="Avril",
        slug="avril",
    )  # fmt: skip


def test_publishing_writes_the_records(april):
    assert [(d.item_title, d.text) for d in Decision.objects.filter(meeting=april)] == [
        ("Trajet emploi", "Une fiche d'évaluation commune."),
        ("Divers", "Prochaine réunion le 16 juin."),
    ]
    actions = list(Action.objects.filter(meeting=april).order_by("sort_order"))
    assert [(a.what, a.who, a.status) for a in actions] == [
        ("Remplir la fiche", "Chaque organisateur", ActionStatus.OPEN),
        ("Confirmer le lieu", "La coordination", ActionStatus.OPEN),
    ]
    assert actions[1].organisation.name == "MEF Forest"
    assert [a.key for a in actions] == action_keys(april)
    assert actions[0].get_status_display() == "en cours"


def test_a_draft_writes_nothing(space):
    from tests.factories import MeetingPageFactory

    page = MeetingPageFactory(parent=space, start=APRIL, live=False, agenda=[item("Point", decisions=["Décidé"])])
    page.save_revision()
    assert not Decision.objects.exists()
    assert not Action.objects.exists()


def test_publishing_again_updates_instead_of_duplicating(april):
    page = MeetingPage.objects.get(pk=april.pk)
    page.agenda[0].value["actions"][0]["what"] = "Remplir la fiche d'évaluation"
    publish(page, agenda=page.agenda)
    publish(MeetingPage.objects.get(pk=april.pk))
    assert Action.objects.count() == 2 and Decision.objects.count() == 2
    assert Action.objects.filter(what="Remplir la fiche d'évaluation").exists()


def test_an_action_removed_before_publishing_again_disappears(april):
    page = MeetingPage.objects.get(pk=april.pk)
    del page.agenda[1].value["actions"][0]
    page.save_revision()  # a draft: the record stays until it is published
    assert Action.objects.count() == 2
    page.get_latest_revision().publish()
    assert list(Action.objects.values_list("what", flat=True)) == ["Remplir la fiche"]


def test_an_action_whose_block_id_changed_keeps_its_record(april):
    """Minutes rewritten by code get new block ids: the action is found by its text, not duplicated."""
    kept = Action.objects.get(what="Remplir la fiche")
    page = MeetingPage.objects.get(pk=april.pk)
    publish(page, agenda=[item("Trajet emploi", actions=[("Remplir la fiche", "Chaque organisateur", None)])])
    assert list(Action.objects.values_list("pk", "key")) == [(kept.pk, action_keys(page)[0])]
    assert kept.key != action_keys(page)[0]


def follow_up(space, start, rows, slug):
    return published_meeting(space, start, [item("Suivi des actions", follow_ups=rows)], title=slug, slug=slug)


def test_actions_move_on_at_later_meetings(april):
    space = april.get_parent()
    fiche, lieu = action_keys(april)
    june = follow_up(
        space,
        JUNE,
        [(fiche, ActionStatus.OPEN, "En cours pour 5 activités sur 9"), (lieu, ActionStatus.DONE, "")],
        "juin",
    )
    lieu_action = Action.objects.get(key=lieu)
    assert lieu_action.status == ActionStatus.DONE
    assert [(u.meeting_id, u.old_status, u.new_status) for u in lieu_action.updates.all()] == [
        (june.pk, ActionStatus.OPEN, ActionStatus.DONE)
    ]
    fiche_action = Action.objects.get(key=fiche)
    assert fiche_action.status == ActionStatus.OPEN
    assert fiche_action.updates.get().note == "En cours pour 5 activités sur 9"

    september = follow_up(space, SEPTEMBER, [(fiche, ActionStatus.DROPPED, "Remplacée par l'enquête")], "septembre")
    fiche_action.refresh_from_db()
    assert fiche_action.status == ActionStatus.DROPPED
    assert [(u.meeting_id, u.old_status, u.new_status) for u in fiche_action.updates.order_by("meeting__start")] == [
        (june.pk, ActionStatus.OPEN, ActionStatus.OPEN),
        (september.pk, ActionStatus.OPEN, ActionStatus.DROPPED),
    ]
    # Publishing June again (a typo fixed) neither duplicates its updates nor undoes September's.
    publish(MeetingPage.objects.get(pk=june.pk))
    assert ActionUpdate.objects.count() == 3
    fiche_action.refresh_from_db()
    assert fiche_action.status == ActionStatus.DROPPED


def test_a_row_left_as_prepared_records_nothing(april):
    fiche, _lieu = action_keys(april)
    follow_up(april.get_parent(), JUNE, [(fiche, ActionStatus.OPEN, "")], "juin")
    assert not ActionUpdate.objects.exists()


def test_a_follow_up_taken_back_restores_the_status(april):
    fiche, _lieu = action_keys(april)
    june = follow_up(april.get_parent(), JUNE, [(fiche, ActionStatus.DONE, "")], "juin")
    assert Action.objects.get(key=fiche).status == ActionStatus.DONE
    page = MeetingPage.objects.get(pk=june.pk)
    publish(page, agenda=[item("Suivi des actions")])
    assert Action.objects.get(key=fiche).status == ActionStatus.OPEN
    assert not ActionUpdate.objects.exists()


def test_the_follow_up_block_refuses_an_unknown_action(april):
    from django.core.exceptions import ValidationError

    from minutes.blocks import AgendaItemBlock

    block = AgendaItemBlock()
    fiche, _lieu = action_keys(april)
    good = block.to_python({"title": "Suivi", "follow_ups": [{"action": fiche, "status": "done", "note": ""}]})
    assert block.clean(good)["follow_ups"][0]["action"] == fiche
    bad = block.to_python({"title": "Suivi", "follow_ups": [{"action": "nope", "status": "done", "note": ""}]})
    with pytest.raises(ValidationError):
        block.clean(bad)
    note_only = block.to_python({"title": "Suivi", "follow_ups": [{"action": "", "status": "done", "note": "?"}]})
    with pytest.raises(ValidationError):
        block.clean(note_only)
    blank = block.to_python({"title": "Suivi", "follow_ups": [{"action": "", "status": "open", "note": ""}]})
    assert list(block.clean(blank)["follow_ups"]) == []


def test_the_meeting_page_shows_its_follow_ups(client, april, partner):
    from bs4 import BeautifulSoup

    fiche, _lieu = action_keys(april)
    june = follow_up(april.get_parent(), JUNE, [(fiche, ActionStatus.DONE, "Toutes reçues")], "juin")
    client.force_login(partner)
    soup = BeautifulSoup(client.get(june.url).text, "html.parser")
    assert [li.get_text(" ", strip=True) for li in soup.select("ul.follow-ups li")] == [
        "Remplir la fiche : faite – Toutes reçues"
    ]


def test_old_minutes_still_load(space):
    """Minutes stored before the organisation and the follow-ups were added open and publish as they are."""
    page = stored_before_the_change(space)
    value = page.agenda[0].value
    assert value["actions"][0]["organisation"] is None and list(value["follow_ups"]) == []
    publish(page)
    assert Action.objects.get().what == "Ancienne action"


def stored_before_the_change(space):
    import json

    from tests.factories import MeetingPageFactory

    page = MeetingPageFactory(parent=space, start=APRIL, live=False)
    raw = [{"type": "item", "id": "i1", "value": {"title": "Ancien", "discussion": "", "decisions": ["Ancienne"],
            "actions": [{"type": "item", "id": "a1", "value": {"what": "Ancienne action", "who": "X", "due": None}}]}}]  # fmt: skip
    MeetingPage.objects.filter(pk=page.pk).update(agenda=json.dumps(raw))
    return MeetingPage.objects.get(pk=page.pk)


def test_a_copied_meeting_gets_actions_of_its_own(april):
    """ "Copier" in the admin keeps the block ids: publishing the copy must neither fail nor take April's actions."""
    copy = MeetingPage.objects.get(pk=april.pk).copy(update_attrs={"slug": "copie", "title": "Copie"}, keep_live=False)
    publish(MeetingPage.objects.get(pk=copy.pk), start=JUNE)
    assert Action.objects.filter(meeting=april).count() == 2
    copied = Action.objects.filter(meeting=copy)
    assert copied.count() == 2 and not set(copied.values_list("key", flat=True)) & set(action_keys(april))
    publish(MeetingPage.objects.get(pk=copy.pk))  # and again: still two each
    assert Action.objects.count() == 4
