"""Day one in the admin, in two languages (the user's admin language): an editor writes a meeting with a "Divers"
point (no decision, no action) and saves a draft without any error; an organiser fills an evaluation and reads
one row per trajet × commune × phase, with its rate, in the report. The demo site comes from ``journey_site``.
"""

import datetime as dt
from urllib.parse import urlsplit

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from cms.models import Organisation
from evaluations.models import OrganiserProfile
from events.models import ScheduledPageOrganiser, TrajetPage
from minutes.models import MeetingPage, MinutesIndexPage
from tests.factories import EventPageFactory, UserFactory, commune

from .pages import log_in

# -------------------------------------------------------------------------------------------------------- editor

ADMIN_WORDS = {
    "fr": {"save_draft": "Enregistrer le brouillon", "created": "créée", "required": "Champ requis"},
    "en": {"save_draft": "Save draft", "created": "created", "required": "This field is required"},
}


def admin_page(new_context, live_server, user):
    """A desktop page of the admin, logged in as ``user`` (admin pages are heavier: 30 s to load)."""
    context = new_context()
    context.set_default_navigation_timeout(30_000)
    log_in(context, live_server, user)
    return context.new_page()


def admin_user(username, group, language, **kwargs):
    """A user of ``group`` whose admin speaks ``language`` (their Wagtail profile's preference)."""
    from wagtail.users.models import UserProfile

    user = UserFactory(username=username, groups=[group], **kwargs)
    profile = UserProfile.get_for_user(user)
    profile.preferred_language = language
    profile.save()
    return user


@pytest.mark.parametrize("code", ADMIN_WORDS)
def test_editor_saves_a_meeting_with_a_point_without_decision(new_context, live_server, journey_site, code):
    editor = admin_user("editeur-j", "Editors", code)
    space = MinutesIndexPage.objects.get(locale__language_code="fr")
    page = admin_page(new_context, live_server, editor)

    page.goto(f"/admin/pages/{space.pk}/add_subpage/")
    page.wait_for_url("**/add/minutes/meetingpage/**")
    page.locator("#id_title").fill("Réunion de la CZS du 14 janvier")
    page.locator("#id_start").fill("2027-01-14 09:30")
    page.keyboard.press("Escape")  # close the date picker
    # The agenda's "+" (Wagtail's StreamField, drawn by its JavaScript): one block type, inserted at once.
    add = page.locator("#agenda-root button.c-sf-add-button").first
    add.wait_for(state="attached", timeout=30_000)
    add.click(force=True)
    title = page.locator('input[name="agenda-0-value-title"]')
    title.fill("Divers")
    # A new point starts without decision and without action rows.
    assert page.locator('[name^="agenda-0-value-decisions-"][name$="-value"]').count() == 0
    assert page.locator('[name^="agenda-0-value-actions-"][name$="-value-what"]').count() == 0
    page.get_by_role("button", name=ADMIN_WORDS[code]["save_draft"]).click()

    page.wait_for_url("**/admin/pages/*/edit/")
    messages = page.locator(".messages")
    expect(messages).to_contain_text(ADMIN_WORDS[code]["created"])
    assert page.locator(".error-message, .messages .error").count() == 0
    assert ADMIN_WORDS[code]["required"] not in page.locator("main").inner_text()
    meeting = MeetingPage.objects.get(title="Réunion de la CZS du 14 janvier", locale__language_code="fr")
    assert meeting.get_parent().pk == space.pk and not meeting.live
    draft = meeting.get_latest_revision_as_object()
    assert [
        (item.value["title"], list(item.value["decisions"]), list(item.value["actions"])) for item in draft.agenda
    ] == [("Divers", [], [])]


# ----------------------------------------------------------------------------------------------------- organiser

REPORT = {
    # admin language: commune, phase value, phase label in that language
    "fr": ("forest", "orientation", "Orientation"),
    "en": ("uccle", "outillage", "Tools and skills"),
}


@pytest.mark.parametrize("code", REPORT)
def test_organiser_evaluates_and_the_report_shows_one_row_per_group(new_context, live_server, journey_site, code):
    commune_slug, phase, phase_label = REPORT[code]
    organiser = admin_user("organisateur-j", "Organisateurs", code)
    forest = Organisation.objects.get(short_name="MEF Forest", locale__language_code="fr")
    OrganiserProfile.objects.create(user=organiser, organisation=forest)
    trajet = TrajetPage.objects.get(locale__language_code="fr")
    now = timezone.now()
    ended = []
    for days in (3, 2):  # two ended activities of one trajet × commune × phase, organised by the MEF Forest
        activity = EventPageFactory(
            parent=trajet,
            title=f"Atelier terminé il y a {days} jours",
            phase=phase,
            commune=commune(commune_slug),
            start=now - dt.timedelta(days=days),
            end=now - dt.timedelta(days=days) + dt.timedelta(hours=3),
        )
        ScheduledPageOrganiser.objects.create(page=activity, organisation=forest)
        ended.append(activity)
    page = admin_page(new_context, live_server, organiser)

    page.goto("/admin/events/evaluations/")
    page.locator('a[href="/admin/events/evaluations/new/"]').first.click()
    page.wait_for_url("**/admin/events/evaluations/new/")
    page.locator("#id_page").select_option(str(ended[0].pk))
    page.locator("#id_participants_present").fill("12")
    page.locator('input[name="satisfaction"][value="4"]').check()
    page.locator("#id_what_worked").fill("Bonne participation.")
    # The form's first submit button is "Save" (the others are in its dropdown).
    page.locator("#id_page").locator("xpath=ancestor::form").locator("button[type=submit]").first.click()
    page.wait_for_url(lambda url: urlsplit(url).path == "/admin/events/evaluations/")
    expect(page.locator(".messages")).to_contain_text(ended[0].title)

    page.goto("/admin/reports/evaluations/")
    commune_name = commune(commune_slug).name
    rows = page.locator("table tbody tr").filter(has_text=commune_name).filter(has_text=phase_label)
    expect(rows).to_have_count(1)
    cells = rows.locator("td").all_inner_texts()
    assert [cell.strip() for cell in cells[:3]] == [trajet.title, commune_name, phase_label]
    # Ended, evaluated, rate, satisfaction: one of the two ended activities is evaluated.
    assert [cell.strip() for cell in cells[4:8]] == ["2", "1", "50", "4,0" if code == "fr" else "4.0"]
