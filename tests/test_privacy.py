"""The partners' minutes: only the group "Partenaires" reads them, through every door of this site."""

import pytest
from django.conf import settings
from django.core.files.base import ContentFile
from wagtail.documents.models import Document
from wagtail.models import PageViewRestriction

from minutes.models import MINUTES_COLLECTION_NAME, minutes_collection

from .factories import MeetingPageFactory, MinutesIndexPageFactory


def test_partners_space_is_created_with_a_group_restriction(home):
    index = MinutesIndexPageFactory(parent=home)
    restriction = PageViewRestriction.objects.get(page=index)
    assert restriction.restriction_type == PageViewRestriction.GROUPS
    assert [group.name for group in restriction.groups.all()] == [settings.PARTNERS_GROUP_NAME]


@pytest.mark.parametrize("which", ["minutes_index", "meeting"])
def test_anonymous_is_sent_to_login(client, demo, which):
    url = demo[which].url
    response = client.get(url)
    assert response.status_code == 302
    assert response["Location"] == f"/fr/accounts/login/?next={url}"
    login = client.get(response["Location"])
    assert "Cette page est réservée aux partenaires. Connectez-vous pour y accéder." in login.text
    assert "Partner Day" not in login.text


@pytest.mark.parametrize("which", ["minutes_index", "meeting"])
def test_logged_in_non_partner_is_refused_with_a_message(client, demo, non_partner, which):
    client.force_login(non_partner)
    response = client.get(demo[which].url, follow=True)
    assert response.redirect_chain[0][1] == 302
    assert "ce compte n'a pas accès à cette page" in response.text.replace("&#x27;", "'")
    assert "Partner Day" not in response.text


def test_partner_reads_the_minutes(client, demo, partner):
    client.force_login(partner)
    response = client.get(demo["meeting"].url)
    assert response.status_code == 200
    assert "Retour sur le Partner Day – évaluation, synthèse et perspectives" in response.text
    assert "vendredi 16 juin 2017, 09:30" in response.text
    index = client.get(demo["minutes_index"].url)
    assert index.status_code == 200
    assert "2017" in index.text and demo["meeting"].title in index.text


def test_minutes_index_newest_first_grouped_by_year(client, demo, partner):
    index = demo["minutes_index"]
    MeetingPageFactory(parent=index, title="Réunion de juin", start=demo["meeting"].start.replace(month=6))
    MeetingPageFactory(parent=index, title="Réunion de l'an suivant", start=demo["meeting"].start.replace(year=2018))
    client.force_login(partner)
    text = client.get(index.url).text
    assert text.index("2018") < text.index("Réunion de l&#x27;an suivant") < text.index('id="year-2017"')
    assert text.index("Réunion de juin") < text.index(demo["meeting"].title)


def test_empty_minutes_index_says_so(client, home, partner):
    index = MinutesIndexPageFactory(parent=home)
    client.force_login(partner)
    assert "Aucun procès-verbal n'a encore été publié." in client.get(index.url).text


@pytest.mark.parametrize("user", [None, "non_partner"])
@pytest.mark.parametrize("query", ["Partner Day", "subventionnement", "CZS"])
def test_search_hides_minutes(client, demo, request, user, query):
    if user:
        client.force_login(request.getfixturevalue(user))
    response = client.get("/fr/search/", {"query": query})
    assert response.status_code == 200
    assert demo["meeting"].url not in response.text
    assert "Partner Day" not in response.text.split('<ol class="search-results">')[-1] or query == "Partner Day"
    assert "subventionnement" not in response.text.split("</form>")[-1] or query == "subventionnement"


def test_partner_finds_minutes_in_search(client, demo, partner):
    client.force_login(partner)
    response = client.get("/fr/search/", {"query": "subventionnement"})
    assert demo["meeting"].url in response.text


def test_sitemap_leaves_minutes_out(client, demo):
    text = client.get("/sitemap.xml").text
    assert demo["agenda"].url in text
    assert "espace-partenaires" not in text


def test_minutes_annexes_are_partners_only(client, demo, partner):
    collection = minutes_collection()
    assert collection.name == MINUTES_COLLECTION_NAME
    document = Document.objects.create(
        title="Synthèse du Partner Day", collection=collection, file=ContentFile(b"synthese", name="synthese.txt")
    )
    response = client.get(document.url)
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]
    client.force_login(partner)
    response = client.get(document.url)
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == b"synthese"
