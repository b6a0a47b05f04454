""" "Mes préférences": partners only; the e-mail opt-out, the language, the private calendar link and its
replacement."""

import pytest

from minutes.models import PartnerProfile
from tests.factories import UserFactory

from .conftest import make_partner

URL = "/fr/espace-partenaires/preferences/"


@pytest.fixture
def partner(db):
    return make_partner("amina")


@pytest.fixture
def partner_client(client, partner):
    client.force_login(partner)
    return client


def calendar_link(html):
    return html.split('id="calendar-url" value="', 1)[1].split('"', 1)[0]


def test_anonymous_is_sent_to_the_login(client, db):
    response = client.get(URL)
    assert response.status_code == 302
    assert response["Location"] == f"/fr/accounts/login/?next={URL}"
    assert client.post(URL, {"action": "renew"})["Location"].startswith("/fr/accounts/login/")


@pytest.mark.parametrize("method", ["get", "post"])
def test_non_partner_is_refused_with_a_message(client, db, method):
    visitor = UserFactory(username="visitor")
    client.force_login(visitor)
    response = getattr(client, method)(URL, {"action": "renew"} if method == "post" else None)
    assert response.status_code == 403
    assert "ce compte n'est pas dans le groupe des partenaires" in response.text.replace("&#x27;", "'")
    assert "partenaires/calendrier/" not in response.text
    assert not PartnerProfile.objects.filter(user=visitor).exists()


def test_former_partner_is_refused(client, partner):
    partner.groups.clear()
    client.force_login(partner)
    assert client.get(URL).status_code == 403


def test_partner_sees_defaults_and_the_calendar_link(partner_client, partner):
    response = partner_client.get(URL)
    assert response.status_code == 200
    assert "Mes préférences" in response.text
    assert 'name="notify_minutes" id="id_notify_minutes" checked' in response.text
    assert '<option value="fr" selected>Français</option>' in response.text
    profile = PartnerProfile.objects.get(user=partner)
    assert calendar_link(response.text) == f"http://testserver/partenaires/calendrier/{profile.calendar_token}.ics"
    assert response["Cache-Control"].startswith("max-age=0")


def test_in_dutch_under_the_dutch_address(partner_client):
    response = partner_client.get("/nl/espace-partenaires/preferences/")
    assert response.status_code == 200
    assert "Mijn voorkeuren" in response.text and "Intrekken en een nieuwe link maken" in response.text


def test_opt_out_and_language_saved(partner_client, partner):
    response = partner_client.post(URL, {"action": "save", "language": "nl"}, follow=True)
    assert response.redirect_chain == [(URL, 302)]
    assert "Vos préférences ont été enregistrées." in response.text
    profile = PartnerProfile.objects.get(user=partner)
    assert (profile.notify_minutes, profile.language) == (False, "nl")
    assert 'name="notify_minutes" id="id_notify_minutes">' in response.text  # unchecked now


def test_bad_language_is_refused_and_nothing_saved(partner_client, partner):
    response = partner_client.post(URL, {"action": "save", "language": "de"})
    assert response.status_code == 200
    assert "Choisissez le français, le néerlandais ou l&#x27;anglais." in response.text
    assert "n'ont pas été enregistrées" in response.text
    profile = PartnerProfile.objects.get(user=partner)
    assert (profile.notify_minutes, profile.language) == (True, "fr")


def test_revocation_changes_the_link(partner_client, partner):
    before = calendar_link(partner_client.get(URL).text)
    assert partner_client.get(before.replace("http://testserver", "")).status_code == 200
    response = partner_client.post(URL, {"action": "renew"}, follow=True)
    assert "L&#x27;ancien ne fonctionne plus" in response.text
    after = calendar_link(response.text)
    assert after != before
    assert partner_client.get(before.replace("http://testserver", "")).status_code == 404
    assert partner_client.get(after.replace("http://testserver", "")).status_code == 200


def test_post_needs_the_csrf_token(partner):
    from django.test import Client

    client = Client(enforce_csrf_checks=True)
    client.force_login(partner)
    token = PartnerProfile.objects.get_or_create(user=partner)[0].calendar_token
    assert client.post(URL, {"action": "renew"}).status_code == 403
    assert PartnerProfile.objects.get(user=partner).calendar_token == token


def test_linked_from_the_partners_space(partner_client, space):
    assert f'href="{URL}"' in partner_client.get(space.url).text
