"""Right after registering, the outcome is where the person is: the registration section gives way to it
(confirmed, or waiting with the position, the e-mail sent, how to cancel), focused, kept on reload and never
cached; a visit day says when the places of one's structure are what is full; the rate limit counts only
accepted submissions."""

import datetime as dt

import pytest
import time_machine
from django.core import mail
from django.core.cache import cache
from django.test import override_settings
from django.utils import timezone

from registrations.allocation import register
from registrations.models import Registration
from tests.factories import OrganisationFactory, TrajetPageFactory, open_event, open_visit, translate


def form_data(**overrides):
    data = {"name": "Amina Benali", "email": "amina@example.org", "phone": "", "consent": "on", "homepage": ""}
    data.update(overrides)
    return {key: value for key, value in data.items() if value is not None}


@pytest.fixture(autouse=True)
def _empty_rate_limit():
    cache.clear()  # the rate limit's slots live in the shared cache


@pytest.fixture
def trajet(agenda):
    return TrajetPageFactory(parent=agenda)


def outcome_of(client, response):
    assert response.status_code == 302, response.content[:500]
    path, _sep, fragment = response["Location"].partition("#")
    assert fragment == "inscription"
    return client.get(path)


def test_the_outcome_replaces_the_form_and_takes_the_focus(client, trajet):
    page = open_event(trajet, capacity=2)
    response = outcome_of(client, client.post(page.url, form_data()))
    text = response.content.decode()
    assert response.status_code == 200
    assert 'id="inscription"' in text and 'tabindex="-1" autofocus' in text
    assert '<h2 id="inscription-title">Votre inscription est confirmée</h2>' in text
    assert "Amina Benali, votre place est réservée." in text
    assert "contient le lien pour annuler" in text
    assert 'name="email"' not in text  # no empty form to send again
    assert "Inscrire une autre personne" in text
    # Personal: never stored by a cache, never indexed.
    assert "no-store" in response["Cache-Control"] and "private" in response["Cache-Control"]
    assert response["X-Robots-Tag"] == "noindex"


def test_a_reload_shows_the_same_outcome_and_registers_nobody_again(client, trajet):
    page = open_event(trajet, capacity=2)
    location = client.post(page.url, form_data())["Location"].split("#")[0]
    for _ in range(2):
        assert "Votre inscription est confirmée" in client.get(location).content.decode()
    assert Registration.objects.count() == 1


def test_the_outcome_expires_back_to_the_form(client, trajet):
    page = open_event(trajet, capacity=2)
    now = timezone.now()
    with time_machine.travel(now, tick=False):
        location = client.post(page.url, form_data())["Location"].split("#")[0]
    with time_machine.travel(now + dt.timedelta(seconds=3599), tick=False):
        assert client.get(location).status_code == 200
    with time_machine.travel(now + dt.timedelta(seconds=3601), tick=False):
        response = client.get(location)
    assert response.status_code == 302
    assert response["Location"] == page.url + "#inscription"


def test_a_forged_or_foreign_outcome_leads_to_the_form(client, trajet):
    page = open_event(trajet, capacity=2)
    other = open_event(trajet, capacity=2, title="Autre atelier")
    registration = register(other, name="B", email="b@example.org")
    foreign = page.url + page.reverse_subpage("registration_outcome", args=[registration.outcome_token()])
    assert client.get(foreign)["Location"] == page.url + "#inscription"
    forged = page.url + page.reverse_subpage("registration_outcome", args=[f"{registration.pk}-abc-def"])
    assert client.get(forged)["Location"] == page.url + "#inscription"


def test_waiting_outcome_gives_the_position_in_dutch(client, trajet):
    page = open_event(trajet, capacity=1, title="Atelier CV")
    for code in ("nl",):
        translate(trajet.get_parent().get_parent(), code)
        translate(trajet.get_parent(), code)
        translate(trajet, code)
    dutch = translate(page, code="nl")
    register(page, name="A", email="a@example.org")
    register(page, name="B", email="b@example.org")
    response = outcome_of(client, client.post(dutch.url, form_data()))
    text = response.content.decode()
    assert response.status_code == 200
    assert "U staat op de wachtlijst" in text
    assert "op plaats 2" in text
    assert Registration.objects.get(email="amina@example.org").language == "nl"


def test_visit_day_shows_the_rule_and_says_when_ones_structure_is_full(
    client, agenda, django_capture_on_commit_callbacks
):
    visit = open_visit(agenda, capacity=20, max_per_organisation=2)
    mef = OrganisationFactory(name="MEF Forest")
    rule = "2 personnes au plus par structure : au-delà, vous serez en attente pour votre structure."
    assert rule in client.get(visit.url).content.decode()  # before anyone sends the form
    register(visit, name="A", email="a@example.org", organisation=mef)
    register(visit, name="B", email="b@example.org", organisation=mef)
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(visit.url, form_data(organisation=str(mef.pk)))
    text = outcome_of(client, response).content.decode()
    assert (
        "Les 2 places de votre structure sont prises : vous êtes en attente pour votre structure, en position 1."
        in (text.replace("&#x27;", "'"))
    )
    assert "complète" not in text  # 17 places are left: the day is not full
    assert "les 2 places de votre structure sont prises" in mail.outbox[-1].body
    assert "est complet" not in mail.outbox[-1].body


@override_settings(REGISTRATION_RATE_LIMIT=(2, 600))
def test_rate_limit_counts_only_accepted_registrations(client, trajet):
    page = open_event(trajet, capacity=10)
    for _ in range(5):  # a person correcting their form five times
        assert client.post(page.url, form_data(email="not-an-email")).status_code == 400
    assert client.post(page.url, form_data(email="1@example.org")).status_code == 302
    assert client.post(page.url, form_data(email="1@example.org")).status_code == 400  # refused: slot given back
    assert client.post(page.url, form_data(email="2@example.org")).status_code == 302
    response = client.post(page.url, form_data(email="3@example.org"))
    assert response.status_code == 429
    assert "Réessayez dans quelques minutes" in response.content.decode()
    assert Registration.objects.count() == 2


def test_default_rate_limit_fits_a_room_of_people(settings):
    count, seconds = settings.REGISTRATION_RATE_LIMIT
    assert count >= 25 and seconds == 600
