"""Run the project's commands in a subprocess under the production settings, with a given environment."""

import os
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent.parent
SECRET = "k3y-" + "x7Q9zR2mW5vT8pL1nB4cF6hJ0dS3gK" * 2


def production_env(**extra):
    """The environment of a production process: the required variables set, ``extra`` on top (``None``
    removes a variable)."""
    env = {key: value for key, value in os.environ.items() if not key.startswith(("DJANGO_", "AWS_", "FRONTEND_"))}
    env.pop("REDIS_URL", None)
    env.update(
        DJANGO_SETTINGS_MODULE="trajet_emploi.settings.production",
        SECRET_KEY=SECRET,
        ALLOWED_HOSTS="trajet-emploi.example.org",
        CSRF_TRUSTED_ORIGINS="https://trajet-emploi.example.org",
        DATABASE_URL=f"sqlite:///{Path(tempfile.gettempdir()) / 'production-settings.sqlite3'}",
    )
    for key, value in extra.items():
        if value is None:
            env.pop(key, None)
        else:
            env[key] = value
    return env


def run_manage(*args, env, timeout=120):
    return subprocess.run(
        [sys.executable, "manage.py", *args], cwd=ROOT, env=env, capture_output=True, text=True, timeout=timeout
    )


def production_value(expression, **extra):
    """``repr`` of a Python expression evaluated with the production settings loaded (``settings`` in scope)."""
    code = f"from django.conf import settings; print(repr({expression}))"
    result = run_manage("shell", "--no-imports", "-c", code, env=production_env(**extra))
    assert result.returncode == 0, result.stdout + result.stderr
    return result.stdout.strip().splitlines()[-1]  # the value is printed last; log lines (stdout) may come first
