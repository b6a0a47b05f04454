"""Translating or publishing a page never changes another language's name of a commune, venue or organisation;
names show in the page's language where a translation exists (French otherwise), on every door, for translated
pages and for aliases (pages not translated yet) alike."""

import pytest
from django.test import Client
from wagtail_localize.models import StringTranslation, Translation

from cms.i18n import localise_all_references
from cms.models import Commune, Organisation, Venue
from events.models import EventPage, ScheduledPageOrganiser
from tests.factories import OrganisationFactory, VenueFactory, commune, open_event

from .conftest import alias, locale


def nl_name(slug):
    return Commune.objects.get(slug=slug, locale=locale("nl")).name


@pytest.fixture
def places(db):
    """A venue and an organisation in Forest, with their Dutch names."""
    venue = VenueFactory(name="Maison communale de Forest", street="Rue du Curé 2", commune=commune("forest"))
    venue_nl = venue.copy_for_translation(locale("nl"))
    venue_nl.name = "Gemeentehuis van Vorst"
    venue_nl.save()
    organisation = OrganisationFactory(name="Maison de l'emploi de Forest", short_name="MEF Forest")
    organisation_nl = organisation.copy_for_translation(locale("nl"))
    organisation_nl.name, organisation_nl.short_name = "Werkhuis Vorst", "WH Vorst"
    organisation_nl.save()
    return venue, organisation


@pytest.fixture
def forest_activity(trajet, places):
    venue, organisation = places
    page = open_event(trajet, title="Atelier CV à Forest", slug="atelier-cv-forest", venue=venue)
    ScheduledPageOrganiser.objects.create(page=page, organisation=organisation)
    page.save_revision().publish()
    return EventPage.objects.get(pk=page.pk)


def submit_and_publish_dutch(admin_client, page, capture):
    """What an editor does in the admin: "Traduire" into Dutch, translate the title, publish the translation
    (wagtail-localize publishes when the transaction commits: ``capture`` runs those callbacks)."""
    with capture(execute=True):
        response = admin_client.post(f"/admin/localize/submit/page/{page.pk}/", {"locales": [locale("nl").pk]})
    assert response.status_code == 302, response.content[:500]
    translation = Translation.objects.get(source__object_id=page.translation_key, target_locale=locale("nl"))
    title = translation.source.stringsegment_set.get(context__path="title")
    StringTranslation.objects.create(
        translation_of=title.string, locale=locale("nl"), context=title.context, data="CV-workshop in Vorst"
    )
    nl = page.get_translation(locale("nl"))
    with capture(execute=True):
        response = admin_client.post(f"/admin/pages/{nl.pk}/edit/", {"action": "publish"})
    assert response.status_code == 302
    return EventPage.objects.get(pk=nl.pk)


def test_vorst_is_still_vorst_after_the_dutch_translation_is_published(
    admin_client, forest_activity, django_capture_on_commit_callbacks
):
    client = Client()
    assert nl_name("forest") == "Vorst"
    nl = submit_and_publish_dutch(admin_client, forest_activity, django_capture_on_commit_callbacks)
    assert nl.title == "CV-workshop in Vorst" and nl.live and nl.alias_of_id is None

    # The snippets' Dutch rows keep their names; the French ones too.
    assert nl_name("forest") == "Vorst"
    assert commune("forest").name == "Forest"
    assert Venue.objects.get(locale=locale("nl")).name == "Gemeentehuis van Vorst"
    assert Organisation.objects.get(locale=locale("nl")).name == "Werkhuis Vorst"
    assert Venue.objects.get(locale=locale("fr")).name == "Maison communale de Forest"

    # The Dutch page points to the Dutch rows.
    assert nl.commune.name == "Vorst"
    assert nl.venue.name == "Gemeentehuis van Vorst" and nl.venue.commune.name == "Vorst"
    assert [link.organisation.name for link in nl.organisers.all()] == ["Werkhuis Vorst"]

    # Every door says Vorst in Dutch, Forest in French.
    agenda = client.get("/nl/agenda/").text
    assert ">Vorst<" in agenda and "Gemeentehuis van Vorst" in agenda
    assert ">Forest<" not in agenda
    assert "Vorst" in client.get("/agenda/embed/?locale=nl&commune=forest").text.split("</title>")[0]
    api = client.get("/api/v2/pages/?type=events.EventPage&fields=commune,venue,organisers&locale=nl").json()
    (item,) = api["items"]
    assert item["commune"] == {"slug": "forest", "name": "Vorst"}
    assert item["venue"]["name"] == "Gemeentehuis van Vorst" and item["venue"]["commune"]["name"] == "Vorst"
    assert item["organisers"][0]["name"] == "Werkhuis Vorst"
    ical = client.get("/agenda/ical/?locale=nl").content.decode().replace("\r\n ", "")
    assert "LOCATION:Gemeentehuis van Vorst\\, Rue du Curé 2\\, 1190 Vorst" in ical
    assert "Vorst" in client.get("/agenda/rss/?locale=nl").text
    french = client.get("/fr/agenda/").text
    assert "Maison communale de Forest" in french and "Vorst" not in french


