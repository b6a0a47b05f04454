"""Registration under load: N people submit the form of one activity with C places at the same moment.

Builds a fresh PostgreSQL database (migrate, one open activity with ``--capacity`` places), serves it with
gunicorn under production settings (``--workers`` sync workers, Redis cache, database task queue: no e-mail is
sent inside a request), then for each round: ``--people`` threads, each a new visitor from its own loopback
address (``127.0.2.x``, ``127.0.3.x``…; the rate limit is per address and is raised anyway), GET the page for
their CSRF cookie and token, wait at a barrier, and POST the form at once. Only the POSTs are timed. Prints p50,
p99 and max (seconds), the errors (any answer but the 302 to the outcome page), then checks in the database: exactly
``capacity`` confirmed, the others waiting, the confirmed ones the first to arrive. Stops gunicorn by its PID and
drops the database at the end. Exit status 1 when a check fails.

    .venv/bin/python scripts/registration_load.py [--people 200] [--capacity 50] [--workers 4] [--rounds 1]

Environment: ``POSTGRES_URL`` (server, default ``postgres://postgres@127.0.0.1:5432``), ``REDIS_URL`` (default
``redis://127.0.0.1:6379/10``). From another script (a benchmark): ``run(...)`` does all of it and returns one
dict per round; ``measure(base_url, path, people)`` alone times the POSTs against a server already running.
"""

import argparse
import http.client
import json
import os
import re
import secrets
import signal
import socket
import statistics
import subprocess
import sys
import threading
import time
from http.cookies import SimpleCookie
from pathlib import Path
from urllib.parse import urlencode, urlsplit

ROOT = Path(__file__).resolve().parent.parent
CSRF_INPUT = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')

# Creates one open activity (registration open, starts in ten days) under a fresh site; prints its path and pk.
MAKE_ACTIVITY = """
import datetime as dt, json
from django.utils import timezone
from wagtail.models import Page, Site
from tests.factories import AgendaPageFactory, EventPageFactory, HomePageFactory, TrajetPageFactory
site = Site.objects.filter(is_default_site=True).first()
if site is None or not site.root_page.specific_class.__name__ == "HomePage":
    root = Page.get_first_root_node()
    Page.objects.filter(depth=2).delete()
    root.refresh_from_db()
    home = HomePageFactory(parent=root, slug="home")
    Site.objects.update_or_create(is_default_site=True, defaults={"hostname": "localhost", "root_page": home})
    agenda = AgendaPageFactory(parent=home)
    TrajetPageFactory(parent=agenda, slug="trajet")
trajet = Page.objects.get(slug="trajet").specific
start = timezone.now() + dt.timedelta(days=10)
page = EventPageFactory(parent=trajet, title="Charge %(number)d", slug="charge-%(number)d", capacity=%(capacity)d, start=start, end=start + dt.timedelta(hours=3),
                        registration_open=True)
print(json.dumps({"path": page.url, "pk": page.pk}))
"""


def request(base_url, method, path, *, cookies=None, data=None, source=None, timeout=120):
    """One HTTP request from loopback address ``source``. :returns: (status, headers dict, body bytes, seconds)."""
    parsed = urlsplit(base_url)
    connection = http.client.HTTPConnection(
        parsed.hostname, parsed.port, timeout=timeout, source_address=(source, 0) if source else None
    )
    # Production cookies are Secure and the proxy terminates TLS: say the request came over HTTPS.
    headers = {"X-Forwarded-Proto": "https", "Referer": f"https://{parsed.netloc}{path}"}
    if cookies:
        headers["Cookie"] = "; ".join(f"{key}={value}" for key, value in cookies.items())
    body = None
    if data is not None:
        body = urlencode(data).encode()
        headers["Content-Type"] = "application/x-www-form-urlencoded"
    started = time.monotonic()
    try:
        connection.request(method, path, body=body, headers=headers)
        response = connection.getresponse()
        content = response.read()
    finally:
        connection.close()
    seconds = time.monotonic() - started
    jar = {}
    for value in response.headers.get_all("Set-Cookie") or []:
        cookie = SimpleCookie()
        cookie.load(value)
        jar.update({key: morsel.value for key, morsel in cookie.items()})
    return response.status, jar, content, seconds


def source_address(index):
    """A distinct loopback address per person: 127.0.2.1 … 127.0.2.200, 127.0.3.1 …"""
    return f"127.0.{2 + index // 200}.{1 + index % 200}"


