"""The public agenda: AgendaPage → TrajetPage → EventPage (activities), AgendaPage → VisitPage (visit days).

EventPage and VisitPage share ``ScheduledPage`` (multi-table inheritance) so that the agenda is one query over
one table, ordered and paginated by the database, whatever mix of activities and visits it shows.
"""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.core.validators import MinValueValidator
from django.db import models
from django.db.models import Prefetch, prefetch_related_objects
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel
from wagtail.api import APIField
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Orderable, Page, PageManager
from wagtail.search import index

from cms.blocks import BaseStreamBlock
from cms.cache import AnonymousCacheMixin, PublicPageMixin
from cms.models import Commune
from cms.privacy import visible_to
from registrations.pages import MealOption, RegistrationPageMixin, with_places

from . import serializers as api
from .agenda import AgendaQuerySet
from .blocks import EventBodyBlock, ItineraryStopBlock, MealBlock
from .choices import EventStatus, Phase
from .forms import AgendaFilterForm


class AgendaPage(AnonymousCacheMixin, Page):
    """The public listing of upcoming activities and visits, with filters (``events.forms.AgendaFilterForm``)."""

    intro = RichTextField(_("introduction"), blank=True, features=["bold", "italic", "link"])

    content_panels = Page.content_panels + [FieldPanel("intro")]
    search_fields = Page.search_fields + [index.SearchField("intro")]
    api_fields = [APIField("intro", serializer=api.RichTextHTMLField())]

    parent_page_types = ["home.HomePage"]
    subpage_types = ["events.TrajetPage", "events.VisitPage"]
    max_count_per_parent = 1

    class Meta:
        verbose_name = _("agenda")

    def get_context(self, request, *args, **kwargs):
        """Adds ``filter_form``, ``filters`` (``AgendaFilters``), ``page_obj`` (``AGENDA_PAGE_SIZE`` items a page),
        ``items`` and ``is_filtered``."""
        context = super().get_context(request, *args, **kwargs)
        form = AgendaFilterForm(request.GET, Commune.objects.choices(self.locale))
        filters = form.filters()
        paginator = Paginator(
            ScheduledPage.objects.agenda(request, filters, locale=self.locale), settings.AGENDA_PAGE_SIZE
        )
        page_obj = paginator.get_page(request.GET.get("page"))
        context.update(
            {
                "filter_form": form,
                "filters": filters,
                "page_obj": page_obj,
                "items": page_obj.object_list,
                "is_filtered": any([filters.commune, filters.phase, filters.kind, filters.date_from, filters.date_to]),
            }
        )
        return context


class TrajetPage(PublicPageMixin, Page):
    """One year's Trajet emploi: its dates and its activities, shown grouped by phase in date order."""

    start_date = models.DateField(_("début"), help_text=_("Premier jour du trajet."))
    end_date = models.DateField(_("fin"), help_text=_("Dernier jour du trajet."))
    intro = RichTextField(_("introduction"), blank=True, features=["bold", "italic", "link", "ul", "ol"])
    steering_committee = RichTextField(
        _("comité de pilotage"),
        blank=True,
        features=["bold", "italic", "link", "ul"],
        help_text=_("Qui pilote le trajet (structures, rôles)."),
    )

    content_panels = Page.content_panels + [
        FieldRowPanel([FieldPanel("start_date"), FieldPanel("end_date")], heading=_("Dates")),
        FieldPanel("intro"),
        FieldPanel("steering_committee"),
    ]
    search_fields = Page.search_fields + [index.SearchField("intro"), index.SearchField("steering_committee")]
    api_fields = [
        APIField("start_date"),
        APIField("end_date"),
        APIField("intro", serializer=api.RichTextHTMLField()),
        APIField("steering_committee", serializer=api.RichTextHTMLField()),
    ]

    parent_page_types = ["events.AgendaPage"]
    subpage_types = ["events.EventPage"]

    class Meta:
        verbose_name = _("trajet emploi")
        verbose_name_plural = _("trajets emploi")

    def clean(self):
        super().clean()
        if self.start_date and self.end_date and self.end_date < self.start_date:
            raise ValidationError({"end_date": _("La fin du trajet doit suivre son début.")})

    def activities_by_phase(self, request):
        """``[(Phase, [EventPage, ...]), ...]`` in phase order, each list by start; phases without activity omitted."""
        activities = with_places(
            visible_to(
                EventPage.objects.child_of(self).live().select_related("commune", "venue__commune").order_by("start"),
                request,
            )
        ).prefetch_related("other_communes__commune")
        groups = []
        for phase in Phase:
            items = [activity for activity in activities if activity.phase == phase.value]
            if items:
                groups.append((phase, items))
        return groups

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["phases"] = self.activities_by_phase(request)
        return context