def test_an_untranslated_activity_shows_dutch_names_in_dutch_listings(client, forest_activity):
    alias(forest_activity, "nl")
    nl = EventPage.objects.get(translation_key=forest_activity.translation_key, locale=locale("nl"))
    assert nl.alias_of_id == forest_activity.pk
    assert nl.commune.name == "Vorst" and nl.venue.name == "Gemeentehuis van Vorst"
    agenda = client.get("/nl/agenda/").text
    assert ">Vorst<" in agenda and "Gemeentehuis van Vorst" in agenda and "Werkhuis" not in agenda
    (item,) = client.get("/api/v2/pages/?type=events.EventPage&fields=commune,organisers&locale=nl").json()["items"]
    assert item["commune"]["name"] == "Vorst" and item["organisers"][0]["name"] == "Werkhuis Vorst"
    assert "Vorst" in client.get("/agenda/embed/?locale=nl").text


def test_the_alias_follows_a_french_publish_with_dutch_names(forest_activity):
    alias(forest_activity, "nl")
    forest_activity.commune = commune("uccle")
    forest_activity.save_revision().publish()
    nl = EventPage.objects.get(translation_key=forest_activity.translation_key, locale=locale("nl"))
    assert nl.commune.name == "Ukkel"


def test_a_venue_translated_later_shows_at_once_on_the_dutch_pages(trajet):
    venue = VenueFactory(name="Salle polyvalente", commune=commune("uccle"))
    page = open_event(trajet, title="Atelier", slug="atelier", venue=venue)
    alias(page, "nl")
    nl = EventPage.objects.get(translation_key=page.translation_key, locale=locale("nl"))
    assert nl.venue == venue  # no Dutch row yet: French

    venue_nl = venue.copy_for_translation(locale("nl"))
    venue_nl.name = "Polyvalente zaal"
    venue_nl.save()
    nl.refresh_from_db()
    assert nl.venue.name == "Polyvalente zaal" and nl.venue.commune.name == "Ukkel"

    venue_nl.delete()  # back to the French row, never to no venue at all
    nl.refresh_from_db()
    assert nl.venue == venue


def test_rows_saved_before_the_rule_are_localised_after_migrate(forest_activity):
    alias(forest_activity, "nl")
    nl = EventPage.objects.get(translation_key=forest_activity.translation_key, locale=locale("nl"))
    EventPage.objects.filter(pk=nl.pk).update(commune=commune("forest"))
    assert EventPage.objects.get(pk=nl.pk).commune.name == "Forest"
    localise_all_references()
    assert EventPage.objects.get(pk=nl.pk).commune.name == "Vorst"


def test_venue_and_organisation_are_translatable_snippets(places):
    venue, organisation = places
    assert venue.locale.language_code == "fr" and organisation.locale.language_code == "fr"
    assert venue.get_translation(locale("nl")).commune.name == "Vorst"
    assert venue.get_translation(locale("nl")).street == "Rue du Curé 2"
