"""A registration costs the same whatever the length of the waiting list: many people registering at once for a
popular activity each hold the page's lock for a few indexed queries, and no save queues a reference-index update.
"""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from wagtail.models import ReferenceIndex

from registrations.allocation import register
from registrations.models import Registration
from tests.factories import TrajetPageFactory, open_event


def registration_queries(page, email):
    with CaptureQueriesContext(connection) as queries:
        registration = register(page, name="Personne", email=email)
    return registration, [query["sql"] for query in queries.captured_queries]


@pytest.mark.django_db
def test_a_registration_for_a_full_activity_does_not_read_the_waiting_list(agenda):
    page = open_event(TrajetPageFactory(parent=agenda), capacity=2)
    costs = []
    for waiting in (5, 40):
        while Registration.objects.filter(page=page).count() < 2 + waiting:
            n = Registration.objects.count()
            register(page, name=f"Avant {n}", email=f"avant{n}@example.org", send_email=False)
        registration, queries = registration_queries(page, f"apres{waiting}@example.org")
        assert registration.status == Registration.Status.WAITING
        assert registration.waiting_position == waiting + 1
        costs.append(len(queries))
    # The lock, the duplicate check, the count of confirmed places, the insert (and the test's savepoint pair).
    assert costs[0] == costs[1] <= 6, costs


@pytest.mark.django_db
def test_a_free_place_is_given_at_once_in_a_few_queries(agenda):
    page = open_event(TrajetPageFactory(parent=agenda), capacity=3)
    registration, queries = registration_queries(page, "premiere@example.org")
    assert registration.status == Registration.Status.CONFIRMED
    assert Registration.objects.get(pk=registration.pk).status == Registration.Status.CONFIRMED
    assert len(queries) <= 9, queries


def test_registrations_are_not_in_the_reference_index():
    assert not ReferenceIndex.is_indexed(Registration)
