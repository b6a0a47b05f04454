"""Background tasks (django-tasks, the backend Wagtail 7.4 uses): registration e-mails.

With the immediate backend (development, tests) a task runs as soon as it is enqueued, after the registration's
transaction committed; with the database backend (production) the worker ``manage.py db_worker`` runs it. A
failed sending is retried later with a growing delay (1, 4, 9, 16 minutes...) when the backend can defer tasks,
up to ``settings.REGISTRATION_EMAIL_MAX_ATTEMPTS``; ``manage.py send_registration_emails`` re-enqueues whatever
is still owed (for backends that cannot defer, or after an outage).
"""

import datetime as dt

from django.conf import settings
from django.utils import timezone
from django_tasks import task, task_backends

from .emails import deliver


@task()
def send_registration_email(registration_id, attempt=1):
    """Send the e-mail registration ``registration_id`` is due (``registrations.emails.deliver``).

    :returns: ``"sent"`` (or nothing due), ``"retry"`` (scheduled again) or ``"failed"`` (gave up for now).
    """
    if deliver(registration_id):
        return "sent"
    backend = task_backends[send_registration_email.backend]
    if attempt < settings.REGISTRATION_EMAIL_MAX_ATTEMPTS and backend.supports_defer:
        delay = dt.timedelta(minutes=attempt**2)
        send_registration_email.using(run_after=timezone.now() + delay).enqueue(registration_id, attempt + 1)
        return "retry"
    return "failed"
