"""`make bench`: the site's speed at N activities, against a bare Django view served by the same gunicorn.

    python scripts/bench.py            # the whole run (what `make bench` does)

1. A fresh SQLite database in a temporary folder (production settings, Redis cache): the demo content plus
   ``BENCH_ACTIVITIES`` activities (default 1,000; every tenth a visit day) spread over the 19 communes, the three
   phases and four trajets, with other communes, organisers and registrations.
2. SQL queries per request of each page, counted in a process of its own with Django's test client, at 10
   activities and again at N (the same database, grown).
3. gunicorn (``gunicorn.conf.py``, 2 sync workers) with the anonymous page cache off (``AGENDA_CACHE_SECONDS=0``),
   then on: for each page, ``wrk -t2 -c8 -d{BENCH_SECONDS}s --latency`` on ``/bench/hello/`` then on the page, so
   that each ratio compares two measures taken within the same minute.
4. 200 simultaneous registrations for 50 places on PostgreSQL (a new database ``bench_<random>`` on
   ``BENCH_POSTGRES``, default ``postgres://postgres@127.0.0.1:5432``, dropped at the end), gunicorn with 4
   workers: p50/p99 latency, errors, and the confirmed/waiting counts read in the database. ``BENCH_POSTGRES=off``
   skips it.

Every process started here is stopped (its process group) and the temporary folder removed, also on Ctrl-C.
The cache is ``REDIS_URL`` when set (under a key prefix of its own), else a redis-server started here, else the
database cache table. Sub-commands ``build`` and ``count`` run inside the benchmark's environment.
"""

import datetime as dt
import http.client
import json
import os
import re
import secrets
import shutil
import signal
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
from pathlib import Path

from cluster import free_port, wait_for  # scripts/ is on sys.path: the cluster's helpers

ROOT = Path(__file__).resolve().parent.parent
HELLO = "/bench/hello/"
# (label, path or "{activity}", cached): the pages measured, in this order.
PAGES = [
    ("agenda, cache off", "/fr/agenda/", False),
    ("activity page, cache off", "{activity}", False),
    ("API listing fields=*", "/api/v2/pages/?type=events.EventPage&fields=*", False),
    ("search ?query=emploi", "/fr/search/?query=emploi", False),
    ("iCal /agenda/ical/", "/agenda/ical/", False),
    ("RSS /agenda/rss/", "/agenda/rss/", False),
    ("agenda, anonymous, cached", "/fr/agenda/", True),
]
CROWD, CROWD_PLACES = 200, 50


def log(message):
    print(f"[bench] {message}", file=sys.stderr, flush=True)


class Processes:
    """Children started in process groups of their own, all stopped by ``stop_all`` (SIGTERM, then SIGKILL)."""

    def __init__(self, folder):
        self.folder, self.running = folder, []

    def start(self, name, args, env):
        output = open(self.folder / f"{name}.log", "ab")  # noqa: SIM115 (kept by the child)
        process = subprocess.Popen(
            args, cwd=ROOT, env=env, stdout=output, stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL,
            start_new_session=True,
        )  # fmt: skip
        output.close()
        self.running.append(process)
        return process

    def stop(self, process, timeout=20):
        try:
            os.killpg(process.pid, signal.SIGTERM)
            process.wait(timeout)
        except ProcessLookupError:
            pass
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)
            process.wait()
        if process in self.running:
            self.running.remove(process)

    def stop_all(self):
        for process in reversed(list(self.running)):
            self.stop(process)


def manage(env, *args):
    subprocess.run([sys.executable, "manage.py", *args], cwd=ROOT, env=env, check=True)


def own(env, *args):
    """Run a sub-command of this script in ``env``; :returns: the JSON of its last line of output."""
    out = subprocess.run(
        [sys.executable, __file__, *args], cwd=ROOT, env=env, check=True, stdout=subprocess.PIPE, text=True
    ).stdout
    return out.strip().splitlines()[-1]


def base_env(folder, database_url, cache_url):
    env = {k: v for k, v in os.environ.items() if not k.startswith(("DJANGO_", "AWS_", "FRONTEND_", "REDIS_"))}
    env.update(
        DJANGO_SETTINGS_MODULE="trajet_emploi.settings.production",
        SECRET_KEY=secrets.token_urlsafe(48),
        ALLOWED_HOSTS="127.0.0.1,localhost,testserver",
        DATABASE_URL=database_url,
        CONN_MAX_AGE="60",
        SECURE_SSL_REDIRECT="false",  # plain HTTP on loopback
        SECURE_HSTS_SECONDS="0",
        MEDIA_ROOT=str(folder / "media"),
        BENCH_HELLO="1",
        LOG_LEVEL="WARNING",
        GUNICORN_ACCESS_LOG="/dev/null",
        MAX_REQUESTS="0",  # no worker restart in the middle of a measure
        REGISTRATION_RATE_LIMIT="1000000",  # the crowd comes from one address
        TASKS_BACKEND="database",
        PYTHONUNBUFFERED="1",
    )
    if cache_url:
        env.update(REDIS_URL=cache_url, CACHE_KEY_PREFIX=f"bench-{secrets.token_hex(4)}")
    return env


