"""Search in French: stemming and accents folded on PostgreSQL ("french_unaccent"), accents folded on SQLite;
results in the visitor's language only."""

import pytest
from django.db import connection

from tests.factories import StandardPageFactory

on_postgresql = pytest.mark.skipif(connection.vendor != "postgresql", reason="PostgreSQL's text search")


@pytest.fixture
def pages(home):
    return {
        "horeca": StandardPageFactory(parent=home, title="Découverte des métiers de l'Horéca", slug="horeca"),
        "pepinieres": StandardPageFactory(parent=home, title="Visite des pépinières d'entreprises", slug="pepinieres"),
        "other": StandardPageFactory(parent=home, title="Atelier CV et lettre de motivation", slug="cv"),
    }


def titles(client, query, language="fr"):
    response = client.get(f"/{language}/search/", {"query": query})
    assert response.status_code == 200
    return {page.title for page in response.context["results_page"]} if response.context["results_page"] else set()


@pytest.mark.parametrize("query", ["horeca", "Horéca", "HORECA", "métiers", "metiers"])
def test_accents_and_case_do_not_matter(client, pages, query):
    assert titles(client, query) == {pages["horeca"].title}


@on_postgresql
@pytest.mark.parametrize(
    ("query", "page"),
    [
        ("pépinière", "pepinieres"),
        ("pepiniere", "pepinieres"),
        ("pepinieres", "pepinieres"),
        ("entreprise", "pepinieres"),
        ("visites", "pepinieres"),
        ("métier", "horeca"),
        ("metier", "horeca"),
    ],
)
def test_french_stemming_on_postgresql(client, pages, query, page):
    assert titles(client, query) == {pages[page].title}


@on_postgresql
def test_postgresql_uses_the_french_unaccent_configuration(db):
    from wagtail.search.backends import get_search_backend

    assert get_search_backend().config == "french_unaccent"
    with connection.cursor() as cursor:
        cursor.execute("SELECT to_tsvector('french_unaccent', 'Horéca métiers pépinières')::text")
        vector = cursor.fetchone()[0]
    assert vector == "'horec':1 'meti':2 'pepinier':3"  # unaccented, then stemmed


def test_results_stay_in_the_visitors_language(client, demo_upcoming):
    for language in ("fr", "nl", "en"):
        response = client.get(f"/{language}/search/", {"query": "visite"})
        results = list(response.context["results_page"])
        assert results, language
        assert {page.locale.language_code for page in results} == {language}
