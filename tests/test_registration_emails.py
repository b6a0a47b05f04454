"""Registration e-mails: content, language, cancel link; a failing mail server loses nothing."""

import datetime as dt

import pytest
from django.core import mail
from django.core.mail.backends.base import BaseEmailBackend
from django.core.management import call_command
from django.test import override_settings
from django_tasks import TaskResultStatus

from registrations.allocation import cancel, register
from registrations.models import Registration
from registrations.tasks import send_registration_email

from .factories import TrajetPageFactory, VenueFactory, brussels, open_event


class BrokenBackend(BaseEmailBackend):
    """An e-mail backend whose server is down."""

    def send_messages(self, messages):
        raise ConnectionRefusedError("SMTP server unreachable")


@pytest.fixture
def trajet(agenda):
    return TrajetPageFactory(parent=agenda)


@pytest.fixture
def event(trajet):
    # Across the autumn DST change: 30 October 2099 is after it (CET, UTC+1).
    venue = VenueFactory(name="MEF de Forest", street="Rue du Curé 2")
    return open_event(trajet, capacity=1, start=brussels(2099, 10, 30, 9, 30), venue=venue, title="Atelier CV")


def test_confirmation_email_in_french_with_date_place_and_cancel_link(event, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        registration = register(event, name="Amina", email="amina@example.org")
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == ["amina@example.org"]
    assert message.subject == "Inscription confirmée : Atelier CV"
    assert "Bonjour Amina," in message.body
    assert "vendredi 30 octobre 2099, 09:30 – 12:30" in message.body
    assert "MEF de Forest, Rue du Curé 2" in message.body
    cancel_url = f"http://localhost{event.url}annuler/{registration.cancel_token}/"
    assert cancel_url in message.body
    registration.refresh_from_db()
    assert registration.notified_status == "confirmed"


def test_email_in_registrants_language(event, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        register(event, name="Jan", email="jan@example.org", language="en")
    body = mail.outbox[0].body
    assert "Friday 30 October 2099" in body  # Django's own English date names
    assert "09:30" in body


def test_summer_time_is_shown_in_brussels_time(trajet, django_capture_on_commit_callbacks):
    summer = open_event(trajet, start=brussels(2099, 6, 15, 9, 30))  # CEST, UTC+2
    with django_capture_on_commit_callbacks(execute=True):
        register(summer, name="A", email="a@example.org")
    assert "lundi 15 juin 2099, 09:30 – 12:30" in mail.outbox[0].body


def test_waiting_then_promotion_emails(event, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        first = register(event, name="A", email="a@example.org")
        register(event, name="B", email="b@example.org")
    assert mail.outbox[-1].subject == "Liste d'attente : Atelier CV"
    assert "en position 1" in mail.outbox[-1].body
    with django_capture_on_commit_callbacks(execute=True):
        cancel(first)  # by the link of the e-mail
    sent = {message.to[0]: message.subject for message in mail.outbox[2:]}
    assert sent == {
        "a@example.org": "Inscription annulée : Atelier CV",  # a record for the person who cancelled
        "b@example.org": "Une place s'est libérée : Atelier CV",
    }


@override_settings(EMAIL_BACKEND="tests.test_registration_emails.BrokenBackend")
def test_failing_mail_server_keeps_the_registration(client, event, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(event.url, {"name": "A", "email": "a@example.org", "consent": "on"})
    assert response.status_code == 302
    registration = Registration.objects.get()
    assert registration.status == "confirmed"
    assert registration.notified_status == ""
    assert registration.email_attempts == 1
    assert "SMTP server unreachable" in registration.email_error
    # The server is back: the command sends what is owed, once.
    with override_settings(EMAIL_BACKEND="django.core.mail.backends.locmem.EmailBackend"):
        call_command("send_registration_emails", stdout=open("/dev/null", "w"))
        call_command("send_registration_emails", stdout=open("/dev/null", "w"))
    assert [m.to for m in mail.outbox] == [["a@example.org"]]
    registration.refresh_from_db()
    assert (registration.notified_status, registration.email_error) == ("confirmed", "")


@pytest.mark.django_db(transaction=True, serialized_rollback=True)  # keep the migrations' data (root page, communes)
def test_failed_sending_is_retried_later_by_the_database_backend(agenda):
    """With the production backend, a failure re-enqueues the task with a delay (run_after)."""
    from django_tasks_db.models import DBTaskResult

    trajet = TrajetPageFactory(parent=agenda)
    event = open_event(trajet, capacity=3)
    with override_settings(
        TASKS={"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}},
        EMAIL_BACKEND="tests.test_registration_emails.BrokenBackend",
    ):
        ours = DBTaskResult.objects.filter(task_path="registrations.tasks.send_registration_email")
        registration = register(event, name="A", email="a@example.org")
        assert ours.count() == 1  # enqueued on commit, not run yet
        call_command("db_worker", batch=True, startup_delay=False, reload=False, stdout=open("/dev/null", "w"))
        retry = ours.get(status=TaskResultStatus.READY)
        assert retry.args_kwargs["args"] == [registration.pk, 2]
        assert retry.run_after > dt.datetime.now(dt.UTC)
    registration.refresh_from_db()
    assert registration.status == "confirmed" and registration.email_attempts == 1


def test_task_gives_up_after_max_attempts_without_defer(event):
    registration = register(event, name="A", email="a@example.org")
    with override_settings(EMAIL_BACKEND="tests.test_registration_emails.BrokenBackend"):
        result = send_registration_email.enqueue(registration.pk)
    assert result.return_value == "failed"  # the immediate backend cannot defer: left to the command
