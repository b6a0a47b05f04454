"""iCalendar (RFC 5545): /agenda/ical/ (subscription, with the agenda's filters) and one .ics per page.
Every test parses the output back with ``icalendar`` and checks the values."""

import datetime as dt
from zoneinfo import ZoneInfo

import pytest
import time_machine
from icalendar import Calendar

from . import agenda_scenario
from .factories import brussels, translate

BRUSSELS = ZoneInfo("Europe/Brussels")
NOW = brussels(2017, 3, 1, 12)  # before every activity of the scenario


@pytest.fixture
def pages(home, agenda):
    return agenda_scenario.build(home, agenda)


def parse(response):
    assert response.status_code == 200, response.content[:300]
    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    calendar = Calendar.from_ical(response.content)
    assert calendar.get_missing_tzids() == set()  # every TZID has its VTIMEZONE
    return calendar


def events_by_summary(calendar):
    return {str(event["SUMMARY"]): event for event in calendar.walk("VEVENT")}


def test_page_ics_values(client, pages):
    pages.cv.save_revision().publish()
    response = client.get(f"/agenda/ical/{pages.cv.pk}.ics")
    assert response["Content-Disposition"] == 'attachment; filename="atelier-cv.ics"'
    calendar = parse(response)
    assert str(calendar["VERSION"]) == "2.0"
    assert calendar["PRODID"]
    (event,) = calendar.walk("VEVENT")
    assert str(event["SUMMARY"]) == "Atelier CV; lettre, et \\ entretien"
    assert event["SUMMARY"].params["LANGUAGE"] == "fr"
    assert str(event["UID"]) == str(pages.cv.translation_key)
    assert event.start == dt.datetime(2017, 3, 25, 9, 30, tzinfo=BRUSSELS)
    assert event.end == dt.datetime(2017, 3, 25, 12, 30, tzinfo=BRUSSELS)
    assert event["DTSTART"].params["TZID"] == "Europe/Brussels"
    assert str(event["LOCATION"]) == "Maison de l'emploi, Rue du Curé 2, 1190 Forest"
    assert str(event["URL"]) == "http://localhost/fr/agenda/trajet-emploi-2017/atelier-cv/"
    description = str(event["DESCRIPTION"])
    assert description.splitlines() == [
        "Rédiger son CV, sa lettre de motivation, et préparer l'entretien d'embauche.",
        "Sur inscription : Par téléphone au 02 555 55 55",
        "Places : 12",
        "http://localhost/fr/agenda/trajet-emploi-2017/atelier-cv/",
    ]
    pages.cv.refresh_from_db()
    assert event["DTSTAMP"].dt == pages.cv.last_published_at.astimezone(dt.UTC).replace(microsecond=0)
    assert event["DTSTAMP"].to_ical().endswith(b"Z")  # UTC


def test_escaping_and_folding_follow_the_rfc(client, pages):
    raw = client.get(f"/agenda/ical/{pages.cv.pk}.ics").content
    lines = raw.split(b"\r\n")  # CRLF line ends
    assert all(len(line) <= 75 for line in lines)  # folded at 75 octets
    assert b"SUMMARY;LANGUAGE=fr:Atelier CV\\; lettre\\, et \\\\ entretien" in raw
    assert b"\\nSur inscription" in b"".join(line.lstrip(b" ") for line in lines)  # newline as \n, unfolded


def test_times_across_daylight_saving_changes(client, pages):
    with time_machine.travel(NOW, tick=False):
        events = events_by_summary(parse(client.get("/agenda/ical/?from=2017-03-01&to=2017-12-31")))
    before = events["Atelier CV; lettre, et \\ entretien"]
    after = events["Portes ouvertes"]
    october = events["Métiers de la construction"]
    # Same local hour on either side of the change, different UTC instants.
    assert before.start.time() == after.start.time() == october.start.time() == dt.time(9, 30)
    assert before.start.utcoffset() == dt.timedelta(hours=1)
    assert after.start.utcoffset() == dt.timedelta(hours=2)
    assert october.start.utcoffset() == dt.timedelta(hours=1)
    assert after.start.astimezone(dt.UTC) == dt.datetime(2017, 3, 26, 7, 30, tzinfo=dt.UTC)
    assert october.start.astimezone(dt.UTC) == dt.datetime(2017, 10, 29, 8, 30, tzinfo=dt.UTC)


def test_vtimezone_describes_brussels(client, pages):
    calendar = parse(client.get(f"/agenda/ical/{pages.dst.pk}.ics"))
    (timezone,) = calendar.timezones
    assert timezone.tz_name == "Europe/Brussels"
    tz = timezone.to_tz()
    assert tz.utcoffset(dt.datetime(2017, 3, 26, 9, 30)) == dt.timedelta(hours=2)
    assert tz.utcoffset(dt.datetime(2017, 3, 25, 9, 30)) == dt.timedelta(hours=1)


def test_uid_and_content_are_stable_across_downloads(client, pages):
    with time_machine.travel(NOW, tick=False):
        first = client.get("/agenda/ical/").content
    with time_machine.travel(NOW + dt.timedelta(hours=5), tick=False):
        second = client.get("/agenda/ical/").content
    assert first == second
    uids = {str(event["UID"]) for event in Calendar.from_ical(first).walk("VEVENT")}
    assert str(pages.dst.translation_key) in uids


