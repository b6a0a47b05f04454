"""The doors through which a visitor, a calendar or a partner site sees an activity, each read as they read it.

Every door is a function ``door(client, target, language) -> Seen``: what an anonymous visitor sees of the
activity ``target`` in ``language`` (``fr``, ``nl``, ``en``). ``Seen.listed`` is whether it is there at all; the
other fields are ``None`` when that door does not tell them. ``DOORS`` lists them all; ``ROUTES`` says which URL
name or API endpoint each one reads, so that a door added to the site but not to this table fails
``test_every_door_of_the_site_is_in_the_table``.
"""

import json
import xml.etree.ElementTree as ET
from dataclasses import dataclass, field
from urllib.parse import urlsplit

from bs4 import BeautifulSoup
from django.conf import settings
from django.urls import reverse
from django.utils import translation
from icalendar import Calendar
from wagtail.models import Page

from cms.days import local

# The mark before a title, by language and status: what a visitor reads.
MARKS = {
    "fr": {"cancelled": "Annulée", "postponed": "Reportée"},
    "nl": {"cancelled": "Geannuleerd", "postponed": "Uitgesteld"},
    "en": {"cancelled": "Cancelled", "postponed": "Postponed"},
}
SCHEMA_STATUS = {
    "https://schema.org/EventScheduled": "scheduled",
    "https://schema.org/EventRescheduled": "scheduled",
    "https://schema.org/EventCancelled": "cancelled",
    "https://schema.org/EventPostponed": "postponed",
}
ICAL_STATUS = {"CONFIRMED": "scheduled", "CANCELLED": "cancelled", "TENTATIVE": "postponed"}


@dataclass
class Seen:
    listed: bool
    status: str | None = None
    start: str | None = None  # local ISO 8601 start, Europe/Brussels
    title: str | None = None
    sequence: int | None = None


@dataclass
class Target:
    """The activity followed through its life: its ``translation_key`` (iCal ``UID``), its page ids and every
    path it has had in each language (a moved page's old path must 404, its new one show the page)."""

    translation_key: str
    ids: dict = field(default_factory=dict)
    paths: dict = field(default_factory=dict)
    trajet_ids: set = field(default_factory=set)

    def refresh(self):
        """Record the current ids and paths of every language version (they survive a delete in ``paths``)."""
        for page in Page.objects.filter(translation_key=self.translation_key).select_related("locale"):
            code = page.locale.language_code
            self.ids[code] = page.pk
            self.paths.setdefault(code, [])
            if page.url and page.url not in self.paths[code]:
                self.paths[code].append(page.url)
            self.trajet_ids.add(page.get_parent().pk)

    def current_path(self, code):
        page = Page.objects.filter(translation_key=self.translation_key, locale__language_code=code).first()
        return page.url if page and page.url else self.paths[code][-1]


def _mark_status(element, code):
    """``scheduled``, ``cancelled`` or ``postponed`` from the mark in ``element``; asserts its wording."""
    mark = element.select_one(".status-mark")
    if mark is None:
        return "scheduled"
    status = "cancelled" if "status-mark--cancelled" in mark["class"] else "postponed"
    assert mark.get_text(strip=True) == MARKS[code][status], (code, mark.get_text(strip=True))
    return status


def _card(html, target, code):
    """``Seen`` of the agenda card (``li.agenda-item``) linking to the activity, in a page of cards."""
    soup = BeautifulSoup(html, "html.parser")
    for card in soup.select("li.agenda-item"):
        link = card.select_one(".agenda-item__title a")
        if urlsplit(link["href"]).path in target.paths[code]:
            return Seen(True, _mark_status(card, code), title=link.get_text(strip=True))
    return Seen(False)


def _get(client, url, **params):
    """The response to an anonymous GET: 200, or 404 (gone), or 302 to the login page (restricted)."""
    response = client.get(url, params)
    assert response.status_code in (200, 404, 302), (url, response.status_code)
    if response.status_code == 302:
        assert "/accounts/login/" in response["Location"], response["Location"]
    return response


def page_door(client, target, code):
    response = _get(client, target.current_path(code))
    if response.status_code != 200:
        return Seen(False)
    h1 = BeautifulSoup(response.content, "html.parser").select_one("h1")
    status = _mark_status(h1, code)
    for mark in h1.select(".status-mark"):
        mark.extract()
    return Seen(True, status, title=h1.get_text(strip=True))


def jsonld_door(client, target, code):
    response = _get(client, target.current_path(code))
    if response.status_code != 200:
        return Seen(False)
    script = BeautifulSoup(response.content, "html.parser").select_one('script[type="application/ld+json"]')
    data = json.loads(script.string)
    return Seen(True, SCHEMA_STATUS[data["eventStatus"]], start=data["startDate"], title=data["name"])


def _home(code):
    return Page.objects.get(depth=2, locale__language_code=code)


def agenda_door(client, target, code):
    agenda = Page.objects.get(depth=3, locale__language_code=code, content_type__model="agendapage")
    return _card(_get(client, agenda.url).content, target, code)


def home_door(client, target, code):
    return _card(_get(client, _home(code).url).content, target, code)