# -- wrk --------------------------------------------------------------------------------------------------------

UNITS = {"us": 0.001, "ms": 1.0, "s": 1000.0, "m": 60000.0}


def wrk(url, seconds):
    """``{"rps": float, "p50": ms, "p99": ms, "errors": int}`` of ``wrk -t2 -c8 --latency`` on ``url`` (errors:
    non-2xx/3xx answers, socket errors and requests over 30 s)."""
    out = subprocess.run(
        ["wrk", "-t2", "-c8", f"-d{seconds}s", "--timeout", "30s", "--latency", url],
        check=True,
        stdout=subprocess.PIPE,
        text=True,
    ).stdout
    result = {"rps": float(re.search(r"Requests/sec:\s+([\d.]+)", out).group(1)), "errors": 0}
    for percent in ("50", "99"):
        value, unit = re.search(rf"^\s+{percent}%\s+([\d.]+)(us|ms|s|m)\s*$", out, re.M).groups()
        result[f"p{percent}"] = float(value) * UNITS[unit]
    for pattern in (
        r"Non-2xx or 3xx responses: (\d+)",
        r"Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)",
    ):
        match = re.search(pattern, out)
        if match:
            result["errors"] += sum(int(g) for g in match.groups())
    return result


# -- sub-commands run inside the benchmark's environment -----------------------------------------------------


def django_setup():
    sys.path.insert(0, str(ROOT))
    import django

    django.setup()


def build(activities, crowd):
    """Grow the database to ``activities`` activities (the demo's included); prints the measured paths (JSON)."""
    django_setup()
    from django.db import transaction
    from django.utils import timezone
    from wagtail.models import Locale

    from cms.models import Commune, Organisation
    from events.models import EventPage, Phase, ScheduledPageCommune, ScheduledPageOrganiser, TrajetPage, VisitPage
    from home.demo.loader import load
    from registrations.models import Registration

    today = dt.date.today()
    pages = load(today + dt.timedelta(days=7 - today.weekday()))
    agenda, trajet = pages["agenda"], pages["trajet"]
    french = Locale.get_default()
    communes = list(Commune.objects.filter(locale=french).order_by("pk"))
    organisations = list(Organisation.objects.filter(locale=french).order_by("pk"))
    phases = list(Phase)
    trajets = [trajet] + [
        TrajetPage.objects.child_of(agenda).filter(slug=f"trajet-bench-{n}").first()
        or agenda.add_child(
            instance=TrajetPage(
                title=f"Trajet emploi bench {n}", slug=f"trajet-bench-{n}", start_date=today,
                end_date=today + dt.timedelta(days=120),
            )
        )
        for n in range(1, 4)
    ]  # fmt: skip
    existing = EventPage.objects.filter(locale=french).count() + VisitPage.objects.filter(locale=french).count()
    now = timezone.now()
    for n in range(existing, activities):
        commune = communes[n % len(communes)]
        start = now + dt.timedelta(days=n % 90 - 10, hours=n % 8)  # some in the past: the archive
        fields = dict(
            title=f"Atelier emploi et formation {n}", slug=f"bench-{n}", start=start,
            end=start + dt.timedelta(hours=3), commune=commune, capacity=12, registration_open=True,
            summary="Découvrir un métier, préparer son CV et rencontrer des employeurs de la commune.",
        )  # fmt: skip
        with transaction.atomic():
            if n % 10 == 9:
                page = agenda.add_child(instance=VisitPage(meeting_point="Devant la MEF", **fields))
            else:
                page = trajets[n % 4].add_child(instance=EventPage(phase=phases[n % 3], **fields))
            ScheduledPageCommune.objects.bulk_create(
                ScheduledPageCommune(page=page, commune=other, sort_order=i)
                for i, other in enumerate(communes[(n + 1) % 17 : (n + 1) % 17 + 2])
            )
            ScheduledPageOrganiser.objects.bulk_create(
                ScheduledPageOrganiser(page=page, organisation=org, sort_order=i)
                for i, org in enumerate(organisations[n % 3 : n % 3 + 2])
            )
            Registration.objects.bulk_create(
                Registration(page=page, name=f"Personne {n}-{i}", email=f"p{n}-{i}@example.org", status="confirmed")
                for i in range(n % 4)
            )
        if n % 100 == 0:
            log(f"{n} activities")
    paths = {"activity": pages["activities"][0].url}
    if crowd:
        start = now + dt.timedelta(days=20)
        page = trajet.add_child(
            instance=EventPage(
                title="Séance d'information (bench)", slug="bench-crowd", start=start,
                end=start + dt.timedelta(hours=2), commune=communes[0], phase=phases[0], capacity=CROWD_PLACES,
                registration_open=True,
            )
        )  # fmt: skip
        paths.update(crowd=page.url, crowd_id=page.pk)
    print(json.dumps(paths))


