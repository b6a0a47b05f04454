"""Login throttling (django-axes): 30 wrong passwords then the right one is refused, on the public login and the
admin's, per user name and address, for a cool-off time; the message is clear and in French."""

import datetime as dt

import pytest
import time_machine
from django.test import Client

from tests.factories import UserFactory

PUBLIC, ADMIN = "/fr/accounts/login/", "/admin/login/"
LOCKED = "Trop de tentatives de connexion échouées"


@pytest.fixture
def user(db):
    return UserFactory(username="editeur", is_staff=True, is_superuser=True, password="the-right-one")


def attempt(client, url, password, **extra):
    return client.post(url, {"username": "editeur", "password": password}, **extra)


def logged_in(client):
    return "_auth_user_id" in client.session


def hammer(client, url, count=30, **extra):
    for number in range(count):
        attempt(client, url, f"wrong-{number}", **extra)


@pytest.mark.parametrize("url", [PUBLIC, ADMIN])
def test_thirty_wrong_passwords_then_the_right_one_is_refused(home, user, url):
    client = Client()
    hammer(client, url)
    response = attempt(client, url, "the-right-one")
    assert response.status_code == 429
    assert not logged_in(client)
    assert LOCKED in response.text
    assert "depuis votre adresse est bloquée pendant 15 minutes" in response.text
    assert 'name="password"' in response.text  # the same login page, with the message on its form


def test_a_few_mistakes_do_not_lock(home, user):
    client = Client()
    hammer(client, PUBLIC, count=4)
    assert attempt(client, PUBLIC, "the-right-one").status_code == 302
    assert logged_in(client)


def test_lockout_is_per_user_and_address_and_ends_after_the_cool_off(home, user):
    hammer(Client(), PUBLIC, REMOTE_ADDR="203.0.113.5")
    assert attempt(Client(), PUBLIC, "the-right-one", REMOTE_ADDR="203.0.113.5").status_code == 429
    other_address = Client()
    assert attempt(other_address, PUBLIC, "the-right-one", REMOTE_ADDR="203.0.113.6").status_code == 302
    with time_machine.travel(dt.datetime.now(dt.UTC) + dt.timedelta(minutes=16)):
        later = Client()
        assert attempt(later, PUBLIC, "the-right-one", REMOTE_ADDR="203.0.113.5").status_code == 302
        assert logged_in(later)


def test_behind_a_proxy_the_forwarded_address_counts(home, user, settings):
    settings.REGISTRATION_CLIENT_IP_HEADER = "HTTP_X_FORWARDED_FOR"
    proxy = {"REMOTE_ADDR": "127.0.0.1"}
    hammer(Client(), ADMIN, HTTP_X_FORWARDED_FOR="198.51.100.7", **proxy)
    refused = attempt(Client(), ADMIN, "the-right-one", HTTP_X_FORWARDED_FOR="198.51.100.7", **proxy)
    assert refused.status_code == 429
    # Same proxy, another client: not locked out.
    allowed = attempt(Client(), ADMIN, "the-right-one", HTTP_X_FORWARDED_FOR="198.51.100.8", **proxy)
    assert allowed.status_code == 302


def test_server_side_authenticate_without_request_still_works(user):
    from django.contrib.auth import authenticate

    assert authenticate(username="editeur", password="the-right-one") == user
