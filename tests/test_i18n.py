"""Three languages: locales, language prefixes and redirects, <html lang>, interface catalogues, dates, admin."""

import ast
import datetime as dt
import re
from pathlib import Path

import pytest
from django.conf import settings
from django.template import Context, Template
from django.utils import translation
from django.utils.formats import date_format
from wagtail.models import Locale
from wagtail.users.models import UserProfile

from .factories import UserFactory, brussels

ROOT = Path(settings.BASE_DIR)


def html_lang(response):
    return re.search(r'<html lang="([^"]+)"', response.text).group(1)


# --- locales and URLs -----------------------------------------------------------------------------------------


def test_three_locales_exist_french_first(db):
    assert Locale.get_default().language_code == "fr"
    assert sorted(Locale.objects.values_list("language_code", flat=True)) == ["en", "fr", "nl"]


@pytest.mark.parametrize(
    "accept, expected",
    [
        ("nl-BE,nl;q=0.9,fr;q=0.8", "/nl/"),
        ("en-GB,en;q=0.9", "/en/"),
        ("fr-BE,fr;q=0.9,nl;q=0.5", "/fr/"),
        ("de-DE,de;q=0.9", "/fr/"),
        ("", "/fr/"),
    ],
)
def test_root_redirects_to_the_browser_language_else_french(client, home, accept, expected):
    response = client.get("/", HTTP_ACCEPT_LANGUAGE=accept)
    assert response.status_code == 302
    assert response["Location"] == expected


def test_admin_sitemap_and_documents_stay_outside_the_language_prefixes(client, home):
    assert client.get("/admin/login/", HTTP_ACCEPT_LANGUAGE="nl").status_code == 200
    assert client.get("/sitemap.xml", HTTP_ACCEPT_LANGUAGE="nl").status_code == 200
    # A document URL is answered at /documents/ itself (404 for a missing document), never redirected into /nl/.
    assert client.get("/documents/999/missing.pdf", HTTP_ACCEPT_LANGUAGE="nl").status_code == 404
    assert client.get("/nl/admin/login/").status_code == 404
    assert client.get("/nl/sitemap.xml").status_code == 404


@pytest.mark.parametrize("language", ["fr", "nl", "en"])
def test_html_lang_on_every_kind_of_page(client, demo, language):
    for path in ["/", "agenda/", "search/?query=emploi", "accounts/login/", "no-such-page/"]:
        url = f"/{language}/" if path == "/" else f"/{language}/{path}"
        response = client.get(url)
        assert response.status_code in (200, 404), url
        assert html_lang(response) == language, url


@pytest.mark.parametrize("language", ["fr", "nl", "en"])
def test_header_links_to_that_languages_home_and_agenda(client, demo, language):
    for path in ["", "agenda/", "search/", "no-such-page/"]:
        html = client.get(f"/{language}/{path}").text
        assert f'<a class="site-header__brand" href="/{language}/">' in html, path
        assert f'<li><a href="/{language}/agenda/">' in html, path


# --- interface catalogues -------------------------------------------------------------------------------------


def parse_po(path):
    """``{msgid: [msgstr, ...]}`` from a .po file (plural entries give every form); the header is left out."""
    entries, current, key = {}, {}, None
    for line in Path(path).read_text(encoding="utf-8").splitlines() + [""]:
        if not line.strip():
            if current.get("msgid"):
                entries[current["msgid"]] = [v for k, v in sorted(current.items()) if k.startswith("msgstr")]
            current, key = {}, None
        elif line.startswith("#"):
            continue
        elif line.startswith('"'):
            current[key] += ast.literal_eval(line)
        else:
            key, value = line.split(" ", 1)
            current[key] = ast.literal_eval(value)
    return entries


def template_msgids():
    """Every msgid used by the project's templates (``{% translate %}``, ``{% blocktranslate %}``), with the file."""
    from django.utils.translation.template import templatize

    found = {}
    for app in ["cms", "home", "events", "minutes", "search"]:
        for path in (ROOT / app).rglob("*.html"):
            source = templatize(path.read_text(encoding="utf-8"))
            for call in re.finditer(r"\b(n?gettext)\((u'(?:[^'\\]|\\.)*')(?:, (u'(?:[^'\\]|\\.)*'))?", source):
                found.setdefault(ast.literal_eval(call.group(2)), path.relative_to(ROOT))
    return found


