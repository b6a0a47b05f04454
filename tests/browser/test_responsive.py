"""Reflow and zoom (WCAG 1.4.4, 1.4.10) and print, measured in the browser.

- Widths 320, 768 and 1280 CSS px: the document never scrolls sideways.
- Browser zoom at 200 % on a 1280 px wide window is a 640 CSS px viewport with two device pixels per CSS pixel:
  the same layout a visitor gets with Ctrl/⌘ +. Text must stay at least 16 CSS px and inside the screen.
- Text-only zoom (a larger default font size in the browser's settings): every text scales with the root
  font size, because the stylesheet sizes text in rem/em, and nothing overflows.
- Print: minutes and visit itineraries print without header, navigation, filters or footer.
"""

import pytest

from .pages import EVENT, MEETING, OPTIONAL, PUBLIC_PAGES, VISIT, horizontal_overflow, log_in

PAGES = [(name, path) for name, path in PUBLIC_PAGES if name not in OPTIONAL]

# Text elements whose right edge must stay on screen, and whose size must follow the root font size.
TEXT = "h1, h2, h3, p, li, dt, dd, label, a, button, select, input, th, td, figcaption"


def overflowing_pages(page, pages):
    """``{path: (scrollWidth, clientWidth)}`` of the pages that scroll sideways."""
    found = {}
    for _, path in pages:
        page.goto(path)
        scroll_width, client_width = horizontal_overflow(page)
        if scroll_width > client_width:
            found[path] = (scroll_width, client_width)
    return found


def text_off_screen(page):
    """Texts (first 40 characters) of visible text elements that end right of the viewport."""
    return page.evaluate(
        """(selector) => [...document.querySelectorAll(selector)]
             .filter(el => el.getClientRects().length && !el.closest('.skip-link, .visually-hidden, [aria-hidden=true]'))
             .filter(el => el.getBoundingClientRect().right > document.documentElement.clientWidth + 0.5)
             .map(el => el.textContent.trim().slice(0, 40))""",
        TEXT,
    )


@pytest.mark.parametrize("width", [320, 768, 1280])
def test_no_horizontal_scrolling(new_context, live_server, demo_upcoming, partner, image_page, width):
    context = new_context(viewport={"width": width, "height": 800})
    page = context.new_page()
    assert overflowing_pages(page, PAGES + [("image", image_page.url)]) == {}

    log_in(context, live_server, partner)  # the minutes, with their table of actions
    assert overflowing_pages(page, [("meeting", MEETING)]) == {}


def test_readable_at_200_percent_browser_zoom(new_context, live_server, demo_upcoming):
    page = new_context(viewport={"width": 640, "height": 400}, device_scale_factor=2).new_page()
    for _, path in PAGES:
        page.goto(path)
        assert page.evaluate("devicePixelRatio") == 2
        assert horizontal_overflow(page)[0] <= 640, path
        assert text_off_screen(page) == [], path
        body_size = page.evaluate("parseFloat(getComputedStyle(document.body).fontSize)")
        assert body_size >= 16, path
        # The whole navigation stays available (no item hidden away at this width).
        for name in ("Agenda", "Recherche", "Espace partenaires"):
            assert (
                page.get_by_role("navigation", name="Navigation principale").get_by_role("link", name=name).is_visible()
            )


def font_sizes(page):
    return page.evaluate(
        """(selector) => [...document.querySelectorAll(selector)]
             .filter(el => el.getClientRects().length && !el.closest('[aria-hidden=true]'))
             .map(el => parseFloat(getComputedStyle(el).fontSize))""",
        "main p, main li, main dd, main label, main select, main input, main button, .site-nav a, .site-footer a",
    )


@pytest.mark.parametrize("path", ["/fr/agenda/", EVENT, VISIT, "/fr/accounts/login/"])
def test_text_only_zoom_to_200_percent(page, live_server, demo_upcoming, path):
    page.goto(path)
    normal = font_sizes(page)
    # As a browser's default font size of 32px. Through the CSSOM: the site's CSP refuses an added <style>.
    page.evaluate("document.documentElement.style.setProperty('font-size', '200%', 'important')")
    zoomed = font_sizes(page)

    assert normal and [round(size / base, 2) for size, base in zip(zoomed, normal, strict=True)] == [2.0] * len(normal)
    assert horizontal_overflow(page)[0] <= 1280
    assert text_off_screen(page) == []


def hidden_in_print(page, selectors):
    return {selector: not page.locator(selector).first.is_visible() for selector in selectors}


CHROME = [".site-header", ".site-nav", ".language-switcher", ".site-footer", ".skip-link", ".breadcrumb"]


def test_visit_itinerary_prints_cleanly(page, live_server, demo_upcoming):
    page.set_viewport_size({"width": 718, "height": 1000})  # A4 minus 1.5 cm margins, in CSS px
    page.goto(VISIT)
    page.emulate_media(media="print")

    assert hidden_in_print(page, CHROME) == dict.fromkeys(CHROME, True)
    assert page.locator(".itinerary h2").inner_text() == "Itinéraire"
    stops = page.locator(".itinerary .timeline li")
    assert stops.count() == 6 and all(stop.is_visible() for stop in stops.all())
    assert stops.first.inner_text().startswith("08:30 MEF de Molenbeek")
    assert page.locator(".facts").first.is_visible()
    assert page.evaluate("getComputedStyle(document.body).color") == "rgb(0, 0, 0)"
    assert horizontal_overflow(page)[0] <= 718
    # Links in the content are written out on paper.
    page.evaluate(
        """() => { const a = document.createElement('a'); a.href = 'https://example.org/plan'; a.textContent = 'Plan';
                   a.id = 'printed-link'; document.querySelector('main').append(a); }"""
    )
    after = page.evaluate("getComputedStyle(document.getElementById('printed-link'), '::after').content")
    assert after == '" (https://example.org/plan)"'

    page.emulate_media(media="screen")
    assert page.locator(".site-header").is_visible()


def test_agenda_prints_without_its_filters(page, live_server, demo_upcoming):
    page.goto("/fr/agenda/")
    page.emulate_media(media="print")

    assert hidden_in_print(page, [*CHROME[:-1], ".filters"]) == dict.fromkeys([*CHROME[:-1], ".filters"], True)
    assert page.locator(".agenda-item").count() == 10
    assert page.locator(".agenda-item").first.is_visible()


def test_minutes_print_cleanly(new_context, live_server, demo_upcoming, partner):
    context = new_context(viewport={"width": 718, "height": 1000})
    log_in(context, live_server, partner)
    page = context.new_page()
    page.goto(MEETING)
    page.emulate_media(media="print")

    assert hidden_in_print(page, CHROME) == dict.fromkeys(CHROME, True)
    assert page.locator("h1").is_visible()
    items = page.locator("section.agenda-item")
    assert items.count() == 4 and all(item.is_visible() for item in items.all())
    assert page.locator(".table").first.is_visible()
    assert page.locator(".next-meeting").is_visible()
    assert horizontal_overflow(page)[0] <= 718
    # The actions' table repeats its header on each printed page.
    assert page.evaluate("getComputedStyle(document.querySelector('.table thead')).display") == "table-header-group"
