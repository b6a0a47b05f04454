"""Shared set-up of the partners' cycle tests: a partners' space and meetings published with their minutes."""

import pytest

from tests.factories import MeetingPageFactory, MinutesIndexPageFactory, brussels


def item(title, decisions=(), actions=(), follow_ups=()):
    """An agenda item block (``("item", value)``) of a meeting's minutes."""
    return (
        "item",
        {
            "title": title,
            "discussion": "",
            "decisions": list(decisions),
            "actions": [
                {"what": what, "who": who, "due": None, "organisation": organisation}
                for what, who, organisation in actions
            ],
            "follow_ups": [{"action": key, "status": status, "note": note} for key, status, note in follow_ups],
        },
    )


def publish(page, **changes):
    """Save ``changes`` on ``page`` as a new revision and publish it (as "Publier" in the admin)."""
    for name, value in changes.items():
        setattr(page, name, value)
    revision = page.save_revision()
    revision.publish()
    page.refresh_from_db()
    return page


def published_meeting(index, start, agenda=(), **fields):
    page = MeetingPageFactory(parent=index, start=start, agenda=list(agenda), live=False, **fields)
    return publish(page)


def action_keys(page):
    """The block ids of the actions of ``page``'s minutes, in order."""
    return [child.id for block in page.agenda for child in block.value["actions"].bound_blocks]


@pytest.fixture
def space(home):
    """The partners' space under the home page: restricted to partners, with the workflow "Validation du PV"."""
    return MinutesIndexPageFactory(parent=home)


@pytest.fixture
def april(space):
    return brussels(2017, 4, 18, 9, 30)
