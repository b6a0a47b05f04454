"""The e-mail "Nouveau procès-verbal": once per partner and meeting, in the partner's language, on the first
publication of the French page only."""

import datetime as dt

import pytest
from django.core import mail
from django.core.mail.backends.base import BaseEmailBackend
from django.core.management import call_command
from django.test import override_settings
from wagtail.models import Locale
from wagtail_localize.models import StringTranslation, Translation

from minutes.models import MinutesNotice, PartnerProfile
from minutes.tasks import send_minutes_notices
from tests.factories import UserFactory, translate

from .conftest import make_partner


class BrokenBackend(BaseEmailBackend):
    """An e-mail backend whose server is down."""

    def send_messages(self, messages):
        raise ConnectionRefusedError("SMTP server unreachable")


def translate_title(page, code, text):
    """The title of ``page``'s ``code`` translation translated in wagtail-localize's editor, as a translator does."""
    locale = Locale.objects.get(language_code=code)
    translation = Translation.objects.get(source__object_id=page.translation_key, target_locale=locale)
    title = translation.source.stringsegment_set.get(context__path="title")
    StringTranslation.objects.update_or_create(
        translation_of=title.string, locale=locale, context=title.context, defaults={"data": text}
    )


def publish(page, capture):
    """Publish ``page`` as an editor does, from the page as it stands in the database."""
    page.refresh_from_db()
    with capture(execute=True):
        page.save_revision().publish()


def by_recipient():
    return {message.to[0]: message for message in mail.outbox}


def test_each_partner_gets_one_email_in_their_language(draft_meeting, partners, django_capture_on_commit_callbacks):
    dutch = translate(draft_meeting, "nl")
    translate_title(draft_meeting, "nl", "Vergadering van het CZS van 20 april 2017")
    publish(draft_meeting, django_capture_on_commit_callbacks)
    dutch.refresh_from_db()
    assert dutch.live and dutch.title == "Vergadering van het CZS van 20 april 2017"

    sent = by_recipient()
    assert sorted(sent) == ["amina@example.org", "jan@example.org", "sarah@example.org"]
    french, nl, en = sent["amina@example.org"], sent["jan@example.org"], sent["sarah@example.org"]

    assert french.subject == "Nouveau procès-verbal : Réunion du CZS du 20 avril 2017"
    assert "Bonjour Amina Diallo," in french.body
    assert "jeudi 20 avril 2017, 09:30" in french.body  # Brussels summer time (07:30 UTC)
    assert f"http://localhost{draft_meeting.url}" in french.body
    assert "http://localhost/fr/espace-partenaires/preferences/" in french.body
    assert "Pour ne plus recevoir ces e-mails" in french.body

    assert nl.subject == "Nieuw verslag: Vergadering van het CZS van 20 april 2017"
    assert "Beste Jan," in nl.body
    assert "donderdag 20 april 2017, 09:30" in nl.body
    assert f"http://localhost{dutch.url}" in nl.body and "/nl/" in dutch.url  # the Dutch page, live
    assert "http://localhost/nl/espace-partenaires/preferences/" in nl.body

    # No English translation: the English e-mail links to the French page.
    assert en.subject == "New minutes: Réunion du CZS du 20 avril 2017"
    assert "Dear Sarah," in en.body
    assert "Thursday 20 April 2017, 09:30" in en.body
    assert f"http://localhost{draft_meeting.url}" in en.body
    assert "http://localhost/en/espace-partenaires/preferences/" in en.body

    assert set(MinutesNotice.objects.values_list("status", flat=True)) == {"sent"}


def test_republishing_sends_nothing_again(draft_meeting, partners, django_capture_on_commit_callbacks):
    publish(draft_meeting, django_capture_on_commit_callbacks)
    assert len(mail.outbox) == 3
    draft_meeting.refresh_from_db()
    draft_meeting.title = "Réunion du CZS du 20 avril 2017 (corrigé)"
    with django_capture_on_commit_callbacks(execute=True):
        draft_meeting.save_revision().publish()
    draft_meeting.refresh_from_db()
    draft_meeting.unpublish()
    publish(draft_meeting, django_capture_on_commit_callbacks)
    assert len(mail.outbox) == 3
    # A partner who joins later is not told about a correction of old minutes either.
    make_partner("newcomer")
    publish(draft_meeting, django_capture_on_commit_callbacks)
    assert len(mail.outbox) == 3


def test_the_task_run_twice_sends_once(draft_meeting, partners, django_capture_on_commit_callbacks):
    publish(draft_meeting, django_capture_on_commit_callbacks)
    assert send_minutes_notices.enqueue(draft_meeting.pk).return_value == "sent"
    assert len(mail.outbox) == 3
    assert MinutesNotice.objects.count() == 3


def test_no_email_to_opted_out_non_partners_inactive_or_without_address(
    draft_meeting, django_capture_on_commit_callbacks
):
    make_partner("told")
    make_partner("opted-out", notify=False)
    make_partner("inactive", is_active=False)
    make_partner("no-address", email="")
    UserFactory(username="visitor")  # not in the partners' group
    UserFactory(username="editor", groups=["Editors"], is_superuser=True)
    publish(draft_meeting, django_capture_on_commit_callbacks)
    assert [message.to for message in mail.outbox] == [["told@example.org"]]


