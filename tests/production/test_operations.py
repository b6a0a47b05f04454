"""Operations: the health endpoint, gunicorn's settings, the task worker's stop and recovery, e-mail timeouts."""

import datetime as dt
import os
import runpy
import signal
import socket
import threading
import time

import pytest
from django.core import mail
from django.test import override_settings
from django.utils import timezone
from django_tasks.base import TaskResultStatus
from django_tasks_db.models import DBTaskResult

from cms.tasks_worker import Worker, requeue_stuck_tasks

from .helpers import ROOT

DATABASE_TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}


# -- /health/ --------------------------------------------------------------------------------------------------


@pytest.mark.django_db
def test_health_reports_database_and_cache_never_cached(client):
    response = client.get("/health/", HTTP_HOST="10.0.0.5:8000")  # a load balancer probes by address
    assert response.status_code == 200
    assert response.json() == {"status": "ok", "database": "ok", "cache": "ok"}
    assert "no-cache" in response["Cache-Control"] and "no-store" in response["Cache-Control"]
    assert not response.cookies


@pytest.mark.django_db
def test_health_is_answered_before_the_https_redirect_and_host_check(client):
    with override_settings(SECURE_SSL_REDIRECT=True, ALLOWED_HOSTS=["trajet-emploi.example.org"]):
        response = client.get("/health/", HTTP_HOST="10.0.0.5")
    assert response.status_code == 200


@pytest.mark.django_db
def test_health_says_503_when_the_cache_is_unreachable_without_details(client):
    unreachable = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": "redis://127.0.0.1:1/0",
            "OPTIONS": {"socket_connect_timeout": 1, "socket_timeout": 1},
        }
    }
    with override_settings(CACHES=unreachable):
        response = client.get("/health/")
    assert response.status_code == 503
    assert response.json() == {"status": "error", "database": "ok", "cache": "error"}
    assert b"6379" not in response.content and b"127.0.0.1" not in response.content


# -- gunicorn.conf.py -----------------------------------------------------------------------------------------


def test_gunicorn_settings(monkeypatch):
    for name in ("WEB_CONCURRENCY", "PORT", "MAX_REQUESTS", "MAX_REQUESTS_JITTER", "GUNICORN_BIND"):
        monkeypatch.delenv(name, raising=False)
    conf = runpy.run_path(str(ROOT / "gunicorn.conf.py"))
    assert conf["workers"] == 2 * os.cpu_count() + 1
    assert conf["preload_app"] is True
    assert conf["max_requests"] == 1000 and conf["max_requests_jitter"] == 100
    assert conf["timeout"] == 30 and conf["graceful_timeout"] == 30
    assert conf["bind"] == "0.0.0.0:8000"
    monkeypatch.setenv("WEB_CONCURRENCY", "2")
    monkeypatch.setenv("PORT", "9001")
    conf = runpy.run_path(str(ROOT / "gunicorn.conf.py"))
    assert conf["workers"] == 2 and conf["bind"] == "0.0.0.0:9001"


def test_procfile_serves_with_the_config_and_prepares_the_cache_table():
    procfile = (ROOT / "Procfile").read_text()
    assert "createcachetable" in procfile.split("\n")[0]
    assert "gunicorn trajet_emploi.wsgi --config gunicorn.conf.py" in procfile
    assert "db_worker" in procfile


# -- the task worker --------------------------------------------------------------------------------------------


def enqueue_and_claim(seconds):
    from .tasks import wait_for

    result = wait_for.enqueue(seconds)
    row = DBTaskResult.objects.get(pk=result.id)
    row.claim("test-worker")
    return row


def make_worker(grace):
    return Worker(
        queue_names=["default"],
        interval=0.1,
        batch=False,
        backend_name="default",
        startup_delay=False,
        max_tasks=None,
        worker_id="test-worker",
        grace=grace,
        stuck_after=900,
    )


def sigterm_in(seconds):
    timer = threading.Timer(seconds, os.kill, (os.getpid(), signal.SIGTERM))
    timer.start()
    return timer


