"""Allocation of places: who is confirmed, who waits, who is promoted when a place frees up.

Rules (the committee's): capacity is never exceeded; beyond it people join a waiting list, served strictly in
order of arrival; on a visit day (``VisitPage.max_per_organisation``) at most that many people of one
organisation are confirmed, and the next of that organisation waits for a place of their organisation without
blocking people of other organisations.

Every change runs inside ``transaction.atomic()`` with the page locked: ``SELECT ... FOR UPDATE`` on the
``ScheduledPage`` row on PostgreSQL; on SQLite the settings open every transaction with ``BEGIN IMMEDIATE``, so
writers are serialised by the database lock. A partial unique constraint refuses a second active registration
with the same e-mail for one page, whatever the race.

E-mails are never sent inside the transaction: ``notify`` enqueues them (``registrations.tasks``) once it commits.
"""

from collections import Counter

from django.db import IntegrityError, transaction
from django.db.models import Count, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .models import Registration

Status = Registration.Status


class RegistrationError(Exception):
    """A registration was refused; ``message`` is a translatable sentence for the visitor or the editor."""

    def __init__(self, message, code):
        super().__init__(str(message))
        self.message = message
        self.code = code


class RegistrationClosed(RegistrationError):
    """The page does not accept registrations now; ``reason`` is a ``RegistrationClosedReason``."""

    def __init__(self, reason):
        super().__init__(reason.label, "closed")
        self.reason = reason


class ActivityEnded(RegistrationError):
    """The activity is over: its registrations are a record of who came, no longer places to give."""

    def __init__(self):
        super().__init__(_("Cette activité est terminée : l'inscription ne peut plus être annulée."), "ended")


def has_ended(page, now=None):
    """True once ``page`` (the French page that holds registrations) has ended at ``now`` (default now)."""
    return (now or timezone.now()) >= page.end


class AlreadyRegistered(RegistrationError):
    def __init__(self):
        super().__init__(_("Cette adresse e-mail est déjà inscrite à cette activité."), "duplicate")


def _lock(page):
    """Lock and return ``page``'s default-locale row for the current transaction (``SELECT ... FOR UPDATE``).

    Read as ``page``'s own class when it is a specific page (``EventPage``, ``VisitPage``: their
    ``organisation_quota`` needs no query), else as ``events.ScheduledPage``. One query.
    """
    holder = page.registration_page
    page_model = Registration._meta.get_field("page").related_model
    model = type(holder) if isinstance(holder, page_model) else page_model
    return model.objects.select_for_update().get(pk=holder.pk)


def fill_places(page, taken=None):
    """Confirm waiting people, in order of arrival, while places are free. Call with ``page`` locked.

    A waiting person whose organisation already has ``max_per_organisation`` confirmed people is skipped (they
    keep their rank) and the next one may be confirmed. Nobody is promoted while the activity is cancelled or
    postponed: a place on a day that will not happen is no place (they keep their rank).

    The waiting list is read only when places are free, and then only as far as needed: without a limit per
    organisation, the first ``free`` rows; with one, the rows of organisations still under it. A full activity
    costs one query (the count), so that each of many simultaneous registrations costs the same.

    :param taken: the number of confirmed registrations, when the caller just counted them under the lock.
    :returns: the list of ``Registration`` rows just confirmed (one update each).
    """
    if page.cancelled or page.postponed:
        return []
    capacity = page.capacity
    confirmed = Registration.objects.filter(page=page, status=Status.CONFIRMED)
    if taken is None:
        taken = confirmed.count()
    if capacity is not None and taken >= capacity:
        return []
    waiting = Registration.objects.filter(page=page, status=Status.WAITING).order_by("created_at", "pk")
    quota = page.organisation_quota()
    if quota:
        per_organisation = Counter(
            dict(
                confirmed.exclude(organisation=None)
                .order_by()
                .values_list("organisation_id")
                .annotate(n=Count("pk"))
                .values_list("organisation_id", "n")
            )
        )
        at_quota = [organisation for organisation, n in per_organisation.items() if n >= quota]
        candidates = waiting.exclude(organisation__in=at_quota).iterator(chunk_size=100)
    else:
        per_organisation = Counter()
        candidates = waiting if capacity is None else waiting[: capacity - taken]
    promoted = []
    for registration in candidates:
        if capacity is not None and taken >= capacity:
            break
        organisation = registration.organisation_id
        if quota and organisation is not None and per_organisation[organisation] >= quota:
            continue
        registration.status = Status.CONFIRMED
        registration.save(update_fields=["status", "updated_at"])
        taken += 1
        per_organisation[organisation] += 1
        promoted.append(registration)
    return promoted


