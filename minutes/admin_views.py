"""Admin view "Préparer la prochaine réunion" (``minutes.preparation``): GET asks for confirmation, POST (with its
CSRF token) prepares the draft and opens it in the editor."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from .models import MeetingPage
from .preparation import CannotPrepare, existing_next_meeting, prepare_next_meeting


def may_prepare(meeting, user):
    """True when ``user`` may add a meeting beside ``meeting`` (a page permission on the partners' space)."""
    parent = meeting.get_parent()
    return parent is not None and parent.permissions_for_user(user).can_add_subpage()


@require_http_methods(["GET", "POST"])
def prepare_next_meeting_view(request, page_id):
    """``/admin/minutes/prepare/<page_id>/``: refuses (403) a user who may not add a meeting there; a meeting that
    cannot be prepared (not published, no next meeting) goes back to its editor with the reason."""
    meeting = get_object_or_404(MeetingPage, pk=page_id)
    if not may_prepare(meeting, request.user):
        raise PermissionDenied
    if request.method == "GET":
        context = {"meeting": meeting, "existing": existing_next_meeting(meeting)}
        return TemplateResponse(request, "minutes/admin/prepare_next_meeting.html", context)
    try:
        draft, created = prepare_next_meeting(meeting, request.user)
    except CannotPrepare as refusal:
        messages.error(request, str(refusal))
        return redirect("wagtailadmin_pages:edit", meeting.pk)
    title = draft.get_admin_display_title()
    if created:
        messages.success(
            request,
            _("Le brouillon « %(title)s » est prêt : complétez-le puis soumettez-le à la validation.")
            % {"title": title},
        )
    else:
        messages.warning(
            request, _("La prochaine réunion était déjà préparée : voici « %(title)s ».") % {"title": title}
        )
    return redirect(reverse("wagtailadmin_pages:edit", args=[draft.pk]))
