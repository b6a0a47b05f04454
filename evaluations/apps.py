from django.apps import AppConfig
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _


class EvaluationsConfig(AppConfig):
    name = "evaluations"
    verbose_name = _("Évaluations")

    def ready(self):
        from .scoping import ensure_organisers_group

        post_migrate.connect(ensure_organisers_group, dispatch_uid="events-organisers-group")
