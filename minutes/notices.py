"""The e-mail "Nouveau procès-verbal": one per partner, once per meeting, in the partner's language.

A meeting is one meeting in three languages: it is its French page (the default locale's, the one the
moderation workflow publishes; its translations follow it). When that page is published for the first time
(``minutes.signals.on_publish`` on Wagtail's ``page_published`` signal, when ``first_published_at`` equals
``last_published_at``), a ``MinutesNotice`` row is written for each partner to tell
(``minutes.partners.recipients``) within the publishing transaction, and once it commits the task
``minutes.tasks.send_minutes_notices`` sends them. Republishing (a
correction), publishing a translation, unpublishing and publishing again send nothing: the first publication
is over, and the unique (meeting, partner) row could not be written twice anyway.

``deliver`` sends one row's e-mail: in the partner's language (``PartnerProfile.language``), with the meeting's
date and hour in Europe/Brussels, the absolute URL of the meeting's page in that language when it is live there
(else the French page), and the link to "Mes préférences" to stop these e-mails. A second run of the task, even at
the same moment on another worker, sends nothing twice: a row is claimed by one conditional ``UPDATE`` before
sending (``sending_since``), and a sent row is never sent again.
"""

import datetime as dt
import logging

from django.conf import settings
from django.core.mail import EmailMessage
from django.db.models import Q
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from cms.display import moment_text

from .models import MinutesNotice
from .partners import is_partner, language_of, page_in, recipients

logger = logging.getLogger(__name__)
Status = MinutesNotice.Status
# A row claimed longer ago than this by a worker that died meanwhile may be claimed again.
CLAIM_TIMEOUT = dt.timedelta(minutes=15)


def queue_notices(meeting):
    """Write a pending ``MinutesNotice`` for each partner to tell about ``meeting`` (a French ``MeetingPage``)
    who has none yet. :returns: whether any e-mail of ``meeting`` is pending."""
    rows = [MinutesNotice(meeting=meeting, user=user, language=language_of(user)) for user in recipients()]
    MinutesNotice.objects.bulk_create(rows, ignore_conflicts=True)  # a row already there stays as it is
    return MinutesNotice.objects.filter(meeting=meeting, status=Status.PENDING).exists()


def build_message(notice):
    """The ``EmailMessage`` for ``notice`` (a ``MinutesNotice``, its meeting and user loaded), in its language."""
    language = notice.language or settings.LANGUAGE_CODE
    with translation.override(language):
        page = page_in(notice.meeting, language)
        parts = page.get_url_parts()  # (site id, root URL, path) from the Wagtail Site, or None if not routable
        root_url = parts[1] if parts else settings.WAGTAILADMIN_BASE_URL
        context = {
            "name": notice.user.get_full_name() or notice.user.get_username(),
            "title": page.title,
            "committee": page.committee,
            "when": moment_text(page.start),
            "page_url": page.get_full_url(),
            "preferences_url": root_url + reverse("partner-preferences"),
        }
        subject = _("Nouveau procès-verbal : %(title)s") % {"title": page.title}
        body = render_to_string("minutes/email_minutes_published.txt", context)
    return EmailMessage(subject, body, settings.DEFAULT_FROM_EMAIL, [notice.user.email])


def claim(notice_id):
    """Take the pending row ``notice_id`` for this run (one atomic ``UPDATE``). :returns: whether it was taken."""
    now = timezone.now()
    free = Q(sending_since__isnull=True) | Q(sending_since__lt=now - CLAIM_TIMEOUT)
    return bool(MinutesNotice.objects.filter(free, pk=notice_id, status=Status.PENDING).update(sending_since=now))


def deliver(notice_id):
    """Send the pending e-mail ``notice_id`` if this run may (``claim``) and the partner still wants it.

    A partner who opted out, left the group, was deactivated or has no address any more is not sent it (the row
    becomes ``skipped``).

    :returns: ``True`` when nothing remains to do for this row, ``False`` when sending failed (the error is kept
        on the row and logged; the row stays pending for the next attempt).
    """
    if not claim(notice_id):
        return True  # sent, skipped, or being sent by another run
    notice = MinutesNotice.objects.select_related("meeting__locale", "user__partner_profile").get(pk=notice_id)
    user, profile = notice.user, getattr(notice.user, "partner_profile", None)
    if not user.email or not is_partner(user) or (profile is not None and not profile.notify_minutes):
        MinutesNotice.objects.filter(pk=notice_id).update(status=Status.SKIPPED, sending_since=None)
        return True
    notice.language = language_of(user)  # the language chosen by now
    try:
        build_message(notice).send()  # a page or template error is a failure of this row too, kept and retried
    except Exception as error:  # any backend failure: SMTP down, refused, timeout...
        logger.warning("Minutes e-mail %s failed: %s", notice_id, error)
        MinutesNotice.objects.filter(pk=notice_id).update(
            attempts=notice.attempts + 1, error=f"{type(error).__name__}: {error}"[:1000], sending_since=None
        )
        return False
    MinutesNotice.objects.filter(pk=notice_id).update(
        status=Status.SENT,
        language=notice.language,
        sent_at=timezone.now(),
        attempts=notice.attempts + 1,
        error="",
        sending_since=None,
    )
    return True


def deliver_meeting(meeting_id):
    """Send every pending e-mail of meeting ``meeting_id``. :returns: the number of e-mails that failed."""
    pending = MinutesNotice.objects.filter(meeting_id=meeting_id, status=Status.PENDING).values_list("pk", flat=True)
    return sum(not deliver(notice_id) for notice_id in list(pending))
