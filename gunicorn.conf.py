"""gunicorn settings (read from the working directory: `gunicorn trajet_emploi.wsgi`); environment overrides.

Workers: WEB_CONCURRENCY, else 2 per CPU + 1. Each worker restarts after MAX_REQUESTS requests (with jitter, so
that they do not all restart at once). The application is loaded once before forking (preload): workers start
fast and share memory; every connection (database, Redis) is opened lazily, after the fork.
"""

import multiprocessing
import os

bind = os.environ.get("GUNICORN_BIND", f"0.0.0.0:{os.environ.get('PORT', '8000')}")
workers = int(os.environ.get("WEB_CONCURRENCY", multiprocessing.cpu_count() * 2 + 1))
threads = int(os.environ.get("GUNICORN_THREADS", "1"))
# A request taking longer than this is killed (the worker restarts); keep it above EMAIL_TIMEOUT.
timeout = int(os.environ.get("GUNICORN_TIMEOUT", "30"))
graceful_timeout = int(os.environ.get("GUNICORN_GRACEFUL_TIMEOUT", "30"))
keepalive = int(os.environ.get("GUNICORN_KEEPALIVE", "5"))
max_requests = int(os.environ.get("MAX_REQUESTS", "1000"))
max_requests_jitter = int(os.environ.get("MAX_REQUESTS_JITTER", "100"))
preload_app = True
# Behind the load balancer: trust its X-Forwarded-* headers (its address, or a comma-separated list).
forwarded_allow_ips = os.environ.get("FORWARDED_ALLOW_IPS", "127.0.0.1")
accesslog = os.environ.get("GUNICORN_ACCESS_LOG", "-")
errorlog = "-"
loglevel = os.environ.get("LOG_LEVEL", "info").lower()
pidfile = os.environ.get("GUNICORN_PIDFILE") or None
proc_name = os.environ.get("GUNICORN_PROC_NAME", "trajet-emploi")
