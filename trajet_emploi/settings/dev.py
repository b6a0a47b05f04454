"""Local development: DEBUG on, SQLite, e-mails printed to the console."""

from .base import *  # noqa: F401,F403

DEBUG = True
SECRET_KEY = SECRET_KEY or "dev-only-key-not-for-production-0123456789-abcdefghijklmnop"  # noqa: F405
ALLOWED_HOSTS = ALLOWED_HOSTS + ["*"]  # noqa: F405

# Serve static files from the apps directly (no collectstatic needed outside production).
WHITENOISE_USE_FINDERS = True
WHITENOISE_AUTOREFRESH = True