def processes_cpu(pids):
    """CPU seconds (user + system) the processes ``pids`` and their children have used (Linux ``/proc``)."""
    tick = os.sysconf("SC_CLK_TCK")
    parents, total = set(pids), 0
    for entry in Path("/proc").iterdir():
        try:
            fields = (entry / "stat").read_text().rsplit(")", 1)[1].split()
        except (OSError, IndexError):
            continue
        if entry.name.isdigit() and (int(entry.name) in parents or int(fields[1]) in parents):
            total += int(fields[11]) + int(fields[12])
    return total / tick


def measure(base_url, path, people=200, prefix="load", server_pids=()):
    """``people`` visitors GET ``path`` (CSRF cookie and token), then all POST the registration form at once.

    :param server_pids: PIDs of the server (gunicorn's master): its workers' CPU time during the POSTs is
        reported, a figure that the load of other processes on the machine barely changes.
    :returns: ``{"people", "p50", "p99", "max" (seconds, POSTs only), "errors": {status: count},
        "seconds": [...], "cpu_per_post" (seconds of the server's CPU per POST, or None)}``; a status of 0
        counts a connection error or a page without a form.
    """
    cpu = []
    barrier = threading.Barrier(people, action=lambda: cpu.append(processes_cpu(server_pids)))
    results = [None] * people

    def one(index):
        source = source_address(index)
        try:
            status, cookies, body, _ = request(base_url, "GET", path, source=source)
            match = CSRF_INPUT.search(body.decode("utf-8", "replace"))
        except OSError:
            match = None
        if match is None:
            barrier.abort()
            results[index] = (0, 0.0)
            return
        data = {
            "csrfmiddlewaretoken": match.group(1),
            "name": f"Personne {index}",
            "email": f"{prefix}{index}@example.org",
            "phone": "",
            "consent": "on",
            "homepage": "",
        }
        try:
            barrier.wait(timeout=300)
        except threading.BrokenBarrierError:
            results[index] = (0, 0.0)
            return
        try:
            status, _, _, seconds = request(base_url, "POST", path, cookies=cookies, data=data, source=source)
        except OSError:
            status, seconds = 0, 0.0
        results[index] = (status, seconds)

    threads = [threading.Thread(target=one, args=(i,)) for i in range(people)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    cpu_per_post = (processes_cpu(server_pids) - cpu[0]) / people if server_pids and cpu else None
    seconds = sorted(s for _, s in results)
    errors = {}
    for status, _ in results:
        if status != 302:
            errors[status] = errors.get(status, 0) + 1
    return {
        "people": people,
        "p50": statistics.median(seconds),
        "p99": seconds[max(0, int(len(seconds) * 0.99) - 1)],
        "max": seconds[-1],
        "errors": errors,
        "seconds": seconds,
        "cpu_per_post": cpu_per_post,
    }


def check_database(database_url, page_id, capacity, people):
    """Counts in the database. :returns: ``{"confirmed": n, "waiting": n, "in_order": bool}``; ``in_order``: the
    confirmed are the first ``capacity`` to arrive (``created_at``, then id) and the rest wait."""
    import psycopg

    with psycopg.connect(database_url) as connection:
        rows = connection.execute(
            "SELECT status FROM registrations_registration WHERE page_id = %s ORDER BY created_at, id", [page_id]
        ).fetchall()
    statuses = [status for (status,) in rows]
    return {
        "confirmed": statuses.count("confirmed"),
        "waiting": statuses.count("waiting"),
        "in_order": statuses == ["confirmed"] * min(capacity, people) + ["waiting"] * max(0, people - capacity),
    }


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def wait_for(url, timeout, process):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError("gunicorn exited")
        try:
            status, *_ = request(url, "GET", "/health/", timeout=5)
            if status == 200:
                return
        except OSError:
            pass
        time.sleep(0.3)
    raise RuntimeError(f"{url} did not answer in {timeout} s")


def run(people=200, capacity=50, workers=4, rounds=1, database="registration_load", log=print):
    """Build the database, start gunicorn, measure ``rounds`` rushes (a new activity each), stop, drop.

    :returns: a list of dicts, one per round: ``measure``'s keys plus ``check_database``'s.
    """
    import psycopg

    server = os.environ.get("POSTGRES_URL", "postgres://postgres@127.0.0.1:5432").rstrip("/")
    database_url = f"{server}/{database}"
    with psycopg.connect(f"{server}/postgres", autocommit=True) as connection:
        connection.execute(f'DROP DATABASE IF EXISTS "{database}" WITH (FORCE)')
        connection.execute(f'CREATE DATABASE "{database}"')
    port = free_port()
    env = {key: value for key, value in os.environ.items() if not key.startswith(("DJANGO_", "AWS_", "FRONTEND_"))}
    env.update(
        DJANGO_SETTINGS_MODULE="trajet_emploi.settings.production",
        SECRET_KEY=secrets.token_urlsafe(48),
        ALLOWED_HOSTS="127.0.0.1,localhost",
        DATABASE_URL=database_url,
        CONN_MAX_AGE="60",
        REDIS_URL=os.environ.get("REDIS_URL", "redis://127.0.0.1:6379/10"),
        CACHE_KEY_PREFIX=f"load-{secrets.token_hex(4)}",  # a fresh cache: no rate slot or page of an earlier run
        SECURE_SSL_REDIRECT="false",
        SECURE_HSTS_SECONDS="0",
        REGISTRATION_RATE_LIMIT="100000",
        TASKS_BACKEND="database",
        WEB_CONCURRENCY=str(workers),
        GUNICORN_BIND=f"127.0.0.1:{port}",
        GUNICORN_ACCESS_LOG="/dev/null",
        LOG_LEVEL="WARNING",
        PYTHONUNBUFFERED="1",
    )

    def manage(*args):
        result = subprocess.run(
            [sys.executable, "manage.py", *args], cwd=ROOT, env=env, capture_output=True, text=True, timeout=900
        )
        if result.returncode:
            raise RuntimeError(f"manage.py {args[0]} failed:\n{result.stdout}\n{result.stderr}")
        return result.stdout

    log(f"database {database}: migrate, static files")
    manage("migrate", "--noinput", "-v0")
    manage("collectstatic", "--noinput", "-v0")
    gunicorn = subprocess.Popen(
        [sys.executable, "-m", "gunicorn", "trajet_emploi.wsgi", "--config", "gunicorn.conf.py"],
        cwd=ROOT,
        env=env,
        start_new_session=True,
    )
    base_url = f"http://127.0.0.1:{port}"
    results = []
    try:
        wait_for(base_url, 120, gunicorn)
        for number in range(1, rounds + 1):
            output = manage("shell", "-c", MAKE_ACTIVITY % {"capacity": capacity, "number": number})
            activity = json.loads(output.strip().splitlines()[-1])  # the last line: logs may come first
            request(base_url, "GET", activity["path"])  # each worker warms up on the first requests anyway
            result = measure(base_url, activity["path"], people, prefix=f"r{number}-", server_pids=[gunicorn.pid])
            result.update(check_database(database_url, activity["pk"], capacity, people))
            results.append(result)
            log(summary(result, number, capacity, workers))
    finally:
        gunicorn.send_signal(signal.SIGTERM)
        try:
            gunicorn.wait(timeout=30)
        except subprocess.TimeoutExpired:
            gunicorn.kill()
            gunicorn.wait()
        with psycopg.connect(f"{server}/postgres", autocommit=True) as connection:
            connection.execute(f'DROP DATABASE IF EXISTS "{database}" WITH (FORCE)')
    return results


def summary(result, number, capacity, workers):
    return (
        f"round {number}: {result['people']} simultaneous registrations for {capacity} places, {workers} workers: "
        f"p50 {result['p50']:.3f} s, p99 {result['p99']:.3f} s, max {result['max']:.3f} s, "
        f"errors {sum(result['errors'].values())} {result['errors'] or ''}; "
        f"server CPU per POST {result['cpu_per_post'] * 1000:.1f} ms; "
        f"confirmed {result['confirmed']}, waiting {result['waiting']}, order of arrival "
        f"{'kept' if result['in_order'] else 'BROKEN'}"
    )


def ok(result, capacity):
    return (
        not result["errors"]
        and result["confirmed"] == min(capacity, result["people"])
        and result["waiting"] == result["people"] - result["confirmed"]
        and result["in_order"]
    )


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--people", type=int, default=200)
    parser.add_argument("--capacity", type=int, default=50)
    parser.add_argument("--workers", type=int, default=4)
    parser.add_argument("--rounds", type=int, default=1)
    parser.add_argument("--database", default="registration_load")
    args = parser.parse_args()
    results = run(args.people, args.capacity, args.workers, args.rounds, args.database)
    sys.exit(0 if all(ok(result, args.capacity) for result in results) else 1)


if __name__ == "__main__":
    main()
