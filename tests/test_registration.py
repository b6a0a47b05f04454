"""Allocation of places: capacity, waiting list by arrival, per-organisation limit, translations, closing."""

import datetime as dt

import pytest
from django.db import IntegrityError, transaction
from django.utils import timezone
from wagtail.models import Locale

from events.models import ScheduledPage
from registrations.allocation import (
    AlreadyRegistered,
    RegistrationClosed,
    RegistrationError,
    cancel,
    confirm,
    register,
)
from registrations.models import Registration
from registrations.pages import RegistrationClosedReason, with_places

from .factories import OrganisationFactory, TrajetPageFactory, open_event, open_visit

CONFIRMED, WAITING, CANCELLED = "confirmed", "waiting", "cancelled"


@pytest.fixture
def trajet(agenda):
    return TrajetPageFactory(parent=agenda)


def people(page, count, start=0, **kwargs):
    return [
        register(page, name=f"Personne {i}", email=f"p{i}@example.org", **kwargs) for i in range(start, start + count)
    ]


def statuses(page):
    return list(Registration.objects.filter(page=page).order_by("created_at", "pk").values_list("name", "status"))


def test_capacity_then_waiting_list_with_positions(trajet):
    page = open_event(trajet, capacity=3)
    regs = people(page, 5)
    assert [r.status for r in regs] == [CONFIRMED] * 3 + [WAITING] * 2
    assert [r.waiting_position for r in regs] == [None, None, None, 1, 2]
    page.refresh_from_db()
    assert page.places_left == 0


def test_places_left_counts_only_confirmed_and_none_when_unlimited(trajet):
    page = open_event(trajet, capacity=5)
    assert page.places_left == 5
    people(page, 2)
    assert page.places_left == 3
    unlimited = open_event(trajet, capacity=None)
    people(unlimited, 4)
    assert unlimited.places_left is None
    assert all(r.status == CONFIRMED for r in Registration.objects.filter(page=unlimited))


def test_cancel_promotes_first_waiting_by_arrival(trajet):
    page = open_event(trajet, capacity=2)
    first, second, w1, w2 = people(page, 4)
    promoted = cancel(first)
    assert [r.name for r in promoted] == [w1.name]
    assert statuses(page) == [
        ("Personne 0", CANCELLED),
        ("Personne 1", CONFIRMED),
        ("Personne 2", CONFIRMED),
        ("Personne 3", WAITING),
    ]
    w2.refresh_from_db()
    assert w2.waiting_position == 1
    assert cancel(first) == []  # idempotent


def test_cancelling_a_waiting_person_moves_the_others_up(trajet):
    page = open_event(trajet, capacity=1)
    _, w1, w2 = people(page, 3)
    assert cancel(w1) == []
    w2.refresh_from_db()
    assert (w2.status, w2.waiting_position) == (WAITING, 1)


def test_per_organisation_limit_does_not_block_other_organisations(agenda):
    visit = open_visit(agenda, capacity=5, max_per_organisation=2)
    forest, uccle = OrganisationFactory(name="MEF Forest"), OrganisationFactory(name="MEF Uccle")
    a1 = register(visit, name="A1", email="a1@example.org", organisation=forest)
    a2 = register(visit, name="A2", email="a2@example.org", organisation=forest)
    a3 = register(visit, name="A3", email="a3@example.org", organisation=forest)
    b1 = register(visit, name="B1", email="b1@example.org", organisation=uccle)
    assert [r.status for r in (a1, a2, a3, b1)] == [CONFIRMED, CONFIRMED, WAITING, CONFIRMED]
    assert visit.places_left == 2
    # A place of her organisation frees up: the waiting Forest person gets it, ahead of anyone after her.
    assert [r.name for r in cancel(a1)] == ["A3"]
    assert Registration.objects.filter(page=visit, organisation=forest, status=CONFIRMED).count() == 2


def test_quota_waiter_keeps_rank_when_general_place_frees(agenda):
    visit = open_visit(agenda, capacity=3, max_per_organisation=1)
    forest, uccle, sg = (OrganisationFactory() for _ in range(3))
    register(visit, name="F1", email="f1@example.org", organisation=forest)
    register(visit, name="F2", email="f2@example.org", organisation=forest)  # waits: forest limit
    u1 = register(visit, name="U1", email="u1@example.org", organisation=uccle)
    register(visit, name="S1", email="s1@example.org", organisation=sg)  # last place
    register(visit, name="S2", email="s2@example.org", organisation=uccle)  # full and uccle limit
    # U1 cancels: F2 is first but blocked by the forest limit; S2 (uccle, now free) gets the place.
    assert [r.name for r in cancel(u1)] == ["S2"]
    assert dict(statuses(visit))["F2"] == WAITING


