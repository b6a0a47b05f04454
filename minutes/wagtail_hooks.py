"""Admin of the partners' space: "Importer un PV (Word)" (``word_import_views``), in the main menu and as a
button on the partners' space, for users who may add a meeting there."""

from django.urls import path, reverse
from django.utils.http import urlencode
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.admin.widgets.button import ListingButton

from .models import MinutesIndexPage
from .word_import_views import WordImportView, importable_indexes


@hooks.register("register_admin_urls")
def word_import_urls():
    return [path("minutes/import-word/", WordImportView.as_view(), name="minutes_word_import")]


class WordImportMenuItem(MenuItem):
    def is_shown(self, request):
        return bool(importable_indexes(request.user))


@hooks.register("register_admin_menu_item")
def word_import_menu_item():
    return WordImportMenuItem(
        _("Importer un PV (Word)"), reverse("minutes_word_import"), icon_name="doc-full-inverse", order=260
    )


@hooks.register("register_page_header_buttons")
def word_import_header_button(page, user, view_name, next_url=None):
    if isinstance(page.specific_deferred, MinutesIndexPage) and page.permissions_for_user(user).can_add_subpage():
        url = reverse("minutes_word_import") + "?" + urlencode({"index": page.pk})
        yield ListingButton(_("Importer un PV (Word)"), url=url, icon_name="doc-full-inverse", priority=16)
