"""A meeting's life reaches every door of the partners' space, in every language, for each kind of visitor:
events × doors × viewers × languages.

The meeting ("Réunion Zanzibar", with one decision and one action) lives in the partners' space. Its French page
is the one that goes through the workflow and is published; the Dutch page is a translation, the English one an
alias. The events are what the secretariat, the coordination and an admin do to it; the doors are everything
through which its minutes can leave the site: the page, the space's list, the registers of actions and
decisions, search, the pages API (list and detail), the sitemap and the partner's private calendar. The viewers
are an anonymous visitor, a logged-in visitor who is not a partner, and a partner.

The rule: only a partner sees the meeting, and only while it is published; the sitemap never lists it.
"""

import datetime as dt

import pytest
from django.conf import settings
from django.test import Client
from django.utils import timezone
from icalendar import Calendar
from wagtail.models import Page

from cms.lifecycle import delete_everywhere
from minutes.models import MeetingPage, MinutesIndexPage
from minutes.partners import profile_for
from tests.factories import MeetingPageFactory, MinutesIndexPageFactory, UserFactory, translate

from .conftest import alias

SECRET = "Zanzibar"
LANGUAGES = ["fr", "nl", "en"]


def agenda_item():
    return (
        "item",
        {
            "title": f"Point {SECRET}",
            "discussion": "",
            "decisions": [f"Décision {SECRET}"],
            "actions": [{"what": f"Action {SECRET}", "who": "Coordination", "due": None, "organisation": None}],
            "follow_ups": [],
        },
    )


def new_meeting(space):
    start = timezone.now() + dt.timedelta(days=20)
    page = MeetingPageFactory(parent=space, title=f"Réunion {SECRET}", slug="reunion-zanzibar", start=start, live=False)
    page.agenda = [agenda_item()]
    page.save_revision()
    return MeetingPage.objects.get(pk=page.pk)


def publish(page):
    page.get_latest_revision().publish()
    page = MeetingPage.objects.get(pk=page.pk)
    translate(page, "nl")
    if not Page.objects.filter(translation_key=page.translation_key, locale__language_code="en").exists():
        alias(page, "en")
    return page


# --- events: make(space, actors) -> the French meeting page, or None once gone ----------------------------------


def ev_draft(space, actors):
    return new_meeting(space)


def ev_in_moderation(space, actors):
    page = new_meeting(space)
    page.get_workflow().start(page, actors["secretary"])
    return page


def ev_published(space, actors):
    return publish(new_meeting(space))


def ev_unpublished(space, actors):
    page = publish(new_meeting(space))
    page.unpublish(user=actors["admin"])  # its translation and its alias follow (cms.i18n)
    return page


def ev_deleted(space, actors):
    page = publish(new_meeting(space))
    delete_everywhere(Page.objects.get(pk=page.pk), user=actors["admin"])
    return None


EVENTS = {
    "draft": (ev_draft, False),
    "in moderation": (ev_in_moderation, False),
    "published": (ev_published, True),
    "unpublished": (ev_unpublished, False),
    "deleted": (ev_deleted, False),
}


# --- doors: door(client, language, context) -> whether the meeting's minutes are seen ---------------------------


def _space_url(language):
    space = MinutesIndexPage.objects.filter(locale__language_code=language).first()
    return space.url


def _meeting_url(language, context):
    if context["key"] is None:
        return context["paths"].get(language)
    page = MeetingPage.objects.filter(
        translation_key=context["key"], locale__language_code=language
    ).first()  # the URL it has (or had: a deleted page's last path)
    return page.url if page is not None and page.url else context["paths"].get(language)


def _html_has_secret(response):
    return response.status_code == 200 and SECRET in response.content.decode()


def door_page(client, language, context):
    url = _meeting_url(language, context)
    return url is not None and _html_has_secret(client.get(url))


def door_space(client, language, context):
    return _html_has_secret(client.get(_space_url(language)))


def door_actions(client, language, context):
    return _html_has_secret(client.get(_space_url(language) + "actions/?status=all"))


