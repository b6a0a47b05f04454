"""``manage.py db_worker``: django-tasks-db's worker (same options), stopping within ``--grace`` seconds on
SIGTERM and requeueing tasks left RUNNING by a killed worker when it starts (``cms.tasks_worker``)."""

import os

from django.conf import settings
from django.utils.autoreload import DJANGO_AUTORELOAD_ENV, run_with_reloader
from django_tasks_db.management.commands import db_worker

from cms.tasks_worker import Worker


class Command(db_worker.Command):
    help = db_worker.Command.help + " (stops within --grace seconds on SIGTERM; requeues stuck tasks at start)"

    def add_arguments(self, parser):
        super().add_arguments(parser)
        parser.add_argument(
            "--grace",
            type=float,
            default=settings.TASKS_WORKER_GRACE_SECONDS,
            help="On SIGTERM, seconds the running task may take before it is interrupted and requeued "
            "(default: %(default)s)",
        )
        parser.add_argument(
            "--stuck-after",
            type=float,
            default=settings.TASKS_STUCK_AFTER_SECONDS,
            help="At start, requeue tasks RUNNING for longer than this many seconds (default: %(default)s)",
        )

    def handle(
        self,
        *,
        verbosity,
        queue_name,
        interval,
        batch,
        backend_name,
        startup_delay,
        reload,
        max_tasks,
        worker_id,
        grace,
        stuck_after,
        **options,
    ):
        self.configure_logging(verbosity)
        worker = Worker(
            queue_names=queue_name.split(","),
            interval=interval,
            batch=batch,
            backend_name=backend_name,
            startup_delay=startup_delay,
            max_tasks=max_tasks,
            worker_id=worker_id,
            grace=grace,
            stuck_after=stuck_after,
        )
        if reload and not batch:
            if os.environ.get(DJANGO_AUTORELOAD_ENV) == "true":
                worker.configure_signals()
            run_with_reloader(worker.run)
        else:
            worker.configure_signals()
            worker.run()
