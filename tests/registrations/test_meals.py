"""Visit-day lunches: the form asks for one of the day's options or none, the registration keeps the label and
the price of that moment, the outcome and the e-mail say it, and the admin's meals report totals the confirmed
people's meals per option and per structure, on screen, in CSV and in XLSX."""

import csv
import io
from decimal import Decimal

import openpyxl
import pytest
from bs4 import BeautifulSoup
from django.contrib.auth.models import Group, Permission
from django.core import mail
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext
from wagtail.models import GroupPagePermission

from events.models import VisitPage
from registrations.allocation import cancel, register
from registrations.models import Registration
from tests.factories import OrganisationFactory, TrajetPageFactory, UserFactory, open_event, open_visit, translate

REPORT = "/admin/events/registrations/meals/"
INDEX = "/admin/events/registrations/"

MEALS = [
    ("meal", {"label": "Plat du jour", "price": Decimal("8.00")}),
    ("meal", {"label": "Lunch", "price": Decimal("11.00")}),
]


@pytest.fixture(autouse=True)
def _empty_rate_limit():
    cache.clear()  # the rate limit's slots live in the shared cache


@pytest.fixture
def visit(agenda):
    page = open_visit(agenda, capacity=10, max_per_organisation=2, title="Journée économie sociale", meals=MEALS)
    return VisitPage.objects.get(pk=page.pk)  # as saved: the meal blocks have their ids


@pytest.fixture
def orgs(db):
    return {name: OrganisationFactory(name=name) for name in ["MEF Forest", "MEF Uccle", "Déclic en perspectives"]}


def option(page, label):
    return next(meal for meal in page.meal_options() if meal.label == label)


def form_data(**overrides):
    data = {"name": "Amina Benali", "email": "amina@example.org", "phone": "", "consent": "on", "homepage": ""}
    data.update(overrides)
    return data


def meal_group(response):
    """The meal field as a person meets it: the group's legend and each radio button's label, value and state."""
    soup = BeautifulSoup(response.content, "html.parser")
    radios = soup.select('form.registration-form input[name="meal"]')
    if not radios:
        return None
    fieldset = radios[0].find_parent("fieldset")
    return {
        "legend": fieldset.legend.get_text(" ", strip=True).rstrip(" *"),
        "options": [radio.find_parent("label").get_text(" ", strip=True) for radio in radios],
        "values": [radio["value"] for radio in radios],
        "checked": [radio["value"] for radio in radios if radio.has_attr("checked")],
        "errors": [p.get_text(strip=True) for p in fieldset.find_parent("div").select(".field-error")],
    }


def outcome_text(client, response):
    assert response.status_code == 302, response.content[:300]
    page = client.get(response["Location"].split("#")[0])
    soup = BeautifulSoup(page.content, "html.parser")
    return soup.select_one("#inscription").get_text(" ", strip=True)


# The form


def test_a_visit_day_with_meals_asks_for_one_of_them_or_none(client, visit):
    group = meal_group(client.get(visit.url))
    assert group["legend"] == "Repas du midi"
    assert group["options"] == ["Plat du jour – 8,00 €", "Lunch – 11,00 €", "Pas de repas"]
    assert group["checked"] == []  # no default: the choice is the restaurant's order and the structure's bill


def test_no_meal_field_without_meals(client, agenda):
    activity = open_event(TrajetPageFactory(parent=agenda))
    plain_visit = open_visit(agenda, title="Visite sans repas")
    for page in (activity, plain_visit):
        response = client.get(page.url)
        assert response.status_code == 200
        assert BeautifulSoup(response.content, "html.parser").select_one("form.registration-form")
        assert meal_group(response) is None


def test_the_choice_is_required(client, visit, orgs):
    response = client.post(visit.url, form_data(organisation=orgs["MEF Forest"].pk))
    assert response.status_code == 400
    assert meal_group(response)["errors"] == ["Choisissez un repas, ou « Pas de repas »."]
    assert not Registration.objects.exists()


