"""Keyboard and screen-reader use: every control reachable in document order with a visible focus, the skip
link, the agenda filters without JavaScript (a GET form) and with it (results updated in place, the new count
announced through a live region)."""

import re
from urllib.parse import parse_qs, urlsplit

import pytest
from playwright.sync_api import expect

from .pages import EVENT, FOCUSABLE, VISIT, log_in

# What the keyboard reaches, recorded at each Tab: the element's index among FOCUSABLE elements and whether
# its focus indicator is drawn (:focus-visible with an outline of at least 2px).
FOCUS_STATE = """() => {
  const el = document.activeElement;
  const style = getComputedStyle(el);
  return {
    index: el.dataset.kbd === undefined ? null : Number(el.dataset.kbd),
    tag: el.tagName.toLowerCase(),
    label: (el.getAttribute('aria-label') || el.textContent || el.name || el.id || '').trim().slice(0, 40),
    visible: el.matches(':focus-visible') && style.outlineStyle !== 'none' && parseFloat(style.outlineWidth) >= 2,
    inViewport: (() => { const r = el.getBoundingClientRect();
                         return r.bottom > 0 && r.right > 0 && r.top < innerHeight && r.left < innerWidth; })(),
  };
}"""


def tab_through(page, limit=150):
    """Press Tab from the top of the page until focus leaves the document; the focus states, one per element."""
    # A group of radio buttons is one Tab stop (its checked button, else its first), as browsers make it; the
    # arrow keys move inside the group.
    expected = page.evaluate(
        """(selector) => {
             const stop = (el) => {
               if (el.type !== 'radio' || !el.name) return true;
               const group = [...document.querySelectorAll(`input[type=radio][name="${el.name}"]`)];
               return el === (group.find(radio => radio.checked) || group[0]);
             };
             return [...document.querySelectorAll(selector)]
               .filter(el => el.getClientRects().length && getComputedStyle(el).visibility !== 'hidden')
               .filter(stop)
               .map((el, index) => { el.dataset.kbd = index; return index; });
           }""",
        FOCUSABLE,
    )
    states = []
    for _ in range(limit):
        page.keyboard.press("Tab")
        state = page.evaluate(FOCUS_STATE)
        if state["tag"] == "body":
            break
        if states and state["index"] == states[-1]["index"]:
            continue  # a date field takes one Tab per part (day, month, year)
        states.append(state)
    return expected, states


@pytest.mark.parametrize(
    "path",
    [
        "/fr/",
        "/fr/agenda/",
        "/fr/agenda/?commune=forest",
        EVENT,
        VISIT,
        "/fr/search/?query=emploi",
        "/fr/accounts/login/",
    ],
)
def test_every_control_is_reached_in_order_with_a_visible_focus(page, live_server, demo_upcoming, path):
    page.goto(path)
    expected, states = tab_through(page)

    assert [state["index"] for state in states] == expected, "Tab must visit every control once, in document order"
    assert states[0]["label"] == "Aller au contenu"
    not_visible = [state["label"] for state in states if not (state["visible"] and state["inViewport"])]
    assert not_visible == [], f"focus not visible on {not_visible}"


def test_skip_link_moves_focus_to_the_main_content(page, live_server, demo_upcoming):
    page.goto("/fr/agenda/")
    page.keyboard.press("Tab")
    skip = page.get_by_role("link", name="Aller au contenu")
    expect(skip).to_be_focused()
    box = skip.bounding_box()
    assert box["y"] >= 0 and box["height"] > 0  # shown on screen once focused

    page.keyboard.press("Enter")
    assert page.evaluate("document.activeElement.id") == "main"
    page.keyboard.press("Tab")  # the next Tab continues inside the content, past the header
    expect(page.get_by_label("Commune")).to_be_focused()


def tab_until(page, target, limit=30):
    """Press Tab until ``target`` has focus; the names of the form fields passed on the way."""
    passed = []
    for _ in range(limit):
        page.keyboard.press("Tab")
        if target.evaluate("el => el === document.activeElement"):
            return passed
        name = page.evaluate("document.activeElement.name")
        if name and name not in passed:
            passed.append(name)
    raise AssertionError(f"Tab never reached {target}")


def choose_with_keyboard(page, label, option_text):
    """Focus the select labelled ``label`` and type the start of ``option_text`` (a select's type-ahead)."""
    select = page.get_by_label(label, exact=True)
    select.focus()
    page.keyboard.type(option_text[:4], delay=20)
    expect(select.locator("option:checked")).to_have_text(option_text)


