"""Settings: language and time zone; production passes Django's deployment checklist."""

import os
import subprocess
import sys
import tempfile
from pathlib import Path

from django.conf import settings

ROOT = Path(__file__).resolve().parent.parent


def test_language_and_time_zone():
    assert settings.LANGUAGE_CODE == "fr"
    assert settings.TIME_ZONE == "Europe/Brussels"
    assert settings.USE_TZ


def run_manage(*args, env):
    return subprocess.run(
        [sys.executable, "manage.py", *args], cwd=ROOT, env=env, capture_output=True, text=True, timeout=120
    )


def production_env(**extra):
    env = {key: value for key, value in os.environ.items() if not key.startswith("DJANGO_")}
    env.update(
        DJANGO_SETTINGS_MODULE="trajet_emploi.settings.production",
        SECRET_KEY="k3y-" + "x7Q9zR2mW5vT8pL1nB4cF6hJ0dS3gK" * 2,
        ALLOWED_HOSTS="trajet-emploi.example.org",
        CSRF_TRUSTED_ORIGINS="https://trajet-emploi.example.org",
        DATABASE_URL=f"sqlite:///{Path(tempfile.gettempdir()) / 'deploy-check.sqlite3'}",
    )
    env.update(extra)
    return env


def test_check_deploy_has_no_warning():
    result = run_manage("check", "--deploy", "--fail-level", "WARNING", env=production_env())
    assert result.returncode == 0, result.stdout + result.stderr
    assert "System check identified no issues" in result.stdout


def test_production_refuses_to_start_without_secret_key():
    result = run_manage("check", env=production_env(SECRET_KEY=""))
    assert result.returncode != 0
    assert "SECRET_KEY must be set" in result.stderr
