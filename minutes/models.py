"""The partners' space: MinutesIndexPage (partners only) → MeetingPage (one committee meeting's minutes)."""

import hashlib
import secrets

from django.conf import settings
from django.contrib.auth.models import Group
from django.db import models
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel, PageChooserPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Collection, CollectionViewRestriction, Locale, Orderable, Page, PageViewRestriction
from wagtail.search import index

from cms.admin_forms import TamperProofPageForm

from . import listings
from .blocks import AgendaItemBlock
from .governance import govern
from .records import Action, ActionStatus, ActionUpdate, Decision  # noqa: F401 (the app's models)

MINUTES_COLLECTION_NAME = "Procès-verbaux"


def restrict_to_partners(page):
    """Give ``page`` a PageViewRestriction for the partners' group unless it already has a restriction, and
    make sure the documents collection for annexes ("Procès-verbaux") exists with the same restriction.

    The group (``settings.PARTNERS_GROUP_NAME``) is created if missing.
    """
    group, _created = Group.objects.get_or_create(name=settings.PARTNERS_GROUP_NAME)
    if not page.view_restrictions.exists():
        restriction = PageViewRestriction.objects.create(page=page, restriction_type=PageViewRestriction.GROUPS)
        restriction.groups.add(group)
    minutes_collection()


def minutes_collection():
    """The documents collection for the minutes' annexes, readable by the partners' group only."""
    group, _created = Group.objects.get_or_create(name=settings.PARTNERS_GROUP_NAME)
    collection = Collection.objects.filter(name=MINUTES_COLLECTION_NAME).first()
    if collection is None:
        collection = Collection.get_first_root_node().add_child(name=MINUTES_COLLECTION_NAME)
    if not collection.view_restrictions.exists():
        restriction = CollectionViewRestriction.objects.create(
            collection=collection, restriction_type=CollectionViewRestriction.GROUPS
        )
        restriction.groups.add(group)
    return collection


def keep_in_partners_collection(document):
    """Move ``document`` into the partners' collection ("Procès-verbaux", readable by partners only) unless it
    already sits there or below. An annex of a meeting is as private as the meeting: a document uploaded into
    the default collection (the upload form's preselection) would otherwise be downloadable by anyone and listed
    in the public API. :returns: True if the document was moved."""
    collection = minutes_collection()
    current = document.collection
    if current.pk == collection.pk or current.is_descendant_of(collection):
        return False
    document.collection = collection
    document.save(update_fields=["collection"])
    return True


class MeetingPageForm(TamperProofPageForm):
    """The meeting's admin form: on every save (draft or publish), the annexes chosen are moved into the
    partners' collection at once, before the page is even published."""

    def save(self, commit=True):
        page = super().save(commit=commit)
        formset = self.formsets.get("annexes")
        for form in formset.forms if formset is not None else ():
            document = form.cleaned_data.get("document") if hasattr(form, "cleaned_data") else None
            if document is not None and not form.cleaned_data.get("DELETE"):
                keep_in_partners_collection(document)
        return page


class MinutesIndexPage(RoutablePageMixin, Page):
    """The archive of committee meetings, newest first, grouped by year. Partners only: it is created with a
    PageViewRestriction for the partners' group, which covers every meeting below it and its routes, the
    registers "Actions en cours" (``actions/``) and "Registre des décisions" (``decisions/``).

    A new space also gets the workflow "Validation du PV" and the groups' page permissions (``governance``)."""

    intro = RichTextField(_("introduction"), blank=True, features=["bold", "italic", "link"])

    content_panels = Page.content_panels + [FieldPanel("intro")]
    parent_page_types = ["home.HomePage"]
    subpage_types = ["minutes.MeetingPage"]
    max_count_per_parent = 1

    class Meta:
        verbose_name = _("espace partenaires (procès-verbaux)")

    def save(self, *args, **kwargs):
        is_new = self.pk is None
        result = super().save(*args, **kwargs)
        if is_new:
            restrict_to_partners(self)
            govern(self)
        return result

    def meetings_by_year(self):
        """``[(year, [MeetingPage, ...]), ...]``, newest year and meeting first (local dates)."""
        groups = {}
        meetings = MeetingPage.objects.child_of(self).live().select_related("venue").order_by("-start")
        for meeting in meetings:
            groups.setdefault(meeting.local_start.year, []).append(meeting)
        return list(groups.items())

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["years"] = self.meetings_by_year()
        return context

    def _register(self, request, register, listing):
        locale = Locale.objects.filter(language_code=get_language()).first()
        form, page_obj = listing(request.GET, locale, request.GET.get("page"))
        context = {"filter_form": form, "page_obj": page_obj, "register": register}
        return self.render(request, template=f"minutes/{register}.html", context_overrides=context)

    @path("actions/", name="actions")
    def actions_view(self, request):
        """The actions of the published minutes, open ones by default; GET ``organisation``, ``status``, ``page``."""
        return self._register(request, "actions", listings.actions_page)

    @path("decisions/", name="decisions")
    def decisions_view(self, request):
        """The decisions of the published minutes, newest first; GET ``query``, ``page``."""
        return self._register(request, "decisions", listings.decisions_page)


