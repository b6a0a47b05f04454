"""Translated content: the demo's nl/en trees, facts following the French page, untranslated pages, language
switcher and hreflang, sitemap, agenda and search per language, privacy of every language version."""

import datetime as dt
import re
from decimal import Decimal

import pytest
from django.conf import settings
from django.contrib.auth.models import Group
from wagtail.models import Locale, Page, PageViewRestriction, Revision

from cms.models import Commune
from events.models import EventPage, ScheduledPageCommune, VisitPage
from home.demo.loader import load
from minutes.models import MeetingPage, MinutesIndexPage
from registrations.models import Registration

from .factories import brussels, commune


def text_of(response):
    """The visible text of a response, tags removed and white space collapsed."""
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", response.text))


def version(page, code):
    return page.get_translation(Locale.objects.get(language_code=code)).specific


# --- the demo in three languages --------------------------------------------------------------------------------


def test_demo_translates_home_agenda_trajet_and_visit(client, demo):
    for name in ("home", "agenda", "trajet", "visit"):
        for code in ("nl", "en"):
            page = version(demo[name], code)
            assert page.alias_of_id is None, (name, code)
            assert page.live
    assert version(demo["home"], "nl").title == "Jobtraject – zone Zuid-Brussel"
    assert version(demo["visit"], "en").title == "Social economy meeting day"

    nl = client.get("/nl/agenda/ontmoetingsdag-sociale-economie/")
    assert nl.status_code == 200
    text = text_of(nl)
    assert "Ontmoetingsdag rond de sociale economie" in text
    assert "donderdag 18 mei 2017, 08:30" in text
    assert "Sint-Jans-Molenbeek → Brussel" in text
    assert "Dagschotel: 8 €" in text  # no French space before the colon in Dutch
    assert "Vertrek. Bezoek aan het kinderdagverblijf." in text

    en = text_of(client.get("/en/agenda/social-economy-day/"))
    assert "Thursday 18 May 2017, 08:30" in en
    assert "Molenbeek-Saint-Jean → City of Brussels" in en
    assert "Dish of the day: 8 €" in en

    fr = text_of(client.get("/fr/agenda/journee-economie-sociale/"))
    assert "jeudi 18 mai 2017, 08:30" in fr
    assert "Molenbeek-Saint-Jean → Bruxelles" in fr


def test_communes_have_their_names_in_every_language_and_one_slug(demo):
    nl = Locale.objects.get(language_code="nl")
    en = Locale.objects.get(language_code="en")
    assert Commune.objects.filter(locale=nl).count() == Commune.objects.filter(locale=en).count() == 19
    names = {c.slug: c.name for c in Commune.objects.filter(locale=nl)}
    assert (names["saint-gilles"], names["forest"], names["uccle"]) == ("Sint-Gillis", "Vorst", "Ukkel")
    assert Commune.objects.get(locale=en, slug="bruxelles").name == "City of Brussels"
    forest = commune("forest")
    assert forest.get_translation(nl).translation_key == forest.translation_key
    # The visit's communes on the Dutch page are the Dutch communes.
    visit_nl = version(VisitPage.objects.get(pk=load_pk(demo, "visit")), "nl")
    assert visit_nl.commune.locale == nl
    assert [link.commune.locale for link in visit_nl.other_communes.all()] == [nl]


def load_pk(demo, name):
    return demo[name].pk


def test_loading_the_demo_again_changes_nothing(demo):
    pages, last_revision = Page.objects.count(), Revision.objects.order_by("-pk").first().pk
    load()
    assert Page.objects.count() == pages
    assert [(r.object_str, r.content.get("locale")) for r in Revision.objects.filter(pk__gt=last_revision)] == []


def test_shifted_reload_keeps_translations_in_step(demo):
    load(dt.date(2031, 4, 28))
    trajet_nl = version(demo["trajet"], "nl")
    assert trajet_nl.title == "Jobtraject 2031"
    assert trajet_nl.start_date == dt.date(2031, 4, 28)
    visit_en = version(demo["visit"], "en")
    assert visit_en.title == "Social economy meeting day"
    assert visit_en.start == brussels(2031, 5, 23, 8, 30)  # Thursday 22 May 2031 is Ascension Day


# --- facts follow the French page --------------------------------------------------------------------------------


