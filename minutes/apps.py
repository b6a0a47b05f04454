from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class MinutesConfig(AppConfig):
    name = "minutes"
    verbose_name = _("Procès-verbaux")

    def ready(self):
        from wagtail.signals import page_published

        from .signals import on_publish

        page_published.connect(on_publish, dispatch_uid="minutes-notices-on-publish")