class MeetingPage(Page):
    """The minutes of one committee meeting: who came, the agenda items, annexes, and the next meeting."""

    committee = models.CharField(
        _("instance"), max_length=200, default="CZS – zone sud", help_text=_("Quelle instance se réunit.")
    )
    start = models.DateTimeField(_("date et heure"), help_text=_("Début de la réunion (heure de Bruxelles)."))
    venue = models.ForeignKey(
        "cms.Venue", verbose_name=_("lieu"), null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    agenda = StreamField(
        [("item", AgendaItemBlock())],
        verbose_name=_("ordre du jour"),
        blank=True,
        help_text=_("Un bloc par point : discussion, décisions, actions."),
    )
    next_meeting_start = models.DateTimeField(_("prochaine réunion"), null=True, blank=True)
    next_meeting_place = models.CharField(_("lieu de la prochaine réunion"), max_length=250, blank=True)
    next_meeting_to_be_confirmed = models.BooleanField(
        _("lieu à confirmer"), default=False, help_text=_("Cochez si le lieu ou l'heure doivent encore être confirmés.")
    )
    next_meeting_agenda = RichTextField(_("ordre du jour prévu"), blank=True, features=["bold", "italic", "ul", "ol"])
    approved_at_meeting = models.ForeignKey(
        "minutes.MeetingPage",
        verbose_name=_("PV approuvé lors de la réunion du …"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="approved_minutes",
        help_text=_("La réunion qui a approuvé ce procès-verbal. Vide : pas encore approuvé."),
    )
    # The meeting this one follows, set when it is prepared from it ("Préparer la prochaine réunion"): the same
    # meeting is never prepared twice. Not shown in the form.
    previous_meeting = models.ForeignKey(
        "minutes.MeetingPage",
        verbose_name=_("réunion précédente"),
        null=True,
        blank=True,
        editable=False,
        on_delete=models.SET_NULL,
        related_name="prepared_meetings",
    )

    content_panels = Page.content_panels + [
        FieldRowPanel([FieldPanel("committee"), FieldPanel("start")]),
        FieldPanel("venue"),
        PageChooserPanel("approved_at_meeting", "minutes.MeetingPage"),
        InlinePanel("organisations_present", heading=_("Organisations présentes"), label=_("Organisation présente")),
        FieldPanel("agenda"),
        InlinePanel("annexes", heading=_("Annexes"), label=_("Annexe")),
        MultiFieldPanel(
            [
                FieldPanel("next_meeting_start"),
                FieldPanel("next_meeting_place"),
                FieldPanel("next_meeting_to_be_confirmed"),
                FieldPanel("next_meeting_agenda"),
            ],
            heading=_("Prochaine réunion"),
        ),
    ]
    search_fields = Page.search_fields + [index.SearchField("agenda"), index.SearchField("next_meeting_agenda")]
    base_form_class = MeetingPageForm

    parent_page_types = ["minutes.MinutesIndexPage"]
    subpage_types = []

    class Meta:
        verbose_name = _("réunion")
        verbose_name_plural = _("réunions")

    @property
    def local_start(self):
        """``start`` in Brussels time (``settings.TIME_ZONE``)."""
        return timezone.localtime(self.start)

    def approved_at_in(self, locale):
        """The meeting that approved these minutes, in ``locale`` when that version is live (else French), or
        ``None`` when not approved yet or when that meeting is not live."""
        meeting = self.approved_at_meeting
        if meeting is None or not meeting.live:
            return None
        return listings.meeting_links([meeting], locale)[meeting.pk]

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["approved_at"] = approved_at = self.approved_at_in(self.locale)
        context["approved_on"] = self.approved_at_meeting.start if approved_at is not None else None
        return context


class MeetingOrganisation(Orderable):
    page = ParentalKey(MeetingPage, on_delete=models.CASCADE, related_name="organisations_present")
    organisation = models.ForeignKey(
        "cms.Organisation", verbose_name=_("organisation"), on_delete=models.PROTECT, related_name="+"
    )
    panels = [FieldPanel("organisation")]

    class Meta(Orderable.Meta):
        verbose_name = _("organisation présente")
        verbose_name_plural = _("organisations présentes")


class MeetingAnnex(Orderable):
    page = ParentalKey(MeetingPage, on_delete=models.CASCADE, related_name="annexes")
    document = models.ForeignKey(
        "wagtaildocs.Document", verbose_name=_("document"), on_delete=models.CASCADE, related_name="+"
    )
    title = models.CharField(_("intitulé"), max_length=250, blank=True, help_text=_("Vide = titre du document."))
    panels = [
        FieldPanel(
            "document",
            help_text=_("Le document est placé dans la collection « Procès-verbaux », réservée aux partenaires."),
        ),
        FieldPanel("title"),
    ]

    class Meta(Orderable.Meta):
        verbose_name = _("annexe")
        verbose_name_plural = _("annexes")

    def save(self, *args, **kwargs):
        keep_in_partners_collection(self.document)  # however the annex is made (admin, demo loader, code)
        return super().save(*args, **kwargs)


def new_calendar_token():
    """A fresh private calendar token: 32 random bytes, URL-safe base64 (43 characters)."""
    return secrets.token_urlsafe(32)


def calendar_token_digest(token):
    """SHA-256 of ``token`` (64 hexadecimal characters): what a calendar request is looked up by."""
    return hashlib.sha256(token.encode("utf-8", "surrogateescape")).hexdigest()


class PartnerProfile(models.Model):
    """A partner's preferences: the language of their e-mails and calendar, the minutes e-mails, the private
    calendar link (``/partenaires/calendrier/<calendar_token>.ics``).

    The token is kept in plain text so that the partner can copy the link again from "Mes préférences" on any
    device; it only opens the meetings' dates and titles (the minutes themselves still need a login) and is
    replaced at once by "Révoquer et créer un nouveau lien". A request is looked up by the token's SHA-256
    (``calendar_token_hash``), so the time the database takes to compare says nothing about the token itself,
    then compared with the token in constant time. A user without a profile has the defaults.
    """

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        verbose_name=_("utilisateur"),
        on_delete=models.CASCADE,
        related_name="partner_profile",
    )
    language = models.CharField(
        _("langue"),
        max_length=10,
        choices=settings.LANGUAGES,
        default="fr",
        blank=True,
        help_text=_("Langue des e-mails et de l'agenda privé. Vide : la langue par défaut du site."),
    )
    notify_minutes = models.BooleanField(
        _("e-mail à chaque nouveau procès-verbal"),
        default=True,
        help_text=_("Décochez pour ne plus recevoir d'e-mail quand un procès-verbal est publié."),
    )
    calendar_token = models.CharField(
        _("jeton de l'agenda privé"), max_length=64, unique=True, default=new_calendar_token, editable=False
    )
    calendar_token_hash = models.CharField(max_length=64, unique=True, editable=False)
    calendar_token_created = models.DateTimeField(_("lien d'agenda créé le"), default=timezone.now, editable=False)

    class Meta:
        verbose_name = _("profil de partenaire")
        verbose_name_plural = _("profils de partenaires")

    def __str__(self):
        return self.user.get_full_name() or self.user.get_username()

    @property
    def email_language(self):
        """The language code of this partner's e-mails and calendar (the site's default when left blank)."""
        return self.language or settings.LANGUAGE_CODE

    def save(self, *args, **kwargs):
        self.calendar_token_hash = calendar_token_digest(self.calendar_token)
        if kwargs.get("update_fields") is not None and "calendar_token" in kwargs["update_fields"]:
            kwargs["update_fields"] = {*kwargs["update_fields"], "calendar_token_hash"}
        super().save(*args, **kwargs)

    def renew_calendar_token(self):
        """Replace the calendar token (the old link stops working at once) and save."""
        self.calendar_token = new_calendar_token()
        self.calendar_token_created = timezone.now()
        self.save(update_fields=["calendar_token", "calendar_token_created"])


class MinutesNotice(models.Model):
    """The e-mail "Nouveau procès-verbal" owed to, then sent to, one partner for one meeting (its French page).

    A row is written for each partner when the meeting is first published; the unique (meeting, user) pair makes
    sure nobody is ever told twice about one meeting, whatever republishes it or runs the task again.
    """

    class Status(models.TextChoices):
        PENDING = "pending", _("à envoyer")
        SENT = "sent", _("envoyé")
        SKIPPED = "skipped", _("non envoyé (désabonné ou plus partenaire)")

    meeting = models.ForeignKey(
        MeetingPage, verbose_name=_("réunion"), on_delete=models.CASCADE, related_name="partner_notices"
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("partenaire"), on_delete=models.CASCADE, related_name="+"
    )
    status = models.CharField(_("état"), max_length=10, choices=Status.choices, default=Status.PENDING)
    language = models.CharField(_("langue"), max_length=10, choices=settings.LANGUAGES, blank=True)
    created_at = models.DateTimeField(_("créé le"), default=timezone.now)
    sent_at = models.DateTimeField(_("envoyé le"), null=True, blank=True)
    # Set while one task sends this e-mail: a second run of the task leaves it alone (see minutes.notices).
    sending_since = models.DateTimeField(null=True, blank=True, editable=False)
    attempts = models.PositiveSmallIntegerField(_("tentatives"), default=0)
    error = models.TextField(_("dernière erreur"), blank=True)

    class Meta:
        verbose_name = _("avis de procès-verbal")
        verbose_name_plural = _("avis de procès-verbaux")
        constraints = [models.UniqueConstraint(fields=["meeting", "user"], name="minutes_notice_once_per_partner")]