def trajet_door(client, target, code):
    """The trajet page(s) the activity has been under, in ``code``: listed on one of them."""
    for trajet in Page.objects.filter(
        translation_key__in=Page.objects.filter(pk__in=target.trajet_ids).values("translation_key"),
        locale__language_code=code,
    ):
        seen = _card(_get(client, trajet.url).content, target, code)
        if seen.listed:
            return seen
    return Seen(False)


def search_door(client, target, code):
    with translation.override(code):
        url = reverse("search")
    soup = BeautifulSoup(_get(client, url, query="Tremplin").content, "html.parser")
    for result in soup.select(".search-results li"):
        link = result.select_one("h3 a")
        if urlsplit(link["href"]).path in target.paths[code]:
            return Seen(True, _mark_status(result, code), title=link.get_text(strip=True))
    return Seen(False)


def _api_seen(item):
    return Seen(True, item["status"], start=item["start"], title=item["title"])


def api_list_door(client, target, code):
    data = _get(client, "/api/v2/pages/", type="events.EventPage", locale=code, fields="status,start").json()
    for item in data["items"]:
        if item["id"] == target.ids.get(code):
            return _api_seen(item)
    return Seen(False)


def api_detail_door(client, target, code):
    response = _get(client, f"/api/v2/pages/{target.ids[code]}/")
    return _api_seen(response.json()) if response.status_code == 200 else Seen(False)


def api_find_door(client, target, code):
    response = client.get("/api/v2/pages/find/", {"html_path": target.current_path(code)}, follow=True)
    assert response.status_code in (200, 404), response.status_code
    return _api_seen(response.json()) if response.status_code == 200 else Seen(False)


def _vevent_seen(content, target):
    for event in Calendar.from_ical(content).walk("VEVENT"):
        if str(event["UID"]) == target.translation_key:
            return Seen(
                True,
                ICAL_STATUS[str(event["STATUS"])],
                start=local(event.decoded("DTSTART")).isoformat(),
                title=str(event["SUMMARY"]),
                sequence=int(event["SEQUENCE"]),
            )
    return Seen(False)


def ical_feed_door(client, target, code):
    return _vevent_seen(_get(client, reverse("agenda-ical"), locale=code).content, target)


def ical_page_door(client, target, code):
    response = _get(client, reverse("agenda-ical-page", args=[target.ids[code]]))
    return _vevent_seen(response.content, target) if response.status_code == 200 else Seen(False)


def _feed_title_seen(title, code):
    for status, mark in MARKS[code].items():
        for separator in ("\u00a0: ", ": "):
            if title.startswith(mark + separator):
                return Seen(True, status, title=title[len(mark + separator) :])
    return Seen(True, "scheduled", title=title)


def rss_door(client, target, code):
    root = ET.fromstring(_get(client, reverse("agenda-rss"), locale=code).content)
    for item in root.iter("item"):
        if urlsplit(item.findtext("link")).path in target.paths[code]:
            return _feed_title_seen(item.findtext("title"), code)
    return Seen(False)


def atom_door(client, target, code):
    atom = "{http://www.w3.org/2005/Atom}"
    root = ET.fromstring(_get(client, reverse("agenda-atom"), locale=code).content)
    for entry in root.iter(f"{atom}entry"):
        if urlsplit(entry.find(f"{atom}link").get("href")).path in target.paths[code]:
            return _feed_title_seen(entry.findtext(f"{atom}title"), code)
    return Seen(False)


def embed_door(client, target, code):
    return _card(_get(client, reverse("agenda-embed"), locale=code).content, target, code)


def sitemap_door(client, target, code):
    """Listed or not; ``None`` (not this door's business) for an alias, a page not translated yet, which the
    sitemap leaves out by design (``cms.sitemaps``): it is checked to be absent."""
    root = ET.fromstring(_get(client, "/sitemap.xml").content)
    locations = {urlsplit(loc.text).path for loc in root.iter("{http://www.sitemaps.org/schemas/sitemap/0.9}loc")}
    listed = any(path in locations for path in target.paths[code])
    version = Page.objects.filter(translation_key=target.translation_key, locale__language_code=code).first()
    if version is not None and version.alias_of_id:
        assert not listed, f"the {code} alias is in the sitemap"
        return None
    return Seen(listed)


DOORS = {
    "page": page_door,
    "json-ld": jsonld_door,
    "agenda": agenda_door,
    "home": home_door,
    "trajet": trajet_door,
    "search": search_door,
    "api list": api_list_door,
    "api detail": api_detail_door,
    "api find": api_find_door,
    "ical feed": ical_feed_door,
    "ical page": ical_page_door,
    "rss": rss_door,
    "atom": atom_door,
    "embed": embed_door,
    "sitemap": sitemap_door,
}
# The URL names (and the API endpoint) each door reads; the site's public outputs must all be here.
ROUTES = {
    "search": "search",
    "api list": "api:pages",
    "ical feed": "agenda-ical",
    "ical page": "agenda-ical-page",
    "rss": "agenda-rss",
    "atom": "agenda-atom",
    "embed": "agenda-embed",
    "sitemap": "sitemap",
}
LANGUAGES = [code for code, _name in settings.WAGTAIL_CONTENT_LANGUAGES]  # fr, nl, en
