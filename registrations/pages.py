"""The page side of online registration: a mixin that owns the registration routes and the form cycle.

As Wagtail's ``wagtail.contrib.forms.models.FormMixin`` does for form pages, ``RegistrationPageMixin`` gives a
page its own request cycle: GET shows the page with the form, POST registers then redirects (``views``), and
``annuler/<token>/`` cancels by the signed link of the e-mail. ``events.ScheduledPage`` mixes it in; this app
never imports ``events`` (registrations refer to pages by the string ``"events.ScheduledPage"``).

The page that mixes it in provides the fields ``capacity``, ``registration_open``, ``registration_deadline``,
``start`` and ``end`` (aware datetimes), ``sequence`` (``int``: raised at each announced change of its status,
date or place), the booleans ``cancelled`` and ``postponed``, and may override ``organisation_quota`` and
``meal_options``.
"""

from django.conf import settings
from django.db import models
from django.db.models import Count, F, IntegerField, OuterRef, Subquery, Value
from django.db.models.functions import Coalesce
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.coreutils import get_supported_content_language_variant

from . import views
from .meals import MealOption
from .models import Registration


class RegistrationClosedReason(models.TextChoices):
    """Why the online registration form of a page does not accept submissions."""

    NOT_OPEN = "not_open", _("Les inscriptions en ligne ne sont pas ouvertes.")
    CANCELLED = "cancelled", _("Cette activité est annulée : les inscriptions sont fermées.")
    POSTPONED = "postponed", _("Cette activité est reportée : les inscriptions rouvriront avec la nouvelle date.")
    ENDED = "ended", _("Cette activité est terminée : les inscriptions sont fermées.")
    DEADLINE = "deadline", _("Les inscriptions sont clôturées.")


def default_language_code():
    """The language code of the default (French) locale, which holds registrations and capacity."""
    return get_supported_content_language_variant(settings.LANGUAGE_CODE)


class RegistrationPageMixin(RoutablePageMixin):
    """Registration routes, form cycle and places for a page (see the module docstring).

    The French (default-locale) page holds the registrations and the capacity; its translations share them
    (``registration_page``).
    """

    @property
    def registration_page(self):
        """The page that holds registrations and capacity: the default-locale (French) translation of this page,
        or this page when it has none. Costs one query for a translated page, none for a French one."""
        # Compare language codes, not Locale rows: no query when ``locale`` is already joined (API listings).
        language = default_language_code()
        if self.locale.language_code == language:
            return self
        model = type(self)
        return (
            model.objects.filter(translation_key=self.translation_key, locale__language_code=language).first() or self
        )

    #: True when only partners may register: the form then asks for their partner organisation.
    partners_only = False

    def organisation_quota(self):
        """At most this many confirmed people per partner organisation (``int``), or ``None``: no limit."""
        return None

    def meal_options(self) -> list[MealOption]:
        """The lunch options offered (``MealOption``: block id, label in this page's language, price in euros), in
        the editor's order; ``[]``: the form asks for no meal. Must cost no query."""
        return []

    @classmethod
    def prepare_for_listing(cls, pages):
        """Give ``pages`` (a list of registration pages, e.g. search results, not from ``with_places``) the
        ``with_places`` annotations in one query, so that ``places_left`` costs none per page."""
        if not pages:
            return
        model = cls._meta.get_field("capacity").model  # the concrete parent that holds the registration fields
        rows = with_places(model.objects.filter(pk__in=[page.pk for page in pages])).values_list(
            "pk", "registration_capacity", "confirmed_count"
        )
        places = {pk: (capacity, confirmed) for pk, capacity, confirmed in rows}
        for page in pages:
            page.registration_capacity, page.confirmed_count = places.get(page.pk, (page.capacity, 0))

    @classmethod
    def route_queryset(cls, request):
        """The queryset ``cms.routing`` loads the page reached from: for a GET, with the ``with_places``
        annotations, so that showing the places left costs no query of its own. A POST counts under the
        allocation's lock instead (``allocation``), never from a figure read before it."""
        queryset = cls._default_manager.all()
        return with_places(queryset) if request.method in ("GET", "HEAD") else queryset

    @property
    def registration_closes_at(self):
        """Aware datetime after which the form refuses submissions: ``registration_deadline``, else ``start``."""
        return self.registration_deadline or self.start

    def registration_closed_reason(self, now=None):
        """``None`` if the form accepts submissions at ``now`` (aware, default now), else a
        ``RegistrationClosedReason``. Reads this page's own fields (call it on ``registration_page``)."""
        now = now or timezone.now()
        if self.cancelled:
            return RegistrationClosedReason.CANCELLED
        if self.postponed:
            return RegistrationClosedReason.POSTPONED
        if not self.registration_open:
            return RegistrationClosedReason.NOT_OPEN
        if now >= self.end:
            return RegistrationClosedReason.ENDED
        if now >= self.registration_closes_at:
            return RegistrationClosedReason.DEADLINE
        return None

    @property
    def accepts_registrations(self):
        """True when the registration form takes submissions now (a full event still takes them: waiting list)."""
        return self.registration_page.registration_closed_reason() is None

    @property
    def places_left(self):
        """Confirmed places still free (``int`` ≥ 0), or ``None`` when the capacity is unlimited.

        Counts the confirmed registrations of ``registration_page`` (shared by every translation) against its
        capacity. Uses the ``registration_capacity``/``confirmed_count`` annotations of ``with_places`` when
        present (no query), else runs one or two queries.
        """
        if hasattr(self, "confirmed_count") and hasattr(self, "registration_capacity"):
            capacity, confirmed = self.registration_capacity, self.confirmed_count
        else:
            holder = self.registration_page
            capacity = holder.capacity
            if capacity is None:
                return None
            confirmed = Registration.objects.filter(page=holder, status=Registration.Status.CONFIRMED).count()
        if capacity is None:
            return None
        return max(capacity - confirmed, 0)

    @path("")
    def registration_view(self, request):
        """The page itself; POST submits the registration form (``registrations.views.serve_page``)."""
        return views.serve_page(self, request)

    @path("inscription/<str:token>/", name="registration_outcome")
    def registration_outcome_view(self, request, token):
        """The outcome of a registration just made (post/redirect/get target; ``views.registration_outcome``)."""
        return views.registration_outcome(self, request, token)

    @path("annuler/<str:token>/", name="cancel_registration")
    def cancel_registration_view(self, request, token):
        """Cancel a registration by the signed link of its e-mail: GET asks to confirm, POST cancels."""
        return views.cancel_registration(self, request, token)

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context.update(views.registration_context(self, request))
        return context


def with_places(queryset):
    """Annotate a queryset of registration pages with ``registration_capacity`` and ``confirmed_count`` taken
    from each page's default-locale translation, so that ``places_left`` costs no query per row (fixed query
    count)."""
    # The default locale by its language code, joined in the subquery: no query of its own.
    holder = queryset.model.objects.filter(
        translation_key=OuterRef("translation_key"), locale__language_code=default_language_code()
    )
    # Registrations sit on one page of the translation group (the default-locale one): match on the key.
    confirmed = (
        Registration.objects.filter(
            page__translation_key=OuterRef("translation_key"), status=Registration.Status.CONFIRMED
        )
        .values("page__translation_key")
        .annotate(n=Count("pk"))
        .values("n")
    )
    return queryset.annotate(
        registration_capacity=Coalesce(
            Subquery(holder.values("capacity")[:1]), F("capacity"), output_field=IntegerField()
        ),
        confirmed_count=Coalesce(Subquery(confirmed[:1]), Value(0), output_field=IntegerField()),
    )
