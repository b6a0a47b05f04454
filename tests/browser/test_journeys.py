"""Day one for each user, in a browser and in two languages: a job seeker on a phone filters the agenda,
registers, sees the outcome where they are and cancels from the e-mail's link; a partner goes from the header
to the minutes through the login.

The demo site is loaded once (``journey_site`` in conftest): the first test loads it, the others restore its
snapshot (a few seconds instead of a full load). The editor's and the organiser's journeys are in
``test_journeys_admin.py``.
"""

import re
from urllib.parse import urlsplit

import pytest
from django.core import mail
from playwright.sync_api import expect

from events.models import EventPage
from minutes.models import MinutesIndexPage
from registrations.models import Registration
from tests.factories import UserFactory

from .test_accessibility import assert_no_axe_violation
from .test_cancel_trial import PHONE


def in_viewport(locator):
    """True when the element's box lies within the window's height (no scrolling needed to read it)."""
    return locator.evaluate(
        "el => { const box = el.getBoundingClientRect(); return box.top >= 0 && box.bottom <= window.innerHeight; }"
    )


def active_element_id(page):
    return page.evaluate("() => document.activeElement && document.activeElement.id")


# ---------------------------------------------------------------------------------------------------- job seeker

WORKSHOP = "reseaux-sociaux-et-recherche-d-emploi"  # Saint-Gilles, outillage, registration open, 8 places
SEEKER = {
    "fr": {
        "commune": "Commune",
        "phase": "Phase",
        "submit": "S'inscrire",
        "confirm": "Confirmer l'annulation",
        "cancelled": "Votre inscription est annulée. Merci de nous avoir prévenus.",
        # The demo fills the workshop and keeps three people waiting: the fourth to wait.
        "capacity": None,
        "title": "Vous êtes sur la liste d'attente",
        "notice": "L'activité est complète : vous êtes sur la liste d'attente, en position 4.",
    },
    "nl": {
        "commune": "Gemeente",
        "phase": "Fase",
        "submit": "Inschrijven",
        "confirm": "Annulering bevestigen",
        "cancelled": "Uw inschrijving is geannuleerd. Bedankt om ons te verwittigen.",
        # Places added before: a confirmed place.
        "capacity": 20,
        "title": "Uw inschrijving is bevestigd",
        "notice": "Lena Claes, uw plaats is gereserveerd.",
    },
}


@pytest.mark.parametrize("code", SEEKER)
def test_job_seeker_on_a_phone_registers_sees_the_outcome_and_cancels(new_context, journey_site, code):
    words = SEEKER[code]
    if words["capacity"]:
        EventPage.objects.filter(slug=WORKSHOP).update(capacity=words["capacity"])
    page = new_context(**PHONE, locale={"fr": "fr-BE", "nl": "nl-BE"}[code]).new_page()

    page.goto(f"/{code}/agenda/")
    page.get_by_label(words["commune"], exact=True).select_option("saint-gilles")
    page.wait_for_url("**commune=saint-gilles**")
    page.get_by_label(words["phase"], exact=True).select_option("outillage")
    page.wait_for_url("**commune=saint-gilles&phase=outillage**")
    cards = page.locator("li.agenda-item")
    expect(cards).to_have_count(1)
    assert "Les réseaux sociaux pour chercher un emploi" in cards.inner_text()
    assert_no_axe_violation(page)

    cards.get_by_role("link").click()
    page.wait_for_url(f"**/{WORKSHOP}/")
    form = page.locator("form.registration-form")
    form.locator("#id_name").fill("Lena Claes")
    form.locator("#id_email").fill(f"lena.{code}@example.org")
    form.locator("#id_consent").check()
    form.get_by_role("button", name=words["submit"]).click()

    page.wait_for_url(re.compile(r"/inscription/[^/]+/#inscription$"))
    outcome = page.locator("#inscription")
    for _ in range(2):  # right after the redirect, then after a reload (post/redirect/get)
        expect(outcome.locator("h2")).to_have_text(words["title"])
        expect(outcome.locator(".notice")).to_have_text(words["notice"])
        page.wait_for_function("() => document.activeElement && document.activeElement.id === 'inscription'")
        assert in_viewport(outcome.locator("h2")) and in_viewport(outcome.locator(".notice"))
        assert page.locator("form.registration-form").count() == 0
        assert_no_axe_violation(page)
        page.reload()

    # The e-mail's cancel link, on the live server (the demo Site's address is not the test server's port).
    (message,) = [message for message in mail.outbox if message.to == [f"lena.{code}@example.org"]]
    link = re.search(r"https?://\S+/annuler/\S+/", message.body).group(0)
    page.goto(urlsplit(link).path)
    assert_no_axe_violation(page)
    page.get_by_role("button", name=words["confirm"]).click()
    page.wait_for_url(f"**/{WORKSHOP}/")
    expect(page.locator(".messages")).to_have_text(words["cancelled"])
    assert_no_axe_violation(page)
    assert Registration.objects.get(email=f"lena.{code}@example.org").status == Registration.Status.CANCELLED


# ------------------------------------------------------------------------------------------------------- partner

SPACE = {"fr": "Espace partenaires", "en": "Partners' area"}


@pytest.mark.parametrize("code", SPACE)
def test_partner_goes_from_the_header_to_the_minutes_through_the_login(new_context, journey_site, code):
    UserFactory(username="partenaire-j", groups=["Partenaires"])
    space = MinutesIndexPage.objects.get(locale__language_code=code)
    page = new_context(locale={"fr": "fr-BE", "en": "en-GB"}[code]).new_page()

    page.goto(f"/{code}/")
    page.locator(".site-nav").get_by_role("link", name=SPACE[code]).click()
    page.wait_for_url("**/accounts/login/?next=**")
    assert urlsplit(page.url).path == f"/{code}/accounts/login/"
    assert_no_axe_violation(page)
    page.locator("#id_username").fill("partenaire-j")
    page.locator("#id_password").fill("secret-pass")
    page.locator("form.form button[type=submit]").click()

    page.wait_for_url(lambda url: "/accounts/login/" not in url)
    assert urlsplit(page.url).path == space.url
    expect(page.locator("h1")).to_have_text(space.title)
    header_link = page.locator(".site-nav").get_by_role("link", name=SPACE[code])
    assert header_link.get_attribute("href") == space.url
    assert header_link.get_attribute("aria-current") == "page"
    assert_no_axe_violation(page)

    meeting = page.locator(".meeting-list a").first
    title = meeting.inner_text()
    meeting.click()
    page.wait_for_url(lambda url: urlsplit(url).path != space.url)
    expect(page.locator("h1")).to_contain_text(title)
    assert page.locator(".site-nav").get_by_role("link", name=SPACE[code]).get_attribute("href") == space.url
    assert_no_axe_violation(page)
