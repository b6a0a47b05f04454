"""The site's URLs plus ``/bench/hello/``, a view that only answers "hello": the reference of `make bench`
(scripts/bench.py), served by the same gunicorn through the same middleware. Selected by ``BENCH_HELLO=1``
(settings/base.py), which only the benchmark's processes set."""

from django.http import HttpResponse
from django.urls import path

from .urls import handler400, handler403, handler404, handler500  # noqa: F401 (Django reads them here)
from .urls import urlpatterns as site_urlpatterns


def hello(request):
    """``200 text/plain "hello"``, nothing read or written."""
    return HttpResponse("hello", content_type="text/plain")


urlpatterns = [path("bench/hello/", hello), *site_urlpatterns]
