"""The partners' private calendar: /partenaires/calendrier/<token>.ics (RFC 5545, parsed back with icalendar)."""

import datetime as dt

import pytest
import time_machine
from icalendar import Calendar

from minutes.models import PartnerProfile
from tests.factories import MeetingPageFactory, VenueFactory, brussels, translate

from .conftest import make_partner

NOW = brussels(2017, 5, 1, 12)


@pytest.fixture
def partner(db):
    return make_partner("amina", language="fr")


@pytest.fixture
def meetings(space):
    """A winter meeting (CET) in a venue, a summer one (CEST) planning the next, an old one out of the window."""
    venue = VenueFactory(name="MEF de Forest", street="Rue du Curé 2")
    winter = MeetingPageFactory(
        parent=space, title="Réunion du CZS du 17 janvier 2017", start=brussels(2017, 1, 17, 9, 30), venue=venue
    )
    summer = MeetingPageFactory(
        parent=space,
        title="Réunion du CZS du 20 avril 2017",
        start=brussels(2017, 4, 20, 9, 30),
        next_meeting_start=brussels(2017, 6, 16, 9, 30),
        next_meeting_place="MEF de Forest ou de Saint-Gilles",
        next_meeting_to_be_confirmed=True,
        next_meeting_agenda="<p>Feedback trajet emploi</p>",
    )
    old = MeetingPageFactory(parent=space, title="Réunion du CZS de 2015", start=brussels(2015, 4, 20, 9, 30))
    for page in (winter, summer, old):
        page.save_revision().publish()
    return {"winter": winter, "summer": summer, "old": old}


def feed(client, profile):
    with time_machine.travel(NOW, tick=False):
        return client.get(f"/partenaires/calendrier/{profile.calendar_token}.ics")


def parse(response):
    assert response.status_code == 200, response.content[:300]
    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    calendar = Calendar.from_ical(response.content)
    assert calendar.get_missing_tzids() == set()  # every TZID has its VTIMEZONE
    return {str(event["SUMMARY"]): event for event in calendar.walk("VEVENT")}


def test_meetings_and_the_planned_next_one(client, partner, meetings):
    profile = PartnerProfile.objects.get(user=partner)
    events = parse(feed(client, profile))
    assert sorted(events) == [
        "Prochaine réunion : CZS – zone sud",
        "Réunion du CZS du 17 janvier 2017",
        "Réunion du CZS du 20 avril 2017",
    ]  # the 2015 meeting is older than a year

    winter = events["Réunion du CZS du 17 janvier 2017"]
    assert winter["DTSTART"].params["TZID"] == "Europe/Brussels"
    assert winter.decoded("DTSTART") == brussels(2017, 1, 17, 9, 30)
    assert winter.decoded("DTSTART").utcoffset() == dt.timedelta(hours=1)  # CET
    assert winter.decoded("DTEND") == brussels(2017, 1, 17, 11, 30)
    assert str(winter["LOCATION"]) == "MEF de Forest, Rue du Curé 2, 1190 Forest"
    assert str(winter["UID"]) == str(meetings["winter"].translation_key)
    assert str(winter["STATUS"]) == "CONFIRMED"
    assert str(winter["URL"]) == f"http://localhost{meetings['winter'].url}"
    assert winter["SEQUENCE"] == 0 and "DTSTAMP" in winter

    summer = events["Réunion du CZS du 20 avril 2017"]
    assert summer.decoded("DTSTART").utcoffset() == dt.timedelta(hours=2)  # CEST
    assert summer.decoded("DTSTART").astimezone(dt.UTC).hour == 7

    planned = events["Prochaine réunion : CZS – zone sud"]
    assert planned.decoded("DTSTART") == brussels(2017, 6, 16, 9, 30)
    assert str(planned["STATUS"]) == "TENTATIVE"
    assert str(planned["LOCATION"]) == "MEF de Forest ou de Saint-Gilles"
    description = str(planned["DESCRIPTION"])
    assert "Lieu ou heure à confirmer." in description and "Feedback trajet emploi" in description
    assert str(planned["UID"]) == f"{meetings['summer'].translation_key}-next"


