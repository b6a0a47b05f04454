"""Content-Security-Policy (django-csp 4) and Permissions-Policy for every response.

- The public site: ``settings.CONTENT_SECURITY_POLICY`` — everything from the site itself (``default-src
  'self'``), no inline script and no inline style, nothing may frame it (``frame-ancestors 'none'``). JSON-LD
  ``<script type="application/ld+json">`` is a data block, never executed, so CSP does not apply to it.
- The admin (``/admin/``): ``settings.CONTENT_SECURITY_POLICY_ADMIN``, relaxed where Wagtail's admin needs it
  (inline scripts and styles of its editors), still limited to the site's own origin.
- A view that sets its own ``Content-Security-Policy`` header (the embed's ``frame-ancestors``,
  ``events.embed``) keeps its directives; the site's policy fills in the rest.
"""

from csp.constants import HEADER
from csp.middleware import CSPMiddleware, PolicyParts
from django.conf import settings

PERMISSIONS_POLICY = ", ".join(
    f"{feature}=()"
    for feature in (
        "accelerometer",
        "camera",
        "geolocation",
        "gyroscope",
        "magnetometer",
        "microphone",
        "payment",
        "usb",
    )
)


def parse_policy(header):
    """``"frame-ancestors *; img-src 'self'"`` → ``{"frame-ancestors": ["*"], "img-src": ["'self'"]}``."""
    directives = {}
    for part in header.split(";"):
        name, *values = part.split()
        if name:
            directives[name.lower()] = values or True
    return directives


def is_admin(request):
    return request.path_info.startswith(settings.ADMIN_URL_PREFIX)


class SitePolicyMiddleware(CSPMiddleware):
    def process_response(self, request, response):
        own = response.headers.get(HEADER)
        if own is not None and not getattr(response, "_csp_config", None):
            # The view's own directives win over the site's (e.g. the embed's frame-ancestors).
            del response.headers[HEADER]
            response._csp_replace = {**(getattr(response, "_csp_replace", None) or {}), **parse_policy(own)}
        response = super().process_response(request, response)
        response.headers.setdefault("Permissions-Policy", PERMISSIONS_POLICY)
        return response

    def get_policy_parts(self, request, response, report_only=False):
        parts = super().get_policy_parts(request, response, report_only=report_only)
        if not report_only and parts.config is None and is_admin(request):
            return PolicyParts(
                settings.CONTENT_SECURITY_POLICY_ADMIN["DIRECTIVES"], parts.update, parts.replace, parts.nonce
            )
        return parts
