"""Cancelling after the activity ended is refused with a clear message and never promotes anyone (no e-mail
"une place s'est libérée" for a day already past): the allocation, the signed link and the admin action."""

import datetime as dt

import pytest
import time_machine
from django.core import mail
from django.test import Client

from registrations.allocation import ActivityEnded, cancel, refill, register
from registrations.models import Registration
from tests.factories import TrajetPageFactory, UserFactory, open_event

ENDED_MESSAGE = "Cette activité est terminée : l&#x27;inscription ne peut plus être annulée."


@pytest.fixture
def full_event(agenda, django_capture_on_commit_callbacks):
    """An activity (capacity 1) with Amina confirmed and Bert waiting; the e-mails already sent."""
    page = open_event(TrajetPageFactory(parent=agenda), capacity=1)
    with django_capture_on_commit_callbacks(execute=True):
        amina = register(page, name="Amina", email="amina@example.org")
        bert = register(page, name="Bert", email="bert@example.org")
    mail.outbox.clear()
    return page, amina, bert


def after_end(page):
    return time_machine.travel(page.end + dt.timedelta(hours=1), tick=False)


def statuses(page):
    return dict(Registration.objects.filter(page=page).values_list("name", "status"))


UNCHANGED = {"Amina": "confirmed", "Bert": "waiting"}


def test_allocation_refuses_and_promotes_nobody(full_event, django_capture_on_commit_callbacks):
    page, amina, _bert = full_event
    with django_capture_on_commit_callbacks(execute=True), pytest.raises(ActivityEnded):
        cancel(amina, now=page.end)
    assert statuses(page) == UNCHANGED
    with django_capture_on_commit_callbacks(execute=True):
        assert refill(page, now=page.end + dt.timedelta(minutes=1)) == []
    assert mail.outbox == []


def test_cancelling_before_the_end_still_promotes(full_event, django_capture_on_commit_callbacks):
    page, amina, _bert = full_event
    with django_capture_on_commit_callbacks(execute=True):
        promoted = cancel(amina, now=page.end - dt.timedelta(minutes=1))
    assert [person.name for person in promoted] == ["Bert"]


def test_signed_link_after_the_end_says_so_and_changes_nothing(full_event, django_capture_on_commit_callbacks):
    page, amina, _bert = full_event
    url = page.url + page.reverse_subpage("cancel_registration", args=[amina.cancel_token])
    client = Client()
    with after_end(page):
        response = client.get(url)
        assert response.status_code == 200
        assert ENDED_MESSAGE in response.text
        assert "Confirmer l&#x27;annulation" not in response.text
        with django_capture_on_commit_callbacks(execute=True):
            response = client.post(url, follow=True)
    assert response.status_code == 200
    assert ENDED_MESSAGE in response.text
    assert "Votre inscription est annulée" not in response.text
    assert statuses(page) == UNCHANGED
    assert mail.outbox == []


def test_admin_action_after_the_end_is_refused(full_event, django_capture_on_commit_callbacks):
    page, amina, _bert = full_event
    client = Client()
    client.force_login(UserFactory(username="admin", is_superuser=True, is_staff=True))
    url = f"/admin/events/registrations/{amina.pk}/cancel/"
    with after_end(page):
        assert ENDED_MESSAGE in client.get(url).text
        with django_capture_on_commit_callbacks(execute=True):
            response = client.post(url, follow=True)
        assert ENDED_MESSAGE in response.text
        with django_capture_on_commit_callbacks(execute=True):
            client.post(f"/admin/events/registrations/delete/{amina.pk}/")
    assert Registration.objects.get(name="Amina").status == "confirmed"  # never deleted, not cancelled after the end
    assert Registration.objects.get(name="Bert").status == "waiting"
    assert mail.outbox == []
