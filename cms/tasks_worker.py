"""The background-task worker as production runs it: django-tasks-db's worker, made safe to stop and restart.

django-tasks-db's ``db_worker`` stops at once on SIGTERM when idle, but while a task runs it only asks the task
to finish and waits, however long the task blocks (an SMTP server that never answers); a second signal, or the
SIGKILL that follows a platform's grace period, then leaves the task RUNNING for ever, so it is never retried
(and the registration e-mails' retry chain breaks). Here:

- on SIGTERM/SIGINT during a task, the task gets ``grace`` seconds to finish; after that (or at a second signal)
  it is interrupted and put back in the queue (READY), never marked failed, and the worker exits;
- ``requeue_stuck_tasks`` puts back in the queue the tasks left RUNNING for longer than ``stuck_after`` (their
  worker was killed outright): the worker does it when it starts, ``manage.py requeue_stuck_tasks`` on demand.
"""

import datetime as dt
import logging
import signal

from django.conf import settings
from django.utils import timezone
from django_tasks.base import TaskResultStatus
from django_tasks_db.management.commands.db_worker import Worker as DBWorker
from django_tasks_db.models import DBTaskResult

logger = logging.getLogger("django_tasks_db")


class WorkerStopped(BaseException):
    """Raised inside the running task when the worker must stop now (not an ``Exception``: nothing catches it
    by accident)."""


def requeue(task_result_id):
    """Put a RUNNING task back in the queue. :returns: whether it was still RUNNING."""
    return bool(
        DBTaskResult.objects.filter(pk=task_result_id, status=TaskResultStatus.RUNNING).update(
            status=TaskResultStatus.READY, started_at=None
        )
    )


def requeue_stuck_tasks(stuck_after=None, backend_name=None):
    """Put back in the queue the tasks RUNNING since more than ``stuck_after`` seconds (default
    ``settings.TASKS_STUCK_AFTER_SECONDS``). :returns: how many."""
    stuck_after = settings.TASKS_STUCK_AFTER_SECONDS if stuck_after is None else stuck_after
    stuck = DBTaskResult.objects.filter(
        status=TaskResultStatus.RUNNING, started_at__lt=timezone.now() - dt.timedelta(seconds=stuck_after)
    )
    if backend_name:
        stuck = stuck.filter(backend_name=backend_name)
    count = stuck.update(status=TaskResultStatus.READY, started_at=None)
    if count:
        logger.warning("Requeued %d task(s) left running for more than %d s.", count, stuck_after)
    return count


class Worker(DBWorker):
    """django-tasks-db's worker with a bounded stop (see the module docstring)."""

    def __init__(self, *, grace, stuck_after, **kwargs):
        super().__init__(**kwargs)
        self.grace = grace
        self.stuck_after = stuck_after

    def configure_signals(self):
        super().configure_signals()
        signal.signal(signal.SIGALRM, self.interrupt)

    def reset_signals(self):
        super().reset_signals()
        signal.alarm(0)
        signal.signal(signal.SIGALRM, signal.SIG_DFL)

    def shutdown(self, signum, frame):
        if not self.running:  # second signal: stop now (a running task is interrupted and requeued)
            if self.running_task:
                raise WorkerStopped(signal.strsignal(signum))
            raise SystemExit(1)
        # The loop ends after the current task, or within ``interval`` seconds when idle; a task still running
        # after ``grace`` seconds is interrupted (SIGALRM) and requeued.
        logger.warning(
            "Received %s - stopping (a running task gets at most %d s).", signal.strsignal(signum), self.grace
        )
        self.running = False
        signal.alarm(max(round(self.grace), 1))

    def interrupt(self, signum, frame):
        if self.running_task:
            raise WorkerStopped(signal.strsignal(signum))

    def run(self):
        requeue_stuck_tasks(self.stuck_after, self.backend_name)
        try:
            return super().run()
        finally:
            signal.alarm(0)

    def run_task(self, db_task_result):
        set_failed = db_task_result.set_failed

        def fail_or_requeue(exc):
            if isinstance(exc, WorkerStopped):
                logger.warning("Task id=%s interrupted: back in the queue.", db_task_result.id)
                requeue(db_task_result.id)
            else:
                set_failed(exc)

        db_task_result.set_failed = fail_or_requeue
        try:
            super().run_task(db_task_result)
        except WorkerStopped:  # raised after the task ended, while recording its result
            requeue(db_task_result.id)
        finally:
            signal.alarm(0)
