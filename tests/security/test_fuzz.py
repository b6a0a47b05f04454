"""A seeded fuzz pass over every public URL and form: random methods, parameters, headers, charsets and bodies.

Thousands of requests through Django's test client (``raise_request_exception=False``, so that an exception is
answered like in production); not one may get a 5xx. ``FUZZ_REQUESTS`` and ``FUZZ_SEED`` change the count
and the seed (a failure prints the requests that failed, to replay with the same seed).
"""

import os
import random
import re
from urllib.parse import quote_from_bytes

import pytest
from django.test import Client
from wagtail.documents.models import Document

from registrations.allocation import register

REQUESTS = int(os.environ.get("FUZZ_REQUESTS", "2000"))
SEED = int(os.environ.get("FUZZ_SEED", "20170424"))

PARAMS = [
    "commune",
    "phase",
    "type",
    "from",
    "to",
    "when",
    "locale",
    "q",
    "p",
    "page",
    "offset",
    "limit",
    "fields",
    "order",
    "search",
    "search_operator",
    "child_of",
    "descendant_of",
    "html_path",
    "next",
    "format",
    "id",
    "slug",
    "name",
    "email",
    "phone",
    "consent",
    "homepage",
    "organisation",
    "username",
    "password",
    "csrfmiddlewaretoken",
    "upcoming",
    "tag",
    "title",
    "utm_source",
]
VALUES = [
    "",
    "0",
    "1",
    "-1",
    "2",
    "20",
    "21",
    "99999999999999999999999",
    "1e309",
    "NaN",
    "true",
    "false",
    "null",
    "forest",
    "uccle",
    "saint-gilles",
    "orientation",
    "outillage",
    "activity",
    "visit",
    "past",
    "fr",
    "nl",
    "en",
    "xx",
    "2017-04-24",
    "2017-02-30",
    "0000-00-00",
    "9999-12-31",
    "-2017-01-01",
    "2017-13-01",
    "*",
    "title",
    "-start",
    "random",
    "id,title",
    "_,-title",
    "body(*)",
    "../../etc/passwd",
    "/fr/agenda/",
    "//evil.example.com",
    "https://evil.example.com/",
    "javascript:alert(1)",
    "<script>alert(1)</script>",
    "' OR '1'='1",
    '" ; DROP TABLE x; --',
    "%",
    "%%",
    "%00",
    "\x00",
    "\r\n",
    "é",
    "ß",
    "日本語",
    "💥",
    "a" * 300,
    "b" * 5000,
    "[]",
    "{}",
    '{"a": 1}',
    "1,2,3",
    "a@b",
    "x" * 64 + "@" + "y" * 250 + ".be",
    "+32 2 123 45 67",
    "on",
    "off",
]
RAW_VALUES = ["%ff", "%fe%ff", "%c3%28", "%ed%a0%80", "%e9t%e9", "%0", "%zz", "%u00e9", "%c0%af"]
METHODS = ["GET"] * 6 + ["POST"] * 4 + ["HEAD", "PUT", "PATCH", "DELETE", "OPTIONS", "TRACE"]
CONTENT_TYPES = [
    "application/x-www-form-urlencoded",
    "application/x-www-form-urlencoded; charset=utf-8",
    "application/x-www-form-urlencoded; charset=latin-1",
    "application/x-www-form-urlencoded; charset=iso-8859-1",
    "application/x-www-form-urlencoded; charset=utf-16",
    "application/x-www-form-urlencoded; charset=bogus",
    "application/x-www-form-urlencoded; charset=",
    "multipart/form-data",
    "multipart/form-data; boundary=xYzZY",
    "multipart/form-data; boundary=",
    "multipart/form-data; boundary=xYzZY; charset=latin-1",
    "application/json",
    "text/plain",
    "text/plain; charset=bogus",
    "",
    "garbage",
]
HEADERS = {
    "HTTP_ACCEPT_LANGUAGE": ["fr", "nl-BE,nl;q=0.9", "en", "de", "*", "xx-YY", ";;;", "fr;q=abc", "a" * 500, "日本"],
    "HTTP_ACCEPT": ["text/html", "application/json", "*/*", "text/calendar", "garbage/;;", ""],
    "HTTP_X_FORWARDED_FOR": ["1.2.3.4", "1.2.3.4, 5.6.7.8", "not-an-ip", "::1", "", "999.999.999.999"],
    "HTTP_X_FORWARDED_PROTO": ["https", "http", "gopher"],
    "HTTP_REFERER": ["https://evil.example.com/", "", "not a url", "http://testserver/fr/"],
    "HTTP_ORIGIN": ["https://evil.example.com", "null", "http://testserver"],
    "HTTP_IF_MODIFIED_SINCE": ["Thu, 01 Jan 1970 00:00:00 GMT", "garbage", "Sat, 31 Dec 9999 23:59:59 GMT"],
    "HTTP_IF_NONE_MATCH": ['"abc"', "*", "garbage"],
    "HTTP_RANGE": ["bytes=0-10", "bytes=-5", "bytes=garbage"],
    "HTTP_COOKIE": ["csrftoken=abc", "sessionid=garbage", "sessionid=" + "a" * 32, "=;=;", "csrftoken=\u00e9"],
    "HTTP_USER_AGENT": ["Mozilla/5.0", "", "sqlmap/1.0", "\u00e9"],
}