def door_decisions(client, language, context):
    return _html_has_secret(client.get(_space_url(language) + "decisions/"))


def door_search(client, language, context):
    response = client.get(f"/{language}/search/", {"query": SECRET})  # the page repeats the query: read results
    return response.status_code == 200 and f"Réunion {SECRET}" in response.content.decode()


def door_api_list(client, language, context):
    response = client.get("/api/v2/pages/", {"type": "minutes.MeetingPage", "locale": language})
    return response.status_code == 200 and SECRET in response.content.decode()


def door_api_detail(client, language, context):
    page = None
    if context["key"] is not None:
        page = Page.objects.filter(translation_key=context["key"], locale__language_code=language).first()
    page_id = page.pk if page else context["ids"].get(language)
    if page_id is None:
        return False
    response = client.get(f"/api/v2/pages/{page_id}/")
    return response.status_code == 200 and SECRET in response.content.decode()


def door_sitemap(client, language, context):
    response = client.get("/sitemap.xml")
    return any(path in response.content.decode() for path in context["paths"].values() if path)


def door_calendar(client, language, context):
    """The partner's private calendar (the token is the partner's: whoever holds the link reads it)."""
    response = client.get(f"/partenaires/calendrier/{context['token']}.ics")
    if response.status_code != 200:
        return False
    return any(SECRET in str(event.get("SUMMARY")) for event in Calendar.from_ical(response.content).walk("VEVENT"))


DOORS = {
    "page": door_page,
    "space": door_space,
    "actions register": door_actions,
    "decisions register": door_decisions,
    "search": door_search,
    "api list": door_api_list,
    "api detail": door_api_detail,
    "sitemap": door_sitemap,
    "calendar": door_calendar,
}
# Doors whose answer does not depend on who asks (a feed read by its secret link, the public sitemap).
NOT_BY_VIEWER = {"calendar", "sitemap"}
NEVER = {"sitemap"}


@pytest.fixture
def site(home):
    """Home and the partners' space in fr, nl and en, and the people who act and look."""
    space = MinutesIndexPageFactory(parent=home)
    for code in ("nl", "en"):
        translate(home, code)
        translate(space, code)
    partner = UserFactory(username="partenaire-table", groups=[settings.PARTNERS_GROUP_NAME])
    actors = {
        "admin": UserFactory(username="admin-table", is_superuser=True, is_staff=True),
        "secretary": UserFactory(username="secretariat-table", groups=["Secrétariat"]),
    }
    return {"space": space, "partner": partner, "outsider": UserFactory(username="visiteur"), "actors": actors}


def viewers(site):
    anonymous, outsider, partner = Client(), Client(), Client()
    outsider.force_login(site["outsider"])
    partner.force_login(site["partner"])
    return {"anonymous": anonymous, "not a partner": outsider, "partner": partner}


@pytest.mark.parametrize("event", EVENTS)
def test_a_meetings_life_reaches_every_partners_door(site, event):
    make, published = EVENTS[event]
    # Every door read once before the event, as visitors would (nothing must stay from it).
    clients = viewers(site)
    before = {"key": None, "paths": {}, "ids": {}, "token": profile_for(site["partner"]).calendar_token}
    for door in DOORS.values():
        for client in clients.values():
            door(client, "fr", before)
    page = make(site["space"], site["actors"])
    key = page.translation_key if page is not None else None
    context = dict(before, key=key)
    if page is not None:
        for version in Page.objects.filter(translation_key=key).select_related("locale"):
            context["paths"][version.locale.language_code] = version.url
            context["ids"][version.locale.language_code] = version.pk
    failures = []
    for language in LANGUAGES:
        for name, door in DOORS.items():
            for viewer, client in clients.items():
                expected = published and name not in NEVER and (viewer == "partner" or name in NOT_BY_VIEWER)
                if name == "calendar" and language != "fr":
                    continue  # one feed for all languages (the partner's own)
                if door(client, language, context) != expected:
                    failures.append(
                        f"{event} · {name} · {language} · {viewer}: expected {'seen' if expected else 'unseen'}"
                    )
    assert not failures, "\n".join(failures)
