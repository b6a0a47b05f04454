"""The demo content is the seed: checked against what the minutes say, and idempotent."""

import datetime as dt
from zoneinfo import ZoneInfo

import pytest
from django.core.management import CommandError, call_command
from wagtail.models import Page, Revision

from events.models import EventPage, Phase, VisitPage
from home.demo import content
from home.demo.loader import load

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
