"""``/health/`` for load balancers and monitors: is this app server able to serve (database and cache reachable)?

Answered by a middleware placed first, before host validation, the HTTPS redirect, sessions and languages: a
load balancer probes each server by its address over plain HTTP. JSON, never cached, no secret (no host name,
version, setting or error text): ``{"status": "ok", "database": "ok", "cache": "ok"}`` with HTTP 200, or
``"error"`` for the failing part with HTTP 503.
"""

import logging
import uuid

from django.core.cache import cache
from django.db import connection
from django.http import JsonResponse
from django.utils.cache import add_never_cache_headers

logger = logging.getLogger(__name__)
HEALTH_PATH = "/health/"


def check_database():
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
        return cursor.fetchone() == (1,)


def check_cache():
    key, value = f"health:{uuid.uuid4().hex}", uuid.uuid4().hex
    cache.set(key, value, 10)
    try:
        return cache.get(key) == value
    finally:
        cache.delete(key)


def health(request):
    checks = {}
    for name, check in (("database", check_database), ("cache", check_cache)):
        try:
            checks[name] = "ok" if check() else "error"
        except Exception:
            logger.exception("Health check: %s unreachable", name)
            checks[name] = "error"
    healthy = all(value == "ok" for value in checks.values())
    response = JsonResponse({"status": "ok" if healthy else "error", **checks}, status=200 if healthy else 503)
    add_never_cache_headers(response)
    return response


class HealthCheckMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.path_info == HEALTH_PATH and request.method in ("GET", "HEAD"):
            return health(request)
        return self.get_response(request)
