#!/usr/bin/env python3
"""The production shape on one machine, on loopback only: two app servers behind nginx, on PostgreSQL, Redis
and a local S3 endpoint, plus the task worker.

    python scripts/cluster.py up      # start everything, print the addresses, wait for Ctrl-C, stop everything
    python scripts/cluster.py start   # start everything and return (state in .cluster/state.json)
    python scripts/cluster.py stop    # stop what `start` started, by PID, and drop its database

What it starts (each on a free loopback port, each stopped by its PID at the end):
- ``redis-server`` (no persistence) and moto's S3 server (``moto[server]``, requirements-dev.txt) with a bucket;
- a new PostgreSQL database on ``CLUSTER_POSTGRES`` (default ``postgres://postgres@127.0.0.1:5432``), migrated,
  with the cache table, the static files, the demo content (from next Monday) and the demo accounts
  (password ``CLUSTER_DEMO_PASSWORD``, default ``cluster-demo-password``);
- two gunicorn app servers (``gunicorn.conf.py``, production settings, ``CLUSTER_WORKERS`` workers each,
  default 2) and ``manage.py db_worker``;
- nginx (Debian's ``nginx-light``; ``make cluster`` installs it) balancing between the two app servers, with
  ``X-Upstream`` telling which one answered.
"""

import argparse
import datetime as dt
import json
import os
import secrets
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
STATE_DIR = ROOT / ".cluster"

NGINX_CONF = """\
worker_processes 1;
daemon off;
pid {run}/nginx.pid;
error_log {run}/nginx-error.log warn;
events {{ worker_connections 1024; }}
http {{
    access_log {run}/nginx-access.log;
    client_body_temp_path {run}/nginx-tmp/body;
    proxy_temp_path {run}/nginx-tmp/proxy;
    fastcgi_temp_path {run}/nginx-tmp/fastcgi;
    uwsgi_temp_path {run}/nginx-tmp/uwsgi;
    scgi_temp_path {run}/nginx-tmp/scgi;
    client_max_body_size 20m;
    upstream app {{
        server 127.0.0.1:{node_a} max_fails=0;
        server 127.0.0.1:{node_b} max_fails=0;
        keepalive 16;
    }}
    server {{
        listen 127.0.0.1:{port};
        # Documents are only ever served by the app's /documents/ view, which checks privacy.
        location /media/documents/ {{ return 404; }}
        location / {{
            proxy_pass http://app;
            proxy_http_version 1.1;
            proxy_set_header Connection "";
            proxy_set_header Host $http_host;
            proxy_set_header X-Forwarded-For $proxy_add_x_forwarded_for;
            proxy_set_header X-Forwarded-Proto $scheme;
            proxy_read_timeout 60s;
            add_header X-Upstream $upstream_addr always;
        }}
    }}
}}
"""


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def next_monday():
    today = dt.date.today()
    return today + dt.timedelta(days=7 - today.weekday())


def wait_for(url, timeout, process=None):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process is not None and process.poll() is not None:
            raise RuntimeError(f"{url}: the process exited with code {process.returncode}")
        try:
            with urllib.request.urlopen(url, timeout=5):
                return
        except urllib.error.HTTPError:
            return
        except OSError:
            time.sleep(0.5)
    raise TimeoutError(f"{url} did not answer within {timeout} s")


def stop_pid(pid, timeout=30):
    """SIGTERM ``pid``, wait for it to exit (up to ``timeout`` s), then SIGKILL. :returns: seconds taken."""
    started = time.monotonic()
    try:
        os.kill(pid, signal.SIGTERM)
    except ProcessLookupError:
        return 0.0
    while time.monotonic() - started < timeout:
        try:
            finished, _ = os.waitpid(pid, os.WNOHANG)
            if finished:
                return time.monotonic() - started
        except ChildProcessError:  # not our child: poll for its existence
            try:
                os.kill(pid, 0)
            except ProcessLookupError:
                return time.monotonic() - started
        time.sleep(0.1)
    try:
        os.kill(pid, signal.SIGKILL)
        os.waitpid(pid, 0)
    except (ProcessLookupError, ChildProcessError):
        pass
    return time.monotonic() - started


