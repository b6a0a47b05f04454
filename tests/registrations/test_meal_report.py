"""The admin's meals report: per visit day, the confirmed people's lunches per structure and per option with the
amount due and the totals, the waiting list apart; on screen, in CSV and in XLSX; only for those who may see
registrations; the demo visit day has its figures."""

import csv
import io
from decimal import Decimal

import openpyxl
import pytest
from bs4 import BeautifulSoup
from django.contrib.auth.models import Group, Permission
from wagtail.models import GroupPagePermission

from events.models import VisitPage
from registrations.allocation import cancel, register
from registrations.models import Registration
from tests.factories import OrganisationFactory, UserFactory, open_visit

from .meal_setup import MEALS, option, publish_price

REPORT = "/admin/events/registrations/meals/"
INDEX = "/admin/events/registrations/"


@pytest.fixture
def registered(visit, orgs):
    """Confirmed: Forest 2 × plat du jour; Uccle 1 × plat du jour, 1 × lunch; Déclic 1 × lunch. Not counted: a
    third Forest person waiting (lunch), a third Uccle person waiting (no meal), a cancelled Déclic registration
    (plat du jour)."""
    plat, lunch = option(visit, "Plat du jour"), option(visit, "Lunch")
    people = [
        ("Sarah", "MEF Forest", plat),
        ("Thomas", "MEF Forest", plat),
        ("Laura", "MEF Forest", lunch),  # waits: two per structure
        ("Hugo", "MEF Uccle", plat),
        ("Nadia", "MEF Uccle", lunch),
        ("Leila", "Déclic en perspectives", lunch),
        ("Pierre", "Déclic en perspectives", plat),  # cancelled below
        ("Marc", "MEF Uccle", None),
    ]
    rows = {
        name: register(visit, name=name, email=f"{name.lower()}@example.org", organisation=orgs[org], meal=meal)
        for name, org, meal in people
    }
    assert rows["Laura"].status == Registration.Status.WAITING
    assert rows["Marc"].status == Registration.Status.WAITING  # Uccle's two places are taken
    cancel(rows["Pierre"])
    return rows


EXPECTED = [
    # structure, meal, unit price, count, amount due
    ("Déclic en perspectives", "Lunch", Decimal("11.00"), 1, Decimal("11.00")),
    ("Déclic en perspectives", "Total de la structure", None, 1, Decimal("11.00")),
    ("MEF Forest", "Plat du jour", Decimal("8.00"), 2, Decimal("16.00")),
    ("MEF Forest", "Total de la structure", None, 2, Decimal("16.00")),
    ("MEF Uccle", "Plat du jour", Decimal("8.00"), 1, Decimal("8.00")),
    ("MEF Uccle", "Lunch", Decimal("11.00"), 1, Decimal("11.00")),
    ("MEF Uccle", "Total de la structure", None, 2, Decimal("19.00")),
    ("Toutes les structures", "Plat du jour", Decimal("8.00"), 3, Decimal("24.00")),
    ("Toutes les structures", "Lunch", Decimal("11.00"), 2, Decimal("22.00")),
    ("Toutes les structures", "Total", None, 5, Decimal("46.00")),
]


@pytest.fixture
def admin_client(client, db):
    client.force_login(UserFactory(username="admin", is_superuser=True, is_staff=True))
    return client


def test_totals_per_option_and_per_structure_count_confirmed_people_only(admin_client, visit, registered):
    response = admin_client.get(REPORT, {"visit": visit.pk})
    assert response.status_code == 200
    (entry,) = response.context["visits"]
    rows = [(row.structure, row.meal, row.unit_price, row.count, row.amount) for row in entry.rows]
    assert rows == EXPECTED
    assert entry.waiting == [("Lunch", 1)]  # Laura, apart; Marc waits without a meal, Pierre cancelled
    assert entry.without_meal == 0
    soup = BeautifulSoup(response.content, "html.parser")
    table = [[cell.get_text(strip=True) for cell in tr.find_all(["th", "td"])] for tr in soup.select("table tbody tr")]
    assert table[2] == ["MEF Forest", "Plat du jour", "8,00 €", "2", "16,00 €"]
    assert table[-1] == ["Toutes les structures", "Total", "", "5", "46,00 €"]
    assert "En liste d'attente (non compris dans les totaux)\u00a0: 1 × Lunch" in soup.get_text(" ", strip=True)


def test_confirmed_people_without_meal_are_said(admin_client, visit, orgs):
    register(visit, name="Marc", email="marc@example.org", organisation=orgs["MEF Uccle"])
    response = admin_client.get(REPORT, {"visit": visit.pk})
    (entry,) = response.context["visits"]
    assert (entry.rows, entry.without_meal) == ([], 1)
    assert "1 personne confirmée ne prend pas de repas." in BeautifulSoup(response.content, "html.parser").get_text()


def test_a_price_change_gives_its_own_line(admin_client, visit, orgs):
    register(
        visit, name="A", email="a@example.org", organisation=orgs["MEF Forest"], meal=option(visit, "Plat du jour")
    )
    visit = publish_price(visit, "Plat du jour", "9.50")
    register(
        visit, name="B", email="b@example.org", organisation=orgs["MEF Forest"], meal=option(visit, "Plat du jour")
    )
    (entry,) = admin_client.get(REPORT, {"visit": visit.pk}).context["visits"]
    assert [
        (row.meal, row.unit_price, row.count, row.amount) for row in entry.rows if row.structure == "MEF Forest"
    ] == [
        ("Plat du jour", Decimal("8.00"), 1, Decimal("8.00")),
        ("Plat du jour", Decimal("9.50"), 1, Decimal("9.50")),
        ("Total de la structure", None, 2, Decimal("17.50")),
    ]


