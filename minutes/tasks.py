"""Background tasks (django-tasks): the e-mails "Nouveau procès-verbal" (``minutes.notices``).

With the immediate backend (development, tests) the task runs as soon as it is enqueued, after the publishing
transaction committed; with the database backend (production) the worker ``manage.py db_worker`` runs it. When
some e-mails failed, the task runs again later with a growing delay (1, 4, 9, 16 minutes) if the backend can defer
tasks, up to ``MAX_ATTEMPTS`` runs; only the e-mails still pending are sent then.
"""

import datetime as dt

from django.utils import timezone
from django_tasks import task, task_backends

from .notices import deliver_meeting

MAX_ATTEMPTS = 5


@task()
def send_minutes_notices(meeting_id, attempt=1):
    """Send the pending "Nouveau procès-verbal" e-mails of meeting ``meeting_id`` (its French page's id).

    :returns: ``"sent"`` (nothing left to send), ``"retry"`` (scheduled again) or ``"failed"`` (gave up).
    """
    if not deliver_meeting(meeting_id):
        return "sent"
    backend = task_backends[send_minutes_notices.backend]
    if attempt < MAX_ATTEMPTS and backend.supports_defer:
        delay = dt.timedelta(minutes=attempt**2)
        send_minutes_notices.using(run_after=timezone.now() + delay).enqueue(meeting_id, attempt + 1)
        return "retry"
    return "failed"