def test_facts_follow_the_french_page_when_it_is_published(client, demo):
    visit = VisitPage.objects.get(pk=demo["visit"].pk)
    visit.start = brussels(2017, 5, 19, 9, 0)
    visit.end = brussels(2017, 5, 19, 17, 0)
    visit.commune = commune("forest")
    visit.other_communes = [ScheduledPageCommune(commune=commune("saint-gilles"))]
    visit.capacity = 25
    itinerary = visit.itinerary.raw_data
    itinerary[0]["value"]["time"] = "09:00:00"
    visit.itinerary = itinerary
    meals = visit.meals.raw_data
    meals[0]["value"]["price"] = "9.50"
    visit.meals = meals
    visit.save_revision().publish()

    for code, when, communes in [
        ("nl", "vrijdag 19 mei 2017, 09:00", "Vorst → Sint-Gillis"),
        ("en", "Friday 19 May 2017, 09:00", "Forest → Saint-Gilles"),
    ]:
        page = version(visit, code)
        assert page.start == brussels(2017, 5, 19, 9, 0)
        assert page.capacity == 25
        assert page.commune.slug == "forest" and page.commune.locale.language_code == code
        assert page.meals[0].value["price"] == Decimal("9.50")
        assert page.itinerary[0].value["time"] == dt.time(9, 0)
        text = text_of(client.get(page.url))
        assert when in text
        assert communes in text
        assert "25 " in text and ("25 plaatsen" in text or "25 places" in text)
    # The translated text is kept.
    assert version(visit, "nl").title == "Ontmoetingsdag rond de sociale economie"
    assert version(visit, "nl").itinerary[0].value["place"] == "MEF van Molenbeek"


def test_a_field_emptied_on_the_french_page_is_emptied_on_its_translations(demo):
    visit = VisitPage.objects.get(pk=demo["visit"].pk)
    visit.capacity = 12
    visit.save_revision().publish()
    assert version(visit, "nl").capacity == 12
    visit.capacity = None
    visit.venue = None
    visit.registration_info = ""
    visit.other_communes = []
    visit.save_revision().publish()
    for code in ("nl", "en"):
        page = version(visit, code)
        assert page.capacity is None
        assert page.venue is None
        assert page.registration_info == ""
        assert list(page.other_communes.all()) == []


def test_an_untranslated_page_follows_the_french_page_too(demo):
    activity = EventPage.objects.get(pk=demo["activities"][0].pk)
    activity.capacity = 40
    activity.save_revision().publish()
    alias = version(activity, "nl")
    assert alias.alias_of_id == activity.pk
    assert alias.capacity == 40


# --- untranslated pages, switcher, hreflang ---------------------------------------------------------------------


def test_an_untranslated_page_says_so_and_marks_its_french_text(client, demo):
    activity = demo["activities"][0]
    response = client.get(version(activity, "nl").url)
    assert response.status_code == 200
    html = response.text
    assert '<html lang="nl">' in html
    assert "Deze pagina is nog niet vertaald: ze wordt in het Frans getoond." in html
    assert f'<a href="{activity.url}" hreflang="fr">Naar de oorspronkelijke pagina</a>' in html
    content = html.split('<div lang="fr">', 1)[1]
    assert f"<h1>{activity.title}</h1>" in content
    assert '<meta name="robots" content="noindex">' in html


def test_the_agenda_marks_untranslated_items(client, demo):
    html = client.get("/nl/agenda/?when=past&type=activity").text
    activity = demo["activities"][0]
    assert re.search(rf'<a href="{re.escape(version(activity, "nl").url)}" lang="fr">', html)
    assert "(in het Frans)" in html


def test_language_switcher_and_hreflang_link_to_the_translations(client, demo):
    html = client.get("/nl/agenda/ontmoetingsdag-sociale-economie/").text
    head = html.split("</head>")[0]
    for code, url in [
        ("fr", "/fr/agenda/journee-economie-sociale/"),
        ("nl", "/nl/agenda/ontmoetingsdag-sociale-economie/"),
        ("en", "/en/agenda/social-economy-day/"),
    ]:
        assert f'<link rel="alternate" hreflang="{code}" href="{url}">' in head
        assert f'<a href="{url}" hreflang="{code}" lang="{code}"' in html


def test_switcher_goes_to_the_same_page_not_yet_translated(client, demo):
    """Its Dutch and English copies show it in French with a notice: the switcher goes there, not home; they are
    no hreflang alternates (no translation)."""
    activity = demo["activities"][0]
    html = client.get(activity.url).text
    head = html.split("</head>")[0]
    assert 'hreflang="nl"' not in head and 'hreflang="en"' not in head
    assert f'<a href="{version(activity, "nl").url}" hreflang="nl" lang="nl">Nederlands</a>' in html
    assert f'<a href="{version(activity, "en").url}" hreflang="en" lang="en">English</a>' in html


def test_switcher_keeps_the_filters_and_the_search_terms(client, demo):
    html = client.get("/fr/agenda/?commune=forest&phase=orientation").text
    assert '<a href="/nl/agenda/?commune=forest&amp;phase=orientation" hreflang="nl" lang="nl">Nederlands</a>' in html
    html = client.get("/fr/search/?query=emploi").text
    assert '<a href="/en/search/?query=emploi" hreflang="en" lang="en">English</a>' in html


def test_sitemap_lists_each_languages_pages_but_no_alias_and_no_private_page(client, demo):
    xml = client.get("/sitemap.xml").text
    for url in [
        "/fr/",
        "/nl/",
        "/en/",
        "/fr/agenda/journee-economie-sociale/",
        "/nl/agenda/ontmoetingsdag-sociale-economie/",
        "/en/agenda/social-economy-day/",
        demo["translations"]["nl"]["trajet"].url,
    ]:
        assert f"<loc>http://localhost{url}</loc>" in xml
    assert demo["translations"]["nl"]["trajet"].url + "job-day/" not in xml
    assert "espace-partenaires" not in xml


