"""The demo shows the partners' cycle on the seed: the April meeting's records and the June meeting prepared."""

import datetime as dt

from bs4 import BeautifulSoup
from django.utils import timezone

from home.demo.loader import load
from minutes.models import MeetingPage
from minutes.records import Action, ActionUpdate, Decision
from tests.factories import BRUSSELS


def test_the_meeting_records(demo):
    meeting = demo["meeting"]
    assert list(Decision.objects.filter(meeting=meeting).values_list("text", flat=True)) == [
        "Une fiche d'évaluation commune est utilisée pour chaque activité du trajet.",
        "La visite est ouverte aux partenaires de la zone sud, 2 personnes maximum par structure.",
        "La prochaine réunion de la CZS a lieu le 16 juin 2017 à 9 h 30, à la MEF de Forest ou de Saint-Gilles "
        "(à confirmer).",
    ]
    actions = {action.what: action for action in Action.objects.filter(meeting=meeting)}
    assert len(actions) == 4 and all(action.is_open for action in actions.values())
    lieu = actions["Confirmer au plus vite le lieu de la prochaine réunion (MEF de Forest ou de Saint-Gilles)"]
    assert (lieu.who, lieu.organisation.short_name, lieu.due) == ("La coordination", "CZS", dt.date(2017, 6, 16))
    fiche = next(action for what, action in actions.items() if what.startswith("Remplir la fiche d'évaluation"))
    assert fiche.who == "Chaque organisateur d'activité"


def test_the_partner_reads_them(client, demo, partner):
    client.force_login(partner)
    page = BeautifulSoup(client.get("/fr/espace-partenaires/actions/").text, "html.parser")
    assert len(page.select("li.action")) == 4
    decisions = BeautifulSoup(client.get("/fr/espace-partenaires/decisions/").text, "html.parser")
    assert len(decisions.select("li.decision")) == 3


def test_the_next_meeting_is_prepared(demo, client, partner):
    draft = MeetingPage.objects.get(pk=demo["next_meeting"].pk)
    assert not draft.live and draft.previous_meeting_id == demo["meeting"].pk
    assert draft.title == "Réunion du CZS du 16 juin 2017"
    assert timezone.localtime(draft.start, BRUSSELS) == dt.datetime(2017, 6, 16, 9, 30, tzinfo=BRUSSELS)
    assert [block.value["title"] for block in draft.agenda] == [
        "Lieu à confirmer : MEF de Forest ou de Saint-Gilles",
        "Feedback Trajet emploi",
        "Journée du 18 mai",
        "Rentrée 2017",
        "Suivi des actions",
    ]
    keys = [row["action"] for row in draft.agenda[-1].value["follow_ups"]]
    assert sorted(keys) == sorted(Action.objects.values_list("key", flat=True))
    client.force_login(partner)
    assert client.get("/fr/espace-partenaires/reunion-du-czs-du-16-juin-2017/").status_code == 404
    index = client.get("/fr/espace-partenaires/").text
    assert "16 juin 2017" not in BeautifulSoup(index, "html.parser").select_one(".meeting-list").get_text()


def test_loading_again_adds_nothing(demo):
    counts = (
        Action.objects.count(),
        Decision.objects.count(),
        ActionUpdate.objects.count(),
        MeetingPage.objects.count(),
    )
    load()
    assert (Action.objects.count(), Decision.objects.count(), ActionUpdate.objects.count(), MeetingPage.objects.count()) == counts  # fmt: skip


def test_a_shifted_demo_moves_the_draft_too(db):
    load(dt.date(2027, 3, 22))
    pages = load()
    drafts = MeetingPage.objects.filter(previous_meeting=pages["meeting"], locale=pages["meeting"].locale)
    assert drafts.count() == 1
    assert drafts.get().get_latest_revision_as_object().title == "Réunion du CZS du 16 juin 2017"
    assert Action.objects.count() == 4
