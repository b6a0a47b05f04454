"""The shared snippets in the admin, each with listing, search and filters."""
from django.utils.translation import gettext_lazy as _
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from .models import Commune, Organisation, Venue


class CommuneViewSet(SnippetViewSet):
    model = Commune
    # Database filtering rather than the search index: the communes come from a data migration, which does not
    # index them, and these tables are small.
    search_backend_name = None
    icon = "home"
    list_display = ["name", "slug", "postcode", "locale"]
    list_filter = ["locale"]
    search_fields = ["name"]
    ordering = ["name"]


class OrganisationViewSet(SnippetViewSet):
    model = Organisation
    search_backend_name = None
    icon = "group"
    list_display = ["name", "short_name", "website"]
    search_fields = ["name", "short_name"]


class VenueViewSet(SnippetViewSet):
    model = Venue
    search_backend_name = None
    icon = "site"
    list_display = ["name", "street", "postcode", "commune"]
    list_filter = ["commune"]
    search_fields = ["name", "street"]


class DirectoryGroup(SnippetViewSetGroup):
    menu_label = _("Répertoire")
    menu_icon = "folder-open-inverse"
    menu_order = 300
    items = (CommuneViewSet, OrganisationViewSet, VenueViewSet)


register_snippet(DirectoryGroup)
