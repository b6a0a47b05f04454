from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class RegistrationsConfig(AppConfig):
    name = "registrations"
    verbose_name = _("Inscriptions")

    def ready(self):
        from wagtail.signals import page_published

        from .allocation import announce_on_publish, refill_on_publish

        page_published.connect(refill_on_publish, dispatch_uid="events-refill-on-publish")
        page_published.connect(announce_on_publish, dispatch_uid="registrations-announce-on-publish")
