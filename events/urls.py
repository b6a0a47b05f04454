"""The agenda's outputs for other sites and calendars, outside the language prefixes (``/agenda/...``).

The language is the ``locale`` parameter (default French), the filters those of the agenda page: see
``events.outputs``. Mounted by ``cms.urls`` at ``/agenda/``.
"""

from django.urls import path, re_path

from . import embed, feeds, ical

urlpatterns = [
    path("ical/", ical.agenda_calendar, name="agenda-ical"),
    # At most 18 digits: a larger id cannot exist and would overflow the database's integer.
    re_path(r"^ical/(?P<page_id>[0-9]{1,18})\.ics$", ical.page_calendar, name="agenda-ical-page"),
    path("rss/", feeds.rss_feed, name="agenda-rss"),
    path("atom/", feeds.atom_feed, name="agenda-atom"),
    path("embed/", embed.agenda_embed, name="agenda-embed"),
]
