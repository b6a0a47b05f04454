"""The partners' registers, "Actions en cours" and "Registre des décisions": partners only, filtered, paginated,
in every language."""

import pytest
from bs4 import BeautifulSoup
from wagtail.models import Locale

from minutes.listings import PER_PAGE
from minutes.records import Action, ActionStatus
from tests.factories import OrganisationFactory, brussels
from tests.minutes.conftest import action_keys, item, published_meeting

ACTIONS, DECISIONS = "/fr/espace-partenaires/actions/", "/fr/espace-partenaires/decisions/"


@pytest.fixture
def cycle(space):
    """April opens three actions and takes two decisions; June closes one and takes one decision."""
    forest = OrganisationFactory(name="MEF Forest")
    uccle = OrganisationFactory(name="MEF Uccle")
    april = published_meeting(
        space,
        brussels(2017, 4, 18, 9, 30),
        [
            item("Trajet emploi", decisions=["Une fiche d'évaluation commune."], actions=[("Remplir la fiche", "Organisateurs", forest)]),
            item("Divers", decisions=["Visite : deux personnes par structure."], actions=[("Confirmer le lieu", "Coordination", uccle), ("Relire la synthèse", "Partenaires", None)]),
        ],
        title="Réunion d'avril",
        slug="avril",
    )  # fmt: skip
    fiche, lieu, _synthese = action_keys(april)
    june = published_meeting(
        space,
        brussels(2017, 6, 16, 9, 30),
        [
            item(
                "Suivi des actions",
                decisions=["Rentrée : réunion en septembre."],
                follow_ups=[(lieu, "done", "MEF de Forest")],
            )
        ],  # fmt: skip
        title="Réunion de juin",
        slug="juin",
    )
    return {"april": april, "june": june, "forest": forest, "uccle": uccle, "fiche": fiche, "lieu": lieu}


def soup(response):
    assert response.status_code == 200
    return BeautifulSoup(response.text, "html.parser")


def listed_actions(page):
    return [li.h3.get_text(strip=True) for li in page.select("li.action")]


@pytest.mark.parametrize("url", [ACTIONS, DECISIONS])
def test_anonymous_is_sent_to_the_login(client, cycle, url):
    response = client.get(url)
    assert response.status_code == 302
    assert response["Location"] == f"/fr/accounts/login/?next={url}"


@pytest.mark.parametrize("url", [ACTIONS, DECISIONS])
def test_a_non_partner_is_refused(client, cycle, non_partner, url):
    client.force_login(non_partner)
    response = client.get(url, follow=True)
    assert response.redirect_chain[0][1] == 302
    assert "Remplir la fiche" not in response.text and "fiche d&#x27;évaluation" not in response.text
    assert "ce compte n'a pas accès à cette page" in response.text.replace("&#x27;", "'")


def test_open_actions_by_default_with_their_meeting(client, cycle, partner):
    client.force_login(partner)
    page = soup(client.get(ACTIONS))
    assert page.h1.get_text(strip=True) == "Actions en cours"
    assert listed_actions(page) == ["Remplir la fiche", "Relire la synthèse"]
    first = page.select_one("li.action")
    opened = first.find("dt", string="Ouverte lors de").find_next_sibling("dd")
    assert opened.a["href"] == cycle["april"].url
    assert opened.get_text(" ", strip=True).startswith("la réunion du 18 avril 2017")


def test_filters_by_status_and_organisation_with_history(client, cycle, partner):
    client.force_login(partner)
    done = soup(client.get(ACTIONS, {"status": "done"}))
    assert listed_actions(done) == ["Confirmer le lieu"]
    history = [li.get_text(" ", strip=True) for li in done.select("ul.history li")]
    assert history == ["en cours → faite, réunion du 16 juin 2017 – MEF de Forest"]
    assert done.select_one("ul.history a")["href"] == cycle["june"].url
    forest = soup(client.get(ACTIONS, {"organisation": cycle["forest"].pk, "status": "all"}))
    assert listed_actions(forest) == ["Remplir la fiche"]
    everything = soup(client.get(ACTIONS, {"status": "all"}))
    assert len(listed_actions(everything)) == 3