def count(paths_json):
    """SQL queries of one anonymous GET of each page (the anonymous cache invalidated first); prints JSON."""
    django_setup()
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    from cms.cache import bump_content_version

    paths = json.loads(paths_json)
    client, counts = Client(), {}
    for label, path, cached in PAGES:
        url = path.format(**paths)
        client.get(url)  # warm the per-process caches (site root paths, content types...)
        if not cached:
            bump_content_version()
        with CaptureQueriesContext(connection) as queries:
            status = client.get(url).status_code
        counts[label] = len(queries) if status == 200 else f"HTTP {status}"
    print(json.dumps(counts))


# -- the run --------------------------------------------------------------------------------------------------


def serve(procs, env, name, workers):
    port = free_port()
    server_env = dict(env, WEB_CONCURRENCY=str(workers), GUNICORN_BIND=f"127.0.0.1:{port}")
    process = procs.start(
        name, [sys.executable, "-m", "gunicorn", "trajet_emploi.wsgi", "--config", "gunicorn.conf.py"], server_env
    )
    base = f"http://127.0.0.1:{port}"
    wait_for(base + HELLO, 180, process)
    return process, base


def measure(procs, env, paths, seconds):
    """wrk on each page, hello-world first; :returns: ``{label: (page result, hello result)}``."""
    results = {}
    for cached in (False, True):
        server_env = env if cached else dict(env, AGENDA_CACHE_SECONDS="0")
        process, base = serve(procs, server_env, "gunicorn-cached" if cached else "gunicorn", 2)
        try:
            for label, path, page_cached in PAGES:
                if page_cached != cached:
                    continue
                url = base + path.format(**paths)
                for _ in range(3):  # warm: templates compiled, connections open, the cached copy stored
                    urllib.request.urlopen(url, timeout=60).read()
                hello = wrk(base + HELLO, seconds)
                results[label] = (wrk(url, seconds), hello)
                log(f"{label}: {results[label][0]['rps']:.1f} req/s (hello {hello['rps']:.0f})")
        finally:
            procs.stop(process)
    return results


def post_form(base, path, cookie, token, index):
    parsed = base.split("//")[1].split(":")
    connection = http.client.HTTPConnection(parsed[0], int(parsed[1]), timeout=120)
    body = urllib.parse.urlencode(
        {
            "csrfmiddlewaretoken": token, "name": f"Personne {index}", "email": f"personne{index}@example.org",
            "phone": "", "consent": "on", "homepage": "",
        }
    )  # fmt: skip
    headers = {"Content-Type": "application/x-www-form-urlencoded", "Cookie": cookie, "Referer": base + path}
    started = time.monotonic()
    connection.request("POST", path, body, headers)
    status = connection.getresponse().status
    connection.close()
    return status, time.monotonic() - started


