"""The embeddable listing /agenda/embed/: framable on that path only, every other page refuses framing; the
copy-paste snippet on the agenda page."""

import html as html_lib
import re

import pytest
import time_machine

from . import agenda_scenario
from .factories import brussels

NOW = brussels(2017, 3, 1, 12)


@pytest.fixture
def pages(home, agenda):
    return agenda_scenario.build(home, agenda)


def embed(client, url):
    with time_machine.travel(NOW, tick=False):
        return client.get(url)


def test_embed_lists_upcoming_items_of_the_commune(client, pages):
    response = embed(client, "/agenda/embed/?commune=forest")
    assert response.status_code == 200
    text = response.content.decode()
    found = re.findall(r'<h2 class="agenda-item__title"><a [^>]*>(.*?)</a></h2>', text)
    titles = [html_lib.unescape(title) for title in found]
    assert titles == ["Atelier CV; lettre, et \\ entretien", "Portes ouvertes"]
    assert '<html lang="fr">' in text
    assert '<base target="_top">' in text
    assert 'href="http://localhost/fr/agenda/trajet-emploi-2017/atelier-cv/"' in text
    assert 'href="http://localhost/fr/agenda/?commune=forest">Voir tout l&#x27;agenda</a>' in text or (
        'href="http://localhost/fr/agenda/?commune=forest">Voir tout l\'agenda</a>' in text
    )
    assert "Trajet emploi – activités à venir – Forest" in text
    assert "site-header" not in text  # a light page: no site header or footer


def test_embed_may_be_framed(client, pages):
    response = embed(client, "/agenda/embed/?commune=forest")
    assert "X-Frame-Options" not in response
    assert "frame-ancestors *" in response["Content-Security-Policy"].split("; ")
    assert response["Cache-Control"] == "public, max-age=600"


def test_frame_ancestors_come_from_the_settings(client, pages, settings):
    settings.AGENDA_EMBED_FRAME_ANCESTORS = "https://mef-forest.example https://actiris.example"
    response = embed(client, "/agenda/embed/")
    assert "frame-ancestors https://mef-forest.example https://actiris.example" in response[
        "Content-Security-Policy"
    ].split("; ")


@pytest.mark.parametrize("name", ["home", "agenda", "cv", "visit"])
def test_every_other_page_refuses_to_be_framed(client, pages, home, agenda, name):
    page = {"home": home, "agenda": agenda}.get(name) or getattr(pages, name)
    response = client.get(page.url)
    assert response.status_code == 200
    assert response["X-Frame-Options"] == "DENY"


@pytest.mark.parametrize("url", ["/agenda/rss/", "/agenda/ical/", "/api/v2/pages/", "/fr/search/?query=cv"])
def test_feeds_and_api_refuse_to_be_framed_too(client, pages, url):
    assert client.get(url)["X-Frame-Options"] == "DENY"


def test_embed_bad_filter_is_a_400(client, pages):
    response = client.get("/agenda/embed/?commune=%00")
    assert response.status_code == 400
    assert response.content.decode().startswith("commune:")


def test_embed_without_items(client, pages):
    with time_machine.travel(brussels(2018, 1, 1, 12), tick=False):
        text = client.get("/agenda/embed/?commune=forest").content.decode()
    assert "Aucune activité à venir ne correspond à ces critères." in text


def test_agenda_page_shows_the_snippet_for_partners(client, pages):
    text = client.get("/fr/agenda/?commune=forest&phase=orientation").content.decode()
    assert "Partenaires : afficher cet agenda sur votre site" in text
    snippet = html_lib.unescape(re.search(r"<pre><code>(.*?)</code></pre>", text, re.S).group(1))
    # The code a partner copies: valid HTML, its "&" written "&amp;".
    assert snippet.startswith('<iframe src="http://testserver/agenda/embed/?commune=forest&amp;phase=orientation"')
    assert 'title="Trajet emploi – activités à venir"' in snippet
    assert snippet.endswith("></iframe>")


def test_snippet_url_is_served(client, pages):
    text = client.get("/fr/agenda/?commune=forest").content.decode()
    snippet = html_lib.unescape(re.search(r"<pre><code>(.*?)</code></pre>", text, re.S).group(1))
    src = html_lib.unescape(re.search(r'src="([^"]+)"', snippet).group(1)).replace("http://testserver", "")
    assert embed(client, src).status_code == 200


def test_agenda_page_applies_its_date_filters(client, pages):
    with time_machine.travel(NOW, tick=False):
        text = client.get("/fr/agenda/?from=2017-03-26&to=2017-05-18").content.decode()
    assert "Portes ouvertes" in text and "Journée de visites" in text
    assert "Atelier CV" not in text and "Métiers de la construction" not in text


def test_embed_runs_a_fixed_number_of_queries(client, pages, django_assert_max_num_queries):
    from .factories import EventPageFactory, commune

    for day in range(1, 8):
        EventPageFactory(parent=pages.trajet, start=brussels(2017, 6, day, 9), commune=commune("forest"))
    with time_machine.travel(NOW, tick=False), django_assert_max_num_queries(16):
        text = client.get("/agenda/embed/?commune=forest").content.decode()
    assert text.count("<article>") == 9
