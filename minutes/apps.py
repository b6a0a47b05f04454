from django.apps import AppConfig
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _

# Who may read the register of actions and decisions in the admin (the report "Actions et décisions").
REPORT_GROUPS = ("Coordination", "Secrétariat", "Editors", "Moderators")


def grant_report_permissions(sender, **kwargs):
    """Let the coordination, the secretariat, editors and moderators see the report "Actions et décisions"
    (``view_action`` and ``view_decision``), and the coordination and the secretariat reach the admin. Runs after
    every migrate; creates the permissions first, since Django only makes them in its own post_migrate handler,
    which may come after this one."""
    from django.contrib.auth.management import create_permissions
    from django.contrib.auth.models import Group, Permission
    from django.db.models import Q

    create_permissions(sender, verbosity=0)
    permissions = list(
        Permission.objects.filter(
            Q(content_type__app_label="minutes", codename__in=["view_action", "view_decision"])
            | Q(content_type__app_label="wagtailadmin", codename="access_admin")
        )
    )
    for group in Group.objects.filter(name__in=REPORT_GROUPS):
        group.permissions.add(*permissions)


class MinutesConfig(AppConfig):
    name = "minutes"
    verbose_name = _("Procès-verbaux")

    def ready(self):
        from wagtail.signals import page_published

        from .models import MeetingPage
        from .signals import on_publish
        from .sync import on_page_published

        # Records first (decisions, actions), then the partners' e-mails about the same publication.
        page_published.connect(on_page_published, sender=MeetingPage, dispatch_uid="minutes-records")
        page_published.connect(on_publish, dispatch_uid="minutes-notices-on-publish")
        post_migrate.connect(grant_report_permissions, sender=self)
