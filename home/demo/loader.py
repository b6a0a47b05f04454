"""Builds (or brings up to date) the demo site from ``home.demo.content``. Idempotent: a page, snippet or child
row that already holds the wanted values is left alone, so a second run writes nothing and adds no revision.

Pages are found by slug under their parent; snippets by name (organisations, venues) or slug (communes).
"""

import datetime as dt
import json
from decimal import Decimal

from django.db import transaction
from django.db.models import Model
from wagtail.fields import StreamField
from wagtail.models import Locale, Page, Site

from cms.days import local_datetime
from cms.models import Commune, Organisation, SiteSettings, Venue
from events.models import AgendaPage, EventPage, ScheduledPageCommune, ScheduledPageOrganiser, TrajetPage, VisitPage
from home.models import HomePage, StandardPage
from minutes.models import MeetingOrganisation, MeetingPage, MinutesIndexPage
from minutes.preparation import next_meeting_fields, prepare_next_meeting

from . import content, registrations, translations

MONTHS = "janvier février mars avril mai juin juillet août septembre octobre novembre décembre".split()
WEEKDAYS = "lundi mardi mercredi jeudi vendredi samedi dimanche".split()


def french_date(day, weekday=False, year=True):
    """ "jeudi 18 mai 2017" (weekday, year optional); independent of the active language."""
    text = f"{'1er' if day.day == 1 else day.day} {MONTHS[day.month - 1]}" + (f" {day.year}" if year else "")
    return f"{WEEKDAYS[day.weekday()]} {text}" if weekday else text


def easter(year):
    """Easter Sunday (``datetime.date``) of ``year`` in the Gregorian calendar (the anonymous algorithm)."""
    a, b, c = year % 19, year // 100, year % 100
    d, e = divmod(b, 4)
    g = (8 * b + 13) // 25
    h = (19 * a + b - d - g + 15) % 30
    i, k = divmod(c, 4)
    ell = (32 + 2 * e + 2 * i - h - k) % 7
    m = (a + 11 * h + 22 * ell) // 451
    month, day = divmod(h + ell - 7 * m + 114, 31)
    return dt.date(year, month, day + 1)


def belgian_holidays(year):
    """The ten Belgian public holidays of ``year`` (a set of ``datetime.date``)."""
    sunday = easter(year)
    fixed = [(1, 1), (5, 1), (7, 21), (8, 15), (11, 1), (11, 11), (12, 25)]
    movable = [sunday + dt.timedelta(days=n) for n in (1, 39, 50)]  # Easter Monday, Ascension, Whit Monday
    return {dt.date(year, month, day) for month, day in fixed} | set(movable)


def is_working_day(day):
    """True on a weekday that is neither a Belgian public holiday nor between 24 and 31 December (the
    partners' offices close between the holidays)."""
    return day.weekday() < 5 and day not in belgian_holidays(day.year) and not (day.month == 12 and day.day >= 24)


def next_monday(today=None):
    """The Monday after ``today`` (a ``datetime.date``, default today; today excluded), as ``make run`` uses."""
    today = today or dt.date.today()
    return today + dt.timedelta(days=7 - today.weekday())


class Timeline:
    """Moves every seed date by a whole number of weeks so the trajet starts on ``start`` (a Monday).

    Local wall-clock times are kept (9:30 stays 9:30 in Brussels, on either side of a DST change). A day of the
    trajet (activity or visit day) that lands on a day off (``is_working_day``) moves forward to the next working
    day, and the days after it move as far as needed to stay in their order, one per day. The meeting that
    precedes the trajet moves back to the working day before; later dates (the next meeting) move forward, after
    the trajet's last day.
    """

    def __init__(self, start=None):
        start = start or content.TRAJET_START
        if start.weekday() != 0:
            raise ValueError(f"{start.isoformat()} is not a Monday: the trajet starts on a Monday.")
        self.offset = start - content.TRAJET_START
        seeds = {content.TRAJET_START + dt.timedelta(days=spec["day"]) for spec in content.ACTIVITIES}
        seeds |= {content.VISIT["date"], content.TRAJET_START + dt.timedelta(days=content.TRAJET["end_offset_days"])}
        self.moved = {}
        previous = None
        for seed in sorted(seeds):
            day = seed + self.offset
            if previous is not None and day <= previous:
                day = previous + dt.timedelta(days=1)
            day = self._step(day, 1)
            self.moved[seed] = previous = day

    @staticmethod
    def _step(day, direction):
        while not is_working_day(day):
            day += dt.timedelta(days=direction)
        return day

    def date(self, day):
        """The shifted seed ``day`` (``datetime.date``), always a working day."""
        if day in self.moved:
            return self.moved[day]
        if day < content.TRAJET_START:
            return self._step(day + self.offset, -1)
        last = max(self.moved.values())
        return self._step(max(day + self.offset, last + dt.timedelta(days=1)), 1)

    @property
    def year(self):
        """The trajet's year: that of its (shifted) first day; in its titles and slugs."""
        return self.date(content.TRAJET_START).year

    def words(self):
        """The timeline's dates in French words, for the ``{placeholders}`` of ``content``."""
        next_meeting = self.date(content.MEETING["next_meeting"]["date"])
        return {
            "trajet_start": french_date(self.date(content.TRAJET_START), weekday=True),
            "visit": french_date(self.date(content.VISIT["date"]), weekday=True),
            "visit_short": french_date(self.date(content.VISIT["date"]), year=False),
            "meeting": french_date(self.date(content.MEETING["date"])),
            "next_meeting": french_date(next_meeting),
            "year": self.year,
            # The September after the next meeting ("Rentrée 2017" for a meeting in June 2017).
            "rentree_year": next_meeting.year + (next_meeting.month > 9),
        }

    def at(self, day, hour_minute):
        """Aware datetime (Europe/Brussels) on the shifted ``day`` at local ``(hour, minute)``."""
        return local_datetime(self.date(day), dt.time(*hour_minute))


