"""RSS 2.0 and Atom 1.0 feeds of upcoming activities and visits (``django.contrib.syndication``).

``GET /agenda/rss/`` and ``GET /agenda/atom/`` take the agenda's filters (``?commune=forest``, ``phase``,
``type``, ``from``, ``to``) and ``locale`` (see ``events.outputs``); items are soonest first, each linking to
its page, described in plain text in the feed's language (date and hours in Europe/Brussels).
"""

from types import SimpleNamespace

from django.contrib.syndication.views import Feed
from django.utils import translation
from django.utils.feedgenerator import Atom1Feed, Rss201rev2Feed
from django.utils.translation import gettext as _

from cms.display import when_text, where_text
from cms.models import Commune
from cms.templatetags.typography import colon

from .choices import EventStatus
from .outputs import agenda_page_for, output_items, parse_output_request, public_output

FEED_MAX_ITEMS = 50


class UpcomingFeed(Feed):
    """RSS 2.0 feed; ``get_object`` returns the request's locale, filters and items (no state on ``self``,
    which every request shares). ``feed_view`` parses the query into ``request.agenda_output`` first."""

    feed_type = Rss201rev2Feed

    def get_object(self, request):
        locale, filters = request.agenda_output
        items = output_items(locale, filters, limit=FEED_MAX_ITEMS)
        for item in items:
            item.feed_link = item.get_full_url(request)
        agenda = agenda_page_for(locale)
        communes = dict(Commune.objects.choices(locale))
        return SimpleNamespace(
            locale=locale,
            filters=filters,
            items=items,
            link=agenda.get_full_url(request) if agenda else request.build_absolute_uri("/"),
            commune_name=communes.get(filters.commune) if filters.commune else None,
        )

    def title(self, obj):
        title = _("Trajet emploi zone sud – activités à venir")
        return f"{title} – {obj.commune_name}" if obj.commune_name else title

    def link(self, obj):
        return obj.link

    def description(self, obj):
        return _(
            "Les activités et journées de visites à venir des maisons de l'emploi de Saint-Gilles, Forest et Uccle."
        )

    def items(self, obj):
        return obj.items

    def item_title(self, item):
        """The title, after "Annulée : " or "Reportée : " (in the feed's language) when not held as announced."""
        mark = {EventStatus.CANCELLED: _("Annulée"), EventStatus.POSTPONED: _("Reportée")}.get(item.status)
        return f"{mark}{colon()}{item.title}" if mark else item.title

    def item_link(self, item):
        return item.feed_link

    def item_description(self, item):
        lines = [
            when_text(item.start, item.end, compact=True),  # "jeudi 18 mai 2017, 08:30–16:30"
            where_text(item.venue, item.commune, item.visit_meeting_point),
        ]
        if item.summary:
            lines.append(item.summary)
        return "\n".join(lines)

    def item_pubdate(self, item):
        return item.first_published_at

    def item_updateddate(self, item):
        return item.last_published_at

    def item_categories(self, item):
        phase = item.phase_choice
        return [str(phase.label) if phase else _("Journée de visites")] + [commune.name for commune in item.communes()]


class UpcomingAtomFeed(UpcomingFeed):
    feed_type = Atom1Feed

    def subtitle(self, obj):
        return self.description(obj)


def feed_view(feed):
    @public_output
    def view(request):
        request.agenda_output = parse_output_request(request)
        with translation.override(request.agenda_output[0].language_code):
            return feed(request)

    return view


rss_feed = feed_view(UpcomingFeed())
atom_feed = feed_view(UpcomingAtomFeed())
