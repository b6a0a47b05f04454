"""The public side of registration: the form on activity and visit pages, and cancellation by signed link.

POST-redirect-GET: a valid submission registers (``registrations.allocation.register``) and redirects to the
page's outcome route (``inscription/<token>/#inscription``), where the registration section gives way to the
outcome (confirmed, or waiting with the position), focused and kept on reload; an invalid submission renders the
page again with the errors (HTTP 400), a closed page or a refused submission says why (400), and more accepted
submissions from one address than ``settings.REGISTRATION_RATE_LIMIT`` allows get HTTP 429.
"""

from django.conf import settings
from django.contrib import messages
from django.core import signing
from django.core.cache import cache
from django.http import Http404, HttpResponseRedirect
from django.utils.cache import add_never_cache_headers
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from cms.models import SiteSettings

from .allocation import ActivityEnded, AlreadyRegistered, RegistrationClosed, cancel, has_ended, register
from .forms import RegistrationForm
from .meals import meal_text
from .models import Registration


def privacy_url(request):
    """URL of the privacy notice in the visitor's language, or ``None`` when the site settings name none."""
    page = SiteSettings.for_request(request).privacy_page
    if page is None:
        return None
    return page.localized.get_url(request)


def registration_context(page, request, form=None):
    """Template context of the registration block: ``registration_holder`` (the French page), ``places_left``,
    ``registration_closed`` (a ``RegistrationClosedReason`` or ``None``) and ``registration_form``."""
    holder = page.registration_page
    closed = holder.registration_closed_reason()
    if form is None and closed is None:
        form = RegistrationForm(page=page, privacy_url=privacy_url(request))
    return {
        "registration_holder": holder,
        "registration_closed": closed,
        "registration_form": form,
        "places_left": holder.places_left if holder.registration_open else None,
    }


def client_ip(request):
    """The client's IP address from ``settings.REGISTRATION_CLIENT_IP_HEADER`` (the last address of an
    ``X-Forwarded-For`` list: the one our own proxy appended)."""
    value = request.META.get(settings.REGISTRATION_CLIENT_IP_HEADER) or request.META.get("REMOTE_ADDR", "")
    return value.split(",")[-1].strip()


def rate_limited(request):
    """Take one of the client address's ``settings.REGISTRATION_RATE_LIMIT`` = ``(count, seconds)`` slots for
    this submission; ``True`` when none is free (Django's cache, shared by every worker and server).

    Called once a submission is valid: input errors cost nothing, so a room of people sharing one address
    (a MEF's computer room) can correct their forms; a submission refused after that gives its slot back
    (``release_rate_slot``). Each slot is kept ``seconds``: ``cache.add`` is atomic on every backend (Redis
    ``SET NX``, the database cache's primary key), where ``incr`` is a read then a write on the database cache
    and would let simultaneous submissions through.
    """
    limit, window = settings.REGISTRATION_RATE_LIMIT
    prefix = f"registration-rate:{client_ip(request)}"
    for slot in range(limit):
        key = f"{prefix}:{slot}"
        if cache.add(key, 1, timeout=window):
            request._registration_rate_slot = key
            return False
    return True


def release_rate_slot(request):
    """Give back the slot ``rate_limited`` took for this request (the submission was refused after all)."""
    key = getattr(request, "_registration_rate_slot", None)
    if key:
        cache.delete(key)
        request._registration_rate_slot = None


def _render(page, request, form, status, error=None):
    context = registration_context(page, request, form)
    context["registration_error"] = error
    response = page.render(request, context_overrides=context)
    response.status_code = status
    return response


