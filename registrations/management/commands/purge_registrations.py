"""Erase the personal data of registrations for events that ended long ago (the privacy notice's promise)."""

import datetime as dt

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from registrations.models import Registration


def purge(older_than_days, now=None):
    """Blank ``name``, ``email`` and ``phone`` of registrations whose event ended more than ``older_than_days``
    days before ``now``; status, organisation and dates stay, so counts per status remain.

    :returns: the number of registrations erased (already erased ones are not counted again).
    """
    now = now or timezone.now()
    cutoff = now - dt.timedelta(days=older_than_days)
    rows = Registration.objects.filter(page__end__lt=cutoff, purged_at__isnull=True)
    return rows.update(name="", email="", phone="", email_error="", purged_at=now)


class Command(BaseCommand):
    help = (
        "Efface le nom, l'e-mail et le téléphone des inscrits aux activités terminées depuis plus de DAYS jours "
        "(90 par défaut) ; le nombre d'inscrits par statut est conservé."
    )

    def add_arguments(self, parser):
        parser.add_argument("--older-than", type=int, default=90, metavar="DAYS", dest="days")

    def handle(self, *args, days, **options):
        if days < 0:
            raise CommandError("--older-than doit être un nombre de jours positif.")
        count = purge(days)
        self.stdout.write(f"{count} inscription(s) anonymisée(s) (activités terminées depuis plus de {days} jours).")
