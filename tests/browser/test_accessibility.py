"""WCAG 2.1 AA in the browser: axe-core finds no violation on any public page type; headings are in order;
images have a text alternative; nothing is loaded from another host."""

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import expect

from tests.factories import UserFactory

from .pages import MEETING, PUBLIC_PAGES, REGISTRATION, SITE_NAME, heading_levels, log_in, visit

AXE = Axe()  # axe-core's script ships inside the package: injected into the page, never downloaded


def assert_no_axe_violation(page):
    results = AXE.run(page)  # every rule except experimental ones: WCAG A/AA and best practices
    assert results.violations_count == 0, results.generate_report()


def assert_headings_in_order(page):
    levels = heading_levels(page)
    assert levels and levels[0] == 1, f"the page must open with its h1: {levels}"
    assert levels.count(1) == 1, f"one h1 per page: {levels}"
    for before, after in zip(levels, levels[1:], strict=False):
        assert after <= before + 1, f"heading level jumps from h{before} to h{after}: {levels}"


@pytest.mark.parametrize("name, path", PUBLIC_PAGES, ids=[name for name, _ in PUBLIC_PAGES])
def test_public_page_is_accessible(page, live_server, demo_upcoming, requests_made, name, path):
    visit(page, path, name)

    assert_no_axe_violation(page)
    assert_headings_in_order(page)
    language = path.split("/")[1]
    assert page.locator("html").get_attribute("lang") == language
    assert page.locator("img:not([alt])").count() == 0
    assert page.title().endswith(" – " + SITE_NAME[language])
    # The stylesheet really loaded: the header has its dark background.
    assert page.locator(".site-header").evaluate("el => getComputedStyle(el).backgroundColor") == "rgb(8, 63, 97)"
    assert requests_made and requests_made.off_host(live_server.url) == []


def test_login_form_errors_are_accessible(page, live_server, demo_upcoming):
    page.goto("/fr/accounts/login/")
    page.get_by_label("Nom d’utilisateur").fill("personne")
    page.get_by_label("Mot de passe").fill("mauvais mot de passe")
    page.get_by_role("button", name="Se connecter").click()

    assert (
        page.get_by_role("alert").inner_text().startswith("Saisissez un nom d’utilisateur et un mot de passe valides")
    )
    assert_no_axe_violation(page)
    assert_headings_in_order(page)


def test_registration_form_errors_are_accessible(page, live_server, demo_upcoming):
    page.goto(REGISTRATION)
    form = page.locator("form.registration-form")
    form.get_by_role("button", name="S'inscrire").click()

    expect(page.locator("form.registration-form [role=alert]")).to_contain_text("Le formulaire contient des erreurs")
    assert page.locator("form.registration-form .field-error").count() >= 1
    assert_no_axe_violation(page)
    assert_headings_in_order(page)


def test_minutes_are_accessible_to_partners(new_context, live_server, demo_upcoming, partner):
    context = new_context()
    log_in(context, live_server, partner)
    page = context.new_page()
    page.goto(MEETING)

    assert page.locator("h1").inner_text().startswith("Réunion de la CZS du")
    assert_no_axe_violation(page)
    assert_headings_in_order(page)

    # The registers, with filters and results.
    for path, title in (
        ("actions/?status=all", "Actions en cours"),
        ("decisions/?query=fiche", "Registre des décisions"),
    ):
        page.goto(f"/fr/espace-partenaires/{path}")
        assert page.locator("h1").inner_text() == title
        assert_no_axe_violation(page)
        assert_headings_in_order(page)


def test_agenda_updated_in_place_stays_accessible(page, live_server, demo_upcoming):
    page.goto("/fr/agenda/")
    page.get_by_label("Commune").select_option("ixelles")
    page.locator("[data-agenda-status]").filter(has_text="Aucun résultat").wait_for()

    assert page.locator(".empty-state").inner_text().startswith("Aucune activité à venir")
    assert_no_axe_violation(page)
    assert_headings_in_order(page)


def test_image_has_its_text_alternative(page, live_server, demo_upcoming, image_page):
    page.goto(image_page.url)

    image = page.locator(".figure img")
    assert image.get_attribute("alt") == "Trois personnes autour d'une table de formation"
    assert_no_axe_violation(page)


def test_axe_check_reports_a_real_violation(page, live_server, demo_upcoming):
    """The harness itself: grey-on-white text added to a page is reported as a colour-contrast violation."""
    page.goto("/fr/")
    page.evaluate(
        """() => { const p = document.createElement('p'); p.textContent = 'Texte trop pâle';
                   p.style.color = '#bbbbbb'; document.querySelector('main').append(p); }"""
    )
    results = AXE.run(page)
    assert [violation["id"] for violation in results.response["violations"]] == ["color-contrast"]


def test_editor_userbar_keeps_the_accessibility_checker(new_context, live_server, demo_upcoming, requests_made):
    editor = UserFactory(username="editeur", groups=["Editors"])
    context = new_context()
    log_in(context, live_server, editor)
    page = context.new_page()
    page.goto("/fr/agenda/")

    # Wagtail's userbar (a web component) offers its content checker: axe-core run on the page for the editor.
    page.locator("#wagtail-userbar-trigger").click()
    checker = page.locator("#checker-trigger")
    expect(checker).to_contain_text("Vérifications")
    # The checker has run on the page: it counts the issues it found, none here.
    expect(checker.locator("[data-content-checker-count]")).to_have_text("0")
    checker.click()
    dialog = page.locator("#checker-results")
    expect(dialog).to_be_visible()
    print(repr(dialog.inner_text()))
    assert requests_made.off_host(live_server.url) == []
