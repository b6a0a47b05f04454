"""One shared state for every worker and server: the cache, sessions, the rate limit, the page cache key; the
production settings refuse to start half-configured; e-mail gives up; logs go to standard output."""

import threading
import uuid

import pytest
from django.core.cache import caches
from django.core.management import call_command
from django.test import RequestFactory, override_settings

from registrations.views import rate_limited

from .helpers import production_env, production_value, run_manage

REDIS_URL = "redis://127.0.0.1:6379/0"
# The page cache test's own Redis database (its keys expire; the content version is deleted at the end).
REDIS_URL_PAGES = "redis://127.0.0.1:6379/14"


def redis_available():
    try:
        import redis

        return redis.Redis.from_url(REDIS_URL, socket_connect_timeout=1).ping()
    except Exception:
        return False


needs_redis = pytest.mark.skipif(not redis_available(), reason="no Redis on 127.0.0.1:6379")


def redis_cache():
    """Settings of a Redis cache under a key prefix of its own (the Redis server may be shared: never cleared)."""
    return {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": REDIS_URL,
            "KEY_PREFIX": f"test-{uuid.uuid4().hex}",
        }
    }


# -- the production settings ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("variable", "value"),
    [
        ("SECRET_KEY", None),
        ("SECRET_KEY", ""),
        ("SECRET_KEY", "short-key-0123456789"),
        ("ALLOWED_HOSTS", None),
        ("ALLOWED_HOSTS", " , "),
        ("DATABASE_URL", None),
    ],
)
def test_production_refuses_to_start_naming_the_variable(variable, value):
    result = run_manage("check", env=production_env(**{variable: value}))
    assert result.returncode != 0
    assert "ImproperlyConfigured" in result.stderr
    assert f"{variable} " in result.stderr.splitlines()[-1]


def test_production_cache_is_the_database_without_redis():
    backend = production_value("(settings.CACHES['default']['BACKEND'], settings.SESSION_ENGINE)")
    assert backend == repr(("django.core.cache.backends.db.DatabaseCache", "django.contrib.sessions.backends.db"))


def test_production_cache_is_redis_with_redis_url():
    backend = production_value(
        "(settings.CACHES['default']['BACKEND'], settings.CACHES['default']['LOCATION'], settings.SESSION_ENGINE)",
        REDIS_URL=REDIS_URL,
    )
    assert backend == repr(
        ("django.core.cache.backends.redis.RedisCache", REDIS_URL, "django.contrib.sessions.backends.cached_db")
    )


