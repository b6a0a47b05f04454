""" "Mes préférences" (``/<language>/espace-partenaires/preferences/``): a partner's minutes e-mails, their
language and the private calendar link.

Logged-in partners only (``minutes.partners.is_partner``): an anonymous visitor is sent to the login page (and
back), a logged-in user outside the partners' group gets a 403 page saying why. Two POST actions (CSRF-protected):
``save`` (the form) and ``renew`` (a new calendar token: the old link stops working at once). Each ends with a
message and a redirect to the page (no form sent twice by a reload).
"""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods

from .forms import PreferencesForm
from .partners import is_partner, profile_for


def calendar_url(request, profile):
    """The absolute URL of ``profile``'s private calendar (``https://…/partenaires/calendrier/<token>.ics``)."""
    return request.build_absolute_uri(reverse("partner-calendar", args=[profile.calendar_token]))


@never_cache
@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def preferences(request):
    if not is_partner(request.user):
        return render(request, "minutes/preferences_denied.html", status=403)
    profile = profile_for(request.user)
    form = PreferencesForm(instance=profile)
    if request.method == "POST":
        if request.POST.get("action") == "renew":
            profile.renew_calendar_token()
            messages.success(
                request, _("Un nouveau lien a été créé. L'ancien ne fonctionne plus : mettez à jour votre agenda.")
            )
            return redirect("partner-preferences")
        form = PreferencesForm(request.POST, instance=profile)
        if form.is_valid():
            form.save()
            messages.success(request, _("Vos préférences ont été enregistrées."))
            return redirect("partner-preferences")
    url = calendar_url(request, profile)
    context = {
        "form": form,
        "profile": profile,
        "calendar_url": url,
        "webcal_url": "webcal://" + url.split("://", 1)[1],
    }
    return render(request, "minutes/preferences.html", context)
