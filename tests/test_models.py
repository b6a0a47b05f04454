"""Model validation and page-tree rules."""

import datetime as dt

import pytest
from django.core.exceptions import ValidationError

from events.models import AgendaPage, EventPage, TrajetPage, VisitPage
from home.models import HomePage, StandardPage
from minutes.models import MeetingPage, MinutesIndexPage

from .factories import EventPageFactory, TrajetPageFactory, VisitPageFactory, brussels


@pytest.fixture
def trajet(agenda):
    return TrajetPageFactory(parent=agenda)


def test_end_before_start_is_a_field_error(trajet):
    page = EventPageFactory.build(start=brussels(2017, 4, 24, 12), end=brussels(2017, 4, 24, 9))
    with pytest.raises(ValidationError) as error:
        page.clean()
    assert error.value.message_dict["end"] == ["La fin doit être postérieure au début."]


def test_end_equal_to_start_is_refused(trajet):
    page = EventPageFactory.build(start=brussels(2017, 4, 24, 9), end=brussels(2017, 4, 24, 9))
    with pytest.raises(ValidationError):
        page.clean()


@pytest.mark.parametrize("capacity", [0, -3])
def test_capacity_must_be_positive(trajet, capacity):
    page = EventPageFactory(parent=trajet)
    page.capacity = capacity
    with pytest.raises(ValidationError) as error:
        page.full_clean()
    assert "capacity" in error.value.message_dict


def test_empty_capacity_means_no_limit(trajet):
    page = EventPageFactory(parent=trajet, capacity=None)
    page.full_clean()
    assert page.capacity is None


def test_max_per_organisation_must_be_positive(agenda):
    visit = VisitPageFactory(parent=agenda)
    visit.max_per_organisation = 0
    with pytest.raises(ValidationError) as error:
        visit.full_clean()
    assert "max_per_organisation" in error.value.message_dict


def test_trajet_end_before_start_refused(agenda):
    page = TrajetPageFactory.build(start_date=dt.date(2017, 5, 1), end_date=dt.date(2017, 4, 1))
    with pytest.raises(ValidationError) as error:
        page.clean()
    assert "end_date" in error.value.message_dict


def test_stored_datetimes_are_aware_and_shown_in_brussels(trajet):
    page = EventPageFactory(parent=trajet, start=brussels(2017, 4, 24, 9, 30), end=brussels(2017, 4, 24, 12))
    page.refresh_from_db()
    assert page.start.utcoffset() is not None
    assert page.start == dt.datetime(2017, 4, 24, 7, 30, tzinfo=dt.UTC)  # CEST = UTC+2


# Page tree: each type only where it belongs.
ALLOWED_CHILDREN = {
    HomePage: {AgendaPage, MinutesIndexPage, StandardPage},
    AgendaPage: {TrajetPage, VisitPage},
    TrajetPage: {EventPage},
    EventPage: set(),
    VisitPage: set(),
    MinutesIndexPage: {MeetingPage},
    MeetingPage: set(),
    StandardPage: {StandardPage},
}


@pytest.mark.parametrize("parent", list(ALLOWED_CHILDREN), ids=lambda m: m.__name__)
def test_subpage_types(parent, db):
    assert set(parent.allowed_subpage_models()) == ALLOWED_CHILDREN[parent]


def test_agenda_and_partners_space_once_per_home(home):
    from .factories import AgendaPageFactory, MinutesIndexPageFactory

    assert AgendaPage.can_create_at(home)
    AgendaPageFactory(parent=home)
    MinutesIndexPageFactory(parent=home)
    home.refresh_from_db()
    assert not AgendaPage.can_create_at(home)
    assert not MinutesIndexPage.can_create_at(home)


def test_activity_only_under_a_trajet(agenda, trajet):
    assert EventPage.can_create_at(trajet)
    assert not EventPage.can_create_at(agenda)
    assert VisitPage.can_create_at(agenda)
    assert not VisitPage.can_create_at(trajet)
