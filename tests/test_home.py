"""The home page: introduction, next activities, the agenda per commune."""

import re


def test_home_shows_next_activities_and_commune_links(client, demo_upcoming):
    response = client.get("/fr/")
    assert response.status_code == 200
    text = response.text
    assert "Trajet emploi" in text
    upcoming = re.findall(r'<h3 class="agenda-item__title"><a href="[^"]+">([^<]+)</a>', text)
    assert upcoming[:2] == ["Conférence « Refaire le monde du travail » avec Smart", "Create your job"]
    assert len(upcoming) == 5
    for slug, name in [("forest", "Forest"), ("saint-gilles", "Saint-Gilles"), ("uccle", "Uccle")]:
        assert f'<a href="/fr/agenda/?commune={slug}">{name}</a>' in text


def test_home_without_upcoming_says_so(client, demo):
    assert "Aucune activité à venir pour le moment." in client.get("/fr/").text


def test_root_redirects_to_french(client, demo):
    response = client.get("/")
    assert response.status_code == 302 and response["Location"] == "/fr/"


def test_unknown_page_is_a_404_page(client, demo):
    response = client.get("/fr/agenda/nexiste-pas/")
    assert response.status_code == 404
    assert "Page introuvable" in response.text


def test_trajet_groups_activities_by_phase_in_date_order(client, demo):
    text = client.get(demo["trajet"].url).text
    assert text.index("Phase 1 : Orientation") < text.index("Phase 2 : Découverte des métiers")
    assert text.index("Phase 2 : Découverte des métiers") < text.index("Phase 3 : Outillage")
    orientation = text[text.index("Phase 1") : text.index("Phase 2")]
    order = [orientation.index(t) for t in ("Refaire le monde du travail", "Create your job", "Ouvrir le champ")]
    assert order == sorted(order)


def test_activity_page_shows_its_facts(client, demo):
    horeca = demo["activities"][5]
    text = client.get(horeca.url).text
    assert "mardi 9 mai 2017, 09:00" in text
    assert "Uccle → Forest → Saint-Gilles" in text
    assert "Restaurant social de For.E.T., Forest" in text


def test_visit_page_shows_itinerary_and_meals(client, demo):
    text = client.get(demo["visit"].url).text
    assert "jeudi 18 mai 2017, 08:30" in text
    assert "2 personnes maximum" in text
    assert "Plat du jour\u00a0: 8 €" in text and "Lunch\u00a0: 11 €" in text
    assert text.index("PermaFunghi") < text.index("Ateliers Groot Eiland") < text.index("Brussels Beer Project")