def _comparable(model, name, value):
    """``value`` of field ``name`` as it would be stored, for comparing: StreamField data is normalised through
    its block and compared without the random block ids; model instances by primary key."""
    field = model._meta.get_field(name)
    if isinstance(field, StreamField):
        block = field.stream_block
        return _without_ids(json.loads(json.dumps(block.get_prep_value(block.normalize(value)), default=str)))
    if isinstance(value, Model):
        return value.pk
    return value


def _without_ids(node):
    if isinstance(node, dict):
        return {key: _without_ids(item) for key, item in node.items() if key != "id"}
    if isinstance(node, list):
        return [_without_ids(item) for item in node]
    return node


def _children_signature(page, relation, field):
    return [(getattr(child, f"{field}_id"), child.sort_order) for child in getattr(page, relation).all()]


def _children(child_model, field, objects):
    """Orderable rows pointing to ``objects``, with an explicit ``sort_order`` (their order on the page)."""
    return [child_model(**{field: obj}, sort_order=index) for index, obj in enumerate(objects)]


def upsert_page(parent, model, slug, fields, children=None, find=None):
    """Create ``model`` under ``parent`` with ``slug``, or update it; publish only when something changed.

    :param children: ``{relation_name: (child_model, field_name, [related objects])}`` for orderable rows.
    :param find: a queryset of ``model`` whose first page is the one to update (default: the child of ``parent``
        with ``slug``), for a page whose slug follows the timeline; its slug then becomes ``slug``.
    :returns: ``(page, changed)``.
    """
    page = (find if find is not None else model.objects.child_of(parent).filter(slug=slug)).first()
    children = children or {}
    if page is None:
        page = model(slug=slug, **fields)
        for relation, (child_model, field, objects) in children.items():
            setattr(page, relation, _children(child_model, field, objects))
        parent.add_child(instance=page)
        page.save_revision().publish()
        return page, True
    changed = page.slug != slug or any(
        _comparable(model, name, getattr(page, name)) != _comparable(model, name, value)
        for name, value in fields.items()
    )
    page.slug = slug
    for name, value in fields.items():
        setattr(page, name, value)
    for relation, (child_model, field, objects) in children.items():
        if _children_signature(page, relation, field) != [(obj.pk, index) for index, obj in enumerate(objects)]:
            changed = True
            setattr(page, relation, _children(child_model, field, objects))
    if changed or not page.live:
        page.save_revision().publish()
    return page, changed


def build_snippets():
    orgs = {}
    default = Locale.get_default()
    for name, short, website in content.ORGANISATIONS:
        org, _ = Organisation.objects.update_or_create(
            name=name, locale=default, defaults={"short_name": short, "website": website}
        )
        orgs[short or name] = org
    communes = {c.slug: c for c in Commune.objects.filter(locale=default)}
    venues = {}
    for key, name, street, commune_slug in content.VENUES:
        venue, _ = Venue.objects.update_or_create(
            name=name, locale=default, defaults={"street": street, "commune": communes[commune_slug], "postcode": ""}
        )
        venues[key] = venue
    return orgs, communes, venues