def test_uid_is_the_same_in_every_language(client, pages):
    translation = translate(pages.cv, "nl")
    translation.title = "Workshop cv"
    translation.save_revision().publish()
    french = parse(client.get(f"/agenda/ical/{pages.cv.pk}.ics")).walk("VEVENT")[0]
    dutch = parse(client.get(f"/agenda/ical/{translation.pk}.ics")).walk("VEVENT")[0]
    assert str(dutch["SUMMARY"]) == "Workshop cv"
    assert dutch["SUMMARY"].params["LANGUAGE"] == "nl"
    assert str(dutch["UID"]) == str(french["UID"]) == str(pages.cv.translation_key)
    assert "/nl/" in str(dutch["URL"])
    with time_machine.travel(NOW, tick=False):
        listing = events_by_summary(parse(client.get("/agenda/ical/?locale=nl")))
    assert list(listing) == ["Workshop cv"]


def test_subscription_lists_upcoming_items_filtered_by_commune(client, pages):
    with time_machine.travel(NOW, tick=False):
        response = client.get("/agenda/ical/?commune=forest")
    assert response["Content-Disposition"] == 'inline; filename="agenda.ics"'
    assert response["Cache-Control"] == "public, max-age=600"
    calendar = parse(response)
    assert str(calendar["X-WR-CALNAME"]) == "Trajet emploi zone sud – Agenda – Forest"
    assert list(events_by_summary(calendar)) == ["Atelier CV; lettre, et \\ entretien", "Portes ouvertes"]


def test_subscription_leaves_out_past_and_restricted_items(client, pages):
    with time_machine.travel(brussels(2017, 4, 1, 12), tick=False):
        summaries = list(events_by_summary(parse(client.get("/agenda/ical/"))))
    assert summaries == ["Journée de visites", "Métiers de la construction"]  # "Atelier réservé…" (3 April) absent


def test_visit_without_venue_is_located_at_its_meeting_point(client, pages):
    (event,) = parse(client.get(f"/agenda/ical/{pages.visit.pk}.ics")).walk("VEVENT")
    assert str(event["LOCATION"]) == "Gare du Midi, sortie Fonsny, Molenbeek-Saint-Jean"
    assert event.categories == ["Journée de visites"]


@pytest.mark.parametrize("name", ["secret", "meeting"])
def test_restricted_or_other_pages_have_no_ics(client, pages, name):
    assert client.get(f"/agenda/ical/{getattr(pages, name).pk}.ics").status_code == 404


def test_unpublished_page_has_no_ics(client, pages):
    pages.dst.unpublish()
    assert client.get(f"/agenda/ical/{pages.dst.pk}.ics").status_code == 404


@pytest.mark.parametrize(
    "query,message",
    [
        ("commune=nowhere", "commune:"),
        ("commune=for%00est", "commune:"),
        ("phase=cuisine", "phase:"),
        ("type=concert", "type:"),
        ("from=2017-02-30", "from:"),
        ("to=%00", "to:"),
        ("from=2017-05-01&to=2017-04-01", "to:"),
        ("locale=zz", "locale: unknown language"),
        ("locale=%00", "locale: unknown language"),
    ],
)
def test_bad_filters_are_a_400_with_a_message(client, pages, query, message):
    response = client.get(f"/agenda/ical/?{query}")
    assert response.status_code == 400
    assert response["Content-Type"] == "text/plain; charset=utf-8"
    assert message in response.content.decode()
    assert "public" not in response.get("Cache-Control", "")


def test_event_page_links_to_its_ics(client, pages):
    html = client.get(pages.cv.url).content.decode()
    assert f'href="/agenda/ical/{pages.cv.pk}.ics"' in html
    assert "Ajouter à mon agenda" in html


def test_calendar_of_a_large_agenda_runs_a_fixed_number_of_queries(client, pages, django_assert_max_num_queries):
    from .factories import EventPageFactory, commune

    for day in range(1, 11):
        EventPageFactory(parent=pages.trajet, start=brussels(2017, 6, day, 9), commune=commune("uccle"))
    with time_machine.travel(NOW, tick=False), django_assert_max_num_queries(13):
        calendar = parse(client.get("/agenda/ical/"))
    assert len(calendar.walk("VEVENT")) == 14


def test_the_vtimezone_is_written_by_its_rules_and_holds_beyond_2038(client, pages):
    import datetime as dt

    calendar = parse(client.get("/agenda/ical/"))
    (vtimezone,) = calendar.walk("VTIMEZONE")
    assert str(vtimezone["TZID"]) == "Europe/Brussels"
    assert len(vtimezone.subcomponents) == 2  # CET and CEST by RRULE, not one block per transition
    zone = vtimezone.to_tz()
    offsets = {
        day: zone.utcoffset(dt.datetime(*day, 12))
        for day in [(2017, 3, 25), (2017, 3, 26), (2017, 10, 28), (2017, 10, 29), (2045, 7, 1), (2045, 12, 1)]
    }
    hour = dt.timedelta(hours=1)
    assert list(offsets.values()) == [hour, 2 * hour, 2 * hour, hour, 2 * hour, hour]
