"""Admin of the partners' space: "Importer un PV (Word)" (``word_import_views``) in the main menu and on the
partners' space, for users who may add a meeting there; "Préparer la prochaine réunion" on a published meeting
(page header and listing menus); the report "Actions et décisions" (menu Rapports); the partners' preferences
(``minutes.viewsets``, menu Paramètres)."""

from django.urls import path, reverse
from django.utils.http import urlencode
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.admin.ui.menus.pages import PageMenuItem
from wagtail.admin.widgets.button import ListingButton
from wagtail.models import Locale

from .admin_views import may_prepare, prepare_next_meeting_view
from .models import MeetingPage, MinutesIndexPage
from .reports import RecordsReportView
from .viewsets import partner_profile_viewset
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


@hooks.register("register_admin_urls")
def minutes_admin_urls():
    return [
        path("minutes/prepare/<int:page_id>/", prepare_next_meeting_view, name="minutes_prepare_next_meeting"),
        path("reports/actions-decisions/", RecordsReportView.as_view(), name="minutes_records_report"),
        path(
            "reports/actions-decisions/results/",
            RecordsReportView.as_view(results_only=True),
            name="minutes_records_report_results",
        ),
    ]


class PrepareNextMeetingButton(PageMenuItem):
    label = _("Préparer la prochaine réunion")
    icon_name = "calendar"
    url_name = "minutes_prepare_next_meeting"
    priority = 25

    def is_shown(self, user):
        page = self.page.specific_deferred
        return (
            isinstance(page, MeetingPage) and page.live and page.next_meeting_start is not None
            and not page.alias_of_id and page.locale_id == Locale.get_default().pk and may_prepare(page, user)
        )  # fmt: skip


@hooks.register("register_page_header_buttons")
def prepare_next_meeting_header_button(page, user, view_name, next_url=None):
    yield PrepareNextMeetingButton(page=page)


@hooks.register("register_page_listing_more_buttons")
def prepare_next_meeting_listing_button(page, user, next_url=None):
    yield PrepareNextMeetingButton(page=page)


class RecordsReportMenuItem(MenuItem):
    def is_shown(self, request):
        return request.user.has_perm("minutes.view_action")


@hooks.register("register_reports_menu_item")
def register_records_report_menu_item():
    return RecordsReportMenuItem(
        _("Actions et décisions"), reverse("minutes_records_report"), icon_name="tasks", order=710
    )


@hooks.register("register_admin_viewset")
def register_partner_profiles():
    return partner_profile_viewset
