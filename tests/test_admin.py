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


def test_venue_chooser_lists_every_venue_and_creates_one(admin_client):
    from cms.models import Venue

    forest = commune("forest")
    for number in range(30):
        Venue.objects.create(name=f"Lieu {number:02}", commune=forest)
    response = admin_client.get("/admin/snippets/choose/cms/venue/")
    assert response.status_code == 200
    text = response.json()["html"]
    assert "Lieu 29" in text  # 30 venues: one page
    assert "Nouveau lieu" in text and 'name="commune"' in text
    response = admin_client.get("/admin/snippets/choose/cms/venue/results/", {"q": "Lieu 07"})
    assert "Lieu 07" in response.content.decode() and "Lieu 08" not in response.content.decode()
    response = admin_client.post("/admin/snippets/choose/cms/venue/create/", {"name": "", "commune": forest.pk})
    assert response.json()["step"] == "reshow_creation_form"  # a clear form error, nothing saved
    response = admin_client.post(
        "/admin/snippets/choose/cms/venue/create/",
        {"name": "Maison communale de Forest", "street": "Rue du Curé 2", "postcode": "1190", "commune": forest.pk},
    )
    assert response.status_code == 200
    assert response.json()["step"] == "chosen"
    venue = Venue.objects.get(name="Maison communale de Forest")
    assert (venue.locale.language_code, venue.commune) == ("fr", forest)
    assert response.json()["result"]["id"] == str(venue.pk)
