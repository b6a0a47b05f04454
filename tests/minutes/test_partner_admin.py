"""Admin: the partners' preferences, for administrators only, in French; the calendar token never shown."""

import pytest

from tests.factories import UserFactory

from .conftest import make_partner

LISTING = "/admin/minutes/partner-profiles/"


@pytest.fixture
def profile(db):
    return make_partner("amina", language="nl").partner_profile


def test_administrator_lists_and_edits_a_profile(client, profile):
    client.force_login(UserFactory(username="root", is_superuser=True, is_staff=True))
    listing = client.get(LISTING)
    assert listing.status_code == 200
    assert "Profils de partenaires" in listing.text and "amina@example.org" in listing.text
    assert profile.calendar_token not in listing.text
    edit = client.get(f"{LISTING}edit/{profile.pk}/")
    assert "E-mail à chaque nouveau procès-verbal" in edit.text
    assert profile.calendar_token not in edit.text
    response = client.post(f"{LISTING}edit/{profile.pk}/", {"user": profile.user_id, "language": "en"})
    assert response.status_code == 302
    profile.refresh_from_db()
    assert (profile.language, profile.notify_minutes) == ("en", False)


@pytest.mark.parametrize("groups", [["Editors"], ["Moderators"], ["Partenaires"]])
def test_others_are_refused(client, profile, groups):
    client.force_login(UserFactory(username="someone", groups=groups))
    response = client.get(LISTING)
    assert response.status_code in (302, 403)
    assert "amina@example.org" not in response.text
    assert client.get(f"{LISTING}edit/{profile.pk}/").status_code in (302, 403)
