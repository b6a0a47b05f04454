"""Visit-day lunches on the public form: one of the day's options or none, asked only where meals are offered;
the registration keeps the label and the price of that moment, the outcome and the e-mail say it, in the
person's language; editors choose or change a meal in the admin; registrations older than meals have none."""

from decimal import Decimal

import pytest
from bs4 import BeautifulSoup
from django.core import mail
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext

from events.models import VisitPage
from registrations.allocation import register
from registrations.meals import meal_text
from registrations.models import Registration
from tests.factories import TrajetPageFactory, UserFactory, open_event, open_visit, translate

from .meal_setup import MEALS, option, publish_price

INDEX = "/admin/events/registrations/"


@pytest.fixture(autouse=True)
def _empty_rate_limit():
    cache.clear()  # the rate limit's slots live in the shared cache


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


@pytest.fixture
def admin_client(client, db):
    client.force_login(UserFactory(username="admin", is_superuser=True, is_staff=True))
    return client


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


@pytest.mark.django_db(transaction=True, serialized_rollback=True)  # keep the migrations' rows
def test_registrations_made_before_meals_keep_their_rows_with_no_meal(agenda, orgs):
    from django.db.migrations.executor import MigrationExecutor

    visit = open_visit(agenda, meals=MEALS)
    executor = MigrationExecutor(connection)
    leaves = executor.loader.graph.leaf_nodes()
    try:
        executor.migrate([("registrations", "0004_registration_notified_sequence")])
        old = (
            MigrationExecutor(connection)
            .loader.project_state(("registrations", "0004_registration_notified_sequence"))
            .apps
        )
        old.get_model("registrations", "Registration").objects.create(
            page_id=visit.pk,
            status="confirmed",
            name="Avant",
            email="avant@example.org",
            organisation_id=orgs["MEF Forest"].pk,
        )
    finally:
        executor = MigrationExecutor(connection)
        executor.loader.build_graph()
        executor.migrate(leaves)
    registration = Registration.objects.get(email="avant@example.org")
    assert (registration.status, registration.meal_label, registration.meal_price) == ("confirmed", "", None)
    assert meal_text(registration, VisitPage.objects.get(pk=visit.pk)) == "Pas de repas"


def test_a_meal_no_longer_offered_is_kept_at_its_recorded_price(admin_client, visit, orgs):
    registration = register(
        visit, name="Sarah", email="sarah@example.org", organisation=orgs["MEF Forest"], meal=option(visit, "Lunch")
    )
    visit.meals = [meal for meal in visit.meals.raw_data if meal["value"]["label"] != "Lunch"]
    visit.save_revision().publish()
    url = f"{INDEX}edit/{registration.pk}/"
    form = admin_client.get(url).context["form"]
    assert [label for _value, label in form.fields["meal_label"].choices] == [
        "Pas de repas",
        "Plat du jour – 8,00 €",
        "Lunch – 11,00 € (plus proposé)",
    ]
    data = {"name": "Sarah", "email": "sarah@example.org", "phone": "", "language": "fr", "meal_label": "Lunch"}
    assert admin_client.post(url, {**data, "organisation": orgs["MEF Forest"].pk}).status_code == 302
    registration.refresh_from_db()
    assert (registration.meal_label, registration.meal_price) == ("Lunch", Decimal("11.00"))