@pytest.mark.parametrize("value", ["Plat du jour", "dessert", "00000000-0000-0000-0000-000000000000"])
def test_a_meal_not_offered_is_a_form_error_and_nothing_is_written(client, visit, orgs, value):
    response = client.post(visit.url, form_data(organisation=orgs["MEF Forest"].pk, meal=value))
    assert response.status_code == 400
    assert meal_group(response)["errors"] == [
        "Ce repas n'est pas proposé pour cette journée : choisissez-en un dans la liste."
    ]
    assert not Registration.objects.exists()


def test_the_choice_and_its_price_are_recorded_and_said(client, visit, orgs, django_capture_on_commit_callbacks):
    lunch = option(visit, "Lunch")
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(visit.url, form_data(organisation=orgs["MEF Forest"].pk, meal=lunch.key))
    registration = Registration.objects.get()
    assert (registration.meal_label, registration.meal_price) == ("Lunch", Decimal("11.00"))
    assert "Repas du midi\u00a0: Lunch – 11,00 €" in outcome_text(client, response)
    assert "Repas du midi\u00a0: Lunch – 11,00 €" in mail.outbox[-1].body


def test_no_meal_is_recorded_as_none_and_said(client, visit, orgs, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(visit.url, form_data(organisation=orgs["MEF Forest"].pk, meal="none"))
    registration = Registration.objects.get()
    assert (registration.meal_label, registration.meal_price) == ("", None)
    assert "Repas du midi\u00a0: Pas de repas" in outcome_text(client, response)
    assert "Repas du midi\u00a0: Pas de repas" in mail.outbox[-1].body


def test_an_activity_outcome_and_email_say_nothing_of_meals(client, agenda, django_capture_on_commit_callbacks):
    activity = open_event(TrajetPageFactory(parent=agenda))
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(activity.url, form_data())
    assert "Repas" not in outcome_text(client, response)
    assert "Repas" not in mail.outbox[-1].body


def publish_price(page, label, price):
    meals = page.meals.raw_data
    for meal in meals:
        if meal["value"]["label"] == label:
            meal["value"]["price"] = str(price)
    page.meals = meals
    page.save_revision().publish()
    return VisitPage.objects.get(pk=page.pk)


def test_a_later_price_change_keeps_the_recorded_price(client, visit, orgs):
    register(
        visit,
        name="Avant",
        email="avant@example.org",
        organisation=orgs["MEF Forest"],
        meal=option(visit, "Plat du jour"),
    )
    visit = publish_price(visit, "Plat du jour", "9.50")
    assert Registration.objects.get(email="avant@example.org").meal_price == Decimal("8.00")
    assert meal_group(client.get(visit.url))["options"][0] == "Plat du jour – 9,50 €"
    client.post(
        visit.url,
        form_data(email="apres@example.org", organisation=orgs["MEF Uccle"].pk, meal=option(visit, "Plat du jour").key),
    )
    assert Registration.objects.get(email="apres@example.org").meal_price == Decimal("9.50")
    assert Registration.objects.get(email="avant@example.org").meal_price == Decimal("8.00")


# Languages


@pytest.mark.parametrize(
    ("language", "legend", "options"),
    [
        ("nl", "Middagmaal", ["Dagschotel – 8,00 €", "Lunch – 11,00 €", "Geen maaltijd"]),
        ("en", "Lunch", ["Dish of the day – €8.00", "Lunch – €11.00", "No meal"]),
    ],
)
def test_options_and_prices_read_in_the_page_language(
    client, visit, orgs, language, legend, options, django_capture_on_commit_callbacks
):
    translated = translate(visit, language)
    meals = translated.meals.raw_data  # the editor translates the first label; the block ids stay
    meals[0]["value"]["label"] = options[0].split(" – ")[0]
    translated.meals = meals
    translated.save_revision().publish()
    group = meal_group(client.get(translated.url))
    assert group["legend"] == legend
    assert group["options"] == options
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(translated.url, form_data(organisation=orgs["MEF Uccle"].pk, meal=group["values"][0]))
    registration = Registration.objects.get()
    # The French label is recorded (one name per option in the totals); the person reads theirs.
    assert (registration.meal_label, registration.meal_price, registration.language) == (
        "Plat du jour",
        Decimal("8.00"),
        language,
    )
    assert options[0] in outcome_text(client, response)
    assert options[0] in mail.outbox[-1].body


# The admin's report


@pytest.fixture
def registered(visit, orgs):
    """Confirmed: Forest 2 × plat du jour; Uccle 1 × plat du jour, 1 × lunch, 1 × no meal; Déclic 1 × lunch.
    Not counted: a third Forest person waiting (lunch), a cancelled Déclic registration (plat du jour)."""
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


def test_a_meal_costs_no_query_on_the_registration_post(client, agenda, visit, orgs):
    plain = open_visit(agenda, title="Visite sans repas")
    client.get(plain.url)  # the site's lookups, cached after the first request
    costs = []
    for page, extra in ((plain, {}), (visit, {"meal": option(visit, "Lunch").key})):
        with CaptureQueriesContext(connection) as queries:
            response = client.post(page.url, form_data(organisation=orgs["MEF Forest"].pk, **extra))
        assert response.status_code == 302
        costs.append(len(queries))
    assert costs[0] == costs[1]
    assert Registration.objects.get(page=visit).meal_label == "Lunch"


# Editors add or correct a registration in the admin


def test_an_editor_adds_someone_with_a_meal_the_day_offers(admin_client, visit, orgs):
    data = {
        "page": visit.pk,
        "name": "Par téléphone",
        "email": "tel@example.org",
        "phone": "",
        "organisation": orgs["MEF Uccle"].pk,
        "language": "fr",
    }
    response = admin_client.post(f"{INDEX}new/", {**data, "meal_label": "Dessert"})
    assert response.status_code == 200
    assert response.context["form"].errors["meal_label"] == [
        "« Dessert » n'est pas un repas de cette journée. Repas proposés : Plat du jour, Lunch."
    ]
    assert not Registration.objects.exists()
    assert admin_client.post(f"{INDEX}new/", {**data, "meal_label": "Lunch"}).status_code == 302
    registration = Registration.objects.get()
    assert (registration.meal_label, registration.meal_price) == ("Lunch", Decimal("11.00"))


def test_an_editor_changes_a_meal_at_its_current_price_or_keeps_the_recorded_one(admin_client, visit, orgs):
    registration = register(
        visit, name="Sarah", email="sarah@example.org", organisation=orgs["MEF Forest"], meal=option(visit, "Lunch")
    )
    publish_price(visit, "Lunch", "12.00")
    url = f"{INDEX}edit/{registration.pk}/"
    form = admin_client.get(url).context["form"]
    assert [label for _value, label in form.fields["meal_label"].choices] == [
        "Pas de repas",
        "Plat du jour – 8,00 €",
        "Lunch – 12,00 €",
    ]
    data = {"name": "Sarah Janssens", "email": "sarah@example.org", "phone": "", "language": "fr"}
    data["organisation"] = orgs["MEF Forest"].pk
    assert admin_client.post(url, {**data, "meal_label": "Lunch"}).status_code == 302
    registration.refresh_from_db()
    assert (registration.name, registration.meal_label, registration.meal_price) == (
        "Sarah Janssens",
        "Lunch",
        Decimal("11.00"),
    )
    assert admin_client.post(url, {**data, "meal_label": "Plat du jour"}).status_code == 302
    registration.refresh_from_db()
    assert (registration.meal_label, registration.meal_price) == ("Plat du jour", Decimal("8.00"))
    assert admin_client.post(url, {**data, "meal_label": ""}).status_code == 302
    registration.refresh_from_db()
    assert (registration.meal_label, registration.meal_price) == ("", None)