@pytest.fixture
def fuzz_site(site_pages, home):
    from wagtail.models import Site

    from cms.models import SiteSettings
    from tests.factories import OrganisationFactory, StandardPageFactory

    privacy = StandardPageFactory(parent=home, title="Confidentialité", slug="confidentialite")
    site_settings = SiteSettings.for_site(Site.objects.get(is_default_site=True))
    site_settings.privacy_page = privacy
    site_settings.save()
    OrganisationFactory(name="MEF de Forest")
    registration = register(site_pages["event"], name="Amina", email="amina@example.org", send_email=False)
    document = Document.objects.create(title="Annexe")
    return site_pages, registration, document


def url_pool(site_pages, registration, document):
    event, visit = site_pages["event"], site_pages["visit"]
    return [
        "/",
        "/fr/",
        "/nl/",
        "/en/",
        "/de/",
        "/fr/agenda/",
        "/nl/agenda/",
        site_pages["trajet"].url,
        event.url,
        visit.url,
        site_pages["minutes"].url,
        site_pages["meeting"].url,
        "/fr/confidentialite/",
        "/fr/search/",
        "/en/search/",
        "/fr/accounts/login/",
        "/fr/accounts/logout/",
        "/sitemap.xml",
        "/api/v2/pages/",
        f"/api/v2/pages/{event.pk}/",
        "/api/v2/pages/find/",
        "/api/v2/images/",
        "/api/v2/documents/",
        f"/api/v2/documents/{document.pk}/",
        "/api/v2/pages/999999999999999999999/",
        "/agenda/ical/",
        f"/agenda/ical/{event.pk}.ics",
        "/agenda/ical/999999999999999999.ics",
        "/agenda/rss/",
        "/agenda/atom/",
        "/agenda/embed/",
        "/agenda/",
        f"/documents/{document.pk}/annexe.pdf",
        f"{event.url}annuler/{registration.cancel_token}/",
        f"{event.url}annuler/1-forged/",
        f"{event.url}annuler/%ff/",
        "/admin/login/",
        "/admin/",
        "/admin/password_reset/",
        "/static/css/site.css",
        "/fr/%ff/",
        "/fr/agenda/%c3%28/",
        "/%00/",
        "/fr/" + "a" * 3000 + "/",
    ]


def random_value(rng):
    if rng.random() < 0.1:
        return rng.choice(RAW_VALUES)
    if rng.random() < 0.1:
        return quote_from_bytes(bytes(rng.randrange(256) for _ in range(rng.randrange(1, 12))))
    return quote_from_bytes(rng.choice(VALUES).encode("utf-8"), safe="")


def random_query(rng):
    pairs = []
    for _ in range(rng.choice([0, 0, 1, 2, 3, 5, 12])):
        name = rng.choice(PARAMS) if rng.random() < 0.9 else random_value(rng)
        pairs.append(f"{name}={random_value(rng)}" if rng.random() < 0.95 else name)
    return "&".join(pairs)


def random_body(rng, token):
    choice = rng.random()
    if choice < 0.6:
        query = random_query(rng)
        if token and rng.random() < 0.7:
            query += f"&csrfmiddlewaretoken={token}"
        body = query.encode("ascii")
        return body.replace(b"%E9", b"\xe9") if rng.random() < 0.2 else body
    if choice < 0.75:
        return (
            b'--xYzZY\r\nContent-Disposition: form-data; name="name"\r\n\r\n\xe9t\xe9\r\n'
            b'--xYzZY\r\nContent-Disposition: form-data; name="upload"; filename="../a.pdf"\r\n'
            b"Content-Type: application/pdf\r\n\r\n%PDF-1\r\n--xYzZY--\r\n"
        )[: rng.choice([None, 20, 60, 120])]
    if choice < 0.85:
        return b'{"name": "\xe9", "email": [1, 2]}'
    return bytes(rng.randrange(256) for _ in range(rng.randrange(0, 400)))


def test_no_request_gets_a_5xx(fuzz_site):
    rng = random.Random(SEED)
    urls = url_pool(*fuzz_site)
    plain = Client(raise_request_exception=False)
    strict = Client(raise_request_exception=False, enforce_csrf_checks=True)
    login = strict.get("/fr/accounts/login/")
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', login.text).group(1)
    failures = []
    for number in range(REQUESTS):
        client = strict if rng.random() < 0.5 else plain
        method = rng.choice(METHODS)
        url = rng.choice(urls)
        query = random_query(rng)
        path = f"{url}?{query}" if query else url
        extra = {key: rng.choice(values) for key, values in HEADERS.items() if rng.random() < 0.15}
        body, content_type = b"", "application/octet-stream"
        if method in ("POST", "PUT", "PATCH", "DELETE"):
            body = random_body(rng, token)
            content_type = rng.choice(CONTENT_TYPES)
        try:
            response = client.generic(method, path, body, content_type=content_type, **extra)
            status = response.status_code
        except Exception as error:  # the error page itself failed: what gunicorn shows as a bare 500
            status = f"exception {type(error).__name__}: {error}"
        if not isinstance(status, int) or status >= 500:
            failures.append((number, status, method, path[:200], content_type, body[:80], extra))
    assert failures == [], f"{len(failures)} of {REQUESTS} requests failed (seed {SEED}): {failures[:10]}"
