"""Who the partners are, and their preferences.

A partner is an active user of the group ``settings.PARTNERS_GROUP_NAME`` ("Partenaires"): the group that
Wagtail's view restriction on the partners' space names. A superuser outside the group is not a partner here:
the minutes e-mails and the private calendar are for the group's members only.
"""

from django.conf import settings
from django.contrib.auth import get_user_model
from wagtail.models import Locale, Page

from .models import PartnerProfile


def partner_users():
    """The partners (a ``User`` queryset): active members of the partners' group."""
    return get_user_model().objects.filter(is_active=True, groups__name=settings.PARTNERS_GROUP_NAME).distinct()


def is_partner(user):
    """Whether ``user`` (any user, anonymous included) is an active member of the partners' group. One query."""
    if not user.is_authenticated or not user.is_active:
        return False
    return user.groups.filter(name=settings.PARTNERS_GROUP_NAME).exists()


def recipients():
    """The partners to tell about new minutes: with an e-mail address and not opted out (a partner without a
    profile has the defaults: told, in the site's language). ``User`` queryset, profiles joined."""
    opted_out = PartnerProfile.objects.filter(notify_minutes=False).values("user_id")
    return partner_users().exclude(email="").exclude(pk__in=opted_out).select_related("partner_profile")


def language_of(user):
    """The language code of ``user``'s e-mails and calendar: their profile's, else the site's default."""
    profile = getattr(user, "partner_profile", None)  # None when the user has no profile yet
    return profile.email_language if profile else settings.LANGUAGE_CODE


def profile_for(user):
    """``user``'s ``PartnerProfile``, created with the defaults (and a calendar token) on first use."""
    profile, _created = PartnerProfile.objects.get_or_create(user=user)
    return profile


def page_in(page, language):
    """``page`` in ``language``: its live version in that locale (a translation, or the French text under the
    language's address while not translated yet), else ``page`` itself. Specific."""
    if page.locale.language_code == language:
        return page.specific
    found = (
        Page.objects.live()
        .filter(translation_key=page.translation_key, locale__in=Locale.objects.filter(language_code=language))
        .first()
    )
    return found.specific if found is not None else page.specific
