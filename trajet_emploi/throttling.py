"""Login throttling with django-axes, for the public login (``/fr/accounts/login/``) and the admin's.

After ``AXES_FAILURE_LIMIT`` wrong passwords for one user name from one address, that combination is locked
for ``AXES_COOLOFF_TIME``: even the right password is refused, with a clear message on the login page it was
typed in (status 429). Other people, and the same person from another address, are not affected. The client's
address is read like the registration form's (``settings.REGISTRATION_CLIENT_IP_HEADER``: behind a proxy,
the last address of ``X-Forwarded-For``).
"""

from axes.backends import AxesStandaloneBackend
from axes.helpers import get_cool_off
from django.forms.forms import NON_FIELD_ERRORS
from django.template.response import TemplateResponse
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from registrations.views import client_ip as registration_client_ip

LOCKOUT_TEMPLATE = "locked_out.html"


class LoginThrottleBackend(AxesStandaloneBackend):
    """Axes' check before the password backends. ``authenticate()`` called without a request is server-side
    code (a management command, a test), not a login attempt from the network: it is left to the next
    backend instead of raising ``AxesBackendRequestParameterRequired``."""

    def authenticate(self, request, username=None, password=None, **kwargs):
        if request is None:
            return None
        return super().authenticate(request, username=username, password=password, **kwargs)


def client_ip(request):
    """``AXES_CLIENT_IP_CALLABLE``: the address the registration rate limit uses (proxy-aware by settings)."""
    return registration_client_ip(request) or None


def lockout_message(request=None):
    cool_off = get_cool_off(request)
    minutes = max(1, round(cool_off.total_seconds() / 60)) if cool_off else None
    if minutes is None:
        return _(
            "Trop de tentatives de connexion échouées : ce compte est bloqué depuis votre connexion. "
            "Contactez la coordination."
        )
    return ngettext(
        "Trop de tentatives de connexion échouées : la connexion à ce compte depuis votre adresse est bloquée "
        "pendant %(minutes)s minute. Réessayez plus tard ou contactez la coordination.",
        "Trop de tentatives de connexion échouées : la connexion à ce compte depuis votre adresse est bloquée "
        "pendant %(minutes)s minutes. Réessayez plus tard ou contactez la coordination.",
        minutes,
    ) % {"minutes": minutes}


def lockout_response(request, original_response=None, credentials=None):
    """``AXES_LOCKOUT_CALLABLE``: the login page the attempt came from (the public one or the admin's), its
    form showing the lockout message instead of "wrong password", with HTTP 429."""
    message = lockout_message(request)
    context = getattr(original_response, "context_data", None) or {}
    form = context.get("form")
    template = getattr(original_response, "template_name", None)
    if form is not None and template:
        form.errors[NON_FIELD_ERRORS] = form.error_class([message], error_class="nonfield")
        response = TemplateResponse(request, template, context, status=429)
    else:
        response = TemplateResponse(request, LOCKOUT_TEMPLATE, {"message": message}, status=429)
    return response.render()