@needs_redis
def test_redis_client_is_installed_and_reaches_the_server():
    code = "from django.core.cache import cache; cache.set('probe', 41); print(cache.incr('probe'))"
    result = run_manage(
        "shell", "--no-imports", "-c", code, env=production_env(REDIS_URL=REDIS_URL, CACHE_KEY_PREFIX=uuid.uuid4().hex)
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip().splitlines()[-1] == "42"


def test_email_gives_up_after_a_timeout():
    assert production_value("settings.EMAIL_TIMEOUT", EMAIL_HOST="127.0.0.1") == "10"


def test_production_logs_go_to_standard_output():
    code = "import logging; logging.getLogger('trajet.probe').warning('probe-line')"
    result = run_manage("shell", "--no-imports", "-c", code, env=production_env())
    assert result.returncode == 0, result.stderr
    assert "WARNING trajet.probe" in result.stdout and "probe-line" in result.stdout
    assert "probe-line" not in result.stderr


def test_database_cache_table_is_shared_between_processes(tmp_path):
    """What one process writes in the database cache, another process reads (no per-process memory)."""
    env = production_env(DATABASE_URL=f"sqlite:///{tmp_path / 'db.sqlite3'}")
    assert run_manage("createcachetable", env=env).returncode == 0
    writer = run_manage(
        "shell", "--no-imports", "-c", "from django.core.cache import cache; cache.set('shared', 'yes', 60)", env=env
    )
    assert writer.returncode == 0, writer.stderr
    reader = run_manage(
        "shell", "--no-imports", "-c", "from django.core.cache import cache; print(cache.get('shared'))", env=env
    )
    assert reader.stdout.strip().splitlines()[-1] == "yes", reader.stderr


# -- the rate limit, counted in the shared cache -------------------------------------------------------------


def submissions(count, address="192.0.2.7"):
    factory = RequestFactory()
    return [factory.post("/", REMOTE_ADDR=address) for _ in range(count)]


@needs_redis
@override_settings(REGISTRATION_RATE_LIMIT=(5, 600))
def test_rate_limit_holds_for_simultaneous_submissions_in_redis():
    with override_settings(CACHES=redis_cache()):
        results = []
        barrier = threading.Barrier(24)

        def submit(request):
            barrier.wait()
            results.append(rate_limited(request))

        threads = [threading.Thread(target=submit, args=(request,)) for request in submissions(24)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
        assert results.count(False) == 5
        assert results.count(True) == 19
        # Another address has its own count.
        assert not rate_limited(submissions(1, "198.51.100.1")[0])


@pytest.mark.django_db
@override_settings(REGISTRATION_RATE_LIMIT=(3, 600))
def test_rate_limit_in_the_database_cache():
    with override_settings(
        CACHES={
            "default": {
                "BACKEND": "django.core.cache.backends.db.DatabaseCache",
                "LOCATION": f"rate_{uuid.uuid4().hex[:8]}",
            }
        }
    ):
        call_command("createcachetable", verbosity=0)
        assert [rate_limited(request) for request in submissions(5)] == [False, False, False, True, True]
        caches["default"].clear()


# -- the anonymous page cache: host and scheme are part of the key -------------------------------------------


def test_page_cache_key_includes_host_and_scheme(client, demo_upcoming):
    url = demo_upcoming["agenda"].url
    poisoned = client.get(url, HTTP_HOST="127.0.0.1:6666", secure=True)
    assert "https://127.0.0.1:6666/" in poisoned.text
    for _ in range(3):
        response = client.get(url)
        assert response.status_code == 200
        assert "127.0.0.1:6666" not in response.text
        assert "https://" not in response.text.replace("https://schema.org", "")


# -- the page cache, shared: a change made by one process is seen at once by a worker serving the cached page --


@needs_redis
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_a_restriction_made_through_another_process_is_seen_at_once_by_a_worker_serving_the_cached_page(agenda):
    import datetime as dt

    from django.db import connection
    from django.test import Client
    from django.utils import timezone

    from cms.cache import VERSION_KEY
    from tests.factories import EventPageFactory, TrajetPageFactory

    if connection.vendor != "sqlite":
        pytest.skip("the other process reaches the test database by its SQLite file")
    start = timezone.now() + dt.timedelta(days=10)
    activity = EventPageFactory(
        parent=TrajetPageFactory(parent=agenda), title="Atelier CV", start=start, end=start + dt.timedelta(hours=2)
    )
    prefix = f"test-{uuid.uuid4().hex}"
    settings_of_redis = redis_cache()
    settings_of_redis["default"]["LOCATION"] = REDIS_URL_PAGES
    settings_of_redis["default"]["KEY_PREFIX"] = prefix
    with override_settings(CACHES=settings_of_redis):
        worker = Client()
        try:
            assert worker.get(activity.url)["X-Cache"] == "miss"
            assert worker.get(activity.url)["X-Cache"] == "hit"
            assert "Atelier CV" in worker.get(agenda.url).text
            # Another process (an editor's request on another worker or server): production settings, the same
            # database and the same Redis.
            code = (
                "from wagtail.models import Page, PageViewRestriction; "
                f"PageViewRestriction.objects.create(page=Page.objects.get(pk={activity.pk}), restriction_type='login')"
            )
            env = production_env(
                DATABASE_URL=f"sqlite:///{connection.settings_dict['NAME']}",
                REDIS_URL=REDIS_URL_PAGES,
                CACHE_KEY_PREFIX=prefix,
            )
            result = run_manage("shell", "--no-imports", "-c", code, env=env)
            assert result.returncode == 0, result.stderr
            response = worker.get(activity.url)
            assert response.status_code == 302 and "/accounts/login/" in response["Location"]
            assert "Atelier CV" not in worker.get(agenda.url).text
        finally:
            caches["default"].delete(VERSION_KEY)
