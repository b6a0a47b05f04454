"""The registration form on activity and visit pages: display, PRG, errors, closing, anti-abuse, cancel link."""

import datetime as dt
import re

import pytest
from django.core import mail
from django.test import override_settings
from django.utils import timezone
from wagtail.models import Site

from cms.models import SiteSettings
from registrations.allocation import register
from registrations.models import Registration

from .factories import OrganisationFactory, StandardPageFactory, TrajetPageFactory, open_event, open_visit


@pytest.fixture
def trajet(agenda):
    return TrajetPageFactory(parent=agenda)


@pytest.fixture
def privacy(home):
    page = StandardPageFactory(parent=home, title="Politique de confidentialité", slug="confidentialite")
    settings_ = SiteSettings.for_site(Site.objects.get(is_default_site=True))
    settings_.privacy_page = page
    settings_.save()
    return page


def form_data(**overrides):
    data = {"name": "Amina Benali", "email": "amina@example.org", "phone": "", "consent": "on", "homepage": ""}
    data.update(overrides)
    return {k: v for k, v in data.items() if v is not None}


def post(client, page, **overrides):
    return client.post(page.url, form_data(**overrides))


def test_open_page_shows_places_left_and_form_with_privacy_link(client, trajet, privacy):
    page = open_event(trajet, capacity=3)
    response = client.get(page.url)
    assert response.status_code == 200
    assert "3 places restantes" in response.text
    assert 'name="email"' in response.text
    assert 'href="/fr/confidentialite/"' in response.text
    assert 'name="organisation"' not in response.text  # only for visits


def test_valid_submission_redirects_to_its_outcome(client, trajet, privacy, django_capture_on_commit_callbacks):
    page = open_event(trajet, capacity=3)
    with django_capture_on_commit_callbacks(execute=True):
        response = post(client, page)
    assert response.status_code == 302
    location = response["Location"]
    assert location.startswith(page.url + "inscription/") and location.endswith("/#inscription")
    follow = client.get(location.split("#")[0])
    assert "Votre inscription est confirmée" in follow.text
    assert "Un e-mail part vers <strong>amina@example.org</strong>" in follow.text
    assert "2 places restantes" in client.get(page.url).text
    registration = Registration.objects.get()
    assert (registration.name, registration.email, registration.status, registration.language) == (
        "Amina Benali",
        "amina@example.org",
        "confirmed",
        "fr",
    )
    assert len(mail.outbox) == 1


def test_full_event_says_waiting_list_and_position(client, trajet, privacy):
    page = open_event(trajet, capacity=1)
    register(page, name="A", email="a@example.org")
    response = client.get(page.url)
    assert "Complet – liste d&#x27;attente" in response.text or "Complet – liste d'attente" in response.text
    post(client, page)
    register(page, name="C", email="c@example.org")
    response = post(client, page, email="b@example.org", name="B")
    follow = client.get(response["Location"].split("#")[0])
    assert "vous êtes sur la liste d'attente, en position 3" in follow.text.replace("&#x27;", "'")


def test_errors_are_shown_next_to_fields(client, trajet, privacy):
    page = open_event(trajet)
    response = post(client, page, name="", email="not-an-email", consent=None, phone="abc")
    assert response.status_code == 400
    text = response.text
    assert "Le formulaire contient des erreurs" in text
    assert "Saisissez une adresse e-mail valide." in text
    assert "nous avons besoin de votre accord" in text
    assert "Indiquez un numéro de téléphone" in text
    assert Registration.objects.count() == 0


def test_duplicate_email_is_a_form_error(client, trajet, privacy):
    page = open_event(trajet)
    post(client, page)
    response = post(client, page, name="Autre")
    assert response.status_code == 400
    assert "Cette adresse e-mail est déjà inscrite à cette activité." in response.text
    assert Registration.objects.count() == 1


def test_visit_requires_organisation(client, agenda, privacy):
    visit = open_visit(agenda)
    org = OrganisationFactory(name="MEF Forest")
    response = post(client, visit)
    assert response.status_code == 400
    assert "Indiquez la structure partenaire" in response.text
    response = post(client, visit, organisation=str(org.pk))
    assert response.status_code == 302
    assert Registration.objects.get().organisation == org


def test_deadline_passed_says_why_and_refuses(client, trajet, privacy):
    page = open_event(
        trajet,
        start=timezone.now() + dt.timedelta(days=2),
        registration_deadline=timezone.now() - dt.timedelta(hours=1),
    )
    response = client.get(page.url)
    assert "Les inscriptions sont clôturées." in response.text
    assert 'name="email"' not in response.text
    assert post(client, page).status_code == 400
    assert Registration.objects.count() == 0


def test_cancelled_event_says_so(client, trajet, privacy):
    page = open_event(trajet, status="cancelled")
    response = client.get(page.url)
    assert "Cette activité est annulée : les inscriptions sont fermées." in response.text
    assert post(client, page).status_code == 400


def test_honeypot_refuses_bots_clearly(client, trajet, privacy):
    page = open_event(trajet)
    response = post(client, page, homepage="http://spam.example")
    assert response.status_code == 400
    assert "Votre inscription n&#x27;a pas pu être enregistrée" in response.text
    assert Registration.objects.count() == 0


@override_settings(REGISTRATION_RATE_LIMIT=(2, 600))
def test_rate_limit_per_ip(client, trajet, privacy):
    page = open_event(trajet, capacity=10)
    assert post(client, page, email="1@example.org").status_code == 302
    assert post(client, page, email="2@example.org").status_code == 302
    response = post(client, page, email="3@example.org")
    assert response.status_code == 429
    assert "Trop d&#x27;inscriptions ont été envoyées depuis votre connexion" in response.text
    # Another address is not affected.
    assert client.post(page.url, form_data(email="4@example.org"), REMOTE_ADDR="10.0.0.9").status_code == 302
    assert Registration.objects.count() == 3


def test_cancel_link_asks_then_cancels_and_promotes(client, trajet, privacy, django_capture_on_commit_callbacks):
    page = open_event(trajet, capacity=1)
    with django_capture_on_commit_callbacks(execute=True):
        first = register(page, name="A", email="a@example.org")
        waiting = register(page, name="B", email="b@example.org")
    assert "Liste d'attente" in mail.outbox[-1].subject
    url = page.url + page.reverse_subpage("cancel_registration", args=[first.cancel_token])
    response = client.get(url)
    assert response.status_code == 200
    assert "Confirmer l'annulation" in response.text
    first.refresh_from_db()
    assert first.status == "confirmed"  # a GET (mail scanner) changes nothing
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(url)
    assert response.status_code == 302
    first.refresh_from_db()
    waiting.refresh_from_db()
    assert (first.status, waiting.status) == ("cancelled", "confirmed")
    assert mail.outbox[-1].to == ["b@example.org"]
    assert "Une place s'est libérée" in mail.outbox[-1].subject


def test_forged_or_foreign_cancel_token_is_404(client, trajet):
    page, other = open_event(trajet), open_event(trajet)
    registration = register(other, name="A", email="a@example.org")
    assert client.get(page.url + "annuler/" + registration.cancel_token + "/").status_code == 404
    token = registration.cancel_token
    assert re.fullmatch(r"\d+-[\w-]+", token)
    forged = token.split("-")[0] + "-forged"
    assert client.get(other.url + "annuler/" + forged + "/").status_code == 404
    assert client.get(other.url + "annuler/" + token + "/").status_code == 200
