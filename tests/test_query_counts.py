"""Every public door runs the same number of SQL queries at 5 and at 200 items (activities, visits, past
activities, registrations, other communes, organisers), and at most a fixed bound.

The site is built once for the module (inside one transaction rolled back at the end, as Django's
``setUpTestData`` does); each door is counted at 5 items, 195 more are added, and each door is counted again.
Counts are taken with the anonymous page cache invalidated (the content version bumped) after one warm-up
request, so they measure the page's own work with the per-process caches of a running server (site root paths,
content types) already filled.
"""

import datetime as dt
import itertools

import pytest
from django.core.cache import cache
from django.db import connection, transaction
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from wagtail.models import Page, Site

from cms.cache import bump_content_version
from cms.models import Commune
from events.models import Phase
from registrations.models import Registration

from . import agenda_scenario
from .factories import (
    AgendaPageFactory,
    EventPageFactory,
    HomePageFactory,
    OrganisationFactory,
    TrajetPageFactory,
    VisitPageFactory,
)

# The test database is set up only for modules that ask for it.
pytestmark = pytest.mark.django_db

SMALL, LARGE = 5, 200
PHASES = [Phase.ORIENTATION, Phase.DECOUVERTE, Phase.OUTILLAGE]

# Door → (URL, upper bound of SQL queries per request). The URLs of pages are filled in by ``counts``. The bounds
# are today's counts. A page costs the site, the active Locale, the home page, every page on its path at once and
# the page reached (``cms.routing``), its view restrictions in one query (``cms.privacy.restrictions_on_path``),
# its translations for the language switcher and the navigation's targets in one (``site_nav``).
DOORS = {
    "home": ("/fr/", 15),
    "agenda": ("/fr/agenda/", 18),
    "filtered agenda": ("/fr/agenda/?commune=forest&phase=orientation&type=activity", 18),
    "past archive": ("/fr/agenda/?when=past", 18),
    "trajet": ("{trajet}", 14),
    "activity": ("{activity}", 12),
    "visit": ("{visit}", 14),
    # Only activities match: each page type among the results costs one query (``specific``), not each result.
    "search": ("/fr/search/?query=atelier", 12),
    "API list": ("/api/v2/pages/?type=events.EventPage&fields=*", 10),
    "API detail": ("/api/v2/pages/{activity_id}/", 17),
    "iCal": ("/agenda/ical/", 10),
    "RSS": ("/agenda/rss/", 12),
    "Atom": ("/agenda/atom/", 12),
    "embed": ("/agenda/embed/", 12),
    "sitemap": ("/sitemap.xml", 10),
}


def count_queries(client, url):
    """SQL queries of one anonymous GET of ``url`` (status 200 required), the anonymous cache invalidated."""
    client.get(url)  # warm the per-process caches (site root paths, content types...)
    bump_content_version()
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200, (url, response.status_code)
    return len(queries)


def count_doors(urls):
    client = Client()
    return {door: count_queries(client, url) for door, url in urls.items()}


class Items:
    """Adds items to the site in a round-robin over communes, phases, past and upcoming, activities and visits."""

    def __init__(self, agenda, trajet, activity, visit):
        self.agenda, self.trajet, self.activity, self.visit = agenda, trajet, activity, visit
        self.communes = list(Commune.objects.filter(locale__language_code="fr").order_by("pk"))
        self.organisations = [OrganisationFactory(name=f"Partenaire {n}") for n in range(6)]
        self.serial = itertools.count()
        self.added = 0

    def add(self, count):
        now = timezone.now()
        registrations = []
        for _ in range(count):
            n = next(self.serial)
            commune = self.communes[n % len(self.communes)]
            days = -(n % 7) - 1 if n % 4 == 3 else n % 30 + 1  # one in four in the past (the archive)
            start = now + dt.timedelta(days=days, hours=n % 5)
            if n % 5 == 4:
                page = VisitPageFactory(
                    parent=self.agenda, title=f"Visite {n}", start=start, commune=commune, capacity=10
                )
            else:
                page = EventPageFactory(
                    parent=self.trajet,
                    title=f"Atelier emploi {n}",
                    start=start,
                    end=start + dt.timedelta(hours=3),
                    commune=commune,
                    phase=PHASES[n % 3],
                    capacity=5,
                    registration_open=True,
                )
            others = [c.slug for c in self.communes[n % 3 : n % 3 + 2] if c.pk != commune.pk]
            agenda_scenario.link(page, communes=others, organisers=self.organisations[n % 4 : n % 4 + 2])
            registrations.append(Registration(page=page, name=f"Personne {n}", status="confirmed"))
            # The two measured pages gather registrations and organisations as items grow.
            for target in (self.activity, self.visit):
                registrations.append(
                    Registration(
                        page=target,
                        name=f"Personne {n}",
                        email=f"p{n}@example.org",
                        status="confirmed" if n % 2 else "waiting",
                        organisation=self.organisations[n % len(self.organisations)],
                    )
                )
        Registration.objects.bulk_create(registrations)
        self.added += count


@pytest.fixture(scope="module")
def counts(django_db_setup, django_db_blocker):
    """``{"small": {door: queries}, "large": {door: queries}, "urls": {door: url}}``, built once."""
    with django_db_blocker.unblock(), transaction.atomic():
        cache.clear()
        root = Page.get_first_root_node()
        Page.objects.filter(depth=2).delete()
        root.refresh_from_db()
        home = HomePageFactory(parent=root, slug="home")
        Site.objects.update_or_create(is_default_site=True, defaults={"hostname": "localhost", "root_page": home})
        agenda = AgendaPageFactory(parent=home)
        trajet = TrajetPageFactory(
            parent=agenda,
            title="Trajet emploi",
            start_date=timezone.localdate(),
            end_date=timezone.localdate() + dt.timedelta(days=60),
        )
        start = timezone.now() + dt.timedelta(days=3)
        forest = Commune.objects.get(slug="forest", locale__language_code="fr")
        activity = EventPageFactory(
            parent=trajet,
            title="Atelier emploi mesuré",
            start=start,
            end=start + dt.timedelta(hours=3),
            commune=forest,
            capacity=50,
            registration_open=True,
        )
        visit = VisitPageFactory(
            parent=agenda, title="Visite mesurée", start=start, commune=forest, capacity=50, registration_open=True
        )
        items = Items(agenda, trajet, activity, visit)
        agenda_scenario.link(activity, communes=["uccle", "saint-gilles"], organisers=items.organisations[:2])
        agenda_scenario.link(visit, organisers=items.organisations[:2])
        urls = {
            door: url.format(trajet=trajet.url, activity=activity.url, visit=visit.url, activity_id=activity.pk)
            for door, (url, _) in DOORS.items()
        }
        items.add(SMALL)
        small = count_doors(urls)
        items.add(LARGE - SMALL)
        large = count_doors(urls)
        try:
            yield {"small": small, "large": large, "urls": urls}
        finally:
            transaction.set_rollback(True)
            cache.clear()


@pytest.mark.parametrize("door", DOORS)
def test_queries_do_not_grow_with_items(counts, door):
    assert counts["large"][door] == counts["small"][door], (
        f"{door}: {counts['small'][door]} queries at {SMALL} items, {counts['large'][door]} at {LARGE}"
    )


@pytest.mark.parametrize("door", DOORS)
def test_queries_stay_under_the_bound(counts, door, client, django_assert_max_num_queries):
    url = counts["urls"][door]
    client.get(url)
    bump_content_version()
    with django_assert_max_num_queries(DOORS[door][1]):
        assert client.get(url).status_code == 200