def build_home():
    """The French home page as the default Site's root (replacing Wagtail's placeholder welcome page)."""
    root = Page.get_first_root_node()
    locale = Locale.get_default()
    home = HomePage.objects.filter(locale=locale, depth=2).first()
    if home is None:
        # Wagtail's first migration leaves a plain "Welcome" page at slug "home": it gives way to ours.
        Page.objects.filter(depth=2, slug="home", content_type__model="page").delete()
        root.refresh_from_db()
        home, _ = upsert_page(root, HomePage, "home", {"title": content.HOME["title"], "intro": content.HOME["intro"]})
    else:
        upsert_page(root, HomePage, home.slug, {"title": content.HOME["title"], "intro": content.HOME["intro"]})
    site = Site.objects.filter(is_default_site=True).first()
    if site is None:
        Site.objects.create(
            hostname="localhost", port=80, root_page=home, is_default_site=True, site_name="Trajet emploi"
        )
    elif site.root_page_id != home.pk:
        site.root_page = home
        site.save()
    return home


def _stream(blocks, orgs, timeline, day):
    data = []
    for kind, value in blocks:
        if kind == "programme":
            steps = [{"time": dt.time(*hm), "title": title, "description": text} for hm, title, text in value]
            data.append(("programme", {"title": "Programme", "steps": steps}))
        elif kind == "partners":
            data.append(("partners", {"title": "Partenaires présents", "organisations": [orgs[o] for o in value]}))
        else:
            data.append((kind, value))
    return data


def build_agenda(home, timeline, orgs, communes, venues):
    agenda, _ = upsert_page(
        home, AgendaPage, content.AGENDA["slug"], {"title": content.AGENDA["title"], "intro": content.AGENDA["intro"]}
    )
    t = content.TRAJET
    words = timeline.words()
    # The trajet's slug carries its year: the page of an earlier run (another year) is the one updated.
    slug_stem = t["slug"].format(year="")
    trajet, _ = upsert_page(
        agenda,
        TrajetPage,
        t["slug"].format(**words),
        {
            "title": t["title"].format(**words),
            "start_date": timeline.date(content.TRAJET_START),
            "end_date": timeline.date(content.TRAJET_START + dt.timedelta(days=t["end_offset_days"])),
            "intro": t["intro"],
            "steering_committee": t["steering_committee"],
        },
        find=TrajetPage.objects.child_of(agenda).filter(slug__startswith=slug_stem).order_by("pk"),
    )
    activities = []
    for spec in content.ACTIVITIES:
        day = content.TRAJET_START + dt.timedelta(days=spec["day"])
        page, _ = upsert_page(
            trajet,
            EventPage,
            spec["slug"],
            {
                "title": spec["title"],
                "phase": spec["phase"],
                "summary": spec["summary"],
                "start": timeline.at(day, spec["start"]),
                "end": timeline.at(day, spec["end"]),
                "commune": communes[spec["commune"]],
                "venue": venues[spec["venue"]] if spec["venue"] else None,
                "capacity": spec.get("capacity"),
                "registration_required": spec["registration_required"],
                "registration_info": spec.get("registration_info", ""),
                "registration_open": spec.get("registration_open", False),
                "body": _stream(spec["body"], orgs, timeline, day),
            },
            children={
                "other_communes": (ScheduledPageCommune, "commune", [communes[s] for s in spec["other_communes"]]),
                "organisers": (ScheduledPageOrganiser, "organisation", [orgs[o] for o in spec["organisers"]]),
            },
        )
        activities.append(page)
    v = content.VISIT
    visit, _ = upsert_page(
        agenda,
        VisitPage,
        v["slug"],
        {
            "title": v["title"],
            "summary": v["summary"],
            "start": timeline.at(v["date"], v["start"]),
            "end": timeline.at(v["date"], v["end"]),
            "commune": communes[v["commune"]],
            "venue": venues[v["venue"]],
            "meeting_point": v["meeting_point"],
            "max_per_organisation": v["max_per_organisation"],
            "audience": v["audience"],
            "registration_required": v["registration_required"],
            "registration_info": v["registration_info"],
            "capacity": v.get("capacity"),
            "registration_open": v.get("registration_open", False),
            "itinerary": [
                ("stop", {"time": dt.time(*hm), "place": place, "address": address, "description": text})
                for hm, place, address, text in v["itinerary"]
            ],
            "meals": [("meal", {"label": label, "price": Decimal(price)}) for label, price in v["meals"]],
            "body": [("paragraph", v["intro"])],
        },
        children={
            "other_communes": (ScheduledPageCommune, "commune", [communes[s] for s in v["other_communes"]]),
            "organisers": (ScheduledPageOrganiser, "organisation", [orgs[o] for o in v["organisers"]]),
        },
    )
    return agenda, trajet, activities, visit