def test_opting_out_before_the_sending_is_honoured(draft_meeting, django_capture_on_commit_callbacks):
    partner = make_partner("late")
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        draft_meeting.save_revision().publish()
    PartnerProfile.objects.create(user=partner, notify_minutes=False)  # before the worker sends it
    for callback in callbacks:
        callback()
    assert mail.outbox == []
    assert MinutesNotice.objects.get().status == "skipped"


def test_a_draft_sends_nothing(draft_meeting, partners, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        draft_meeting.title = "Réunion du CZS du 20 avril 2017 – brouillon"
        draft_meeting.save_revision()
    assert mail.outbox == []
    assert not MinutesNotice.objects.exists()


def test_publishing_a_translation_sends_nothing(draft_meeting, partners, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        translate(draft_meeting, "nl")  # published at once, the French page still a draft
    assert mail.outbox == []


def test_a_failed_sending_is_kept_and_sent_later_once(draft_meeting, django_capture_on_commit_callbacks):
    make_partner("amina")
    with override_settings(EMAIL_BACKEND="tests.minutes.test_partner_notices.BrokenBackend"):
        publish(draft_meeting, django_capture_on_commit_callbacks)
    notice = MinutesNotice.objects.get()
    assert (notice.status, notice.attempts) == ("pending", 1)
    assert "SMTP server unreachable" in notice.error
    # The server is back: the command sends what is pending, once.
    call_command("send_minutes_notices", stdout=open("/dev/null", "w"))
    call_command("send_minutes_notices", stdout=open("/dev/null", "w"))
    assert [message.to for message in mail.outbox] == [["amina@example.org"]]
    notice.refresh_from_db()
    assert (notice.status, notice.attempts, notice.error) == ("sent", 2, "")


@pytest.mark.django_db(transaction=True, serialized_rollback=True)  # keep the migrations' data (root page, locales)
def test_with_the_database_backend_sent_by_the_worker_once(home):
    """In production the task waits in the queue until the publishing transaction committed, then the worker
    sends each e-mail once, even if the same task is queued twice."""
    from django_tasks_db.models import DBTaskResult

    from tests.factories import MeetingPageFactory, MinutesIndexPageFactory, brussels

    space = MinutesIndexPageFactory(parent=home)
    meeting = MeetingPageFactory(parent=space, start=brussels(2017, 4, 20, 9, 30), live=False)
    make_partner("amina")
    with override_settings(TASKS={"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}):
        meeting.save_revision().publish()
        ours = DBTaskResult.objects.filter(task_path="minutes.tasks.send_minutes_notices")
        assert ours.count() == 1 and mail.outbox == []  # queued on commit, not run yet
        send_minutes_notices.enqueue(meeting.pk)  # queued twice
        call_command("db_worker", batch=True, startup_delay=False, reload=False, stdout=open("/dev/null", "w"))
    assert [message.to for message in mail.outbox] == [["amina@example.org"]]
    assert MinutesNotice.objects.get().status == "sent"


def test_told_when_the_moderator_approves_not_when_submitted(
    draft_meeting, partners, django_capture_on_commit_callbacks
):
    editor = UserFactory(username="ed", groups=["Editors"])
    moderator = UserFactory(username="mod", groups=["Moderators"])

    def minutes_emails():
        return sorted(m.to[0] for m in mail.outbox if m.subject.startswith(("Nouveau procès-verbal", "Nieuw", "New")))

    with django_capture_on_commit_callbacks(execute=True):
        draft_meeting.save_revision(user=editor)
        state = draft_meeting.get_workflow().start(draft_meeting, editor)
    assert minutes_emails() == []  # submitted for moderation, not published
    with django_capture_on_commit_callbacks(execute=True):
        state.current_task_state.task.specific.on_action(state.current_task_state, moderator, "approve")
    draft_meeting.refresh_from_db()
    assert draft_meeting.live
    assert minutes_emails() == ["amina@example.org", "jan@example.org", "sarah@example.org"]


def test_a_second_run_at_the_same_moment_sends_nothing(draft_meeting, django_capture_on_commit_callbacks):
    """Another worker claimed the row (``sending_since``) and is sending it: this run leaves it alone, until the
    claim is older than ``CLAIM_TIMEOUT`` (that worker died)."""
    from django.utils import timezone

    from minutes.notices import CLAIM_TIMEOUT

    make_partner("amina")
    with django_capture_on_commit_callbacks(execute=False):
        draft_meeting.save_revision().publish()
    MinutesNotice.objects.update(sending_since=timezone.now())
    send_minutes_notices.enqueue(draft_meeting.pk)
    assert mail.outbox == []
    MinutesNotice.objects.update(sending_since=timezone.now() - CLAIM_TIMEOUT - dt.timedelta(seconds=1))
    send_minutes_notices.enqueue(draft_meeting.pk)
    assert [message.to for message in mail.outbox] == [["amina@example.org"]]