@pytest.mark.parametrize("params", [{"status": "perdue"}, {"organisation": "forest"}, {"organisation": "999999"}])
def test_a_bad_filter_is_reported_and_ignored(client, cycle, partner, params):
    client.force_login(partner)
    page = soup(client.get(ACTIONS, params))
    alert = page.select_one(".form-errors[role=alert]")
    assert alert is not None and "ignorés" in alert.get_text()
    assert listed_actions(page) == ["Remplir la fiche", "Relire la synthèse"]  # the default: open actions


def test_actions_are_paginated(client, space, partner):
    published_meeting(
        space, brussels(2017, 4, 18, 9, 30), [item("Beaucoup", actions=[(f"Action {n:02}", "X", None) for n in range(PER_PAGE + 3)])]
    )  # fmt: skip
    client.force_login(partner)
    first, second = soup(client.get(ACTIONS)), soup(client.get(ACTIONS, {"page": 2}))
    assert len(listed_actions(first)) == PER_PAGE and len(listed_actions(second)) == 3
    assert first.select_one("nav.pagination a[rel=next]") is not None
    assert soup(client.get(ACTIONS, {"page": "x"})).select("li.action")  # a bad page number: the first page


def test_decisions_newest_first_and_searchable(client, cycle, partner):
    client.force_login(partner)
    page = soup(client.get(DECISIONS))
    texts = [li.p.get_text(strip=True) for li in page.select("li.decision")]
    assert texts == [
        "Rentrée : réunion en septembre.",
        "Une fiche d'évaluation commune.",
        "Visite : deux personnes par structure.",
    ]
    found = soup(client.get(DECISIONS, {"query": "FICHE"}))
    assert [li.p.get_text(strip=True) for li in found.select("li.decision")] == ["Une fiche d'évaluation commune."]
    by_item = soup(client.get(DECISIONS, {"query": "divers"}))
    assert [li.p.get_text(strip=True) for li in by_item.select("li.decision")] == [
        "Visite : deux personnes par structure."
    ]
    too_long = soup(client.get(DECISIONS, {"query": "x" * 500}))
    assert too_long.select_one(".form-errors") is not None


def test_the_index_links_to_both_registers(client, cycle, partner):
    client.force_login(partner)
    links = {
        a.get_text(strip=True): a["href"]
        for a in soup(client.get(cycle["april"].get_parent().url)).select("nav.registers a")
    }
    assert links["Actions en cours"] == ACTIONS and links["Registre des décisions"] == DECISIONS


def test_an_unpublished_meeting_takes_its_records_away(client, cycle, partner):
    cycle["june"].unpublish()
    client.force_login(partner)
    assert [li.p.get_text(strip=True) for li in soup(client.get(DECISIONS)).select("li.decision")][0] == (
        "Une fiche d'évaluation commune."
    )
    assert soup(client.get(ACTIONS, {"status": "done"})).select("ul.history li") == []


@pytest.mark.parametrize(
    "code, title, opened_at",
    [
        ("nl", "Lopende acties", "de vergadering van 18 april 2017"),
        ("en", "Open actions", "the meeting of 18 April 2017"),
    ],
)
def test_in_dutch_and_english(client, demo, partner, code, title, opened_at):
    client.force_login(partner)
    page = soup(client.get(f"/{code}/espace-partenaires/actions/"))
    assert page.h1.get_text(strip=True) == title
    assert len(listed_actions(page)) == Action.objects.filter(status=ActionStatus.OPEN).count() == 4
    link = page.select_one("li.action dd a")
    meeting = demo["meeting"].get_translation(Locale.objects.get(language_code=code))
    assert link["href"] == meeting.url and link.get_text(strip=True) == opened_at
    decisions = soup(client.get(f"/{code}/espace-partenaires/decisions/"))
    assert len(decisions.select("li.decision")) == 3
