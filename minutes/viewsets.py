"""Admin: the partners' preferences (``PartnerProfile``), for those who hold its model permissions (the
administrators). The calendar token is never shown there; the partner replaces it from "Mes préférences"."""

from django.utils.translation import gettext_lazy as _
from wagtail.admin.ui.tables import BooleanColumn, Column, DateColumn
from wagtail.admin.viewsets.model import ModelViewSet

from .models import PartnerProfile


class PartnerProfileViewSet(ModelViewSet):
    model = PartnerProfile
    icon = "user"
    menu_label = _("Préférences des partenaires")
    add_to_settings_menu = True
    name = "partner_profile"
    url_prefix = "minutes/partner-profiles"
    copy_view_enabled = False
    inspect_view_enabled = False
    form_fields = ["user", "language", "notify_minutes"]
    search_fields = ["user__username", "user__email", "user__first_name", "user__last_name"]
    list_filter = ["language", "notify_minutes"]
    list_display = [
        Column("user", label=_("Partenaire"), accessor="__str__"),
        Column("email", label=_("E-mail"), accessor="user.email"),
        Column("language", label=_("Langue"), accessor="get_language_display"),
        BooleanColumn("notify_minutes", label=_("E-mails des procès-verbaux")),
        DateColumn("calendar_token_created", label=_("Lien d'agenda créé le")),
    ]


partner_profile_viewset = PartnerProfileViewSet()