# --- agenda and search per language -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    "code, title, other",
    [
        ("nl", "Ontmoetingsdag rond de sociale economie", "Journée de rencontre autour de l&#x27;économie sociale"),
        ("en", "Social economy meeting day", "Ontmoetingsdag rond de sociale economie"),
        ("fr", "Journée de rencontre autour de l&#x27;économie sociale", "Social economy meeting day"),
    ],
)
def test_agenda_filters_return_that_languages_pages(client, demo, code, title, other):
    html = client.get(f"/{code}/agenda/?when=past&commune=molenbeek-saint-jean").text
    assert title in html
    assert other not in html
    assert len(re.findall(r'<li class="agenda-item', html)) == 1
    html = client.get(f"/{code}/agenda/?when=past&type=visit&commune=bruxelles").text
    assert title in html
    html = client.get(f"/{code}/agenda/?when=past&commune=forest&phase=outillage").text
    assert f'href="/{code}/agenda/' in html and "journee" not in html


def test_search_returns_that_languages_pages_only(client, demo):
    html = client.get("/nl/search/?query=Ontmoetingsdag").text
    assert 'href="/nl/agenda/ontmoetingsdag-sociale-economie/"' in html
    assert client.get("/fr/search/?query=Ontmoetingsdag").text.count("search-results") == 0
    html = client.get("/en/search/?query=economy").text
    assert 'href="/en/agenda/social-economy-day/"' in html
    assert 'href="/fr/' not in html.split("search-results", 1)[-1]


# --- privacy in every language ----------------------------------------------------------------------------------


@pytest.mark.parametrize("code", ["nl", "en"])
def test_minutes_are_private_in_every_language(client, demo, partner, non_partner, code):
    index = version(MinutesIndexPage.objects.get(pk=demo["minutes_index"].pk), code)
    meeting = version(MeetingPage.objects.get(pk=demo["meeting"].pk), code)
    for page in (index, meeting):
        assert client.get(page.url).status_code == 302
    client.force_login(non_partner)
    for page in (index, meeting):
        response = client.get(page.url)
        assert response.status_code == 302 and "/accounts/login/" in response["Location"]
    assert "reunion-czs" not in client.get(f"/{code}/search/?query=CZS").text
    client.force_login(partner)
    assert client.get(meeting.url).status_code == 200


def test_a_page_made_private_after_translation_is_private_in_every_language(
    client, demo, partner, django_capture_on_commit_callbacks
):
    visit = demo["visit"]
    with django_capture_on_commit_callbacks(execute=True):
        restriction = PageViewRestriction.objects.create(page=visit, restriction_type=PageViewRestriction.GROUPS)
        restriction.groups.add(Group.objects.get(name=settings.PARTNERS_GROUP_NAME))
    for code in ("fr", "nl", "en"):
        page = version(visit, code) if code != "fr" else visit
        response = client.get(page.url)
        assert response.status_code == 302 and "/accounts/login/" in response["Location"], code
        assert page.url not in client.get(f"/{code}/search/?query=Molenbeek").text
    xml = client.get("/sitemap.xml").text
    assert "ontmoetingsdag" not in xml and "social-economy-day" not in xml
    client.force_login(partner)
    assert client.get(version(visit, "nl").url).status_code == 200
    client.logout()

    # Made public again on the French page: public in every language.
    with django_capture_on_commit_callbacks(execute=True):
        visit.view_restrictions.all().delete()
    assert client.get(version(visit, "en").url).status_code == 200


def test_deleting_a_french_page_does_not_make_its_translation_public(client, demo, django_capture_on_commit_callbacks):
    visit = demo["visit"]
    with django_capture_on_commit_callbacks(execute=True):
        PageViewRestriction.objects.create(page=visit, restriction_type=PageViewRestriction.LOGIN)
    nl = version(visit, "nl")
    assert nl.view_restrictions.count() == 1
    Registration.objects.filter(page_id=visit.pk).delete()  # registrations protect a page from deletion
    with django_capture_on_commit_callbacks(execute=True):
        Page.objects.get(pk=visit.pk).delete()
    # Never public: unpublished with its source (404), and restricted still (a 302 to the login page if shown).
    response = client.get(nl.url)
    assert response.status_code == 404 and not Page.objects.get(pk=nl.pk).live
    assert nl.view_restrictions.count() == 1


def test_a_translation_that_does_not_validate_does_not_block_the_french_page(demo):
    from wagtail_localize.models import StringTranslation

    visit = VisitPage.objects.get(pk=demo["visit"].pk)
    nl = Locale.objects.get(language_code="nl")
    capacity_before = version(visit, "nl").capacity
    StringTranslation.objects.filter(locale=nl, translation_of__data=visit.meeting_point).update(data="x" * 300)
    visit.capacity = 30
    visit.save_revision().publish()
    assert VisitPage.objects.get(pk=visit.pk).capacity == 30
    assert version(visit, "nl").capacity == capacity_before != 30  # kept as it was
    assert version(visit, "en").capacity == 30