@pytest.fixture
def worker_signals():
    """Restore the test process's own signal handlers after a worker installed its own."""
    saved = {sig: signal.getsignal(sig) for sig in (signal.SIGINT, signal.SIGTERM, signal.SIGQUIT, signal.SIGALRM)}
    yield
    signal.alarm(0)
    for sig, handler in saved.items():
        signal.signal(sig, handler)


@pytest.mark.django_db
@override_settings(TASKS=DATABASE_TASKS)
def test_sigterm_interrupts_a_blocked_task_after_the_grace_and_requeues_it(worker_signals):
    row = enqueue_and_claim(60)  # blocks like an SMTP server that never answers
    worker = make_worker(grace=1)
    worker.configure_signals()
    sigterm_in(0.3)
    started = time.monotonic()
    worker.run_task(row)
    assert time.monotonic() - started < 5
    assert worker.running is False  # the loop ends: the process exits
    row.refresh_from_db()
    assert row.status == TaskResultStatus.READY  # back in the queue, not failed: it will run again
    assert row.started_at is None


@pytest.mark.django_db
@override_settings(TASKS=DATABASE_TASKS)
def test_sigterm_lets_a_short_task_finish(worker_signals):
    row = enqueue_and_claim(0.8)
    worker = make_worker(grace=10)
    worker.configure_signals()
    sigterm_in(0.2)
    worker.run_task(row)
    row.refresh_from_db()
    assert row.status == TaskResultStatus.SUCCESSFUL
    assert worker.running is False


@pytest.mark.django_db
@override_settings(TASKS=DATABASE_TASKS)
def test_tasks_stuck_running_are_requeued():
    stuck, recent = enqueue_and_claim(0), enqueue_and_claim(0)
    DBTaskResult.objects.filter(pk=stuck.pk).update(started_at=timezone.now() - dt.timedelta(minutes=20))
    assert requeue_stuck_tasks(900) == 1
    stuck.refresh_from_db()
    recent.refresh_from_db()
    assert stuck.status == TaskResultStatus.READY
    assert recent.status == TaskResultStatus.RUNNING


def test_db_worker_command_is_ours():
    from django.core.management import get_commands

    assert get_commands()["db_worker"] == "cms"
    assert get_commands()["requeue_stuck_tasks"] == "cms"


# -- e-mail: a server that accepts and never answers -----------------------------------------------------------


@pytest.fixture
def black_hole_smtp():
    """A TCP server on loopback that accepts connections and never says a word."""
    server = socket.socket()
    server.bind(("127.0.0.1", 0))
    server.listen(16)
    connections = []
    stop = threading.Event()

    def accept():
        server.settimeout(0.2)
        while not stop.is_set():
            try:
                connections.append(server.accept()[0])
            except OSError:
                continue

    thread = threading.Thread(target=accept, daemon=True)
    thread.start()
    yield server.getsockname()[1]
    stop.set()
    thread.join()
    for connection in connections:
        connection.close()
    server.close()


@pytest.mark.django_db
def test_black_holed_smtp_fails_fast_then_the_mail_goes_out(black_hole_smtp, trajet_with_registration):
    from registrations.emails import deliver
    from registrations.models import Registration

    registration = trajet_with_registration
    smtp = {
        "EMAIL_BACKEND": "django.core.mail.backends.smtp.EmailBackend",
        "EMAIL_HOST": "127.0.0.1",
        "EMAIL_PORT": black_hole_smtp,
        "EMAIL_USE_TLS": False,
        "EMAIL_TIMEOUT": 1,
    }
    with override_settings(**smtp):
        started = time.monotonic()
        assert deliver(registration.pk) is False
        assert time.monotonic() - started < 3
    registration.refresh_from_db()
    assert "timed out" in registration.email_error
    assert registration.notified_status != Registration.Status.CONFIRMED
    # The server answers again: the next attempt sends it.
    assert deliver(registration.pk) is True
    assert len(mail.outbox) == 1


@pytest.fixture
def trajet_with_registration(agenda):
    from registrations.models import Registration
    from tests.factories import TrajetPageFactory, open_event

    page = open_event(TrajetPageFactory(parent=agenda), capacity=3)
    return Registration.objects.create(
        page=page, name="Amina", email="amina@example.org", status=Registration.Status.CONFIRMED, language="fr"
    )
