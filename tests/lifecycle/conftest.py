"""A small site in three languages: home, agenda and trajet translated into nl and en, and admin clients (an
admin, an editor and a moderator)."""

import pytest
from django.test import Client
from wagtail.models import Locale

from tests.factories import TrajetPageFactory, UserFactory, translate


def locale(code):
    return Locale.objects.get(language_code=code)


def alias(page, code):
    """``page``'s alias in language ``code``, as the locale synchronisation makes it for an untranslated page."""
    return page.copy_for_translation(locale(code), copy_parents=True, alias=True)


@pytest.fixture
def trajet(agenda):
    """A French trajet under the agenda, with home, agenda and trajet translated into nl and en."""
    trajet = TrajetPageFactory(parent=agenda, title="Trajet emploi 2017", slug="trajet-2017")
    for code in ("nl", "en"):
        for page in (agenda.get_parent(), agenda, trajet):
            translate(page, code)
    return trajet


@pytest.fixture
def admin(db):
    return UserFactory(username="admin", is_superuser=True, is_staff=True)


@pytest.fixture
def admin_client(client, admin):
    client.force_login(admin)
    return client


@pytest.fixture
def editor_client(db):
    client = Client()
    client.force_login(UserFactory(username="editrice", groups=["Editors"]))
    return client


@pytest.fixture
def moderator_client(db):
    client = Client()
    client.force_login(UserFactory(username="moderateur", groups=["Moderators"]))
    return client
