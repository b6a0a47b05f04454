"""Enqueue the "Nouveau procès-verbal" e-mails still pending (after a mail-server outage, or from cron where the
task backend cannot defer retries)."""

from django.core.management.base import BaseCommand

from minutes.models import MinutesNotice
from minutes.tasks import send_minutes_notices


class Command(BaseCommand):
    help = "Envoie (via la file de tâches) les e-mails de procès-verbaux qui n'ont pas encore pu partir."

    def handle(self, *args, **options):
        pending = MinutesNotice.objects.filter(status=MinutesNotice.Status.PENDING)
        meetings = sorted(set(pending.values_list("meeting_id", flat=True)))
        for meeting_id in meetings:
            send_minutes_notices.enqueue(meeting_id)
        self.stdout.write(f"{pending.count()} e-mail(s) de procès-verbal en attente, {len(meetings)} réunion(s).")