def test_the_report_covers_the_chosen_visit_day_only(admin_client, agenda, visit, registered, orgs):
    other = VisitPage.objects.get(pk=open_visit(agenda, title="Autre visite", meals=MEALS).pk)
    register(other, name="X", email="x@example.org", organisation=orgs["MEF Forest"], meal=option(other, "Lunch"))
    response = admin_client.get(REPORT, {"visit": other.pk})
    (entry,) = response.context["visits"]
    assert [(row.structure, row.meal, row.count) for row in entry.rows] == [
        ("MEF Forest", "Lunch", 1),
        ("MEF Forest", "Total de la structure", 1),
        ("Toutes les structures", "Lunch", 1),
        ("Toutes les structures", "Total", 1),
    ]
    assert {entry.visit.pk for entry in admin_client.get(REPORT).context["visits"]} == {visit.pk, other.pk}


def test_csv_export_holds_the_figures(admin_client, visit, registered):
    response = admin_client.get(REPORT, {"visit": visit.pk, "export": "csv"})
    assert response.status_code == 200
    raw = b"".join(response.streaming_content)
    assert raw.startswith(b"\xef\xbb\xbf")
    rows = list(csv.reader(io.StringIO(raw.decode("utf-8-sig"))))
    assert rows[0] == ["Journée de visites", "Structure", "Repas", "Prix unitaire (EUR)", "Nombre", "Montant dû (EUR)"]
    assert [row[1:] for row in rows[1:]] == [
        [structure, meal, "" if price is None else str(price), str(count), str(amount)]
        for structure, meal, price, count, amount in EXPECTED
    ]
    assert {row[0] for row in rows[1:]} == {"Journée économie sociale"}


def test_xlsx_export_holds_the_figures_as_numbers(admin_client, visit, registered):
    response = admin_client.get(REPORT, {"visit": visit.pk, "export": "xlsx"})
    assert response.status_code == 200
    sheet = openpyxl.load_workbook(io.BytesIO(b"".join(response.streaming_content))).active
    rows = list(sheet.values)
    assert rows[0] == ("Journée de visites", "Structure", "Repas", "Prix unitaire (EUR)", "Nombre", "Montant dû (EUR)")
    assert [row[1:] for row in rows[1:]] == [
        (structure, meal, None if price is None else float(price), count, float(amount))
        for structure, meal, price, count, amount in EXPECTED
    ]


def test_exports_neutralise_formulas(admin_client, visit):
    evil = OrganisationFactory(name='=HYPERLINK("http://example.org")')
    register(visit, name="E", email="e@example.org", organisation=evil, meal=option(visit, "Lunch"))
    raw = b"".join(admin_client.get(REPORT, {"visit": visit.pk, "export": "csv"}).streaming_content).decode("utf-8-sig")
    assert [row[1] for row in csv.reader(io.StringIO(raw))][1] == '\'=HYPERLINK("http://example.org")'


def test_the_registrations_list_of_a_visit_links_to_its_meals(admin_client, visit):
    soup = BeautifulSoup(admin_client.get(INDEX, {"page": visit.pk}).content, "html.parser")
    links = [a["href"] for a in soup.find_all("a") if "Repas des journées de visites" in a.get_text()]
    assert links == [f"{REPORT}?visit={visit.pk}"]


@pytest.fixture
def page_editor_group(home):
    """Admin access and a page permission (not an organiser's narrow role), no permission on registrations."""
    group = Group.objects.create(name="Rédaction")
    group.permissions.add(Permission.objects.get(codename="access_admin"))
    GroupPagePermission.objects.create(
        group=group, page=home, permission=Permission.objects.get(codename="change_page")
    )
    return group


def test_the_report_needs_the_permission_to_see_registrations(client, visit, registered, page_editor_group):
    user = UserFactory(username="redaction", groups=["Rédaction"])
    client.force_login(user)
    for params in ({"visit": visit.pk}, {"visit": visit.pk, "export": "csv"}, {"visit": visit.pk, "export": "xlsx"}):
        response = client.get(REPORT, params)
        assert response.status_code in (302, 403)
        body = b"".join(response.streaming_content) if response.streaming else response.content
        assert b"46" not in body and b"Lunch" not in body
    client.force_login(UserFactory(username="organisatrice", groups=["Organisateurs"]))
    assert client.get(REPORT, {"visit": visit.pk}).status_code == 403
    user.user_permissions.add(Permission.objects.get(codename="view_registration"))
    client.force_login(type(user).objects.get(pk=user.pk))  # permissions are cached on the instance
    response = client.get(REPORT, {"visit": visit.pk})
    assert response.status_code == 200
    assert response.context["visits"][0].rows[-1].amount == Decimal("46.00")


def test_the_demo_visit_day_has_meals_per_structure(admin_client, demo):
    from home.demo.loader import load

    load()  # again: nothing changes
    visit = demo["visit"]
    (entry,) = admin_client.get(REPORT, {"visit": visit.pk}).context["visits"]
    totals = {row.structure: (row.count, row.amount) for row in entry.rows if row.kind == "structure"}
    assert totals == {
        "Déclic en perspectives asbl": (1, Decimal("8.00")),
        "Maison de l'emploi et de la formation de Forest": (1, Decimal("8.00")),  # the second takes no meal
        "Maison de l'emploi et de la formation de Saint-Gilles": (2, Decimal("19.00")),
        "Maison de l'emploi et de la formation d'Uccle": (1, Decimal("11.00")),
    }
    assert entry.rows[-1].count == 5 and entry.rows[-1].amount == Decimal("46.00")
    assert entry.waiting == [("Lunch", 1)]  # the third person of the MEF de Forest
    assert entry.without_meal == 1
