"""A small agenda with known values for the tests of the agenda's outputs (API, iCalendar, feeds, JSON-LD,
embed): activities on both sides of the 2017 daylight-saving changes, a visit day, a restricted activity,
and the partners' minutes."""

import datetime as dt
from decimal import Decimal
from types import SimpleNamespace

from wagtail.models import PageViewRestriction
from wagtail.rich_text import RichText

from events.models import Phase, ScheduledPageCommune, ScheduledPageOrganiser

from .factories import (
    EventPageFactory,
    MeetingPageFactory,
    MinutesIndexPageFactory,
    OrganisationFactory,
    TrajetPageFactory,
    VenueFactory,
    VisitPageFactory,
    brussels,
    commune,
)


def link(page, *, communes=(), organisers=()):
    """Give ``page`` other communes (slugs) and organisers (Organisation objects), in this order."""
    for order, slug in enumerate(communes):
        ScheduledPageCommune.objects.create(page=page, commune=commune(slug), sort_order=order)
    for order, organisation in enumerate(organisers):
        ScheduledPageOrganiser.objects.create(page=page, organisation=organisation, sort_order=order)


def build(home, agenda):
    """Pages under ``agenda`` (and the minutes under ``home``); returns them by name.

    - ``cv``: Forest, outillage, Saturday 25 March 2017 09:30–12:30 (CET, +01:00), 12 places, registration;
    - ``dst``: Saint-Gilles, orientation, Sunday 26 March 2017 09:30–12:30 (CEST, +02:00: the first day of
      summer time), via Forest and Uccle;
    - ``october``: Uccle, découverte des métiers, Sunday 29 October 2017 09:30–12:30 (back to CET, +01:00);
    - ``visit``: visit day, Thursday 18 May 2017 08:30–16:30, Molenbeek, with itinerary and meals;
    - ``secret``: Forest, under a login restriction; ``minutes``/``meeting``: the partners' space.
    """
    mef = OrganisationFactory(
        name="Maison de l'emploi de Forest", short_name="MEF Forest", website="https://mef.example"
    )
    smart = OrganisationFactory(name="Smart")
    venue = VenueFactory(name="Maison de l'emploi", street="Rue du Curé 2", postcode="1190", commune=commune("forest"))
    trajet = TrajetPageFactory(
        parent=agenda, title="Trajet emploi 2017", start_date=dt.date(2017, 3, 20), end_date=dt.date(2017, 11, 1)
    )
    cv = EventPageFactory(
        parent=trajet,
        title="Atelier CV; lettre, et \\ entretien",
        slug="atelier-cv",
        phase=Phase.OUTILLAGE,
        start=brussels(2017, 3, 25, 9, 30),
        end=brussels(2017, 3, 25, 12, 30),
        commune=commune("forest"),
        venue=venue,
        capacity=12,
        registration_required=True,
        registration_open=True,
        registration_info="Par téléphone au 02 555 55 55",
        summary="Rédiger son CV, sa lettre de motivation, et préparer l'entretien d'embauche.",
        body=[("paragraph", RichText(f'<p>Voir <a linktype="page" id="{agenda.pk}">l\'agenda</a>.</p>'))],
    )
    link(cv, organisers=[mef, smart])
    dst = EventPageFactory(
        parent=trajet,
        title="Portes ouvertes",
        slug="portes-ouvertes",
        phase=Phase.ORIENTATION,
        start=brussels(2017, 3, 26, 9, 30),
        end=brussels(2017, 3, 26, 12, 30),
        commune=commune("saint-gilles"),
    )
    link(dst, communes=["forest", "uccle"])
    october = EventPageFactory(
        parent=trajet,
        title="Métiers de la construction",
        slug="construction",
        phase=Phase.DECOUVERTE,
        start=brussels(2017, 10, 29, 9, 30),
        end=brussels(2017, 10, 29, 12, 30),
        commune=commune("uccle"),
    )
    visit = VisitPageFactory(
        parent=agenda,
        title="Journée de visites",
        slug="journee-de-visites",
        start=brussels(2017, 5, 18, 8, 30),
        end=brussels(2017, 5, 18, 16, 30),
        commune=commune("molenbeek-saint-jean"),
        meeting_point="Gare du Midi, sortie Fonsny",
        capacity=20,
        registration_required=True,
        registration_open=True,
        itinerary=[
            (
                "stop",
                {
                    "time": dt.time(8, 30),
                    "place": "MEF de Molenbeek",
                    "address": "Rue Ransfort 27",
                    "description": "Accueil",
                },
            ),
            ("stop", {"time": dt.time(13, 0), "place": "Atelier", "address": "", "description": ""}),
        ],
        meals=[("meal", {"label": "Plat du jour", "price": Decimal("12.5")})],
    )
    link(visit, communes=["bruxelles"], organisers=[mef])
    secret = EventPageFactory(
        parent=trajet,
        title="Atelier réservé aux partenaires",
        slug="atelier-reserve",
        start=brussels(2017, 4, 3, 9, 30),
        commune=commune("forest"),
    )
    PageViewRestriction.objects.create(page=secret, restriction_type=PageViewRestriction.LOGIN)
    minutes = MinutesIndexPageFactory(parent=home)
    meeting = MeetingPageFactory(parent=minutes, title="Réunion du comité confidentielle", slug="reunion-comite")
    return SimpleNamespace(
        trajet=trajet,
        cv=cv,
        dst=dst,
        october=october,
        visit=visit,
        secret=secret,
        minutes=minutes,
        meeting=meeting,
        venue=venue,
        mef=mef,
        smart=smart,
    )
