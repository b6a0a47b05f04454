"""Who may evaluate what: organisers (group "Organisateurs", ``OrganiserProfile``) see and fill only the
evaluations of activities their organisation organises (the page's ``organisers`` rows); other users with the
evaluation permissions (editors, moderators, administrators) see every activity.
"""

from django.conf import settings
from django.contrib.auth.models import Group, Permission
from django.utils import timezone
from wagtail.models import Locale

from .models import Evaluation, OrganiserProfile

ORGANISERS_GROUP_NAME = getattr(settings, "ORGANISERS_GROUP_NAME", "Organisateurs")


def page_model():
    """``events.ScheduledPage``, reached through ``Evaluation.page``: this app does not import ``events``."""
    return Evaluation._meta.get_field("page").related_model


def organisation_of(user):
    """The ``cms.Organisation`` ``user`` speaks for, or ``None`` (not an organiser, or a superuser: sees all)."""
    if user.is_superuser:
        return None
    profile = OrganiserProfile.objects.select_related("organisation").filter(user=user).first()
    return profile.organisation if profile else None


def is_organiser(user):
    return not user.is_superuser and OrganiserProfile.objects.filter(user=user).exists()


def scope_pages(queryset, user):
    """Restrict a ScheduledPage queryset to what ``user`` may evaluate (organised by their organisation)."""
    if user.is_superuser:
        return queryset
    profile = OrganiserProfile.objects.filter(user=user).values_list("organisation_id", flat=True).first()
    if profile is None:
        # An organiser not linked to an organisation yet sees nothing; editors and moderators see everything.
        return queryset.none() if user.groups.filter(name=ORGANISERS_GROUP_NAME).exists() else queryset
    organised = queryset.model.objects.filter(organisers__organisation_id=profile).values("pk")
    return queryset.filter(pk__in=organised)


def scope_evaluations(queryset, user):
    """Restrict an Evaluation queryset the same way as ``scope_pages``."""
    return queryset.filter(page__in=scope_pages(page_model().objects.all(), user).values("pk"))


def ended_activities(now=None):
    """Live, default-locale activities and visits that have ended by ``now`` and take place as announced (neither cancelled nor postponed)."""
    now = now or timezone.now()
    return page_model().objects.live().filter(locale=Locale.get_default(), end__lt=now, status="scheduled")


def to_evaluate(user, now=None):
    """Ended activities ``user`` may evaluate that have no evaluation yet, oldest first (admin home panel)."""
    pages = ended_activities(now).filter(evaluation__isnull=True).order_by("start", "pk")
    return scope_pages(pages, user).select_related("commune")


def ensure_organisers_group(**kwargs):
    """Create the "Organisateurs" group (admin access; add, change and view evaluations) and give editors and
    moderators the registration and evaluation permissions. Idempotent; connected to ``post_migrate``."""
    if not Permission.objects.filter(content_type__app_label="evaluations", codename="view_evaluation").exists():
        return  # permissions not created yet (first migrate run before the events app's post_migrate)
    group, _ = Group.objects.get_or_create(name=ORGANISERS_GROUP_NAME)
    evaluation_perms = Permission.objects.filter(
        content_type__app_label="evaluations", codename__in=["add_evaluation", "change_evaluation", "view_evaluation"]
    )
    admin_access = Permission.objects.filter(content_type__app_label="wagtailadmin", codename="access_admin")
    group.permissions.add(*evaluation_perms, *admin_access)
    registration_perms = Permission.objects.filter(
        content_type__app_label="registrations",
        codename__in=["add_registration", "change_registration", "view_registration"],
    )
    for staff in Group.objects.filter(name__in=["Editors", "Moderators"]):
        staff.permissions.add(*registration_perms, *evaluation_perms)
    return group
