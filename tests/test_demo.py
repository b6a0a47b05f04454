"""The demo content is the seed: checked against what the minutes say, and idempotent."""

import datetime as dt
from zoneinfo import ZoneInfo

import pytest
from django.core.management import CommandError, call_command
from wagtail.models import Locale, Page, Revision

from events.models import EventPage, Phase, VisitPage
from home.demo import content
from home.demo.loader import Timeline, belgian_holidays, french_date, is_working_day, load, next_monday
from minutes.models import MeetingPage
from tests.browser.pages import EVENT, PUBLIC_PAGES, REGISTRATION, TRAJET, VISIT

BRUSSELS = ZoneInfo("Europe/Brussels")


def local(value):
    return value.astimezone(BRUSSELS)


def snapshot():
    return sorted((p.pk, p.path, p.title, p.live) for p in Page.objects.all())


def test_running_twice_changes_nothing(db):
    load()
    before, revisions = snapshot(), Revision.objects.count()
    load()
    assert snapshot() == before
    assert Revision.objects.count() == revisions


def test_command_runs_twice(db, capsys):
    call_command("load_demo")
    call_command("load_demo", "--site-url", "http://127.0.0.1:8000")
    assert Page.objects.type(EventPage).filter(locale__language_code="fr").count() == 9
    assert "9 activités" in capsys.readouterr().out
    # The links of e-mails, feeds and the sitemap point where `make run` serves the demo.
    event = EventPage.objects.filter(locale__language_code="fr").first()
    assert event.get_full_url().startswith("http://127.0.0.1:8000/fr/agenda/")
    with pytest.raises(CommandError, match="http"):
        call_command("load_demo", "--site-url", "127.0.0.1:8000")


def test_trajet_2017(demo):
    trajet = demo["trajet"]
    assert trajet.title == "Trajet emploi 2017"
    assert trajet.start_date == dt.date(2017, 4, 24) and trajet.start_date.weekday() == 0
    activities = EventPage.objects.child_of(trajet).order_by("start")
    assert activities.count() == 9
    assert local(activities[0].start) == dt.datetime(2017, 4, 24, 9, 30, tzinfo=BRUSSELS)
    # Each phase in each of the three communes.
    pairs = {(a.phase, a.commune.slug) for a in activities}
    assert pairs == {(p, c) for p in Phase.values for c in ("saint-gilles", "forest", "uccle")} - {
        ("decouverte-metiers", "forest")
    } | {("decouverte-metiers", "uccle")}
    horeca = activities.get(slug="decouverte-des-metiers-horeca")
    assert [c.slug for c in horeca.communes()] == ["uccle", "forest", "saint-gilles"]
    assert [o.organisation.short_name for o in horeca.organisers.all()][0] == "MEF Forest"
    for activity in activities:
        assert trajet.start_date <= local(activity.start).date() <= trajet.end_date
    social = activities.get(slug="reseaux-sociaux-et-recherche-d-emploi")
    assert social.registration_required and social.venue.name == "Maison de l'emploi de Saint-Gilles"


def test_visit_day(demo):
    visit = VisitPage.objects.get(pk=demo["visit"].pk)
    assert local(visit.start) == dt.datetime(2017, 5, 18, 8, 30, tzinfo=BRUSSELS)
    assert visit.max_per_organisation == 2
    stops = [(stop.value["time"].strftime("%H:%M"), stop.value["place"]) for stop in visit.itinerary]
    assert stops[:5] == [
        ("08:30", "MEF de Molenbeek"),
        ("09:30", "PermaFunghi"),
        ("11:00", "Ateliers Groot Eiland"),
        ("13:00", "Restaurant collectif des ateliers Groot Eiland"),
        ("14:30", "Brussels Beer Project"),
    ]
    assert stops[-1][1] == "Gare du Midi"
    assert [(m.value["label"], str(m.value["price"])) for m in visit.meals] == [
        ("Plat du jour", "8.00"),
        ("Lunch", "11.00"),
    ]
    assert "zone sud" in visit.audience


