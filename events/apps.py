from django.apps import AppConfig
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _


class EventsConfig(AppConfig):
    name = "events"
    verbose_name = _("Agenda")

    def ready(self):
        from wagtail.signals import page_published

        from .evaluations import ensure_organisers_group
        from .registration import refill_on_publish

        post_migrate.connect(ensure_organisers_group, dispatch_uid="events-organisers-group")
        page_published.connect(refill_on_publish, dispatch_uid="events-refill-on-publish")