def crowd(procs, folder, cache_url, postgres):
    """200 simultaneous registrations for 50 places on PostgreSQL with 4 workers; :returns: a summary dict."""
    import psycopg

    database = f"bench_{secrets.token_hex(4)}"
    with psycopg.connect(f"{postgres}/postgres", autocommit=True) as connection:
        connection.execute(f'CREATE DATABASE "{database}"')
    try:
        env = base_env(folder, f"{postgres}/{database}", cache_url)
        log(f"PostgreSQL database {database}: migrate and demo")
        manage(env, "migrate", "--noinput", "-v0")
        manage(env, "createcachetable")
        paths = json.loads(own(dict(env, TASKS_BACKEND="immediate"), "build", "0", "--crowd"))
        process, base = serve(procs, env, "gunicorn-postgres", 4)
        try:
            with urllib.request.urlopen(base + paths["crowd"], timeout=60) as response:
                html = response.read().decode()
                cookie = "; ".join(
                    c.split(";")[0] for c in response.headers.get_all("Set-Cookie") if c.startswith("csrftoken")
                )
            token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', html).group(1)
            barrier, results = threading.Barrier(CROWD), [None] * CROWD

            def one(index):
                barrier.wait()
                try:
                    results[index] = post_form(base, paths["crowd"], cookie, token, index)
                except OSError as error:
                    results[index] = (repr(error), 0.0)

            threads = [threading.Thread(target=one, args=(i,)) for i in range(CROWD)]
            for thread in threads:
                thread.start()
            for thread in threads:
                thread.join()
        finally:
            procs.stop(process)
        latencies = sorted(seconds for _, seconds in results)
        with psycopg.connect(f"{postgres}/{database}") as connection:
            rows = connection.execute(
                "SELECT status, count(*) FROM registrations_registration WHERE page_id = %s GROUP BY status",
                [paths["crowd_id"]],
            ).fetchall()
        return {
            "p50": statistics.median(latencies),
            "p99": latencies[int(len(latencies) * 0.99) - 1],
            "errors": sum(1 for status, _ in results if status != 302),
            "counts": dict(rows),
        }
    finally:
        with psycopg.connect(f"{postgres}/postgres", autocommit=True) as connection:
            connection.execute(f'DROP DATABASE IF EXISTS "{database}" WITH (FORCE)')


def table(results, few, many, activities):
    lines = [
        f"| page ({activities} activities) | req/s | p50 ms | p99 ms | errors | SQL at 10 | SQL at {activities} "
        "| hello req/s | ratio to hello |",
        "|---|---|---|---|---|---|---|---|---|",
    ]
    for label, _, _ in PAGES:
        page, hello = results[label]
        lines.append(
            f"| {label} | {page['rps']:.1f} | {page['p50']:.1f} | {page['p99']:.1f} | {page['errors']} "
            f"| {few[label]} | {many[label]} | {hello['rps']:.0f} | {page['rps'] / hello['rps']:.3f} |"
        )
    return "\n".join(lines)


def run():
    activities = int(os.environ.get("BENCH_ACTIVITIES", "1000"))
    seconds = int(os.environ.get("BENCH_SECONDS", "10"))
    postgres = os.environ.get("BENCH_POSTGRES", "postgres://postgres@127.0.0.1:5432")
    if not shutil.which("wrk"):
        sys.exit("wrk is missing: `make wrk` installs Debian's package.")
    folder = Path(tempfile.mkdtemp(prefix="bench-"))
    procs = Processes(folder)
    try:
        cache_url = os.environ.get("REDIS_URL")
        if not cache_url and shutil.which("redis-server"):
            port = free_port()
            procs.start("redis", ["redis-server", "--bind", "127.0.0.1", "--port", str(port), "--save", ""], os.environ)
            cache_url = f"redis://127.0.0.1:{port}/0"
            time.sleep(0.5)
        env = base_env(folder, f"sqlite:///{folder / 'bench.sqlite3'}", cache_url)
        log(f"SQLite database in {folder}; cache {cache_url or 'database table'}")
        manage(env, "migrate", "--noinput", "-v0")
        manage(env, "createcachetable")
        manage(env, "collectstatic", "--noinput", "-v0")
        build_env = dict(env, TASKS_BACKEND="immediate")  # the search index is updated as pages are added
        paths = json.loads(own(build_env, "build", str(min(10, activities))))
        few = json.loads(own(env, "count", json.dumps(paths)))
        log(f"building {activities} activities")
        started = time.monotonic()
        own(build_env, "build", str(activities))
        log(f"built in {time.monotonic() - started:.0f} s")
        many = json.loads(own(env, "count", json.dumps(paths)))
        results = measure(procs, env, paths, seconds)
        print(f"\nwrk -t2 -c8 -d{seconds}s --latency, gunicorn 2 sync workers, production settings\n")
        print(table(results, few, many, activities))
        if postgres != "off":
            summary = crowd(procs, folder, cache_url, postgres)
            print(
                f"\n{CROWD} simultaneous registrations for {CROWD_PLACES} places (PostgreSQL, 4 workers): "
                f"p50 {summary['p50'] * 1000:.0f} ms, p99 {summary['p99'] * 1000:.0f} ms, "
                f"errors {summary['errors']}, in the database: {summary['counts']}"
            )
    finally:
        procs.stop_all()
        shutil.rmtree(folder, ignore_errors=True)


def main():
    command = sys.argv[1] if len(sys.argv) > 1 else "run"
    if command == "build":
        build(int(sys.argv[2]), "--crowd" in sys.argv)
    elif command == "count":
        count(sys.argv[2])
    else:
        run()


if __name__ == "__main__":
    main()
