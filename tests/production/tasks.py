"""A background task for the worker's tests: waits, then answers."""

import time

from django_tasks import task


@task()
def wait_for(seconds):
    time.sleep(seconds)
    return "done"
