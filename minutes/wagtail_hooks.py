"""Admin: "Préparer la prochaine réunion" on a published meeting (page header and listing menus) and the report
"Actions et décisions" (menu Rapports)."""

from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.admin.ui.menus.pages import PageMenuItem
from wagtail.models import Locale

from .admin_views import may_prepare, prepare_next_meeting_view
from .models import MeetingPage
from .reports import RecordsReportView


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
