"""Media files kept on the app server's disk (no bucket configured), served by the app: images only.

WhiteNoise serves the static files, not media. When ``AWS_STORAGE_BUCKET_NAME`` is unset, uploads live under
``MEDIA_ROOT`` and this view serves the public part of it, images (``original_images/``) and their renditions
(``images/``), in development and in production alike. Documents (``documents/``) and anything else are never
served from ``/media/``: they go through Wagtail's ``/documents/<id>/<name>`` view, which checks privacy. (A front
server may serve ``MEDIA_ROOT/images/`` and ``MEDIA_ROOT/original_images/`` itself; never ``documents/``.)
"""

import mimetypes
import posixpath
from pathlib import Path

from django.conf import settings
from django.http import FileResponse, Http404
from django.utils._os import safe_join
from django.utils.cache import patch_cache_control
from django.views.decorators.http import require_safe

from cms.storage import PUBLIC_PREFIXES

MEDIA_MAX_AGE = 24 * 60 * 60


@require_safe
def serve_public_media(request, path):
    if not settings.MEDIA_SERVED_BY_APP:
        raise Http404
    path = posixpath.normpath(path).lstrip("/")
    if not path.startswith(PUBLIC_PREFIXES) or ".." in path.split("/"):
        raise Http404
    try:
        full_path = Path(safe_join(settings.MEDIA_ROOT, path))
    except Exception:  # outside MEDIA_ROOT
        raise Http404 from None
    if not full_path.is_file():
        raise Http404
    content_type, encoding = mimetypes.guess_type(full_path.name)
    response = FileResponse(full_path.open("rb"), content_type=content_type or "application/octet-stream")
    if encoding:
        response.headers["Content-Encoding"] = encoding
    response.headers["X-Content-Type-Options"] = "nosniff"
    patch_cache_control(response, public=True, max_age=MEDIA_MAX_AGE)
    return response
