"""Admin: the partners' preferences (``minutes.viewsets``)."""

from wagtail import hooks

from .viewsets import partner_profile_viewset


@hooks.register("register_admin_viewset")
def register_partner_profiles():
    return partner_profile_viewset
