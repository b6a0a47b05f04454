"""Registrations for activities and visit days (``Registration``), held by the French page of each."""

from django.conf import settings
from django.core import signing
from django.db import models
from django.db.models import Count, OuterRef, Q, Subquery
from django.db.models.functions import Coalesce
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from cms.models import in_default_locale


class Registration(models.Model):
    """One person's registration for an activity or a visit (see ``registrations.allocation``).

        Always attached to the default-locale page (``ScheduledPage.registration_page``), so that every translation
        shares capacity and registrations. ``created_at`` is set while the page is locked: order of arrival is
        ``(created_at, pk)``. ``notified_status`` is the status the person was last e-mailed about: an e-mail is due
        while it differs from ``status``, and ``notified_sequence`` the page's ``sequence`` last announced: a change
    of the activity (cancelled, postponed, new date or place) is due while the page's is higher (see
    ``registrations.emails``).
    """

    class Status(models.TextChoices):
        CONFIRMED = "confirmed", _("confirmée")
        WAITING = "waiting", _("liste d'attente")
        CANCELLED = "cancelled", _("annulée")

    # Not in Wagtail's reference index: a registration is no content that refers to pages (the admin viewset would
    # register it, and every save, in the rush of a popular activity too, would queue an index update). Deleting
    # a page with registrations is refused by ``deletion_refusals`` (``cms.lifecycle``), not by the index.
    wagtail_reference_index_ignore = True

    # The salt predates this app: links already e-mailed keep working.
    CANCEL_SALT = "events.registration.cancel"
    OUTCOME_SALT = "registrations.registration.outcome"

    # PROTECT: deleting a page never takes its registrations with it (``cms.lifecycle`` refuses with
    # ``deletion_refusals``'s reason: the activity is cancelled first, which tells the people registered).
    page = models.ForeignKey(
        "events.ScheduledPage", verbose_name=_("activité"), on_delete=models.PROTECT, related_name="registrations"
    )
    status = models.CharField(_("statut"), max_length=20, choices=Status.choices, default=Status.WAITING)
    name = models.CharField(_("nom"), max_length=200)
    email = models.EmailField(_("e-mail"), blank=True)
    phone = models.CharField(_("téléphone"), max_length=30, blank=True)
    organisation = models.ForeignKey(
        "cms.Organisation",
        verbose_name=_("organisation"),
        limit_choices_to=in_default_locale,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        help_text=_("Pour les journées de visites : la structure partenaire de la personne."),
    )
    language = models.CharField(_("langue"), max_length=10, choices=settings.LANGUAGES, default="fr")
    # The option as it was when the person registered: the French label (one name per option in the totals,
    # whatever the language of the form) and the price then (what is owed does not follow a later edit).
    meal_label = models.CharField(
        _("repas"),
        max_length=100,
        blank=True,
        help_text=_("Le repas de midi choisi (journée de visites) ; vide : pas de repas."),
    )
    meal_price = models.DecimalField(
        _("prix du repas (EUR)"),
        max_digits=6,
        decimal_places=2,
        null=True,
        blank=True,
        help_text=_("Le prix du repas au moment de l'inscription, en euros."),
    )
    created_at = models.DateTimeField(_("inscrit·e le"), default=timezone.now, db_index=True)
    updated_at = models.DateTimeField(_("modifié le"), auto_now=True)
    cancelled_at = models.DateTimeField(_("annulé le"), null=True, blank=True)
    notified_status = models.CharField(_("statut annoncé par e-mail"), max_length=20, blank=True)
    # The page's ``sequence`` (RFC 5545 SEQUENCE) the person last heard of: a change of the activity's status,
    # date or place is e-mailed while the page's is higher.
    notified_sequence = models.PositiveIntegerField(_("révision de l'activité annoncée"), default=0)
    email_attempts = models.PositiveSmallIntegerField(_("tentatives d'envoi"), default=0)
    email_error = models.TextField(_("dernière erreur d'envoi"), blank=True)
    purged_at = models.DateTimeField(_("données effacées le"), null=True, blank=True)

    class Meta:
        verbose_name = _("inscription")
        verbose_name_plural = _("inscriptions")
        ordering = ["created_at", "pk"]
        indexes = [models.Index(fields=["page", "status", "created_at"], name="registration_page_status")]
        constraints = [
            models.UniqueConstraint(
                fields=["page", "email"],
                condition=~Q(status="cancelled") & ~Q(email=""),
                name="unique_active_registration_email",
                violation_error_message=_("Cette adresse e-mail est déjà inscrite à cette activité."),
            )
        ]

    def __str__(self):
        name = self.name or _("(effacé)")
        return f"{name} – {self.page.title}"

    @classmethod
    def deletion_refusals(cls, registrations):
        """Why the pages holding ``registrations`` cannot be deleted, one sentence per page (``cms.lifecycle``
        asks the models that protect pages)."""
        by_page = {}
        for registration in registrations:
            by_page.setdefault(registration.page_id, []).append(registration)
        page_model = cls._meta.get_field("page").related_model
        pages = {
            pk: (title, status)
            for pk, title, status in page_model.objects.filter(pk__in=by_page).values_list("pk", "title", "status")
        }
        active_statuses = {cls.Status.CONFIRMED, cls.Status.WAITING}
        messages = []
        for page_id, rows in by_page.items():
            title, page_status = pages.get(page_id, (page_id, ""))
            active = sum(1 for row in rows if row.status in active_statuses)
            values = {"title": title, "count": active or len(rows)}
            if active and page_status == "cancelled":
                messages.append(
                    ngettext(
                        "« %(title)s » est annulée et garde %(count)s inscription : une activité qui a eu des "
                        "inscriptions ne se supprime pas. Dépubliez-la plutôt.",
                        "« %(title)s » est annulée et garde %(count)s inscriptions : une activité qui a eu des "
                        "inscriptions ne se supprime pas. Dépubliez-la plutôt.",
                        active,
                    )
                    % values
                )
            elif active:
                messages.append(
                    ngettext(
                        "« %(title)s » a %(count)s personne inscrite (confirmée ou en liste d'attente) : annulez "
                        "d'abord l'activité : les personnes inscrites seront prévenues.",
                        "« %(title)s » a %(count)s personnes inscrites (confirmées ou en liste d'attente) : annulez "
                        "d'abord l'activité : les personnes inscrites seront prévenues.",
                        active,
                    )
                    % values
                )
            else:
                messages.append(
                    ngettext(
                        "« %(title)s » garde %(count)s inscription annulée : une activité qui a eu des inscriptions "
                        "ne se supprime pas. Dépubliez-la plutôt.",
                        "« %(title)s » garde %(count)s inscriptions annulées : une activité qui a eu des inscriptions "
                        "ne se supprime pas. Dépubliez-la plutôt.",
                        len(rows),
                    )
                    % values
                )
        return messages

    @property
    def waiting_position(self):
        """1-based rank on the page's waiting list by order of arrival, or ``None`` if not waiting. One query,
        none when the queryset came through ``with_waiting_position``."""
        if self.status != self.Status.WAITING:
            return None
        if "_waiting_before" in self.__dict__:
            return self._waiting_before + 1
        earlier = Registration.objects.filter(page_id=self.page_id, status=self.Status.WAITING).filter(
            Q(created_at__lt=self.created_at) | Q(created_at=self.created_at, pk__lt=self.pk)
        )
        return earlier.count() + 1

    @property
    def cancel_token(self):
        """``"<pk>-<signature>"``: the pk signed with ``django.core.signing.Signer`` (salt ``CANCEL_SALT``).
        Only URL-path characters (``[0-9A-Za-z_-]``), so that it fits in a Wagtail page route."""
        signature = signing.Signer(salt=self.CANCEL_SALT).signature(str(self.pk))
        return f"{self.pk}-{signature}"

    @classmethod
    def from_cancel_token(cls, token):
        """The registration a token names. :raises signing.BadSignature: forged or altered token;
        :raises Registration.DoesNotExist: no such registration (deleted)."""
        pk, _sep, signature = token.partition("-")
        value = signing.Signer(salt=cls.CANCEL_SALT).unsign(f"{pk}:{signature}")
        return cls.objects.select_related("page").get(pk=int(value))

    @property
    def waiting_position_in_organisation(self):
        """1-based rank among the waiting people of the same organisation (a visit day's per-organisation
        limit: they wait for a place of their organisation), or ``None`` if not waiting. One query."""
        if self.status != self.Status.WAITING:
            return None
        earlier = Registration.objects.filter(
            page_id=self.page_id, status=self.Status.WAITING, organisation_id=self.organisation_id
        ).filter(Q(created_at__lt=self.created_at) | Q(created_at=self.created_at, pk__lt=self.pk))
        return earlier.count() + 1

    def organisation_quota_reached(self):
        """The visit day's per-organisation limit (``int``) when this person waits because the places of their
        organisation are taken while other places are free, else ``None``. Two or three queries."""
        if self.status != self.Status.WAITING or not self.organisation_id:
            return None
        page = self.page
        quota = page.organisation_quota()
        if quota and (page.places_left or 0) > 0:
            return quota
        return None

    def outcome_token(self):
        """``"<pk>-<timestamp>-<signature>"``: the pk signed with ``django.core.signing.TimestampSigner`` (salt
        ``OUTCOME_SALT``), for the outcome page shown right after registering. Only ``[0-9A-Za-z_-]``, which
        Wagtail's page URLs accept (the base-62 timestamp has no ``-``, so the first two split it)."""
        return signing.TimestampSigner(salt=self.OUTCOME_SALT).sign(str(self.pk)).replace(":", "-", 2)

    @classmethod
    def from_outcome_token(cls, token, max_age):
        """The registration an outcome token names, if signed less than ``max_age`` seconds ago.

        :raises signing.BadSignature: forged, altered or expired (``SignatureExpired``) token;
        :raises Registration.DoesNotExist: no such registration."""
        value = signing.TimestampSigner(salt=cls.OUTCOME_SALT).unsign(":".join(token.split("-", 2)), max_age=max_age)
        return cls.objects.select_related("page", "organisation").get(pk=int(value))


def with_waiting_position(queryset):
    """Annotate a ``Registration`` queryset so that ``waiting_position`` costs no query per row (exports).

    The rank counts the waiting registrations of the same page that arrived earlier, whatever filter the
    queryset itself carries."""
    earlier = (
        Registration.objects.filter(page_id=OuterRef("page_id"), status=Registration.Status.WAITING)
        .filter(Q(created_at__lt=OuterRef("created_at")) | Q(created_at=OuterRef("created_at"), pk__lt=OuterRef("pk")))
        .order_by()
        .values("page_id")
        .annotate(n=Count("pk"))
        .values("n")
    )
    return queryset.annotate(_waiting_before=Coalesce(Subquery(earlier[:1]), 0))
