"""Chromium reports no Content-Security-Policy violation on the public pages (JSON-LD included, the agenda's
script running), for a visitor or an editor (Wagtail's userbar), nor in the admin's page editor."""

import os

import pytest

from tests.factories import UserFactory

os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]

RECORD_VIOLATIONS = """
window.__cspViolations = [];
document.addEventListener("securitypolicyviolation", (event) => {
  window.__cspViolations.push(`${event.violatedDirective} ${event.blockedURI} ${event.sample}`);
});
"""


def violations(browser, live_server, urls, session=None):
    """``{url: [violation, ...]}`` from the DOM event and the console, for each URL that has any."""
    context = browser.new_context(base_url=live_server.url)
    if session:
        context.add_cookies([{"name": "sessionid", "value": session, "url": live_server.url}])
    context.add_init_script(RECORD_VIOLATIONS)
    found = {}
    try:
        page = context.new_page()
        console = []
        page.on("console", lambda message: console.append(message.text))
        for url in urls:
            console.clear()
            page.goto(url, wait_until="networkidle")
            page.wait_for_timeout(300)
            seen = page.evaluate("window.__cspViolations") + [
                text for text in console if "Content Security Policy" in text or "Content-Security-Policy" in text
            ]
            if seen:
                found[url] = seen
    finally:
        context.close()
    return found


def session_of(user):
    from django.test import Client

    client = Client()
    client.force_login(user)
    return client.cookies["sessionid"].value


def test_public_pages_report_no_violation(browser, live_server, site_pages):
    urls = [
        "/fr/",
        "/fr/agenda/",
        "/fr/agenda/?commune=forest",
        site_pages["event"].url,
        site_pages["visit"].url,
        "/fr/accounts/login/",
        "/fr/search/?q=atelier",
        "/agenda/embed/",
    ]
    assert violations(browser, live_server, urls) == {}


def test_editor_pages_and_admin_report_no_violation(browser, live_server, site_pages):
    session = session_of(UserFactory(username="root", is_superuser=True, is_staff=True))
    event = site_pages["event"]
    urls = [event.url, "/admin/", f"/admin/pages/{event.pk}/edit/", f"/admin/pages/{site_pages['meeting'].pk}/edit/"]
    assert violations(browser, live_server, urls, session=session) == {}