def test_meeting(demo):
    meeting = demo["meeting"]
    titles = [block.value["title"] for block in meeting.agenda]
    assert len(titles) == 4
    assert titles[0].startswith("Retour sur le Partner Day")
    assert titles[1] == "État des lieux du Trajet emploi 2017"
    assert "18 mai" in titles[2] and "Interm'aide" in titles[2]
    assert titles[3] == "Divers"
    assert "Le secteur non-marchand au cœur du changement" in str(meeting.agenda[0].value["discussion"])
    assert local(meeting.next_meeting_start) == dt.datetime(2017, 6, 16, 9, 30, tzinfo=BRUSSELS)
    assert meeting.next_meeting_to_be_confirmed
    assert "Forest ou de Saint-Gilles" in meeting.next_meeting_place
    assert "Rentrée 2017" in meeting.next_meeting_agenda


def test_first_names_are_replaced(demo):
    text = " ".join(str(block.value["discussion"]) for block in demo["meeting"].agenda)
    for name in ("Guillaume", "Philippe", "Luc ", "Stéphane"):
        assert name not in text
    assert "Le représentant de FIJ" in text


def test_shift_keeps_weekdays_spacing_and_local_times_across_dst(db):
    # 2027-03-22: the trajet then spans the change to summer time (28 March 2027).
    pages = load(dt.date(2027, 3, 22))
    activities = list(EventPage.objects.child_of(pages["trajet"]).order_by("start"))
    originals = sorted(content.ACTIVITIES, key=lambda a: a["day"])
    for activity, spec in zip(activities, originals, strict=True):
        start = local(activity.start)
        assert start.date() == dt.date(2027, 3, 22) + dt.timedelta(days=spec["day"])
        assert (start.hour, start.minute) == spec["start"]
    assert pages["trajet"].title == "Trajet emploi 2027"
    visit = local(pages["visit"].start)
    assert (visit.date(), visit.weekday(), visit.hour, visit.minute) == (dt.date(2027, 4, 15), 3, 8, 30)
    assert activities[0].start.utcoffset() == dt.timedelta(hours=0)  # 08:30 UTC = 09:30 CET (winter)
    assert local(activities[-1].start).utcoffset() == dt.timedelta(hours=2)  # summer time


def test_shift_then_back_updates_in_place(db):
    load(dt.date(2030, 1, 7))
    ids = snapshot()
    load()
    assert [row[0] for row in snapshot()] == [row[0] for row in ids]
    assert EventPage.objects.order_by("start").first().start.year == 2017


def test_shift_must_be_a_monday(db):
    with pytest.raises(CommandError, match="not a Monday"):
        call_command("load_demo", "--shift-to", "2027-03-24")
    with pytest.raises(CommandError, match="AAAA-MM-JJ"):
        call_command("load_demo", "--shift-to", "24/03/2027")


# --- a shifted timeline tells one coherent story ------------------------------------------------------------------


def scheduled_days(pages):
    """The local days of the activities, then the visit day, in the seed's order (by seed day)."""
    seeds = sorted(content.ACTIVITIES, key=lambda spec: spec["day"])
    by_slug = {page.slug: page for page in EventPage.objects.child_of(pages["trajet"])}
    days = [(spec["day"], local(by_slug[spec["slug"]].start).date()) for spec in seeds]
    visit_day = (content.VISIT["date"] - content.TRAJET_START).days
    return [
        day for _, day in sorted(days + [(visit_day, local(VisitPage.objects.get(pk=pages["visit"].pk).start).date())])
    ]