class ScheduledPage(PublicPageMixin, RegistrationPageMixin, Page):
    """What EventPage and VisitPage share: when, where, who organises, how many may come.

    ``start`` and ``end`` are aware datetimes, stored in UTC and shown in Europe/Brussels.
    Not creatable on its own.

    Online registration (``registrations.pages.RegistrationPageMixin``): the French (default-locale) page holds the registrations
    and the capacity; its translations share them (see ``registration_page``). Routes: the page itself (GET
    shows the form, POST registers, then redirects) and ``annuler/<token>/`` (cancel by signed link).
    """

    @classmethod
    def route_queryset(cls, request):
        """The page reached by ``cms.routing`` comes with its locale, commune and venue; for a GET, with its
        organisers and other communes too (shown on the page; a registration's POST shows nothing)."""
        queryset = super().route_queryset(request).select_related("locale", "commune", "venue")
        if request.method in ("GET", "HEAD"):
            queryset = queryset.prefetch_related(*ScheduledPage.detail_prefetch())
        return queryset

    @staticmethod
    def detail_prefetch():
        """The organisers and the other communes with their snippets: two queries for any number of them."""
        return [
            Prefetch("organisers", queryset=ScheduledPageOrganiser.objects.select_related("organisation")),
            Prefetch("other_communes", queryset=ScheduledPageCommune.objects.select_related("commune")),
        ]

    start = models.DateTimeField(_("début"), db_index=True, help_text=_("Date et heure de début (heure de Bruxelles)."))
    end = models.DateTimeField(_("fin"), db_index=True, help_text=_("Date et heure de fin ; après le début."))
    commune = models.ForeignKey(
        "cms.Commune",
        verbose_name=_("commune principale"),
        on_delete=models.PROTECT,
        related_name="+",
        help_text=_("La commune où l'activité a lieu (ou commence)."),
    )
    venue = models.ForeignKey(
        "cms.Venue",
        verbose_name=_("lieu"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        help_text=_("Laissez vide si le lieu n'est pas encore connu."),
    )
    capacity = models.PositiveIntegerField(
        _("nombre de places"),
        null=True,
        blank=True,
        validators=[MinValueValidator(1, _("Le nombre de places doit être d'au moins 1 (laissez vide si illimité)."))],
        help_text=_("Laissez vide s'il n'y a pas de limite."),
    )
    registration_required = models.BooleanField(
        _("sur inscription"), default=False, help_text=_("Cochez si les participants doivent s'inscrire.")
    )
    summary = models.TextField(
        _("résumé"), max_length=400, blank=True, help_text=_("Une ou deux phrases reprises dans l'agenda.")
    )
    registration_info = models.TextField(
        _("comment s'inscrire"),
        blank=True,
        help_text=_("Par exemple : « par téléphone au 02 … » ou « à l'accueil de la MEF »."),
    )
    registration_open = models.BooleanField(
        _("inscription en ligne"),
        default=False,
        help_text=_(
            "Cochez pour afficher le formulaire d'inscription sur la page. Au-delà du nombre de places, "
            "les personnes sont mises en liste d'attente."
        ),
    )
    registration_deadline = models.DateTimeField(
        _("clôture des inscriptions"),
        null=True,
        blank=True,
        help_text=_("Date et heure (heure de Bruxelles) ; vide = jusqu'au début de l'activité."),
    )
    status = models.CharField(
        _("statut"),
        max_length=20,
        choices=EventStatus.choices,
        default=EventStatus.SCHEDULED,
        db_index=True,
        help_text=_(
            "« Annulée » ou « reportée » : la page, l'agenda et les calendriers l'indiquent, les inscriptions se "
            "ferment et chaque personne inscrite reçoit un e-mail à la publication."
        ),
    )
    # RFC 5545 SEQUENCE: raised each time a published change of status, date, time or place is announced
    # (``events.schedule``); the start and end before the last change of date (schema.org previousStartDate).
    sequence = models.PositiveIntegerField(_("révision du calendrier"), default=0, editable=False)
    previous_start = models.DateTimeField(_("début précédent"), null=True, blank=True, editable=False)
    previous_end = models.DateTimeField(_("fin précédente"), null=True, blank=True, editable=False)

    search_fields = Page.search_fields + [
        index.SearchField("summary"),
        index.SearchField("registration_info"),
        index.FilterField("start"),
    ]

    # The Wagtail API v2 (/api/v2/pages/): shapes documented in events.serializers.
    api_fields = [
        APIField("summary"),
        APIField("start", serializer=api.LocalDateTimeField()),
        APIField("end", serializer=api.LocalDateTimeField()),
        APIField("phase", serializer=api.PhaseField()),
        APIField("commune", serializer=api.CommuneField()),
        APIField("other_communes", serializer=api.OtherCommunesField()),
        APIField("venue", serializer=api.VenueField()),
        APIField("capacity"),
        APIField("places_left"),
        APIField("status"),
        APIField("registration", serializer=api.RegistrationField()),
        APIField("organisers", serializer=api.OrganisersField()),
    ]

    schedule_panels = [
        FieldRowPanel([FieldPanel("start"), FieldPanel("end")], heading=_("Quand")),
        MultiFieldPanel(
            [
                FieldPanel("commune"),
                InlinePanel("other_communes", heading=_("Autres communes"), label=_("Autre commune")),
                FieldPanel("venue"),
            ],
            heading=_("Où"),
        ),
        InlinePanel("organisers", heading=_("Organisateurs"), label=_("Organisateur")),
        MultiFieldPanel(
            [
                FieldPanel("capacity"),
                FieldPanel("registration_required"),
                FieldPanel("registration_info"),
                FieldPanel("registration_open"),
                FieldPanel("registration_deadline"),
                FieldPanel("status"),
            ],
            heading=_("Places et inscription"),
        ),
    ]

    is_creatable = False

    # ``ScheduledPage.objects.agenda(...)``: the agenda query (``events.agenda.AgendaQuerySet``).
    objects = PageManager.from_queryset(AgendaQuerySet)()

    def get_context(self, request, *args, **kwargs):
        # The header, the communes line and JSON-LD each read the organisers and the other communes: two queries
        # in all instead of one per use and one per organisation or commune.
        prefetch_related_objects([self], *self.detail_prefetch())
        return super().get_context(request, *args, **kwargs)

    class Meta:
        verbose_name = _("activité ou visite")
        verbose_name_plural = _("activités et visites")

    def clean(self):
        super().clean()
        if self.start and self.end and self.end <= self.start:
            raise ValidationError({"end": _("La fin doit être postérieure au début.")})
        if self.registration_deadline and self.end and self.registration_deadline > self.end:
            raise ValidationError({"registration_deadline": _("La clôture des inscriptions doit précéder la fin.")})

    def organisation_quota(self):
        """``max_per_organisation`` when this row is a visit day, else ``None`` (one query; the subclasses answer
        without one). The allocation locks plain ``ScheduledPage`` rows, hence the query."""
        return VisitPage.objects.filter(pk=self.pk).values_list("max_per_organisation", flat=True).first()

    def is_public_view(self, request, view=None, *args, **kwargs):
        """The page itself (its form holds a CSRF token, so the cache keeps it only without an open form); never
        a registration's outcome or its cancel link, which are someone's."""
        return view is None or getattr(view, "__name__", "") == "registration_view"

    @property
    def cancelled(self):
        return self.status == EventStatus.CANCELLED

    @property
    def postponed(self):
        return self.status == EventStatus.POSTPONED

    @property
    def status_choice(self):
        """The ``EventStatus`` (its ``label`` is the mark shown on cards and pages)."""
        return EventStatus(self.status)

    @property
    def is_past(self):
        return self.end < timezone.now()

    @property
    def kind(self):
        """ "activity" or "visit": the agenda's ``type`` filter values."""
        return "visit" if self.content_type.model == "visitpage" else "activity"

    @property
    def partners_only(self):
        """True for a visit day: only partners register (its form asks for their partner organisation), and its
        cards and search results say "Réservé aux partenaires" instead of the places left."""
        return self.kind == "visit"

    @classmethod
    def prepare_for_listing(cls, pages):
        """Ready ``pages`` (specific pages of this family, e.g. search results) for their listing facts: the
        places left (``with_places``) and the communes, with a fixed number of queries (``cms.listing``)."""
        super().prepare_for_listing(pages)
        prefetch_related_objects(pages, "commune", "other_communes__commune")

    @property
    def phase_choice(self):
        """The activity's ``Phase`` (None for a visit); reads the already-joined EventPage row, no query."""
        try:
            return Phase(self.eventpage.phase)
        except (EventPage.DoesNotExist, AttributeError):
            return Phase(self.phase) if getattr(self, "phase", None) else None

    @property
    def visit_meeting_point(self):
        """A visit's meeting point, "" for an activity; reads the joined ``visitpage`` row of a ScheduledPage."""
        if self.kind != "visit":
            return ""
        return (self if hasattr(self, "meeting_point") else self.visitpage).meeting_point

    def communes(self):
        """The main commune first, then the others in the editor's order (uses the prefetched rows)."""
        others = [link.commune for link in self.other_communes.all() if link.commune_id != self.commune_id]
        return [self.commune] + others


class ScheduledPageCommune(Orderable):
    """Another commune an activity moves through (the Horéca day: Uccle, then Forest, then Saint-Gilles)."""

    page = ParentalKey(ScheduledPage, on_delete=models.CASCADE, related_name="other_communes")
    commune = models.ForeignKey("cms.Commune", verbose_name=_("commune"), on_delete=models.PROTECT, related_name="+")

    panels = [FieldPanel("commune")]

    class Meta(Orderable.Meta):
        verbose_name = _("autre commune")
        verbose_name_plural = _("autres communes")


class ScheduledPageOrganiser(Orderable):
    """An organisation that organises an activity or a visit (schema.org ``organizer``)."""

    page = ParentalKey(ScheduledPage, on_delete=models.CASCADE, related_name="organisers")
    organisation = models.ForeignKey(
        "cms.Organisation", verbose_name=_("organisation"), on_delete=models.PROTECT, related_name="+"
    )

    panels = [FieldPanel("organisation")]

    class Meta(Orderable.Meta):
        verbose_name = _("organisateur")
        verbose_name_plural = _("organisateurs")


class EventPage(ScheduledPage):
    """One activity of a Trajet emploi, in one phase, hosted by one commune (or moving across several)."""

    phase = models.CharField(_("phase"), max_length=30, choices=Phase.choices, db_index=True)
    body = StreamField(EventBodyBlock(), verbose_name=_("contenu"), blank=True)

    content_panels = Page.content_panels + [
        FieldPanel("phase"),
        FieldPanel("summary"),
        *ScheduledPage.schedule_panels,
        FieldPanel("body"),
    ]
    search_fields = ScheduledPage.search_fields + [index.SearchField("body")]
    api_fields = ScheduledPage.api_fields + [APIField("body", serializer=api.StreamHTMLField())]

    parent_page_types = ["events.TrajetPage"]
    subpage_types = []

    class Meta:
        verbose_name = _("activité")
        verbose_name_plural = _("activités")

    kind = "activity"

    @property
    def phase_choice(self):
        return Phase(self.phase) if self.phase else None

    def organisation_quota(self):
        return None


class VisitPage(ScheduledPage):
    """A visit day: a timed itinerary of stops, a limit per partner organisation, meal options."""

    meeting_point = models.CharField(
        _("point de rendez-vous"), max_length=250, help_text=_("Où et comment le groupe se retrouve au départ.")
    )
    max_per_organisation = models.PositiveIntegerField(
        _("maximum par organisation"),
        null=True,
        blank=True,
        validators=[MinValueValidator(1, _("Au moins 1 personne par organisation (laissez vide si illimité)."))],
        help_text=_("Nombre maximum de personnes par structure partenaire ; vide = pas de limite."),
    )
    audience = models.CharField(
        _("public"),
        max_length=250,
        blank=True,
        help_text=_("Qui peut participer, ex. « les partenaires de la zone sud »"),
    )
    itinerary = StreamField(
        [("stop", ItineraryStopBlock())],
        verbose_name=_("itinéraire"),
        blank=True,
        help_text=_("Les étapes, dans l'ordre."),
    )
    meals = StreamField([("meal", MealBlock())], verbose_name=_("repas"), blank=True)
    body = StreamField(BaseStreamBlock(), verbose_name=_("contenu"), blank=True)

    content_panels = Page.content_panels + [
        FieldPanel("summary"),
        *ScheduledPage.schedule_panels[:2],
        FieldPanel("meeting_point"),
        *ScheduledPage.schedule_panels[2:],
        FieldPanel("max_per_organisation"),
        FieldPanel("audience"),
        FieldPanel("itinerary"),
        FieldPanel("meals"),
        FieldPanel("body"),
    ]
    search_fields = ScheduledPage.search_fields + [
        index.SearchField("meeting_point"),
        index.SearchField("itinerary"),
        index.SearchField("body"),
    ]
    api_fields = ScheduledPage.api_fields + [
        APIField("meeting_point"),
        APIField("audience"),
        APIField("max_per_organisation"),
        APIField("itinerary", serializer=api.ItineraryField()),
        APIField("meals", serializer=api.MealsField()),
        APIField("body", serializer=api.StreamHTMLField()),
    ]

    parent_page_types = ["events.AgendaPage"]
    subpage_types = []

    class Meta:
        verbose_name = _("journée de visites")
        verbose_name_plural = _("journées de visites")

    kind = "visit"

    @property
    def phase_choice(self):
        return None

    def organisation_quota(self):
        """``max_per_organisation`` (``None``: no limit per partner organisation); see ``registrations``."""
        return self.max_per_organisation

    def meal_options(self):
        """The ``meals`` blocks as ``MealOption`` (block id, label in this page's language, price in euros): the
        registration form asks for one of them or none (``registrations.forms``)."""
        return [MealOption(meal.id, meal.value["label"], meal.value["price"]) for meal in self.meals]