class Cluster:
    def __init__(self, name=None, workers=None, postgres=None, demo_password=None):
        self.name = name or f"c{secrets.token_hex(4)}"
        self.run = STATE_DIR / self.name
        self.workers = int(workers or os.environ.get("CLUSTER_WORKERS", "2"))
        self.postgres = postgres or os.environ.get("CLUSTER_POSTGRES", "postgres://postgres@127.0.0.1:5432")
        self.demo_password = demo_password or os.environ.get("CLUSTER_DEMO_PASSWORD", "cluster-demo-password")
        self.database = f"trajet_cluster_{self.name}"
        self.bucket = f"trajet-media-{self.name}"
        self.ports = {}
        self.pids = {}  # name -> pid, in start order
        self.processes = {}
        self.env = {}

    # -- state -----------------------------------------------------------------------------------------------

    @property
    def urls(self):
        return {
            "nginx": f"http://127.0.0.1:{self.ports['nginx']}",
            "node_a": f"http://127.0.0.1:{self.ports['node_a']}",
            "node_b": f"http://127.0.0.1:{self.ports['node_b']}",
            "s3": f"http://127.0.0.1:{self.ports['s3']}",
        }

    def save(self):
        state = {
            "name": self.name,
            "ports": self.ports,
            "pids": self.pids,
            "database": self.database,
            "bucket": self.bucket,
            "postgres": self.postgres,
            "env": self.env,
        }
        (STATE_DIR / "state.json").write_text(json.dumps(state, indent=2))

    @classmethod
    def load(cls):
        state = json.loads((STATE_DIR / "state.json").read_text())
        cluster = cls(name=state["name"], postgres=state["postgres"])
        cluster.ports, cluster.pids, cluster.env = state["ports"], state["pids"], state["env"]
        return cluster

    # -- processes -------------------------------------------------------------------------------------------

    def spawn(self, name, args, env=None, cwd=ROOT):
        log = open(self.run / f"{name}.log", "ab")  # noqa: SIM115 (kept open for the child)
        process = subprocess.Popen(
            args,
            cwd=cwd,
            env=env or os.environ.copy(),
            stdout=log,
            stderr=subprocess.STDOUT,
            stdin=subprocess.DEVNULL,
            start_new_session=True,
        )
        log.close()
        self.pids[name] = process.pid
        self.processes[name] = process
        self.save()
        return process

    def manage(self, *args, timeout=900):
        result = subprocess.run(
            [sys.executable, "manage.py", *args],
            cwd=ROOT,
            env=self.env,
            capture_output=True,
            text=True,
            timeout=timeout,
        )
        if result.returncode != 0:
            raise RuntimeError(f"manage.py {' '.join(args)} failed:\n{result.stdout}\n{result.stderr}")
        return result.stdout

    def log(self, message):
        print(f"[cluster {self.name}] {message}", flush=True)

    # -- start -----------------------------------------------------------------------------------------------

    def start(self):
        self.run.mkdir(parents=True, exist_ok=True)
        (self.run / "nginx-tmp").mkdir(exist_ok=True)
        for name in ("redis", "s3", "node_a", "node_b", "nginx"):
            self.ports[name] = free_port()
        try:
            self._start()
        except BaseException:
            self.stop()
            raise
        return self

    def _start(self):
        self.log("redis-server and the S3 endpoint")
        redis = self.spawn(
            "redis",
            [
                "redis-server",
                "--bind",
                "127.0.0.1",
                "--port",
                str(self.ports["redis"]),
                "--save",
                "",
                "--appendonly",
                "no",
                "--dir",
                str(self.run),
            ],
        )
        s3 = self.spawn("s3", [sys.executable, "-m", "moto.server", "-H", "127.0.0.1", "-p", str(self.ports["s3"])])
        wait_for(self.urls["s3"] + "/", 60, s3)
        for _ in range(50):
            if redis.poll() is not None:
                raise RuntimeError("redis-server exited")
            try:
                socket.create_connection(("127.0.0.1", self.ports["redis"]), 1).close()
                break
            except OSError:
                time.sleep(0.2)

        import boto3

        boto3.client(
            "s3",
            endpoint_url=self.urls["s3"],
            aws_access_key_id="cluster",
            aws_secret_access_key="cluster",
            region_name="us-east-1",
        ).create_bucket(Bucket=self.bucket)

        self.log(f"database {self.database}")
        import psycopg

        with psycopg.connect(f"{self.postgres}/postgres", autocommit=True) as connection:
            connection.execute(f'CREATE DATABASE "{self.database}"')

        env = {
            key: value
            for key, value in os.environ.items()
            if not key.startswith(("DJANGO_", "AWS_", "FRONTEND_", "CLOUDFLARE_", "CLOUDFRONT_", "REDIS_"))
        }
        env.update(
            DJANGO_SETTINGS_MODULE="trajet_emploi.settings.production",
            SECRET_KEY=secrets.token_urlsafe(48),
            ALLOWED_HOSTS="127.0.0.1,localhost",
            DATABASE_URL=f"{self.postgres}/{self.database}",
            CONN_MAX_AGE="60",
            REDIS_URL=f"redis://127.0.0.1:{self.ports['redis']}/0",
            AWS_STORAGE_BUCKET_NAME=self.bucket,
            AWS_S3_ENDPOINT_URL=self.urls["s3"],
            AWS_S3_REGION_NAME="us-east-1",
            AWS_S3_ADDRESSING_STYLE="path",
            AWS_ACCESS_KEY_ID="cluster",
            AWS_SECRET_ACCESS_KEY="cluster",
            SECURE_SSL_REDIRECT="false",  # plain HTTP on loopback (TLS ends at the proxy in production)
            SECURE_HSTS_SECONDS="0",
            REGISTRATION_CLIENT_IP_HEADER="HTTP_X_FORWARDED_FOR",
            REGISTRATION_RATE_LIMIT=os.environ.get("CLUSTER_RATE_LIMIT", "5"),  # small, so the test reaches it
            WAGTAILADMIN_BASE_URL=self.urls["nginx"],
            DEMO_PASSWORD=self.demo_password,
            TASKS_BACKEND="database",
            WEB_CONCURRENCY=str(self.workers),
            PYTHONUNBUFFERED="1",
        )
        self.env = env
        self.save()

        self.log("release: migrate, cache table, static files, demo content and accounts")
        self.manage("migrate", "--noinput", "-v0")
        self.manage("createcachetable")
        self.manage("collectstatic", "--noinput", "-v0")
        self.manage("compilemessages", "--ignore=.venv", "-v0")
        self.manage("load_demo", "--shift-to", next_monday().isoformat())
        self.manage("create_demo_users")

        self.log("app servers, worker, nginx")
        for node in ("node_a", "node_b"):
            node_env = dict(env, GUNICORN_BIND=f"127.0.0.1:{self.ports[node]}", GUNICORN_PROC_NAME=f"trajet-{node}")
            self.spawn(
                node,
                [sys.executable, "-m", "gunicorn", "trajet_emploi.wsgi", "--config", "gunicorn.conf.py"],
                env=node_env,
            )
        self.spawn("worker", [sys.executable, "manage.py", "db_worker", "--interval", "0.5", "--no-reload"], env=env)
        conf = self.run / "nginx.conf"
        conf.write_text(
            NGINX_CONF.format(
                run=self.run, port=self.ports["nginx"], node_a=self.ports["node_a"], node_b=self.ports["node_b"]
            )
        )
        nginx = shutil.which("nginx") or "/usr/sbin/nginx"
        self.spawn("nginx", [nginx, "-e", str(self.run / "nginx-error.log"), "-p", str(self.run), "-c", str(conf)])
        for name in ("node_a", "node_b", "nginx"):
            wait_for(self.urls[name] + "/health/", 180, self.processes.get(name))
        self.log("ready: " + ", ".join(f"{name} {url}" for name, url in self.urls.items()))

    # -- stop ------------------------------------------------------------------------------------------------

    def stop(self):
        """Stop every process started, by PID, in reverse order; drop the database. :returns: {name: seconds}."""
        taken = {}
        for name in reversed(list(self.pids)):
            pid = self.pids[name]
            taken[name] = stop_pid(pid, timeout=40 if name == "worker" else 30)
            process = self.processes.get(name)
            if process is not None:
                process.poll()
        self.pids = {}
        if self.env:
            try:
                import psycopg

                with psycopg.connect(f"{self.postgres}/postgres", autocommit=True) as connection:
                    connection.execute(f'DROP DATABASE IF EXISTS "{self.database}" WITH (FORCE)')
            except Exception as error:  # the database server may be gone: say so, stop anyway
                self.log(f"could not drop {self.database}: {error}")
        state = STATE_DIR / "state.json"
        if state.exists():
            state.unlink()
        return taken


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("command", choices=["up", "start", "stop"])
    args = parser.parse_args()
    if args.command == "stop":
        Cluster.load().stop()
        return
    if (STATE_DIR / "state.json").exists():
        sys.exit("A cluster is already running (.cluster/state.json): `python scripts/cluster.py stop` first.")
    cluster = Cluster().start()
    print(json.dumps(cluster.urls, indent=2), flush=True)
    if args.command == "start":
        return
    stop = []
    signal.signal(signal.SIGTERM, lambda *_: stop.append(1))
    try:
        print("Ctrl-C stops everything.", flush=True)
        while not stop:
            time.sleep(1)
    except KeyboardInterrupt:
        pass
    finally:
        cluster.stop()


if __name__ == "__main__":
    main()
