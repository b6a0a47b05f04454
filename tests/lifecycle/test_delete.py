"""Deleting a page reaches every language: its nl/en copies go in the same action, or nothing goes and the admin
says why; registrations and evaluations never disappear through a cascade; orphaned translations can be found and
fixed."""

import re
from io import StringIO

import pytest
from django.core.management import call_command
from django.db.models import ProtectedError
from wagtail.models import Page
from wagtail.signals import page_unpublished

from cms.i18n import unpublish_translations
from evaluations.models import Evaluation
from events.models import EventPage, ScheduledPage
from registrations.allocation import cancel, register
from registrations.models import Registration
from tests.factories import TrajetPageFactory, open_event, translate

from .conftest import alias, locale

CANCEL_FIRST = "annulez d'abord l'activité : les personnes inscrites seront prévenues"


def messages_of(response):
    return [str(message) for message in response.context["messages"]] if response.context else []


def follow_messages(client, response):
    """The messages shown on the page a redirect leads to."""
    assert response.status_code == 302, response.status_code
    return " ".join(messages_of(client.get(response["Location"])))


def registration_rows():
    return sorted(Registration.objects.values_list("pk", "page_id", "status", "name"))


@pytest.fixture
def activity(trajet):
    """ "Atelier CV" published in French, translated into Dutch, an alias in English."""
    page = open_event(trajet, capacity=2, title="Atelier CV et lettre de motivation", slug="atelier-cv")
    translate(page, "nl")
    alias(page, "en")
    return page


def versions(page):
    return {p.locale.language_code: p for p in Page.objects.filter(translation_key=page.translation_key)}


def register_three(page):
    """Two confirmed people and one waiting (the activity has two places)."""
    statuses = [
        register(page, name=f"Personne {n}", email=f"p{n}@example.org", send_email=False).status for n in range(3)
    ]
    assert statuses == ["confirmed", "confirmed", "waiting"]
    return registration_rows()


# --- deleting without registrations: every language goes at once -----------------------------------------------


def test_the_delete_confirmation_says_how_many_language_copies_go(admin_client, activity):
    response = admin_client.get(f"/admin/pages/{activity.pk}/delete/")
    assert response.status_code == 200
    text = " ".join(messages_of(response))
    assert "2 versions (English, Nederlands)" in text


def test_deleting_the_french_activity_takes_its_dutch_and_english_copies(client, admin_client, activity):
    nl, en = versions(activity)["nl"], versions(activity)["en"]
    nl_url, en_url = nl.url, en.url
    assert client.get(nl_url).status_code == 200

    response = admin_client.post(f"/admin/pages/{activity.pk}/delete/")
    assert "Page « Atelier CV et lettre de motivation » supprimée." in follow_messages(admin_client, response)
    assert not Page.objects.filter(translation_key=activity.translation_key).exists()
    assert not Page.objects.filter(alias_of=activity.pk).exists()

    # The Dutch copy is gone from every door, and no registration can reach it.
    assert client.get(nl_url).status_code == 404
    assert client.get(en_url).status_code == 404
    assert client.post(nl_url, {"name": "X", "email": "x@example.org", "consent": "on"}).status_code == 404
    assert "Atelier CV" not in client.get("/nl/agenda/").text
    api = client.get("/api/v2/pages/?type=events.EventPage&locale=nl").json()
    assert api["items"] == []
    assert client.get(f"/api/v2/pages/{nl.pk}/").status_code == 404
    assert "Atelier CV" not in client.get("/agenda/embed/?locale=nl").text
    assert "Atelier CV" not in client.get("/agenda/ical/?locale=nl").text
    assert Registration.objects.count() == 0


def test_deleting_a_french_draft_leaves_no_hidden_copy_behind(admin_client, trajet):
    """The admin's "add page" makes nl/en aliases of a new draft (locale synchronisation); deleting the draft
    takes them, so a later page of the same title keeps its slug in every language."""
    from tests.test_admin import activity_form

    def add():
        response = admin_client.post(f"/admin/pages/add/events/eventpage/{trajet.pk}/", activity_form())
        assert response.status_code == 302
        return EventPage.objects.get(slug="atelier-cv", locale__language_code="fr")

    draft = add()
    assert not draft.live
    assert {p.locale.language_code for p in Page.objects.filter(translation_key=draft.translation_key)} == {
        "fr",
        "nl",
        "en",
    }
    admin_client.post(f"/admin/pages/{draft.pk}/delete/")
    assert not Page.objects.filter(slug__startswith="atelier-cv").exists()

    again = add()
    assert sorted(Page.objects.filter(translation_key=again.translation_key).values_list("slug", flat=True)) == [
        "atelier-cv",
        "atelier-cv",
        "atelier-cv",
    ]


