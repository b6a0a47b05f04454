"""Registration e-mails: confirmation, waiting list, promotion from the waiting list, and the activity's changes
(cancelled, postponed, new date, time or place).

Which e-mail a registration is due follows from its state: ``status`` differs from ``notified_status`` (the
status last announced). ``deliver`` sends it through Django's e-mail backend (console in development, SMTP in
production) in the registrant's language, with the activity's date (Europe/Brussels), place and cancel link,
then records ``notified_status`` and ``notified_sequence``. A change of the activity wins over a status e-mail
not sent yet (it describes the activity as it now stands). A failure is recorded on the row (``email_error``, ``email_attempts``) and the
registration itself is never touched: it was saved before any sending was attempted.
"""

import logging

from django.conf import settings
from django.core.mail import EmailMessage
from django.db.models import F, Q
from django.template.loader import render_to_string
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from wagtail.models import Locale

from cms.display import when_text, where_text

from .meals import meal_text
from .models import Registration

logger = logging.getLogger(__name__)
Status = Registration.Status


# The activity's change e-mails, by the page's ``status`` (``events.choices.EventStatus`` values).
CHANGE_KINDS = {"cancelled": "page_cancelled", "postponed": "page_postponed", "scheduled": "page_changed"}


def due(registration):
    """``"confirmed"``, ``"waiting"``, ``"promoted"``, ``"cancelled"`` (the person's registration was cancelled,
    by their link or by an editor), ``"page_cancelled"``, ``"page_postponed"``, ``"page_changed"`` or ``None``:
    the e-mail this registration is owed (reads ``registration.page``)."""
    if not registration.email:
        return None
    if registration.status == Status.CANCELLED:
        # Told once, and only someone who had been told they were registered.
        return "cancelled" if registration.notified_status in (Status.CONFIRMED, Status.WAITING) else None
    if registration.page.sequence > registration.notified_sequence:
        return CHANGE_KINDS.get(registration.page.status, "page_changed")
    if registration.status == registration.notified_status:
        return None
    if registration.status == Status.CONFIRMED:
        return "promoted" if registration.notified_status == Status.WAITING else "confirmed"
    if registration.status == Status.WAITING and not registration.notified_status:
        return "waiting"
    return None


def _page_in(page, language):
    """``page`` (specific) in ``language`` when a live translation exists, else ``page`` itself."""
    locale = Locale.objects.filter(language_code=language).first()
    if locale and locale.pk != page.locale_id:
        translation_ = page.get_translation_or_none(locale)
        if translation_ is not None and translation_.live:
            return translation_.specific
    return page.specific


def build_message(registration):
    """The ``EmailMessage`` this registration is due, or ``None``. Renders in ``registration.language``."""
    kind = due(registration)
    if kind is None:
        return None
    with translation.override(registration.language):
        holder = registration.page  # the French page: its sequence, status and previous dates are the facts
        page = _page_in(holder, registration.language)
        page_url = page.get_full_url()
        context = {
            "registration": registration,
            "page": page,
            "when": when_text(page.start, page.end),
            # The venue, else the commune (a visit's meeting point is not named here).
            "where": where_text(page.venue, page.commune),
            "page_url": page_url,
            "cancel_url": page_url + page.reverse_subpage("cancel_registration", args=[registration.cancel_token]),
            "position": registration.waiting_position,
            # A visit day's per-organisation limit, when that is why the person waits (places are left).
            "organisation_quota": registration.organisation_quota_reached() if kind == "waiting" else None,
            "organisation_position": registration.waiting_position_in_organisation if kind == "waiting" else None,
            # The lunch chosen on a visit day (its price as recorded), "" where the page offers none.
            "meal": meal_text(registration, page),
            "previous_when": when_text(holder.previous_start, holder.previous_end) if holder.previous_start else "",
        }
        subject = {
            "confirmed": _("Inscription confirmée : %(title)s"),
            "waiting": _("Liste d'attente : %(title)s"),
            "promoted": _("Une place s'est libérée : %(title)s"),
            "cancelled": _("Inscription annulée : %(title)s"),
            "page_cancelled": _("Activité annulée : %(title)s"),
            "page_postponed": _("Activité reportée : %(title)s"),
            "page_changed": _("Changement d'horaire ou de lieu : %(title)s"),
        }[kind] % {"title": page.title}
        body = render_to_string(f"registrations/email_{kind}.txt", context)
    return EmailMessage(subject, body, settings.DEFAULT_FROM_EMAIL, [registration.email])


def deliver(registration_id):
    """Send the e-mail registration ``registration_id`` is due, if any.

    :returns: ``True`` when nothing remains to send (sent, or nothing was due), ``False`` when sending failed
        (the error is stored on the registration and logged).
    """
    registration = (
        Registration.objects.select_related("page", "page__venue__commune", "page__commune")
        .filter(pk=registration_id)
        .first()
    )
    if registration is None:
        return True
    status, sequence = registration.status, registration.page.sequence
    message = build_message(registration)
    if message is None:
        return True
    try:
        message.send()
    except Exception as error:  # any backend failure: SMTP down, refused, timeout...
        logger.warning("Registration e-mail %s failed: %s", registration_id, error)
        Registration.objects.filter(pk=registration_id).update(
            email_attempts=registration.email_attempts + 1, email_error=f"{type(error).__name__}: {error}"[:1000]
        )
        return False
    Registration.objects.filter(pk=registration_id).update(
        notified_status=status,
        notified_sequence=sequence,
        email_attempts=registration.email_attempts + 1,
        email_error="",
    )
    return True


def pending():
    """Registrations still owed an e-mail, for activities not yet ended (``send_registration_emails``);
    ``due`` decides (a cancelled registration is owed one only if it had been told it was registered)."""
    owed = (
        Registration.objects.exclude(email="")
        .filter(~Q(status=F("notified_status")) | Q(page__sequence__gt=F("notified_sequence")))
        .filter(page__end__gte=timezone.now())
        .select_related("page")
    )
    return [r for r in owed if due(r)]
