from django.apps import AppConfig
from django.db.models.signals import post_migrate


def grant_snippet_permissions(sender, **kwargs):
    """Let Wagtail's "Editors" and "Moderators" groups manage the shared snippets (communes, organisations,
    venues) and start translations (wagtail-localize's "Traduire"; translations then go through the same moderation
    as the French page, see ``cms.moderation``). Runs after every migrate; creates the permissions first, since
    Django only makes them in its own post_migrate handler, which may come after this one."""
    from django.apps import apps
    from django.contrib.auth.management import create_permissions
    from django.contrib.auth.models import Group, Permission
    from django.db.models import Q

    create_permissions(sender, verbosity=0)
    create_permissions(apps.get_app_config("wagtail_localize"), verbosity=0)
    codenames = [
        f"{action}_{model}" for action in ("add", "change", "delete") for model in ("commune", "organisation", "venue")
    ]
    permissions = Permission.objects.filter(
        Q(content_type__app_label="cms", codename__in=codenames)
        | Q(content_type__app_label="wagtail_localize", codename="submit_translation")
    )
    for group in Group.objects.filter(name__in=["Editors", "Moderators"]):
        group.permissions.add(*permissions)


def purge_listings(sender=None, **kwargs):
    from .frontend_cache import purge_after_change

    purge_after_change()


def purge_deleted_page(sender, instance, **kwargs):
    from .frontend_cache import purge_after_change

    if instance.live and instance.depth > 1:
        purge_after_change([instance])


def purge_restricted_page(sender, instance, raw=False, **kwargs):
    from .frontend_cache import purge_after_change

    if not raw:
        purge_after_change([instance.page], with_descendants=True)


class CmsConfig(AppConfig):
    name = "cms"
    verbose_name = "Partenariat"

    def ready(self):
        from django.db.models.signals import post_delete, post_save, pre_delete
        from wagtail.models import Page, PageViewRestriction
        from wagtail.signals import page_published, page_unpublished, post_page_move

        from .cache import bump_content_version

        post_migrate.connect(grant_snippet_permissions, sender=self)
        for signal in (page_published, page_unpublished, post_page_move):
            signal.connect(bump_content_version, dispatch_uid=f"cms-cache-{signal!r}")
        post_delete.connect(bump_content_version, sender=Page, dispatch_uid="cms-cache-page-delete")
        # A Site change too: its hostname and root page are in cached pages and in ``cms.sites``.
        for model in (PageViewRestriction, "wagtailcore.Site", "cms.Commune", "cms.Organisation", "cms.Venue"):
            post_save.connect(bump_content_version, sender=model, dispatch_uid=f"cms-cache-save-{model}")
            post_delete.connect(bump_content_version, sender=model, dispatch_uid=f"cms-cache-delete-{model}")
        # Wagtail sets Page.base_form_class when page_utils is imported: import it before replacing it below.
        import wagtail.admin.panels.page_utils  # noqa: F401

        from . import i18n  # noqa: F401  (signal handlers: facts and privacy follow the source language)
        from .admin_forms import TamperProofPageForm

        # Every page type's admin form survives a truncated POST (a missing StreamField count): a form error,
        # not a 500.
        Page.base_form_class = TamperProofPageForm

        # The front-end cache (CDN, Varnish), when configured: listings and outputs after any change; the pages
        # themselves after a restriction change or a deletion (Wagtail purges published/unpublished pages).
        for signal in (page_published, page_unpublished, post_page_move):
            signal.connect(purge_listings, dispatch_uid=f"cms-frontend-cache-{signal!r}")
        pre_delete.connect(purge_deleted_page, sender=Page, dispatch_uid="cms-frontend-cache-page-delete")
        post_save.connect(purge_restricted_page, sender=PageViewRestriction, dispatch_uid="cms-frontend-cache-pvr")
        post_delete.connect(purge_restricted_page, sender=PageViewRestriction, dispatch_uid="cms-frontend-cache-pvr-d")

        post_migrate.connect(i18n.localise_all_references, sender=self, dispatch_uid="cms-localise-references")
        self.date_figures_in_translation_editor()

    @staticmethod
    def date_figures_in_translation_editor():
        """wagtail-localize writes its dates with ``strftime("%-d %B %Y")``, in English whatever the admin's
        language ("Traduit manuellement le 3 December 2026"). Day, month and year in figures read the same in
        French, Dutch and English ("Traduit manuellement le 03/12/2026")."""
        import wagtail_localize.models
        import wagtail_localize.views.edit_translation

        for module in (wagtail_localize.models, wagtail_localize.views.edit_translation):
            module.DATE_FORMAT = "%d/%m/%Y"
