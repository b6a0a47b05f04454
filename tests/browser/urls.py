"""The site's URLs plus ``/media/`` served by Django, so that browser tests can load image renditions.

In production the web server (or the storage's CDN) serves MEDIA_ROOT; ``cms.urls`` only does it under DEBUG.
"""

from django.conf import settings
from django.urls import re_path
from django.views.static import serve

from trajet_emploi.urls import urlpatterns as site_urlpatterns


def serve_media(request, path):
    return serve(request, path, document_root=settings.MEDIA_ROOT)


urlpatterns = [re_path(r"^media/(?P<path>.*)$", serve_media)] + site_urlpatterns
