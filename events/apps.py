from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class EventsConfig(AppConfig):
    name = "events"
    verbose_name = _("Agenda")

    def ready(self):
        from django.db.models.signals import pre_save

        from .schedule import stamp_schedule_change

        pre_save.connect(stamp_schedule_change, dispatch_uid="events-stamp-schedule-change")
