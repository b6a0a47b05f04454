"""The partners' space with partners in three languages, and meetings published as editors publish them."""

import pytest
from django.conf import settings

from minutes.models import PartnerProfile
from tests.factories import MeetingPageFactory, MinutesIndexPageFactory, UserFactory, brussels


@pytest.fixture
def space(home):
    """The French partners' space (restricted to the partners' group when created)."""
    return MinutesIndexPageFactory(parent=home)


def make_partner(username, language=None, notify=True, **kwargs):
    """A partner (group "Partenaires"); a ``PartnerProfile`` when ``language`` is given or ``notify`` is off."""
    user = UserFactory(username=username, groups=[settings.PARTNERS_GROUP_NAME], **kwargs)
    if language is not None or not notify:
        PartnerProfile.objects.create(user=user, language=language or "fr", notify_minutes=notify)
    return user


@pytest.fixture
def partners(db):
    """Three partners who want the e-mails: French (no profile: the defaults), Dutch, English."""
    return {
        "fr": make_partner("amina", first_name="Amina", last_name="Diallo"),
        "nl": make_partner("jan", language="nl", first_name="Jan"),
        "en": make_partner("sarah", language="en", first_name="Sarah"),
    }


@pytest.fixture
def draft_meeting(space):
    """The minutes of 20 April 2017 (spring, CEST), saved as a draft, never published."""
    return MeetingPageFactory(
        parent=space, title="Réunion du CZS du 20 avril 2017", start=brussels(2017, 4, 20, 9, 30), live=False
    )
