"""Admin users with a narrow task reach only that task.

A user who may enter the admin (``wagtailadmin.access_admin``) but holds no page permission at all — an
organiser (group "Organisateurs"), who only fills in evaluations — would otherwise reach every admin view
that asks for nothing more than admin access: the page choosers (``/admin/choose-page/…``, listing the titles
of the partners' meetings), the admin API, wagtail-localize's reports, bulk actions, Wagtail's reports. For
such a user only the views named in ``settings.ADMIN_NARROW_ROLE_VIEWS`` (``fnmatch`` patterns of URL names:
the dashboard, their account, their task's views) are served; every other admin URL answers 403.

Superusers and users with any page permission (editors, moderators) are not affected; users without admin
access are left to Wagtail (a redirect to the login page).
"""

from fnmatch import fnmatchcase

from django.conf import settings
from django.core.exceptions import PermissionDenied
from wagtail.models import GroupPagePermission


def is_narrow_admin_user(user):
    """True for an authenticated admin user, not superuser, without any page permission. One or two queries."""
    if not user.is_authenticated or user.is_superuser or not user.has_perm("wagtailadmin.access_admin"):
        return False
    return not GroupPagePermission.objects.filter(group__user=user).exists()


def allowed_for_narrow_role(view_name):
    return any(fnmatchcase(view_name, pattern) for pattern in settings.ADMIN_NARROW_ROLE_VIEWS)


class NarrowAdminRoleMiddleware:
    """Refuses (403) the admin views outside ``ADMIN_NARROW_ROLE_VIEWS`` to narrow admin users (see above)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_view(self, request, view_func, view_args, view_kwargs):
        if not request.path_info.startswith(settings.ADMIN_URL_PREFIX):
            return None
        match = request.resolver_match
        view_name = match.view_name if match and match.url_name else ""
        if allowed_for_narrow_role(view_name):
            return None
        user = getattr(request, "user", None)
        if user is not None and is_narrow_admin_user(user):
            raise PermissionDenied
        return None
