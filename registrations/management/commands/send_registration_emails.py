"""Enqueue the registration e-mails still owed (after a mail-server outage, or from cron where the task
backend cannot defer retries)."""

from django.core.management.base import BaseCommand

from registrations.emails import pending
from registrations.tasks import send_registration_email


class Command(BaseCommand):
    help = "Envoie (via la file de tâches) les e-mails d'inscription qui n'ont pas encore pu partir."

    def handle(self, *args, **options):
        owed = pending()
        for registration in owed:
            send_registration_email.enqueue(registration.pk)
        self.stdout.write(f"{len(owed)} e-mail(s) d'inscription mis en file d'envoi.")
