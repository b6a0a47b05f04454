"""Meeting addresses are ASCII: accents folded when Wagtail makes the slug from the title."""

from minutes.models import MeetingPage
from tests.factories import MinutesIndexPageFactory, brussels


def test_a_new_meeting_gets_an_ascii_slug(home):
    index = MinutesIndexPageFactory(parent=home)
    meeting = MeetingPage(title="Réunion de la CZS du 18 avril", start=brussels(2017, 4, 18, 9, 30))
    index.add_child(instance=meeting)
    assert meeting.slug == "reunion-de-la-czs-du-18-avril"
    assert meeting.url.endswith("/espace-partenaires/reunion-de-la-czs-du-18-avril/")
