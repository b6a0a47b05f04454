"""schema.org Event JSON-LD on activity and visit pages, validated against Google's event rich-result rules
(https://developers.google.com/search/docs/appearance/structured-data/event)."""

import datetime as dt
import json
import re

import pytest

from events.jsonld import event_jsonld, jsonld_script
from events.models import EventPage

from . import agenda_scenario
from .factories import brussels, translate

SCHEMA = "https://schema.org/"
EVENT_STATUSES = {
    SCHEMA + s for s in ("EventScheduled", "EventCancelled", "EventMovedOnline", "EventPostponed", "EventRescheduled")
}
ATTENDANCE_MODES = {
    SCHEMA + s for s in ("OfflineEventAttendanceMode", "OnlineEventAttendanceMode", "MixedEventAttendanceMode")
}
AVAILABILITIES = {SCHEMA + s for s in ("InStock", "SoldOut", "PreOrder")}
ISO_WITH_OFFSET = re.compile(r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?[+-]\d{2}:\d{2}$")


def google_event_problems(data):
    """Problems Google's Rich Results Test would report for an in-person ``Event`` (an empty list when valid).

    Required: ``name``, ``startDate``, ``location`` as a ``Place`` with an ``address`` (``PostalAddress``).
    Recommended and checked when present: ``endDate`` (not before the start), ``eventStatus`` and
    ``eventAttendanceMode`` (schema.org enumeration URLs), ``location.name``, ``organizer`` (``Organization``
    or ``Person`` with a ``name``), ``offers`` (``price``, ``priceCurrency``, ``availability``, ``url``).
    Dates: ISO 8601 with time and UTC offset. Capacities: non-negative integers, the remaining one not above
    the maximum.
    """
    problems = []

    def need(condition, message):
        if not condition:
            problems.append(message)

    need(data.get("@context") in ("https://schema.org", "http://schema.org"), "@context must be schema.org")
    need(data.get("@type") == "Event", "@type must be Event")
    need(isinstance(data.get("name"), str) and data["name"].strip(), "name is required")
    dates = {}
    for key in ("startDate", "endDate"):
        value = data.get(key)
        if value is None:
            need(key != "startDate", "startDate is required")
        elif isinstance(value, str) and ISO_WITH_OFFSET.match(value):
            dates[key] = dt.datetime.fromisoformat(value)
        else:
            problems.append(f"{key} must be ISO 8601 with an offset")
    if len(dates) == 2:
        need(dates["endDate"] >= dates["startDate"], "endDate must not be before startDate")
    if "eventStatus" in data:
        need(data["eventStatus"] in EVENT_STATUSES, "eventStatus must be a schema.org EventStatusType")
    if "eventAttendanceMode" in data:
        need(data["eventAttendanceMode"] in ATTENDANCE_MODES, "eventAttendanceMode must be a schema.org mode")
    location = data.get("location")
    need(isinstance(location, dict) and location.get("@type") == "Place", "location must be a Place")
    if isinstance(location, dict):
        need(location.get("name"), "location.name is recommended")
        address = location.get("address")
        need(
            isinstance(address, dict) and address.get("@type") == "PostalAddress",
            "location.address must be a PostalAddress",
        )
        if isinstance(address, dict):
            need(address.get("addressLocality"), "address.addressLocality is recommended")
            need(address.get("addressCountry"), "address.addressCountry is recommended")
            need(
                re.fullmatch(r"[A-Z]{2}", address.get("addressCountry", "")),
                "addressCountry must be ISO 3166-1 alpha-2",
            )
    organizers = data.get("organizer", [])
    for organizer in organizers if isinstance(organizers, list) else [organizers]:
        need(
            organizer.get("@type") in ("Organization", "Person") and organizer.get("name"),
            "organizer needs @type and name",
        )
    offers = data.get("offers")
    if offers is not None:
        need(offers.get("@type") == "Offer", "offers must be an Offer")
        need(re.fullmatch(r"\d+(\.\d+)?", str(offers.get("price", ""))), "offers.price must be a number")
        need(re.fullmatch(r"[A-Z]{3}", offers.get("priceCurrency", "")), "offers.priceCurrency must be ISO 4217")
        need(offers.get("availability") in AVAILABILITIES, "offers.availability must be a schema.org ItemAvailability")
        need(str(offers.get("url", "")).startswith("http"), "offers.url must be an absolute URL")
    for key in ("maximumAttendeeCapacity", "remainingAttendeeCapacity"):
        if key in data:
            need(isinstance(data[key], int) and data[key] >= 0, f"{key} must be a non-negative integer")
    if "maximumAttendeeCapacity" in data and "remainingAttendeeCapacity" in data:
        need(data["remainingAttendeeCapacity"] <= data["maximumAttendeeCapacity"], "remaining capacity above maximum")
    if "url" in data:
        need(str(data["url"]).startswith("http"), "url must be absolute")
    return problems


def test_validator_rejects_what_google_rejects():
    assert "location must be a Place" in google_event_problems(
        {"@context": "https://schema.org", "@type": "Event", "name": "x", "startDate": "2017-03-25T09:30:00+01:00"}
    )
    assert "startDate must be ISO 8601 with an offset" in google_event_problems(
        {
            "@context": "https://schema.org",
            "@type": "Event",
            "name": "x",
            "startDate": "2017-03-25T09:30",
            "location": {
                "@type": "Place",
                "name": "y",
                "address": {"@type": "PostalAddress", "addressLocality": "Forest", "addressCountry": "BE"},
            },
        }
    )


@pytest.fixture
def pages(home, agenda):
    return agenda_scenario.build(home, agenda)


def page_jsonld(client, page):
    html = client.get(page.url).content.decode()
    head = html.split("</head>")[0]
    (text,) = re.findall(r'<script type="application/ld\+json">(.*?)</script>', head, re.S)
    return json.loads(text)


def test_activity_jsonld_meets_googles_rules(client, pages):
    data = page_jsonld(client, pages.cv)
    assert google_event_problems(data) == []
    assert data["name"] == "Atelier CV; lettre, et \\ entretien"
    assert data["startDate"] == "2017-03-25T09:30:00+01:00"
    assert data["endDate"] == "2017-03-25T12:30:00+01:00"
    assert data["location"] == {
        "@type": "Place",
        "name": "Maison de l'emploi",
        "address": {
            "@type": "PostalAddress",
            "streetAddress": "Rue du Curé 2",
            "addressLocality": "Forest",
            "postalCode": "1190",
            "addressRegion": "Région de Bruxelles-Capitale",
            "addressCountry": "BE",
        },
    }
    assert data["organizer"] == [
        {"@type": "Organization", "name": "Maison de l'emploi de Forest", "url": "https://mef.example"},
        {"@type": "Organization", "name": "Smart"},
    ]
    assert data["eventStatus"] == SCHEMA + "EventScheduled"
    assert data["eventAttendanceMode"] == SCHEMA + "OfflineEventAttendanceMode"
    assert data["isAccessibleForFree"] is True
    assert data["maximumAttendeeCapacity"] == 12
    assert data["remainingAttendeeCapacity"] == 12
    assert data["inLanguage"] == "fr"
    assert data["url"] == "http://localhost/fr/agenda/trajet-emploi-2017/atelier-cv/"
    assert data["offers"]["availability"] == SCHEMA + "InStock"
    assert data["description"].startswith("Rédiger son CV")


def test_summer_time_activity_without_venue_or_capacity(client, pages):
    data = page_jsonld(client, pages.dst)
    assert google_event_problems(data) == []
    assert data["startDate"] == "2017-03-26T09:30:00+02:00"
    assert data["location"]["name"] == "Saint-Gilles"
    assert data["location"]["address"]["postalCode"] == "1060"
    assert "streetAddress" not in data["location"]["address"]
    assert "maximumAttendeeCapacity" not in data and "remainingAttendeeCapacity" not in data
    assert "organizer" not in data


def test_visit_jsonld_meets_googles_rules(client, pages):
    data = page_jsonld(client, pages.visit)
    assert google_event_problems(data) == []
    assert data["location"]["name"] == "Gare du Midi, sortie Fonsny"
    assert data["location"]["address"]["addressLocality"] == "Molenbeek-Saint-Jean"
    assert data["maximumAttendeeCapacity"] == 20


def test_full_event_is_sold_out(pages, monkeypatch):
    monkeypatch.setattr(type(pages.cv), "places_left", property(lambda page: 0))
    data = event_jsonld(pages.cv)
    assert data["remainingAttendeeCapacity"] == 0
    assert data["offers"]["availability"] == SCHEMA + "SoldOut"
    assert google_event_problems(data) == []


def test_translated_page_is_in_its_language(client, pages):
    translation = translate(pages.cv, "nl")
    translation.title = "Workshop cv"
    translation.save_revision().publish()
    data = event_jsonld(translation)
    assert data["inLanguage"] == "nl"
    assert data["name"] == "Workshop cv"
    assert "/nl/" in data["url"]


def test_rescheduled_then_cancelled_then_postponed(client, pages):
    page = EventPage.objects.get(pk=pages.cv.pk)
    page.start, page.end = brussels(2017, 3, 28, 9, 30), brussels(2017, 3, 28, 12, 30)  # after the DST change
    page.save_revision().publish()
    data = page_jsonld(client, page)
    assert data["eventStatus"] == SCHEMA + "EventRescheduled"
    assert (data["previousStartDate"], data["startDate"]) == ("2017-03-25T09:30:00+01:00", "2017-03-28T09:30:00+02:00")
    assert google_event_problems(data) == []
    for status, schema_status in (("cancelled", "EventCancelled"), ("postponed", "EventPostponed")):
        page = EventPage.objects.get(pk=page.pk)
        page.status = status
        page.save_revision().publish()
        data = page_jsonld(client, page)
        assert data["eventStatus"] == SCHEMA + schema_status and "previousStartDate" not in data
        assert google_event_problems(data) == []


def test_script_cannot_be_closed_by_page_text():
    html = jsonld_script({"name": "</script><script>alert(1)</script> & co"})
    assert html.count("</script>") == 1
    assert json.loads(html.split(">", 1)[1].rsplit("<", 1)[0])["name"] == "</script><script>alert(1)</script> & co"