def assert_coherent(client, pages, year):
    trajet = pages["trajet"]
    trajet.refresh_from_db()
    assert (trajet.title, trajet.slug) == (f"Trajet emploi {year}", f"trajet-emploi-{year}")
    assert client.get(f"/fr/agenda/trajet-emploi-{year}/").status_code == 200
    for code, title, slug in (("nl", "Jobtraject", "jobtraject"), ("en", "Job Pathway", "job-pathway")):
        translated = trajet.get_translation(Locale.objects.get(language_code=code))
        assert (translated.title, translated.slug) == (f"{title} {year}", f"{slug}-{year}")
        assert client.get(f"/{code}/agenda/{slug}-{year}/").status_code == 200
    days = scheduled_days(pages)
    assert days == sorted(set(days)), "one day each, in the seed's order"
    for day in days:
        assert day.weekday() < 5 and day not in belgian_holidays(day.year), day
        assert not (day.month == 12 and day.day >= 24), day
    assert trajet.start_date == days[0] and trajet.end_date == days[-1]
    meeting = MeetingPage.objects.get(pk=pages["meeting"].pk)
    assert local(meeting.start).date() < trajet.start_date
    items = [(b.value["title"], b.value["discussion"].source, *b.value["decisions"]) for b in meeting.agenda]
    minutes = " ".join([meeting.title, meeting.next_meeting_agenda, *(text for item in items for text in item)])
    assert f"État des lieux du Trajet emploi {year}" in minutes
    if year != 2017:
        assert "2017" not in minutes
    assert french_date(days[0], weekday=True) in minutes  # "Le Trajet emploi démarre le …"
    # The home page names no season the dates could contradict, in any language.
    for code in ("fr", "nl", "en"):
        text = client.get(f"/{code}/").text
        assert not any(season in text for season in ("printemps", "lente", "spring"))
    return days


def test_shift_to_a_monday_in_december_skips_the_holidays(client, db):
    pages = load(dt.date(2026, 12, 21))
    days = assert_coherent(client, pages, 2026)
    # 25 December and the days up to New Year move to the first working days of January, in order.
    assert days[:5] == [
        dt.date(2026, 12, 21),
        dt.date(2026, 12, 23),
        dt.date(2027, 1, 4),
        dt.date(2027, 1, 5),
        dt.date(2027, 1, 6),
    ]
    # "Rentrée" is the September after the next meeting (January 2027).
    assert "Rentrée 2027" in MeetingPage.objects.get(pk=pages["meeting"].pk).next_meeting_agenda


def test_shift_to_easter_monday_starts_the_next_day(client, db):
    pages = load(dt.date(2027, 3, 29))  # Easter Monday 2027
    days = assert_coherent(client, pages, 2027)
    assert days[:2] == [dt.date(2027, 3, 30), dt.date(2027, 3, 31)]
    meeting = MeetingPage.objects.get(pk=pages["meeting"].pk)
    assert "Le Trajet emploi démarre le mardi 30 mars 2027" in meeting.agenda[1].value["discussion"].source


def test_upcoming_demo_answers_at_the_browser_tests_paths(client, demo_upcoming):
    assert_coherent(client, demo_upcoming, Timeline(next_monday()).year)
    for path in (TRAJET, EVENT, VISIT, REGISTRATION):
        assert client.get(path).status_code == 200, path
    for name, path in PUBLIC_PAGES:
        if name in ("trajet-nl", "event-nl-untranslated"):
            assert client.get(path).status_code == 200, path


@pytest.mark.parametrize("year", range(2026, 2032))
def test_every_monday_of_the_year_gives_working_days_in_order(year):
    monday = next_monday(dt.date(year, 1, 1) - dt.timedelta(days=1))
    while monday.year == year:
        timeline = Timeline(monday)
        days = sorted(timeline.moved.items())
        shifted = [day for _, day in days]
        assert shifted == sorted(set(shifted)) and all(is_working_day(day) for day in shifted), monday
        assert (
            timeline.date(content.MEETING["date"])
            < shifted[0]
            < shifted[-1]
            < timeline.date(content.MEETING["next_meeting"]["date"])
        )
        assert all(is_working_day(timeline.date(day)) for day in (content.MEETING["date"],))
        monday += dt.timedelta(days=7)
