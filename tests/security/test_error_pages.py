"""No request ends in a 500: the error pages never read the request's body and never raise.

Django's default error views re-run the CSRF check, which reads ``request.POST``; a form declared
``charset=latin-1`` makes that raise ``BadRequest`` again, then the 500 view too.
"""

import re

import pytest
from django.test import Client

from trajet_emploi import errors

LATIN1_FORM = "application/x-www-form-urlencoded; charset=latin-1"


def public_forms(site_pages):
    return ["/fr/accounts/login/", "/fr/search/", site_pages["event"].url, "/admin/login/"]


def csrf_client(url="/fr/accounts/login/"):
    """A client that fetched the form at ``url`` (the CSRF cookie is set) and the form's token (valid for every
    form of the site)."""
    client = Client(enforce_csrf_checks=True, raise_request_exception=False)
    response = client.get(url)
    match = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', response.text)
    return client, match.group(1) if match else ""


@pytest.mark.django_db
def test_latin1_form_with_a_valid_token_gets_a_400_page(site_pages):
    for url in public_forms(site_pages):
        client, token = csrf_client()
        assert token
        body = b"username=admin&password=x&q=caf%E9&name=Z%E9&csrfmiddlewaretoken=" + token.encode()
        response = client.generic("POST", url, body, content_type=LATIN1_FORM)
        assert response.status_code == 400, url
        assert "Requête incorrecte" in response.text


@pytest.mark.django_db
def test_latin1_form_without_token_gets_a_403_page(site_pages):
    for url in public_forms(site_pages):
        client = Client(enforce_csrf_checks=True, raise_request_exception=False)
        response = client.generic("POST", url, "username=\xe9t\xe9".encode("latin-1"), content_type=LATIN1_FORM)
        assert response.status_code == 403, url
        assert "Accès refusé" in response.text
        assert "Le formulaire a expiré" in response.text


@pytest.mark.django_db
def test_latin1_post_to_a_missing_page_gets_a_400_page(home):
    client, token = csrf_client()
    body = b"a=b&csrfmiddlewaretoken=" + token.encode()
    response = client.generic("POST", "/fr/nulle-part/", body, content_type=LATIN1_FORM)
    assert response.status_code == 400


@pytest.mark.django_db
def test_unknown_host_gets_a_400_page(home, settings):
    settings.ALLOWED_HOSTS = ["trajet-emploi.example.org"]
    client = Client(raise_request_exception=False)
    response = client.get("/fr/", HTTP_HOST="evil.example.com")
    assert response.status_code == 400
    assert "Requête incorrecte" in response.text


def test_error_pages_render_without_a_request():
    for view, status in [(errors.bad_request, 400), (errors.permission_denied, 403), (errors.server_error, 500)]:
        response = view(None) if view is errors.server_error else view(None, Exception())
        assert response.status_code == status
        assert b"<h1>" in response.content


def test_a_broken_template_falls_back_to_a_fixed_page(settings):
    settings.TEMPLATES = [{**settings.TEMPLATES[0], "DIRS": [], "APP_DIRS": False}]  # no template found
    response = errors.page_not_found(None)
    assert response.status_code == 404
    assert "Page introuvable" in response.content.decode()


@pytest.mark.django_db
def test_logout_from_the_site_redirects(home, partner):
    client = Client(raise_request_exception=False)
    client.force_login(partner)
    response = client.post("/fr/accounts/logout/")
    assert response.status_code == 302
    assert "_auth_user_id" not in client.session


@pytest.mark.django_db
def test_wagtails_test_error_view_is_not_served(home, superuser):
    client = Client(raise_request_exception=False)
    client.force_login(superuser)
    assert client.get("/admin/failwhale/").status_code == 404