def test_uids_stable_and_sequence_grows_on_correction(client, partner, meetings):
    profile = PartnerProfile.objects.get(user=partner)
    before = parse(feed(client, profile))
    page = meetings["summer"]
    page.refresh_from_db()
    page.next_meeting_to_be_confirmed = False
    with time_machine.travel(page.last_published_at + dt.timedelta(days=2)):  # confirmed two days later
        page.save_revision().publish()
    after = parse(feed(client, profile))
    assert {str(e["UID"]) for e in after.values()} == {str(e["UID"]) for e in before.values()}
    planned = after["Prochaine réunion : CZS – zone sud"]
    assert str(planned["STATUS"]) == "CONFIRMED"
    assert planned["SEQUENCE"] > before["Prochaine réunion : CZS – zone sud"]["SEQUENCE"]


def test_in_the_partners_language(client, meetings):
    partner = make_partner("jan", language="nl")
    translation = translate(meetings["summer"], "nl")
    events = parse(feed(client, partner.partner_profile))
    assert "Volgende vergadering: CZS – zone sud" in events
    dutch = events[translation.title]
    assert dutch["SUMMARY"].params["LANGUAGE"] == "nl"
    assert "/nl/" in str(dutch["URL"])
    assert str(dutch["UID"]) == str(meetings["summer"].translation_key)  # the same meeting in every language


def test_private_no_cookie_not_cached(client, partner, meetings):
    profile = PartnerProfile.objects.get(user=partner)
    first = feed(client, profile)
    second = feed(client, profile)
    assert first["Cache-Control"] in ("private, no-store", "no-store, private")
    assert "X-Cache" not in second or second["X-Cache"] != "hit"
    assert not first.cookies and not second.cookies
    assert "calendrier" not in client.get("/sitemap.xml").text


@pytest.mark.parametrize(
    "token",
    ["unknown-token-0123456789abcdefghijklmnopq", "x", "a" * 300, "bad%20token", "%00", "..%2Fetc"],
)
def test_unknown_or_malformed_token_is_404(client, partner, meetings, token):
    response = client.get(f"/partenaires/calendrier/{token}.ics")
    assert response.status_code == 404
    assert b"BEGIN:VCALENDAR" not in response.content


def test_revoked_token_is_404(client, partner, meetings):
    profile = PartnerProfile.objects.get(user=partner)
    old = profile.calendar_token
    profile.renew_calendar_token()
    assert client.get(f"/partenaires/calendrier/{old}.ics").status_code == 404
    assert feed(client, profile).status_code == 200


def test_token_of_a_former_or_inactive_partner_is_404(client, partner, meetings, settings):
    profile = PartnerProfile.objects.get(user=partner)
    partner.groups.clear()
    assert feed(client, profile).status_code == 404
    outsider = make_partner("outsider", language="fr")
    outsider.is_active = False
    outsider.save()
    assert feed(client, outsider.partner_profile).status_code == 404


def test_token_of_a_non_partner_is_404(client, meetings):
    from tests.factories import UserFactory

    visitor = UserFactory(username="visitor")
    profile = PartnerProfile.objects.create(user=visitor)
    assert feed(client, profile).status_code == 404


def test_queries_do_not_grow_with_meetings(client, partner, space, django_assert_max_num_queries):
    profile = PartnerProfile.objects.get(user=partner)
    for day in range(1, 25):
        meeting = MeetingPageFactory(
            parent=space, start=brussels(2017, 3, day, 9, 30), venue=VenueFactory(), next_meeting_start=NOW
        )
        meeting.save_revision().publish()
    with django_assert_max_num_queries(6):
        response = feed(client, profile)
    assert response.status_code == 200 and response.content.count(b"BEGIN:VEVENT") == 25
