"""The agenda's outputs for other sites and calendars, outside the language prefixes (``/agenda/...``).

The language is the ``locale`` parameter (default French), the filters those of the agenda page: see
``events.outputs``. Mounted by ``cms.urls`` at ``/agenda/``.
"""
from django.urls import path

from . import embed, feeds, ical

urlpatterns = [
    path("ical/", ical.agenda_calendar, name="agenda-ical"),
    path("ical/<int:page_id>.ics", ical.page_calendar, name="agenda-ical-page"),
    path("rss/", feeds.rss_feed, name="agenda-rss"),
    path("atom/", feeds.atom_feed, name="agenda-atom"),
    path("embed/", embed.agenda_embed, name="agenda-embed"),
]