def notify(registrations):
    """Send the e-mail each registration is due (confirmation, waiting list, promotion) once the transaction
    commits, through the task backend (``registrations.tasks.send_registration_email``)."""
    from .tasks import send_registration_email

    for registration in registrations:
        pk = registration.pk
        transaction.on_commit(lambda pk=pk: send_registration_email.enqueue(pk))


def register(
    page,
    *,
    name,
    email,
    phone="",
    organisation=None,
    meal=None,
    language="fr",
    now=None,
    check_open=True,
    send_email=True,
):
    """Register a person for ``page`` (any translation: the French page holds the registration).

    :param email: stored lower-case; one active registration per e-mail and page.
    :param organisation: a ``cms.Organisation`` (required by the form for visits) or ``None``.
    :param meal: the lunch chosen, a ``registrations.meals.MealOption`` of the French page (its label and price
        in euros are recorded as they stand now), or ``None``: no meal. Not checked against the page here (the
        form does, before the lock).
    :param language: the registrant's language code (e-mails are written in it).
    :param check_open: ``False`` lets an editor add someone after the deadline.
    :param send_email: ``False`` (demo data) records the person as already informed and sends nothing.
    :returns: the saved ``Registration``, ``status`` CONFIRMED or WAITING.
    :raises RegistrationClosed: the page does not accept registrations at ``now``.
    :raises AlreadyRegistered: this e-mail already holds an active registration for the page.
    """
    email = email.strip().lower()
    # Only the allocation runs under the lock (a handful of indexed queries); the e-mail and the cache
    # invalidation wait for the commit (``notify``, ``places_changed``), the page is rendered after it.
    with transaction.atomic():
        holder = _lock(page)
        if check_open:
            reason = holder.registration_closed_reason(now)
            if reason:
                raise RegistrationClosed(reason)
        active = Registration.objects.filter(page=holder, email=email).exclude(status=Status.CANCELLED)
        if email and active.exists():
            raise AlreadyRegistered()
        taken = None
        if holder.capacity is not None:
            taken = Registration.objects.filter(page=holder, status=Status.CONFIRMED).count()
        registration = Registration(
            page=holder,
            status=Status.WAITING,
            name=name.strip(),
            email=email,
            phone=phone.strip(),
            organisation=organisation,
            meal_label=meal.label if meal else "",
            meal_price=meal.price if meal else None,
            language=language,
            notified_sequence=holder.sequence,  # the activity as it stands now is what they register for
            created_at=timezone.now(),  # taken under the lock: order of arrival = order of allocation
            notified_status="" if send_email else Status.WAITING,
        )
        try:
            registration.save()  # no savepoint: a refusal ends the transaction anyway
        except IntegrityError as error:  # the partial unique constraint, should a race get past the check
            raise AlreadyRegistered() from error
        promoted = fill_places(holder, taken)
        if any(row.pk == registration.pk for row in promoted):
            registration.status = Status.CONFIRMED
        others = [row for row in promoted if row.pk != registration.pk]
        if send_email:
            notify([registration] + others)
        elif registration.status != Status.WAITING:
            Registration.objects.filter(pk=registration.pk).update(notified_status=registration.status)
    return registration