def build_minutes(home, timeline, orgs):
    m = content.MINUTES_INDEX
    index, _ = upsert_page(home, MinutesIndexPage, m["slug"], {"title": m["title"], "intro": m["intro"]})
    spec = content.MEETING
    nxt = spec["next_meeting"]
    words = timeline.words()
    agenda = []
    for item in spec["agenda"]:
        agenda.append(
            (
                "item",
                {
                    "title": item["title"].format(**words),
                    "discussion": item["discussion"].format(**words),
                    "decisions": [decision.format(**words) for decision in item["decisions"]],
                    "actions": [_action(what, who, due, orgs, timeline) for what, who, due in item["actions"]],
                },
            )
        )
    meeting, _ = upsert_page(
        index,
        MeetingPage,
        spec["slug"],
        {
            "title": spec["title"].format(**words),
            "start": timeline.at(spec["date"], spec["time"]),
            "agenda": agenda,
            "next_meeting_start": timeline.at(nxt["date"], nxt["time"]),
            "next_meeting_place": nxt["place"],
            "next_meeting_to_be_confirmed": nxt["to_be_confirmed"],
            "next_meeting_agenda": nxt["agenda"].format(**words),
        },
        children={
            "organisations_present": (
                MeetingOrganisation,
                "organisation",
                [orgs[o] for o in spec["organisations_present"]],
            ),
        },
    )
    return index, meeting, prepare_demo_next_meeting(meeting)


def _action(what, who, due, orgs, timeline):
    """An action block's value; the coordination's actions are the CZS's (see ``content``)."""
    days = {"trajet_start": content.TRAJET_START, "next_meeting": content.MEETING["next_meeting"]["date"]}
    return {
        "what": what,
        "who": who,
        "due": timeline.date(days[due]) if due else None,
        "organisation": orgs["CZS"] if who == "La coordination" else None,
    }


def prepare_demo_next_meeting(meeting):
    """The draft of the next meeting, prepared as the admin's "Préparer la prochaine réunion" does; when the
    timeline moved (``--shift-to``), the same draft is brought up to date (new revision, still a draft)."""
    draft, created = prepare_next_meeting(meeting)
    if created:
        return draft
    wanted = next_meeting_fields(meeting)
    latest = draft.get_latest_revision_as_object()
    if all(_comparable(MeetingPage, name, getattr(latest, name)) == _comparable(MeetingPage, name, value)
           for name, value in wanted.items()):  # fmt: skip
        return draft
    for name, value in wanted.items():
        setattr(draft, name, value)
    draft.draft_title = draft.title
    draft.save()
    draft.save_revision()
    return draft


def build_standard_pages(home):
    """The privacy notice and the accessibility statement, linked from the site settings."""
    pages = []
    for spec in (content.PRIVACY_PAGE, content.ACCESSIBILITY_PAGE):
        page, _ = upsert_page(
            home, StandardPage, spec["slug"], {"title": spec["title"], "intro": spec["intro"], "body": spec["body"]}
        )
        pages.append(page)
    site = Site.objects.get(is_default_site=True)
    site_settings = SiteSettings.for_site(site)
    if (site_settings.privacy_page_id, site_settings.accessibility_page_id) != (pages[0].pk, pages[1].pk):
        site_settings.privacy_page, site_settings.accessibility_page = pages
        site_settings.save()
    return pages


@transaction.atomic
def load(shift_to=None):
    """Build the whole demo site. ``shift_to``: a Monday (``datetime.date``) on which the trajet starts.

    :raises ValueError: if ``shift_to`` is not a Monday.
    :returns: dict of the main pages (home, agenda, trajet, activities, visit, minutes_index, meeting, next_meeting:
        the draft of the meeting after it) and
        ``translations``: ``{"nl"|"en": {home, agenda, trajet, visit}}`` (see ``home.demo.translations``).
    """
    timeline = Timeline(shift_to)
    orgs, communes, venues = build_snippets()
    home = build_home()
    agenda, trajet, activities, visit = build_agenda(home, timeline, orgs, communes, venues)
    minutes_index, meeting, next_meeting = build_minutes(home, timeline, orgs)
    privacy, accessibility = build_standard_pages(home)
    registrations.load(activities, visit, orgs)
    pages = {
        "home": home,
        "agenda": agenda,
        "trajet": trajet,
        "activities": activities,
        "visit": visit,
        "minutes_index": minutes_index,
        "meeting": meeting,
        "next_meeting": next_meeting,
        "privacy": privacy,
        "accessibility": accessibility,
    }
    pages["translations"] = translations.translate(pages, timeline)
    return pages
