"""``manage.py requeue_stuck_tasks [--stuck-after SECONDS]``: put back in the queue the background tasks left
RUNNING by a worker that was killed (``cms.tasks_worker.requeue_stuck_tasks``); ``db_worker`` does it when it
starts."""

from django.conf import settings
from django.core.management.base import BaseCommand

from cms.tasks_worker import requeue_stuck_tasks


class Command(BaseCommand):
    help = "Requeue background tasks left RUNNING for longer than --stuck-after seconds."

    def add_arguments(self, parser):
        parser.add_argument("--stuck-after", type=float, default=settings.TASKS_STUCK_AFTER_SECONDS)

    def handle(self, *, stuck_after, **options):
        count = requeue_stuck_tasks(stuck_after)
        self.stdout.write(f"{count} task(s) requeued.")