def cancel(registration, now=None):
    """Cancel ``registration`` (by its signed link or by an editor) and give its place to the waiting list.

    Idempotent: cancelling a cancelled registration changes nothing. The person is e-mailed that their
    registration is cancelled, whether an editor or their own signed link cancelled it (once, and only if they
    had been told they were registered): a record of it, and a word if someone else used their link.

    :returns: the registrations promoted to confirmed (each is e-mailed).
    :raises ActivityEnded: the activity has ended at ``now``: nothing changes, nobody is promoted (a place
        "freed" for a day already past would be e-mailed to someone waiting).
    """
    with transaction.atomic():
        holder = _lock(registration.page)
        current = Registration.objects.get(pk=registration.pk)
        if current.status == Status.CANCELLED:
            return []
        if has_ended(holder, now):
            raise ActivityEnded()
        current.status = Status.CANCELLED
        current.cancelled_at = timezone.now()
        current.save(update_fields=["status", "cancelled_at", "updated_at"])
        registration.status, registration.cancelled_at = current.status, current.cancelled_at
        promoted = fill_places(holder)
        notify([current] + promoted)  # the cancellation is e-mailed to the person (``emails.due``)
    return promoted


def confirm(registration):
    """An editor confirms someone waiting, ahead of the order of arrival and of the organisation limit, but
    never beyond the capacity.

    :raises RegistrationError: the person is not waiting (code "not_waiting") or the event is full ("full").
    """
    with transaction.atomic():
        holder = _lock(registration.page)
        current = Registration.objects.get(pk=registration.pk)
        if current.status != Status.WAITING:
            raise RegistrationError(_("Seule une personne en liste d'attente peut être confirmée."), "not_waiting")
        taken = Registration.objects.filter(page=holder, status=Status.CONFIRMED).count()
        if holder.capacity is not None and taken >= holder.capacity:
            raise RegistrationError(
                _("L'activité est complète : annulez d'abord une inscription ou augmentez le nombre de places."),
                "full",
            )
        current.status = Status.CONFIRMED
        current.save(update_fields=["status", "updated_at"])
        registration.status = current.status
        notify([current])
    return current


def refill(page, now=None):
    """After an editor changed the page (more places, a larger limit per organisation) or deleted a
    registration: promote whoever now fits, unless the activity has ended (nobody is promoted then; nor while it
    is cancelled or postponed: ``fill_places``).
    :returns: the registrations promoted."""
    with transaction.atomic():
        holder = _lock(page)
        if has_ended(holder, now):
            return []
        promoted = fill_places(holder)
        notify(promoted)
    return promoted


def counts(page):
    """``{"confirmed": n, "waiting": n, "cancelled": n}`` for ``page`` (any translation). One query."""
    holder = page.registration_page
    rows = Registration.objects.filter(page=holder).aggregate(
        **{status.value: Count("pk", filter=Q(status=status.value)) for status in Status}
    )
    return rows


def refill_on_publish(sender, instance, **kwargs):
    """``page_published`` receiver: when an activity's French page is published with more places or a larger
    limit per organisation, the waiting list moves up at once."""
    page_model = Registration._meta.get_field("page").related_model
    if isinstance(instance, page_model) and instance.registration_page.pk == instance.pk:
        if Registration.objects.filter(page_id=instance.pk, status=Status.WAITING).exists():
            refill(instance)


def announce_on_publish(sender, instance, **kwargs):
    """``page_published`` receiver: when the French page of an activity is published with a new ``sequence``
    (cancelled, postponed, new date, time or place: see ``events.schedule``), every confirmed and waiting
    registrant who has not heard of it is e-mailed once, in their language, after the transaction commits."""
    page_model = Registration._meta.get_field("page").related_model
    if not isinstance(instance, page_model) or instance.registration_page.pk != instance.pk:
        return
    owed = Registration.objects.filter(
        page_id=instance.pk,
        status__in=[Status.CONFIRMED, Status.WAITING],
        notified_sequence__lt=instance.sequence,
    ).exclude(email="")
    notify(list(owed.only("pk")))


def places_changed(sender, instance, raw=False, **kwargs):
    """``post_save`` receiver of ``Registration``: once the transaction commits, the cached listings (agenda, home:
    their cards show the places left) are invalidated on every worker (``cms.cache``) and purged from the
    front-end cache with the activity's page, when one is configured (``cms.frontend_cache``)."""
    if raw:
        return
    from cms.cache import bump_content_version
    from cms.frontend_cache import purge_after_change

    page_id = instance.page_id

    def refresh():
        bump_content_version()
        page_model = Registration._meta.get_field("page").related_model
        # Lazy: read only when a front-end cache is configured (no query otherwise).
        purge_after_change(page_model.objects.filter(pk=page_id))

    transaction.on_commit(refresh)
