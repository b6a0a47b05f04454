from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class RegistrationsConfig(AppConfig):
    name = "registrations"
    verbose_name = _("Inscriptions")

    def ready(self):
        from django.db.models.signals import post_save
        from wagtail.signals import page_published

        from .allocation import announce_on_publish, places_changed, refill_on_publish
        from .models import Registration

        page_published.connect(refill_on_publish, dispatch_uid="events-refill-on-publish")
        page_published.connect(announce_on_publish, dispatch_uid="registrations-announce-on-publish")
        post_save.connect(places_changed, sender=Registration, dispatch_uid="registrations-places-changed")
