"""The admin report "Actions et décisions" and its CSV export."""

import csv
import io

import pytest
from django.urls import reverse

from minutes.governance import COORDINATION, SECRETARIAT
from tests.factories import OrganisationFactory, UserFactory, brussels
from tests.minutes.conftest import action_keys, item, published_meeting

URL = "/admin/reports/actions-decisions/"


@pytest.fixture
def records(space):
    april = published_meeting(
        space,
        brussels(2017, 4, 18, 9, 30),
        [
            item(
                "Divers",
                decisions=["=1+1 n'est pas une formule"],
                actions=[("Confirmer le lieu", "La coordination", OrganisationFactory(name="CZS"))],
            )
        ],  # fmt: skip
        title="Avril",
        slug="avril",
    )
    (lieu,) = action_keys(april)
    published_meeting(
        space,
        brussels(2017, 6, 16, 9, 30),
        [item("Suivi des actions", follow_ups=[(lieu, "done", "MEF de Forest")])],
        title="Juin",
        slug="juin",
    )


def csv_rows(response):
    content = b"".join(response.streaming_content).decode("utf-8")
    assert content.startswith("\ufeff")
    return list(csv.reader(io.StringIO(content.lstrip("\ufeff"))))


@pytest.mark.parametrize("group", [COORDINATION, SECRETARIAT, "Editors"])
def test_the_export_lists_decisions_and_actions(client, records, group):
    client.force_login(UserFactory(username="u", groups=[group]))
    assert client.get(URL).status_code == 200
    rows = csv_rows(client.get(URL, {"export": "csv"}))
    assert rows[0] == [
        "Type", "Réunion", "Réunion du", "Point de l'ordre du jour", "Texte", "Qui", "Organisation", "Pour quand",
        "Statut", "Historique",
    ]  # fmt: skip
    assert rows[1:] == [
        ["Décision", "Avril", "18/04/2017", "Divers", "'=1+1 n'est pas une formule", "", "", "", "", ""],
        ["Action", "Avril", "18/04/2017", "Divers", "Confirmer le lieu", "La coordination", "CZS", "", "faite",
         "en cours → faite (16/06/2017) : MEF de Forest"],
    ]  # fmt: skip


def test_the_xlsx_export(client, records):
    client.force_login(UserFactory(username="u", groups=[COORDINATION]))
    response = client.get(URL, {"export": "xlsx"})
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")


def test_refused_without_the_permission(client, records, partner):
    from django.contrib.auth.models import Group, Permission

    readers = Group.objects.create(name="Lecteurs de l'admin")
    readers.permissions.add(Permission.objects.get(content_type__app_label="wagtailadmin", codename="access_admin"))
    client.force_login(UserFactory(username="lecteur", groups=[readers.name]))
    assert client.get(URL).status_code in (302, 403)
    assert reverse("minutes_records_report") not in client.get("/admin/").text
    client.force_login(partner)
    assert client.get(URL, {"export": "csv"}).status_code == 302  # no admin at all
