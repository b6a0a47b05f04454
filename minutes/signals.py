"""What publishing a meeting sets off: the e-mails "Nouveau procès-verbal" (see ``minutes.notices``)."""

from django.db import transaction
from wagtail.models import Locale

from .models import MeetingPage
from .notices import queue_notices
from .tasks import send_minutes_notices


def is_first_publication(page):
    """Whether ``page`` was just published for the first time: Wagtail sets ``first_published_at`` and
    ``last_published_at`` to the same moment then, and only ``last_published_at`` at later publications."""
    return page.first_published_at is not None and page.first_published_at == page.last_published_at


def on_publish(sender, instance, **kwargs):
    """``page_published`` receiver: the French page of a meeting published for the first time owes each partner
    an e-mail. The rows are written within the publishing transaction and sent once it commits (a rolled back
    publication tells nobody)."""
    if not isinstance(instance, MeetingPage) or not is_first_publication(instance):
        return
    if instance.locale_id != Locale.get_default().pk:
        return
    if queue_notices(instance):
        meeting_id = instance.pk
        transaction.on_commit(lambda: send_minutes_notices.enqueue(meeting_id))
