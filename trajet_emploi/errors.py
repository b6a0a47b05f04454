"""Error pages (``handler400/403/404/500`` and the CSRF failure view) that cannot fail in turn.

Django's default error views are wrapped in ``requires_csrf_token``: on a POST, that runs the CSRF check again,
which reads ``request.POST``; when the body is what made the request fail (a form declared
``charset=latin-1``, which Django 5.2 refuses with ``BadRequest``), the error view raises the same exception,
then the 500 view too, and the server answers a bare "Internal Server Error". These views never read the
request's body, and they never let an exception out: if their template cannot be rendered (a disallowed
``Host``, a broken request), they answer a fixed trilingual page with the right status.

400, 403 and 500 use standalone templates (no site context, no request data); 404 keeps the site's layout.
"""

import logging

from django.http import Http404, HttpResponse
from django.template import loader

logger = logging.getLogger(__name__)

FALLBACK = (
    '<!DOCTYPE html><html lang="fr"><head><meta charset="utf-8"><title>{title} – Trajet emploi</title></head>'
    '<body><h1>{title}</h1><p><a href="/">Accueil / Home</a></p></body></html>'
)
TITLES = {
    400: "Requête incorrecte",
    403: "Accès refusé",
    404: "Page introuvable",
    500: "Une erreur est survenue",
}


def render_error(request, template_name, status, context=None):
    """``template_name`` rendered with ``status``; a fixed page when rendering fails (logged, never raised)."""
    try:
        body = loader.render_to_string(template_name, context or {}, request)
    except Exception:  # an error page must answer whatever went wrong
        logger.exception("Error page %s could not be rendered", template_name)
        body = FALLBACK.format(title=TITLES[status])
    return HttpResponse(body, status=status, content_type="text/html; charset=utf-8")


def bad_request(request, exception=None):
    return render_error(None, "400.html", 400)


def permission_denied(request, exception=None):
    return render_error(None, "403.html", 403)


def csrf_failure(request, reason=""):
    """``CSRF_FAILURE_VIEW``: the form expired or cookies are off (the reason is logged by Django)."""
    return render_error(None, "403.html", 403, {"csrf": True})


def page_not_found(request, exception=None):
    return render_error(request, "404.html", 404)


def server_error(request):
    return render_error(None, "500.html", 500)


def not_found(request):
    """A URL that must not be served (Wagtail's ``admin/failwhale/`` test error)."""
    raise Http404