def test_same_email_cannot_hold_two_registrations(trajet):
    page = open_event(trajet, capacity=3)
    register(page, name="A", email="a@example.org")
    with pytest.raises(AlreadyRegistered):
        register(page, name="A again", email="A@Example.org ")
    # The database refuses it too, whatever the code path.
    with pytest.raises(IntegrityError), transaction.atomic():
        Registration.objects.create(page=page, name="X", email="a@example.org", status=WAITING)
    # Once cancelled, the address may register again.
    cancel(Registration.objects.get(email="a@example.org"))
    assert register(page, name="A", email="a@example.org").status == CONFIRMED


def test_translated_page_shares_capacity_and_registrations(trajet):
    page = open_event(trajet, capacity=2)
    nl = Locale.objects.get_or_create(language_code="nl")[0]
    trajet.copy_for_translation(nl, copy_parents=True)
    page_nl = page.copy_for_translation(nl)
    page_nl.save_revision().publish()
    page_nl = ScheduledPage.objects.get(pk=page_nl.pk)
    assert page_nl.registration_page.pk == page.pk
    register(page, name="FR", email="fr@example.org")
    nl_reg = register(page_nl, name="NL", email="nl@example.org", language="nl")
    assert nl_reg.page_id == page.pk and nl_reg.status == CONFIRMED
    assert register(page_nl, name="NL2", email="nl2@example.org", language="nl").status == WAITING
    assert page_nl.places_left == 0 and page.places_left == 0
    annotated = {p.pk: p.places_left for p in with_places(ScheduledPage.objects.filter(pk__in=[page.pk, page_nl.pk]))}
    assert annotated == {page.pk: 0, page_nl.pk: 0}


def test_places_left_annotation_runs_fixed_queries(trajet, django_assert_max_num_queries):
    pages = [open_event(trajet, capacity=4) for _ in range(5)]
    for page in pages:
        people(page, 2, start=page.pk * 10)
    with django_assert_max_num_queries(2):  # the default locale, then the annotated listing
        values = [p.places_left for p in with_places(ScheduledPage.objects.filter(pk__in=[p.pk for p in pages]))]
    assert values == [2] * 5


def test_deadline_closes_registration(trajet):
    start = timezone.now() + dt.timedelta(days=3)
    page = open_event(trajet, start=start, registration_deadline=timezone.now() - dt.timedelta(minutes=1))
    assert page.registration_closed_reason() == RegistrationClosedReason.DEADLINE
    with pytest.raises(RegistrationClosed) as error:
        register(page, name="A", email="a@example.org")
    assert error.value.reason == "deadline"
    # Default deadline: the start.
    page.registration_deadline = None
    assert page.registration_closed_reason() is None
    assert page.registration_closed_reason(now=start) == RegistrationClosedReason.DEADLINE
    assert page.registration_closed_reason(now=start + dt.timedelta(hours=4)) == RegistrationClosedReason.ENDED


def test_cancelled_event_and_closed_registration_refuse(trajet):
    page = open_event(trajet, status="cancelled")
    with pytest.raises(RegistrationClosed) as error:
        register(page, name="A", email="a@example.org")
    assert error.value.reason == RegistrationClosedReason.CANCELLED
    closed = open_event(trajet, registration_open=False)
    assert closed.registration_closed_reason() == RegistrationClosedReason.NOT_OPEN
    # An editor may still add someone.
    assert register(closed, name="B", email="b@example.org", check_open=False).status == CONFIRMED


def test_editor_confirms_waiting_person_within_capacity_only(agenda):
    visit = open_visit(agenda, capacity=3, max_per_organisation=1)
    org = OrganisationFactory()
    register(visit, name="A", email="a@example.org", organisation=org)
    b = register(visit, name="B", email="b@example.org", organisation=org)
    assert b.status == WAITING
    confirm(b)  # beyond the organisation limit, allowed to an editor
    b.refresh_from_db()
    assert b.status == CONFIRMED
    register(visit, name="C", email="c@example.org")
    d = register(visit, name="D", email="d@example.org")
    assert d.status == WAITING
    with pytest.raises(RegistrationError) as error:
        confirm(d)
    assert error.value.code == "full"
    with pytest.raises(RegistrationError):
        confirm(b)  # not waiting


def test_more_places_on_publish_promote_the_waiting_list(trajet):
    page = open_event(trajet, capacity=1)
    people(page, 3)
    page.capacity = 2
    page.save_revision().publish()
    assert [s for _, s in statuses(page)] == [CONFIRMED, CONFIRMED, WAITING]