def item_communes(page):
    return page.locator(".agenda-item dt:text-is('Commune(s)') + dd").all_inner_texts()


def test_filters_work_without_javascript(new_context, live_server, demo_upcoming):
    page = new_context(java_script_enabled=False).new_page()
    page.goto("/fr/agenda/")
    expect(page.locator("#results-title")).to_have_text("10 résultats")

    choose_with_keyboard(page, "Commune", "Forest")
    passed = tab_until(page, page.get_by_role("button", name="Filtrer"))
    assert passed == ["phase", "type", "from", "to", "when"]
    with page.expect_navigation():
        page.keyboard.press("Enter")

    assert parse_qs(urlsplit(page.url).query) == {"commune": ["forest"]}
    expect(page.locator("#results-title")).to_have_text("3 résultats")
    assert item_communes(page) == ["Forest", "Uccle, Forest, Saint-Gilles", "Forest"]
    expect(page.get_by_role("link", name="Effacer les filtres")).to_be_visible()


def test_filters_with_javascript_update_results_and_announce_the_count(page, live_server, demo_upcoming):
    page.goto("/fr/agenda/")
    status = page.locator("[data-agenda-status]")
    assert (status.get_attribute("role"), status.get_attribute("aria-live")) == ("status", "polite")
    expect(status).to_have_text("")
    page.evaluate("window.sameDocument = true")

    choose_with_keyboard(page, "Commune", "Forest")  # no button pressed: the change alone filters

    expect(status).to_have_text("3 résultats")
    expect(page.locator("#results-title")).to_have_text("3 résultats")
    assert item_communes(page) == ["Forest", "Uccle, Forest, Saint-Gilles", "Forest"]
    assert page.url.endswith("/fr/agenda/?commune=forest")  # shareable, and kept on reload
    expect(page.get_by_label("Commune", exact=True)).to_be_focused()  # the visitor stays where they were
    expect(page.get_by_role("link", name="Effacer les filtres")).to_be_visible()
    # The feeds offered below the results follow the new filters too.
    expect(page.get_by_role("link", name="flux RSS")).to_have_attribute("href", re.compile(r"[?&]commune=forest\b"))

    choose_with_keyboard(page, "Phase", "Outillage")
    expect(status).to_have_text("1 résultat")
    expect(page.locator(".agenda-item__title")).to_have_text(["Apprendre le néerlandais autrement"])

    choose_with_keyboard(page, "Commune", "Ixelles")
    expect(status).to_have_text("Aucun résultat")
    expect(page.locator(".empty-state")).to_contain_text("Aucune activité à venir ne correspond à ces critères.")
    assert page.evaluate("window.sameDocument") is True  # updated in place, no page load
    assert parse_qs(urlsplit(page.url).query) == {"commune": ["ixelles"], "phase": ["outillage"]}


def test_filter_errors_are_announced_with_javascript(page, live_server, demo_upcoming):
    page.goto("/fr/agenda/")
    page.get_by_label("À partir du").fill("2030-05-10")
    page.get_by_label("Jusqu'au").fill("2030-05-01")
    page.get_by_role("button", name="Filtrer").press("Enter")

    alert = page.get_by_role("alert")
    expect(alert).to_contain_text("Jusqu'au : La date de fin doit suivre la date de début.")
    expect(page.locator("[data-agenda-status]")).to_have_text("Aucun résultat")


def test_partner_signs_in_with_the_keyboard_alone(page, live_server, demo_upcoming, partner):
    page.goto("/fr/espace-partenaires/")
    expect(page.locator("h1")).to_have_text("Connexion à l'espace partenaires")
    page.keyboard.press("Tab")
    page.keyboard.press("Enter")  # skip link
    page.keyboard.press("Tab")
    expect(page.get_by_label("Nom d’utilisateur")).to_be_focused()
    page.keyboard.type("partner")
    page.keyboard.press("Tab")
    page.keyboard.type("secret-pass")
    with page.expect_navigation():
        page.keyboard.press("Enter")

    expect(page.locator("h1")).to_have_text("Espace partenaires")
    expect(page.get_by_role("button", name="Se déconnecter")).to_be_visible()


def test_logged_in_partner_reaches_log_out_button(new_context, live_server, demo_upcoming, partner):
    context = new_context()
    log_in(context, live_server, partner)
    page = context.new_page()
    page.goto("/fr/")
    expected, states = tab_through(page)
    assert [state["index"] for state in states] == expected
    assert "Se déconnecter" in [state["label"] for state in states]