def serve_page(page, request):
    """GET: the page (with the form when open). POST: register, then redirect to the page (PRG)."""
    if request.method != "POST":
        return page.render(request)
    holder = page.registration_page
    if holder.registration_closed_reason() is not None:
        return _render(page, request, None, 400)
    # The privacy link is looked up only if the form is shown again (errors): not on the way of a valid POST.
    form = RegistrationForm(request.POST, page=page, privacy_url=lambda: privacy_url(request))
    if not form.is_valid():
        return _render(page, request, form, 400)
    if rate_limited(request):
        return _render(
            page,
            request,
            form,
            429,
            _("Trop d'inscriptions ont été envoyées depuis votre connexion. Réessayez dans quelques minutes."),
        )
    if form.is_bot:  # keeps its slot: a bot's submissions count against its address
        return _render(
            page,
            request,
            form,
            400,
            _("Votre inscription n'a pas pu être enregistrée. Si vous n'êtes pas un robot, contactez l'organisateur."),
        )
    data = form.cleaned_data
    try:
        registration = register(
            page,
            name=data["name"],
            email=data["email"],
            phone=data.get("phone", ""),
            organisation=data.get("organisation"),
            meal=data.get("meal"),
            language=get_language() or settings.LANGUAGE_CODE,
        )
    except AlreadyRegistered as error:
        release_rate_slot(request)
        form.add_error("email", error.message)
        return _render(page, request, form, 400)
    except RegistrationClosed:
        release_rate_slot(request)
        return _render(page, request, None, 400)
    outcome = page.reverse_subpage("registration_outcome", args=[registration.outcome_token()])
    return HttpResponseRedirect(page.get_url(request) + outcome + "#inscription")


def registration_outcome(page, request, token):
    """GET ``inscription/<token>/``: the page with its registration section replaced by the outcome of the
    registration the token names (``Registration.from_outcome_token``), focused (``autofocus``) and announced.

    The token expires after ``settings.REGISTRATION_OUTCOME_MAX_AGE`` seconds (on a shared computer the next
    person should not read it); an expired or foreign token leads back to the page and its form. Never cached:
    the response names one person.
    """
    try:
        registration = Registration.from_outcome_token(token, max_age=settings.REGISTRATION_OUTCOME_MAX_AGE)
    except (signing.BadSignature, ValueError, Registration.DoesNotExist):
        return HttpResponseRedirect(page.get_url(request) + "#inscription")
    if registration.page_id != page.registration_page.pk:
        return HttpResponseRedirect(page.get_url(request) + "#inscription")
    outcome = outcome_context(registration, page)
    response = page.render(request, context_overrides={"registration_outcome": outcome})
    add_never_cache_headers(response)
    response["X-Robots-Tag"] = "noindex"
    return response


def outcome_context(registration, page):
    """What the outcome section says on ``page`` (the page shown, any translation): ``registration``,
    ``status`` (``"confirmed"``, ``"waiting"`` or ``"cancelled"``), ``position`` (on the waiting list, 1-based),
    ``meal`` (the lunch chosen with its price, ``registrations.meals.meal_text``; ``""`` without meals) and,
    when the person waits because their organisation's places on a visit day are taken while others are free,
    ``organisation_quota`` (``int``) with ``position`` counted within their organisation."""
    result = {
        "registration": registration,
        "status": registration.status,
        "position": None,
        "meal": meal_text(registration, page),
    }
    if registration.status == Registration.Status.WAITING:
        result["organisation_quota"] = quota = registration.organisation_quota_reached()
        if quota:
            result["position"] = registration.waiting_position_in_organisation
        else:
            result["position"] = registration.waiting_position
    return result


def cancel_registration(page, request, token):
    """GET: "cancel your registration?" with a button; POST: cancel, then redirect to the page with a message.

    The link is refused (404) when its signature is wrong or it belongs to another activity. Confirming by POST
    keeps mail scanners that follow links from cancelling anyone.
    """
    try:
        registration = Registration.from_cancel_token(token)
    except (signing.BadSignature, ValueError, Registration.DoesNotExist):
        raise Http404(_("Ce lien d'annulation n'est pas valide.")) from None
    if registration.page_id != page.registration_page.pk:
        raise Http404(_("Ce lien d'annulation n'est pas valide."))
    already_cancelled = registration.status == Registration.Status.CANCELLED
    ended = not already_cancelled and has_ended(registration.page)
    if request.method == "POST":
        try:
            if not already_cancelled:
                cancel(registration)
        except ActivityEnded as error:
            messages.error(request, error.message)
        else:
            messages.success(request, _("Votre inscription est annulée. Merci de nous avoir prévenus."))
        return HttpResponseRedirect(page.get_url(request))
    return page.render(
        request,
        template="registrations/cancel.html",
        context_overrides={
            "registration": registration,
            "already_cancelled": already_cancelled,
            # The activity is over: the page says so instead of offering to cancel.
            "cancel_refused": ActivityEnded().message if ended else None,
        },
    )
