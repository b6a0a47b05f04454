"""Production settings: every secret and host comes from the environment.

Required (the settings refuse to load without them, naming the variable): SECRET_KEY (50+ random characters),
ALLOWED_HOSTS, DATABASE_URL.
Optional: CSRF_TRUSTED_ORIGINS, REDIS_URL (else the database cache table), EMAIL_HOST, EMAIL_PORT,
EMAIL_HOST_USER, EMAIL_HOST_PASSWORD, EMAIL_USE_TLS, EMAIL_TIMEOUT, SECURE_HSTS_SECONDS, SECURE_SSL_REDIRECT,
the media storage (AWS_*) and the front-end cache (FRONTEND_CACHE_*): see README, "Running on several servers".
"""

import os

from django.core.exceptions import ImproperlyConfigured

from .base import *  # noqa: F401,F403

DEBUG = False


def required(name, check=bool, requirement=""):
    """The environment variable ``name``; refuse to start (naming it) when it is unset or fails ``check``."""
    value = os.environ.get(name, "").strip()
    if not value:
        raise ImproperlyConfigured(f"{name} must be set in the environment for production{requirement}.")
    if not check(value):
        raise ImproperlyConfigured(f"{name} is not valid for production{requirement}.")
    return value


SECRET_KEY = required(
    "SECRET_KEY", lambda value: len(value) >= 50 and len(set(value)) >= 5, " (50 or more random characters)"
)
required("ALLOWED_HOSTS", lambda value: bool(env_list("ALLOWED_HOSTS")), " (comma-separated host names)")  # noqa: F405
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS")  # noqa: F405
required("DATABASE_URL")  # base.py read it (dj_database_url); production never falls back to SQLite silently

# The cache is shared by every worker and server (base.py: Redis or the database table), never process memory.
if CACHES["default"]["BACKEND"].endswith(("locmem.LocMemCache", "dummy.DummyCache")):  # noqa: F405
    raise ImproperlyConfigured("Production needs a shared cache: set REDIS_URL or keep the database cache.")

STORAGES = {**STORAGES, "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"}}  # noqa: F405

# HTTPS: the site sits behind a proxy that terminates TLS and sets X-Forwarded-Proto.
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_SSL_REDIRECT = os.environ.get("SECURE_SSL_REDIRECT", "true").lower() == "true"
SECURE_HSTS_SECONDS = int(os.environ.get("SECURE_HSTS_SECONDS", "31536000"))
SECURE_HSTS_INCLUDE_SUBDOMAINS = True
SECURE_HSTS_PRELOAD = True
SESSION_COOKIE_SECURE = True
CSRF_COOKIE_SECURE = True
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"

if os.environ.get("EMAIL_HOST"):
    EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    EMAIL_HOST = os.environ["EMAIL_HOST"]
    EMAIL_PORT = int(os.environ.get("EMAIL_PORT", "587"))
    EMAIL_HOST_USER = os.environ.get("EMAIL_HOST_USER", "")
    EMAIL_HOST_PASSWORD = os.environ.get("EMAIL_HOST_PASSWORD", "")
    EMAIL_USE_TLS = os.environ.get("EMAIL_USE_TLS", "true").lower() == "true"

# Registration e-mails (and Wagtail's own tasks) go through the database queue; a worker runs them:
# `python manage.py db_worker` (see the Procfile). TASKS_BACKEND=immediate runs them in the request instead.
if os.environ.get("TASKS_BACKEND", "database") == "database":
    TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}

# Logs go to standard output (the process manager or platform collects them), one line per record.
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"line": {"format": "%(asctime)s %(levelname)s %(name)s [%(process)d] %(message)s"}},
    "handlers": {"stdout": {"class": "logging.StreamHandler", "stream": "ext://sys.stdout", "formatter": "line"}},
    "root": {"handlers": ["stdout"], "level": os.environ.get("LOG_LEVEL", "INFO")},
    "loggers": {
        # Records reach the root's handler once (Django's own handlers would also print them to stderr).
        "django": {"handlers": [], "level": os.environ.get("LOG_LEVEL", "INFO"), "propagate": True},
        "django_tasks": {"handlers": [], "level": "INFO", "propagate": True},
        "django_tasks_db": {"handlers": [], "level": "INFO", "propagate": True},
    },
}
