"""Site search: public pages for everyone, in the visitor's language; bad input is harmless."""

import pytest


def test_finds_a_public_activity(client, demo_upcoming):
    response = client.get("/fr/search/", {"query": "horéca"})
    assert response.status_code == 200
    assert demo_upcoming["activities"][5].url in response.text
    assert "Découverte des métiers de l&#x27;horéca" in response.text


@pytest.mark.parametrize(
    "language, phase, commune", [("fr", "Découverte des métiers", "Uccle"), ("nl", "Beroepen ontdekken", "Ukkel")]
)
def test_activity_results_say_when_what_and_where(client, demo_upcoming, language, phase, commune):
    """Each activity found reads as on its agenda card: date, phase, communes (the horéca day is in Uccle)."""
    from bs4 import BeautifulSoup

    response = client.get(f"/{language}/search/", {"query": "horéca"})
    soup = BeautifulSoup(response.content, "html.parser")
    facts = [" ".join(p.get_text().split()) for p in soup.select(".search-results .search-result__facts")]
    assert any(phase in text and commune in text and ":" in text for text in facts), facts


def test_no_result_says_so(client, demo_upcoming):
    response = client.get("/fr/search/", {"query": "zzzzzz"})
    assert "Aucun résultat pour « zzzzzz »." in response.text


def test_empty_query_shows_only_the_form(client, db):
    response = client.get("/fr/search/")
    assert response.status_code == 200
    assert 'name="query"' in response.text
    assert "résultat" not in response.text


@pytest.mark.parametrize("query", ["\x00", "a\x00b", "<script>alert(1)</script>", "%", "'\"", "x" * 5000])
def test_odd_queries_are_harmless(client, demo_upcoming, query):
    response = client.get("/fr/search/", {"query": query, "page": "abc"})
    assert response.status_code == 200
    assert "<script>alert" not in response.text
    assert "\x00" not in response.text
