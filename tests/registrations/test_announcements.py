"""Cancelling, postponing or rescheduling an activity tells every confirmed and waiting registrant once, in their
language, when the editor publishes it; the registration form gives way to the notice; nobody is promoted from
the waiting list of an activity that will not take place."""

import datetime as dt

import pytest
from django.core import mail
from django.urls import reverse

from events.models import EventPage
from registrations.allocation import cancel, register
from registrations.models import Registration
from tests.factories import TrajetPageFactory, brussels, open_event, translate

LANGUAGES = ["fr", "nl", "en", "fr", "nl", "en", "fr", "fr", "nl", "en", "fr"]  # 8 confirmed, then 3 waiting


@pytest.fixture
def activity(agenda):
    trajet = TrajetPageFactory(parent=agenda)
    for code in ("nl", "en"):
        translate(agenda.get_parent(), code)
        translate(agenda, code)
        translate(trajet, code)
    # 27 March 2099 is a Friday before the spring DST change (CET, UTC+1); moved to Monday 30 (CEST, UTC+2).
    page = open_event(trajet, capacity=8, title="Atelier CV", start=brussels(2099, 3, 27, 9, 30))
    for code in ("nl", "en"):
        translate(page, code)
    return page


@pytest.fixture
def registrants(activity):
    rows = [
        register(activity, name=f"Personne {n}", email=f"p{n}@example.org", language=code, send_email=False)
        for n, code in enumerate(LANGUAGES)
    ]
    assert [r.status for r in rows] == ["confirmed"] * 8 + ["waiting"] * 3
    return rows


def publish(page, **changes):
    page = EventPage.objects.get(pk=page.pk)
    for name, value in changes.items():
        setattr(page, name, value)
    page.save_revision().publish()
    return EventPage.objects.get(pk=page.pk)


def sent_by_address():
    by_address = {}
    for message in mail.outbox:
        by_address.setdefault(message.to[0], []).append(message)
    return by_address


SUBJECTS = {
    "cancelled": {"fr": "Activité annulée\u00a0: ", "nl": "Activiteit geannuleerd: ", "en": "Activity cancelled: "},
    "postponed": {"fr": "Activité reportée\u00a0: ", "nl": "Activiteit uitgesteld: ", "en": "Activity postponed: "},
}


@pytest.mark.parametrize("status", ["cancelled", "postponed"])
def test_each_registrant_is_told_once_in_their_language(
    status, activity, registrants, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        publish(activity, status=status)
    by_address = sent_by_address()
    assert sorted(by_address) == sorted(r.email for r in registrants)
    for registration in registrants:
        (message,) = by_address[registration.email]
        subject = SUBJECTS[status][registration.language].replace("\u00a0", " ")
        assert message.subject.replace("\u00a0", " ").startswith(subject), message.subject
    english = by_address[registrants[2].email][0].body
    assert "will not take place" in english or "not known yet" in english

    # Published again unchanged, or with other text: nobody hears of it twice.
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        publish(activity, summary="Une autre phrase.")
    assert mail.outbox == []
    assert set(Registration.objects.values_list("status", flat=True)) == {"confirmed", "waiting"}  # kept


def test_the_page_and_its_translations_close_registration_with_the_notice(
    client, activity, registrants, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        publish(activity, status="cancelled")
    nl = EventPage.objects.get(translation_key=activity.translation_key, locale__language_code="nl")
    page = client.get(nl.url).content.decode()
    assert "Deze activiteit is geannuleerd: de inschrijvingen zijn gesloten." in page
    assert 'name="email"' not in page  # no form
    assert "Toevoegen aan mijn agenda" not in page and "Geannuleerd" in page
    response = client.post(nl.url, {"name": "Late", "email": "late@example.org", "consent": "on"})
    assert Registration.objects.filter(email="late@example.org").count() == 0
    assert response.status_code in (200, 302, 400)


def test_no_promotion_from_the_waiting_list_of_a_cancelled_activity(
    activity, registrants, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        publish(activity, status="cancelled")
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        cancel(registrants[0])
    assert Registration.objects.filter(status="waiting").count() == 3
    assert [message.to for message in mail.outbox] == [[registrants[0].email]]  # their record; nobody promoted


def test_a_new_date_is_announced_with_old_and_new_times_in_brussels(
    activity, registrants, django_capture_on_commit_callbacks
):
    moved = brussels(2099, 3, 30, 14, 0)  # after the DST change: 14:00 CEST
    with django_capture_on_commit_callbacks(execute=True):
        page = publish(activity, start=moved, end=moved + dt.timedelta(hours=3))
    assert page.sequence == 1 and page.previous_start == brussels(2099, 3, 27, 9, 30)
    by_address = sent_by_address()
    assert len(by_address) == 11 and all(len(messages) == 1 for messages in by_address.values())
    french = by_address[registrants[0].email][0]
    assert french.subject.startswith("Changement d'horaire ou de lieu")
    assert "Ancienne date\u00a0: vendredi 27 mars 2099, 09:30 – 12:30\n" in french.body
    assert "Quand\u00a0: lundi 30 mars 2099, 14:00 – 17:00\n" in french.body
    dutch = by_address[registrants[1].email][0]
    assert "Vorige datum: vrijdag 27 maart 2099, 09:30 – 12:30\n" in dutch.body
    assert "Wanneer: maandag 30 maart 2099, 14:00 – 17:00\n" in dutch.body


def test_someone_who_registers_after_the_change_hears_nothing_of_it(
    activity, registrants, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        publish(activity, start=activity.start + dt.timedelta(days=1), end=activity.end + dt.timedelta(days=1))
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        late = register(activity, name="Late", email="late@example.org")
    (message,) = mail.outbox
    assert message.subject.startswith("Liste d'attente") and late.notified_sequence == 1


def test_a_draft_with_a_new_date_tells_nobody(activity, registrants, django_capture_on_commit_callbacks):
    page = EventPage.objects.get(pk=activity.pk)
    page.start += dt.timedelta(days=2)
    page.end += dt.timedelta(days=2)
    with django_capture_on_commit_callbacks(execute=True):
        page.save_revision()
    assert mail.outbox == []
    assert EventPage.objects.get(pk=activity.pk).sequence == 0


def test_a_person_an_editor_cancels_is_told_in_their_language(
    admin_client, activity, registrants, django_capture_on_commit_callbacks
):
    dutch = registrants[1]
    with django_capture_on_commit_callbacks(execute=True):
        response = admin_client.post(reverse("events_registration:cancel", args=[dutch.pk]), follow=True)
    shown = " ".join(str(message) for message in response.context["messages"])
    assert "Inscription de Personne 1 annulée. Un e-mail l’en informe." in shown
    to_person = [message for message in mail.outbox if message.to == [dutch.email]]
    assert [message.subject for message in to_person] == ["Inschrijving geannuleerd: Atelier CV"]
    assert "Personne 8 passe de la liste d'attente aux confirmés." in shown