def test_templates_use_translatable_strings():
    msgids = template_msgids()
    assert "Prochaines activités" in msgids
    assert "%(counter)s résultat" in msgids
    assert len(msgids) > 60


@pytest.mark.parametrize("language", ["nl", "en"])
def test_every_template_msgid_has_a_translation(language):
    catalogue = parse_po(ROOT / "locale" / language / "LC_MESSAGES" / "django.po")
    missing = [
        f"{path}: {msgid!r}"
        for msgid, path in template_msgids().items()
        if msgid not in catalogue or not all(catalogue[msgid])
    ]
    assert missing == []


@pytest.mark.parametrize("language", ["nl", "en"])
def test_every_catalogue_entry_is_translated(language):
    catalogue = parse_po(ROOT / "locale" / language / "LC_MESSAGES" / "django.po")
    assert len(catalogue) > 200
    assert [msgid for msgid, forms in catalogue.items() if not all(forms)] == []


@pytest.mark.parametrize(
    "language, expected",
    [
        ("fr", ["Prochaines activités", "Découverte des métiers", "3 places", "Toutes les communes"]),
        ("nl", ["Komende activiteiten", "Beroepen ontdekken", "3 plaatsen", "Alle gemeenten"]),
        ("en", ["Upcoming activities", "Discovering trades", "3 places", "All municipalities"]),
    ],
)
def test_interface_strings_are_translated_at_run_time(language, expected):
    from events.models import Phase

    with translation.override(language):
        rendered = Template(
            '{% load i18n %}{% translate "Prochaines activités" %}|{{ phase }}|'
            "{% blocktranslate count counter=3 %}{{ counter }} place{% plural %}{{ counter }} places"
            '{% endblocktranslate %}|{% translate "Toutes les communes" %}'
        ).render(Context({"phase": Phase.DECOUVERTE.label}))
    assert rendered.split("|") == expected


# --- dates ----------------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "language, expected",
    [
        ("fr", "jeudi 18 mai 2017, 08:30"),
        ("nl", "donderdag 18 mei 2017, 08:30"),
        ("en", "Thursday 18 May 2017, 08:30"),
    ],
)
def test_dates_read_in_each_language(language, expected):
    with translation.override(language):
        rendered = Template("{% load cms_tags %}{% time_range start end %}").render(
            Context({"start": brussels(2017, 5, 18, 8, 30), "end": brussels(2017, 5, 18, 16, 30)})
        )
    assert f">{expected}</time>" in rendered


@pytest.mark.parametrize("language, expected", [("fr", "18 mai 2017"), ("nl", "18 mei 2017"), ("en", "18 May 2017")])
def test_default_date_format_puts_the_day_first(language, expected):
    with translation.override(language):
        assert date_format(dt.date(2017, 5, 18)) == expected


# --- admin ----------------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "preference, lang, word", [("fr", "fr", "Tableau de bord"), ("nl", "nl", "Dashboard"), ("en", "en", "Dashboard")]
)
def test_admin_speaks_each_editors_language(client, home, preference, lang, word):
    user = UserFactory(username=f"editor-{preference}", is_superuser=True, is_staff=True)
    profile = UserProfile.get_for_user(user)
    profile.preferred_language = preference
    profile.save()
    client.force_login(user)
    response = client.get("/admin/", HTTP_ACCEPT_LANGUAGE="fr")
    assert response.status_code == 200
    assert html_lang(response) == lang
    assert word in response.text


def test_admin_speaks_dutch_not_french_to_a_dutch_speaking_editor(client, home):
    user = UserFactory(username="redacteur", is_superuser=True, is_staff=True)
    profile = UserProfile.get_for_user(user)
    profile.preferred_language = "nl"
    profile.save()
    client.force_login(user)
    text = client.get("/admin/pages/", HTTP_ACCEPT_LANGUAGE="fr").text
    assert "Pagina's" in text
    assert "Pages" not in re.sub(r"<[^>]+>", " ", text).split()