def test_deleting_a_trajet_takes_the_copies_of_everything_below_it(admin_client, activity, trajet):
    response = admin_client.post(f"/admin/pages/{trajet.pk}/delete/")
    assert response.status_code == 302
    assert not Page.objects.filter(translation_key__in=[trajet.translation_key, activity.translation_key]).exists()


def test_deleting_only_the_dutch_translation_keeps_the_french_page(admin_client, activity):
    nl = versions(activity)["nl"]
    admin_client.post(f"/admin/pages/{nl.pk}/delete/")
    assert set(versions(activity)) == {"fr", "en"}


def test_bulk_delete_takes_the_copies_too(admin_client, activity, trajet):
    other = open_event(trajet, title="Atelier entretien", slug="atelier-entretien")
    alias(other, "nl")
    response = admin_client.post(
        f"/admin/bulk/wagtailcore/page/delete/?id={activity.pk}&id={other.pk}&next=/admin/pages/{trajet.pk}/"
    )
    assert "versions (English, Nederlands)" in follow_messages(admin_client, response)
    assert not Page.objects.filter(translation_key__in=[activity.translation_key, other.translation_key]).exists()


# --- registrations never disappear through an admin action -------------------------------------------------------


def test_an_activity_with_registrations_cannot_be_deleted_the_admin_says_cancel_first(admin_client, activity):
    rows = register_three(activity)
    for method in (admin_client.get, admin_client.post):
        response = method(f"/admin/pages/{activity.pk}/delete/")
        assert response["Location"] == f"/admin/pages/{activity.pk}/edit/"
        text = follow_messages(admin_client, response)
        assert CANCEL_FIRST in text
        assert "3 personnes inscrites" in text
    assert set(versions(activity)) == {"fr", "nl", "en"}
    assert registration_rows() == rows


def test_deleting_the_dutch_copy_of_an_activity_with_registrations_is_allowed(admin_client, activity):
    """The registrations are held by the French page; the Dutch translation can go (the French page stays)."""
    rows = register_three(activity)
    nl = versions(activity)["nl"]
    admin_client.post(f"/admin/pages/{nl.pk}/delete/")
    assert set(versions(activity)) == {"fr", "en"}
    assert registration_rows() == rows


@pytest.mark.parametrize("ancestor", ["trajet", "agenda"])
def test_deleting_an_ancestor_of_an_activity_with_registrations_is_refused(
    admin_client, activity, trajet, agenda, ancestor
):
    rows = register_three(activity)
    page = {"trajet": trajet, "agenda": agenda}[ancestor]
    count = Page.objects.count()
    response = admin_client.post(f"/admin/pages/{page.pk}/delete/")
    text = follow_messages(admin_client, response)
    assert CANCEL_FIRST in text and "Atelier CV et lettre de motivation" in text
    assert Page.objects.count() == count
    assert registration_rows() == rows


def test_bulk_delete_with_an_activity_that_has_registrations_deletes_nothing(admin_client, activity, trajet):
    rows = register_three(activity)
    other = open_event(trajet, title="Atelier entretien", slug="atelier-entretien")
    count = Page.objects.count()
    response = admin_client.post(
        f"/admin/bulk/wagtailcore/page/delete/?id={other.pk}&id={activity.pk}&next=/admin/pages/{trajet.pk}/"
    )
    assert CANCEL_FIRST in follow_messages(admin_client, response)
    assert Page.objects.count() == count
    assert registration_rows() == rows


def test_cancelled_registrations_still_keep_the_activity(admin_client, activity):
    register_three(activity)
    for registration in Registration.objects.all():
        cancel(registration)
    rows = registration_rows()
    response = admin_client.post(f"/admin/pages/{activity.pk}/delete/")
    assert "Dépubliez-la plutôt" in follow_messages(admin_client, response)
    assert registration_rows() == rows


def test_an_evaluated_activity_cannot_be_deleted(admin_client, activity):
    Evaluation.objects.create(page=activity, participants_present=5, satisfaction=4)
    response = admin_client.post(f"/admin/pages/{activity.pk}/delete/")
    assert "fiche d'évaluation" in follow_messages(admin_client, response)
    assert Evaluation.objects.filter(page=activity).exists()


