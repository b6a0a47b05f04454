"""Content-Security-Policy and Permissions-Policy: strict on the public site (no inline script or style), the
embed still framable by anyone (``frame-ancestors *``), relaxed on the admin where Wagtail needs inline script."""

import pytest
from bs4 import BeautifulSoup
from django.test import Client

from tests.factories import UserFactory

DATA_SCRIPT_TYPES = {"application/ld+json", "application/json"}


def policy(response):
    header = response.headers["Content-Security-Policy"]
    return {name: values for name, *values in (part.split() for part in header.split(";") if part.strip())}


def public_urls(site_pages):
    return [
        "/fr/",
        "/fr/agenda/",
        site_pages["trajet"].url,
        site_pages["event"].url,
        site_pages["visit"].url,
        "/fr/search/?q=atelier",
        "/fr/accounts/login/",
        "/fr/nulle-part/",
    ]


@pytest.mark.django_db
def test_public_pages_send_a_strict_policy(site_pages):
    client = Client()
    for url in public_urls(site_pages) + ["/agenda/rss/", "/api/v2/pages/"]:
        response = client.get(url)
        directives = policy(response)
        assert directives["default-src"] == ["'self'"], url
        assert "script-src" not in directives and "style-src" not in directives, url  # default-src: 'self' only
        assert directives["frame-ancestors"] == ["'none'"], url
        assert directives["object-src"] == ["'none'"], url
        assert "camera=()" in response.headers["Permissions-Policy"], url


@pytest.mark.django_db
def test_public_pages_have_no_inline_script_style_or_handler(site_pages, client):
    """What the policy would block: inline scripts (JSON-LD is a data block, allowed), style attributes,
    ``<style>`` elements and ``on…=`` handlers."""
    for url in public_urls(site_pages):
        soup = BeautifulSoup(client.get(url).content, "html.parser")
        for script in soup.find_all("script"):
            assert script.get("src") or script.get("type") in DATA_SCRIPT_TYPES, (url, str(script)[:200])
        assert soup.find_all("style") == [], url
        styled = [tag.name for tag in soup.find_all(style=True)]
        assert styled == [], (url, styled)
        handlers = [(tag.name, attr) for tag in soup.find_all(True) for attr in tag.attrs if attr.startswith("on")]
        assert handlers == [], (url, handlers)
    event = BeautifulSoup(client.get(site_pages["event"].url).content, "html.parser")
    assert event.find("script", type="application/ld+json") is not None
    assert event.find(class_="off-screen") is not None


@pytest.mark.django_db
def test_the_embed_keeps_frame_ancestors_and_the_site_policy(site_pages, client, settings):
    response = client.get("/agenda/embed/")
    directives = policy(response)
    assert directives["frame-ancestors"] == ["*"]
    assert directives["default-src"] == ["'self'"]
    assert "X-Frame-Options" not in response.headers
    settings.AGENDA_EMBED_FRAME_ANCESTORS = "https://mef-forest.be https://www.actiris.brussels"
    assert policy(client.get("/agenda/embed/?commune=forest"))["frame-ancestors"] == [
        "https://mef-forest.be",
        "https://www.actiris.brussels",
    ]


@pytest.mark.django_db
def test_the_admin_gets_a_relaxed_policy(site_pages):
    client = Client()
    client.force_login(UserFactory(username="root", is_superuser=True, is_staff=True))
    for url in ["/admin/", f"/admin/pages/{site_pages['event'].pk}/edit/", "/admin/login/"]:
        response = client.get(url)
        assert response.status_code in (200, 302), url
        directives = policy(response)
        assert "'unsafe-inline'" in directives["script-src"], url
        assert directives["default-src"] == ["'self'"], url
        assert directives["frame-ancestors"] == ["'self'"], url
