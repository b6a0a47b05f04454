"""The public pages every browser check visits, and small helpers that read what a visitor gets.

``PUBLIC_PAGES``: one line per page type, ``(id, path)`` on the demo site (``demo_upcoming``). Add a line and the
axe-core, heading, external-request and reflow checks all run on it. Pages marked ``OPTIONAL`` exist only once
another part of the site is there (the nl/en translations): their checks are skipped while they answer 404.
"""

from django.conf import settings
from django.test import Client

from home.demo.loader import Timeline, next_monday

# The trajet's slug carries its year, that of the timeline ``demo_upcoming`` loads (the paths are needed when
# tests are collected, before any database exists; ``test_demo`` checks the loaded pages answer at these paths).
YEAR = Timeline(next_monday()).year
TRAJET = f"/fr/agenda/trajet-emploi-{YEAR}/"
EVENT = TRAJET + "create-your-job/"
VISIT = "/fr/agenda/journee-economie-sociale/"
REGISTRATION = TRAJET + "reseaux-sociaux-et-recherche-d-emploi/"  # an activity "sur inscription": its form
MEETING = "/fr/espace-partenaires/reunion-czs/"

PUBLIC_PAGES = [
    ("home", "/fr/"),
    ("home-nl", "/nl/"),
    ("home-en", "/en/"),
    ("agenda-nl", "/nl/agenda/"),
    ("agenda-en-filtered", "/en/agenda/?commune=forest"),
    ("trajet-nl", f"/nl/agenda/jobtraject-{YEAR}/"),
    ("visit-en", "/en/agenda/social-economy-day/"),
    ("event-nl-untranslated", f"/nl/agenda/jobtraject-{YEAR}/create-your-job/"),
    ("agenda", "/fr/agenda/"),
    ("agenda-filtered", "/fr/agenda/?commune=forest&phase=outillage"),
    ("agenda-empty", "/fr/agenda/?commune=ixelles"),
    ("agenda-bad-filter", "/fr/agenda/?phase=inconnue&from=2017-13-45"),
    ("agenda-past", "/fr/agenda/?when=past"),
    ("trajet", TRAJET),
    ("event", EVENT),
    ("event-with-registration", REGISTRATION),
    ("visit", VISIT),
    ("search", "/fr/search/"),
    ("search-results", "/fr/search/?query=emploi"),
    ("search-no-result", "/fr/search/?query=xylophone"),
    ("login", "/fr/accounts/login/"),
    ("login-restricted", "/fr/accounts/login/?next=/fr/espace-partenaires/"),
    ("not-found", "/fr/cette-page-n-existe-pas/"),
    ("privacy", "/fr/confidentialite/"),
    ("accessibility", "/fr/accessibilite/"),
]
# The site's name closes every <title>, in the page's language.
SITE_NAME = {"fr": "Trajet emploi zone sud", "nl": "Jobtraject zone Zuid", "en": "Job Pathway South Zone"}
OPTIONAL = {"home-nl", "home-en", "agenda-nl", "agenda-en-filtered", "trajet-nl", "visit-en", "event-nl-untranslated"}
NOT_FOUND = {"not-found"}

# Everything a keyboard can reach, in the sense of the HTML spec's sequential focus navigation.
# (tabindex="-1" takes an element out of the Tab sequence, e.g. the registration form's honeypot field.)
FOCUSABLE = (
    "a[href], button:not([disabled]), input:not([type=hidden]):not([disabled]), select:not([disabled]), "
    "textarea:not([disabled]), summary, [tabindex]"
)
FOCUSABLE = ", ".join(f"{selector}:not([tabindex='-1'])" for selector in FOCUSABLE.split(", "))


def heading_levels(page):
    """Levels of the visible headings in document order, e.g. ``[1, 2, 3, 3, 2]``."""
    return page.evaluate(
        """() => [...document.querySelectorAll('h1, h2, h3, h4, h5, h6, [role=heading]')]
            .filter(h => h.getClientRects().length)
            .map(h => Number(h.getAttribute('aria-level') || h.tagName.slice(1)))"""
    )


def horizontal_overflow(page):
    """``(scrollWidth, clientWidth)`` of the document: the page scrolls sideways when the first is larger."""
    return page.evaluate("() => [document.documentElement.scrollWidth, document.documentElement.clientWidth]")


def log_in(context, live_server, user):
    """Give the browser ``context`` a session of ``user`` (as after signing in on the login page)."""
    client = Client()
    client.force_login(user)
    session = client.cookies[settings.SESSION_COOKIE_NAME].value
    context.add_cookies([{"name": settings.SESSION_COOKIE_NAME, "value": session, "url": live_server.url}])


def visit(page, path, name=None):
    """Open ``path``; skip when an ``OPTIONAL`` page is not on this site. Returns the HTTP status."""
    import pytest

    response = page.goto(path)
    if name in OPTIONAL and response.status == 404:
        pytest.skip(f"{path} does not exist on this site yet")
    expected = 404 if name in NOT_FOUND else 200
    assert response.status == expected, f"{path} answered {response.status}"
    return response.status
