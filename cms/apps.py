from django.apps import AppConfig
from django.db.models.signals import post_migrate


def grant_snippet_permissions(sender, **kwargs):
    """Let Wagtail's "Editors" and "Moderators" groups manage the shared snippets (communes, organisations,
    venues). Runs after every migrate; creates the permissions first, since Django only makes them in its own
    post_migrate handler, which may come after this one."""
    from django.contrib.auth.management import create_permissions
    from django.contrib.auth.models import Group, Permission

    create_permissions(sender, verbosity=0)
    codenames = [f"{action}_{model}" for action in ("add", "change", "delete") for model in ("commune", "organisation", "venue")]
    permissions = Permission.objects.filter(content_type__app_label="cms", codename__in=codenames)
    for group in Group.objects.filter(name__in=["Editors", "Moderators"]):
        group.permissions.add(*permissions)


class CmsConfig(AppConfig):
    name = "cms"
    verbose_name = "Partenariat"

    def ready(self):
        post_migrate.connect(grant_snippet_permissions, sender=self)
        from . import i18n  # noqa: F401  (signal handlers: facts and privacy follow the source language)
