"""Editors in the Wagtail admin: an activity with its end before its start is a form error, not a 500."""

import pytest
from wagtail.test.utils.form_data import inline_formset, nested_form_data, rich_text, streamfield

from events.models import EventPage

from .factories import TrajetPageFactory, UserFactory, commune


@pytest.fixture
def admin_client(client, agenda):
    client.force_login(UserFactory(username="root", is_superuser=True, is_staff=True))
    return client


def activity_form(**overrides):
    data = {
        "title": "Atelier CV",
        "slug": "atelier-cv",
        "phase": "outillage",
        "summary": "",
        "start": "2017-04-25 09:30",
        "end": "2017-04-25 12:00",
        "commune": commune("forest").pk,
        "other_communes": inline_formset([]),
        "organisers": inline_formset([]),
        "venue": "",
        "capacity": "",
        "registration_info": "",
        "body": streamfield([("paragraph", rich_text("<p>Apportez votre CV.</p>"))]),
    }
    data.update(overrides)
    return nested_form_data(data)


def test_admin_creates_an_activity(admin_client, agenda):
    trajet = TrajetPageFactory(parent=agenda)
    response = admin_client.post(f"/admin/pages/add/events/eventpage/{trajet.pk}/", activity_form())
    assert response.status_code == 302
    page = EventPage.objects.get(slug="atelier-cv", locale__language_code="fr")
    assert page.commune.slug == "forest"


def test_admin_refuses_end_before_start_with_a_message(admin_client, agenda):
    trajet = TrajetPageFactory(parent=agenda)
    response = admin_client.post(
        f"/admin/pages/add/events/eventpage/{trajet.pk}/", activity_form(end="2017-04-25 08:00")
    )
    assert response.status_code == 200
    assert "La fin doit être postérieure au début." in response.text
    assert not EventPage.objects.filter(slug="atelier-cv").exists()


def test_admin_refuses_zero_capacity(admin_client, agenda):
    trajet = TrajetPageFactory(parent=agenda)
    response = admin_client.post(f"/admin/pages/add/events/eventpage/{trajet.pk}/", activity_form(capacity="0"))
    assert response.status_code == 200
    assert "Le nombre de places doit être d&#x27;au moins 1" in response.text


def test_snippet_listings_have_search_and_filters(admin_client):
    response = admin_client.get("/admin/snippets/cms/commune/?q=for")
    assert response.status_code == 200
    assert "Forest" in response.text and "Uccle" not in response.text
    response = admin_client.get("/admin/snippets/cms/venue/")
    assert response.status_code == 200