def test_moving_an_activity_keeps_its_registrations(admin_client, activity, agenda):
    rows = register_three(activity)
    other = TrajetPageFactory(parent=agenda, title="Trajet emploi 2018", slug="trajet-2018")
    response = admin_client.post(f"/admin/pages/{activity.pk}/move/{other.pk}/confirm/")
    assert response.status_code == 302
    assert Page.objects.get(pk=activity.pk).get_parent().pk == other.pk
    assert registration_rows() == rows


def test_unpublishing_an_activity_keeps_its_registrations(admin_client, activity):
    rows = register_three(activity)
    response = admin_client.post(f"/admin/pages/{activity.pk}/unpublish/")
    assert response.status_code == 302
    assert not Page.objects.get(pk=activity.pk).live
    assert registration_rows() == rows


def test_the_registration_delete_view_leads_to_cancelling_instead(admin_client, activity):
    rows = register_three(activity)
    registration = Registration.objects.first()
    for method in (admin_client.get, admin_client.post):
        response = method(f"/admin/events/registrations/delete/{registration.pk}/")
        assert response.status_code == 302
        assert response["Location"] == f"/admin/events/registrations/{registration.pk}/cancel/"
    assert registration_rows() == rows
    listing = admin_client.get("/admin/events/registrations/")
    assert f"/delete/{registration.pk}/" not in listing.text


def test_no_cascade_takes_registrations_even_outside_the_admin(activity):
    rows = register_three(activity)
    with pytest.raises(ProtectedError):
        ScheduledPage.objects.get(pk=activity.pk).delete()
    assert registration_rows() == rows


# --- orphaned translations already in a database ----------------------------------------------------------------


def test_orphan_translations_lists_then_fixes_copies_whose_source_is_gone(client, activity, trajet):
    held = open_event(trajet, title="Visite d'entreprise", slug="visite")
    nl_held = translate(held, "nl")
    # The old behaviour: the French pages deleted alone, their translations left live (registrations held by
    # the Dutch copy stay).
    nl, en = versions(activity)["nl"], versions(activity)["en"]
    page_unpublished.disconnect(unpublish_translations)
    try:
        Page.objects.get(pk=activity.pk).delete()
        register(nl_held, name="Amina", email="amina@example.org", send_email=False)
        Registration.objects.update(page=nl_held)
        Page.objects.get(pk=held.pk).delete()
    finally:
        page_unpublished.connect(unpublish_translations)
    assert client.get(nl.url).status_code == 200

    out = StringIO()
    call_command("orphan_translations", stdout=out)
    listed = out.getvalue()
    assert re.search(rf"^{nl.pk}\tnl\t", listed, re.M) and re.search(rf"^{en.pk}\ten\t", listed, re.M)
    assert re.search(rf"^{nl_held.pk}\tnl\t", listed, re.M)
    assert f"\t{trajet.title}" not in listed  # the trajet's translations still have their source
    assert Page.objects.filter(pk=nl.pk).exists()  # listing changes nothing

    out = StringIO()
    call_command("orphan_translations", "--fix", stdout=out)
    assert not Page.objects.filter(pk__in=[nl.pk, en.pk]).exists()
    kept = Page.objects.get(pk=nl_held.pk)
    assert not kept.live and Registration.objects.filter(page=nl_held).count() == 1
    assert client.get(nl_held.url).status_code == 404

    out = StringIO()
    call_command("orphan_translations", stdout=out)
    assert f"{nl.pk}\t" not in out.getvalue()


def test_orphan_translations_ignores_pages_that_still_have_their_source(activity):
    out = StringIO()
    call_command("orphan_translations", stdout=out)
    assert "Aucune traduction orpheline." in out.getvalue()
    assert locale("nl")


def test_a_cancelled_activity_with_registrations_is_unpublished_rather_than_deleted(admin_client, activity):
    register_three(activity)
    page = EventPage.objects.get(pk=activity.pk)
    page.status = "cancelled"
    page.save_revision().publish()
    response = admin_client.post(f"/admin/pages/{activity.pk}/delete/")
    text = follow_messages(admin_client, response)
    assert "« Atelier CV et lettre de motivation » est annulée et garde 3 inscriptions" in text
    assert "Dépubliez-la plutôt" in text and "annulez d'abord" not in text
    assert len(registration_rows()) == 3
