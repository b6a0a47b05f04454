"""Each life event of an activity reaches every door in every language: events × doors × languages.

One table (``EVENTS``): how the activity is prepared, what an editor does, and what an anonymous visitor then
sees through each door of ``tests.lifecycle.doors.DOORS`` in fr, nl and en. Each door is read before the event
too (the pages and outputs are cached then: the event must reach them anyway).

The activity, "Atelier Tremplin", is published in French, translated into Dutch ("Werkplaats Tremplin") and an
alias in English (not translated yet: the French text).
"""

import datetime as dt

import pytest
from django.test import Client
from django.urls import get_resolver
from wagtail.actions.move_page import MovePageAction
from wagtail.api.v2.views import PagesAPIViewSet
from wagtail.models import Page, PageViewRestriction
from wagtail_localize.models import StringTranslation, TranslationSource

from cms.i18n import update_translation
from events.models import EventPage
from trajet_emploi.api import api_router

from ..factories import EventPageFactory, TrajetPageFactory, translate
from .conftest import alias, locale
from .doors import DOORS, LANGUAGES, ROUTES, Seen, Target

FRENCH, DUTCH = "Atelier Tremplin", "Werkplaats Tremplin"
START = dt.datetime.now(dt.UTC).replace(microsecond=0, second=0) + dt.timedelta(days=10)


def publish(page, user=None, **changes):
    """Change ``page``'s fields and publish a revision, as the admin's "Publier" does."""
    page = EventPage.objects.get(pk=page.pk)
    for name, value in changes.items():
        setattr(page, name, value)
    page.save_revision(user=user).publish(user=user)
    return EventPage.objects.get(pk=page.pk)


def translate_title(page, code, title):
    """Translate ``page``'s title into ``code`` and publish the translation (what the translation editor does)."""
    source, _ = TranslationSource.get_or_create_from_instance(page)
    segment = source.stringsegment_set.get(context__path="title")
    StringTranslation.objects.update_or_create(
        translation_of=segment.string, locale=locale(code), context=segment.context, defaults={"data": title}
    )
    update_translation(source, locale(code))


def new_activity(trajet, *, live=True):
    return EventPageFactory(
        parent=trajet,
        title=FRENCH,
        slug="atelier-tremplin",
        start=START,
        end=START + dt.timedelta(hours=3),
        summary="Un atelier pour préparer son entretien.",
        live=live,
    )


def translated_activity(trajet):
    page = new_activity(trajet)
    translate(page, "nl")
    translate_title(page, "nl", DUTCH)
    alias(page, "en")
    return page


# --- the events: prepare(trajet) -> page; act(page, context) -> None ------------------------------------------


def act_publish(page, context):
    publish(page)
    for code in ("nl", "en"):
        if not Page.objects.filter(translation_key=page.translation_key, locale=locale(code)).exists():
            alias(EventPage.objects.get(pk=page.pk), code)


def act_unpublish(page, context):
    response = context["admin_client"].post(f"/admin/pages/{page.pk}/unpublish/", {"include_descendants": "on"})
    assert response.status_code == 302


def act_delete(page, context):
    response = context["admin_client"].post(f"/admin/pages/{page.pk}/delete/")
    assert response.status_code == 302


def act_cancel(page, context):
    publish(page, status="cancelled")


def act_postpone(page, context):
    publish(page, status="postponed")


def act_reschedule(page, context):
    publish(page, start=page.start + dt.timedelta(days=1, hours=2), end=page.end + dt.timedelta(days=1, hours=2))


def act_translate(page, context):
    translate_title(page, "nl", DUTCH)


def act_move(page, context):
    target = TrajetPageFactory(parent=page.get_parent().get_parent(), title="Trajet emploi 2018", slug="trajet-2018")
    for code in ("nl", "en"):
        translate(target, code)
    MovePageAction(Page.objects.get(pk=page.pk), target, pos="last-child", user=context["admin"]).execute()


def act_restrict(page, context):
    PageViewRestriction.objects.create(page=page, restriction_type=PageViewRestriction.LOGIN)


def titles(nl=DUTCH):
    return {"fr": FRENCH, "nl": nl, "en": FRENCH}


def later(days=0, hours=0):
    from cms.days import local

    return {code: local(START + dt.timedelta(days=days, hours=hours)).isoformat() for code in LANGUAGES}


EVENTS = {
    # name: (prepare, act, before, after): before/after(code) → the Seen a visitor gets in that language.
    "publish": (
        lambda trajet: new_activity(trajet, live=False),
        act_publish,
        lambda code: Seen(False),
        lambda code: Seen(True, "scheduled", start=later()[code], title=FRENCH, sequence=0),
    ),
    "unpublish": (
        translated_activity,
        act_unpublish,
        lambda code: Seen(True, "scheduled", title=titles()[code]),
        lambda code: Seen(False),
    ),
    "delete": (
        translated_activity,
        act_delete,
        lambda code: Seen(True, "scheduled", title=titles()[code]),
        lambda code: Seen(False),
    ),
    "cancel": (
        translated_activity,
        act_cancel,
        lambda code: Seen(True, "scheduled", title=titles()[code], sequence=0),
        lambda code: Seen(True, "cancelled", start=later()[code], title=titles()[code], sequence=1),
    ),
    "postpone": (
        translated_activity,
        act_postpone,
        lambda code: Seen(True, "scheduled", title=titles()[code], sequence=0),
        lambda code: Seen(True, "postponed", title=titles()[code], sequence=1),
    ),
    "reschedule": (
        translated_activity,
        act_reschedule,
        lambda code: Seen(True, "scheduled", start=later()[code], sequence=0),
        lambda code: Seen(True, "scheduled", start=later(days=1, hours=2)[code], title=titles()[code], sequence=1),
    ),
    "translate": (
        lambda trajet: (page := new_activity(trajet), alias(page, "nl"), alias(page, "en"))[0],
        act_translate,
        lambda code: Seen(True, "scheduled", title=FRENCH),
        lambda code: Seen(True, "scheduled", title=titles()[code], sequence=0),
    ),
    "move": (
        translated_activity,
        act_move,
        lambda code: Seen(True, "scheduled", title=titles()[code]),
        lambda code: Seen(True, "scheduled", start=later()[code], title=titles()[code]),
    ),
    "restrict": (
        translated_activity,
        act_restrict,
        lambda code: Seen(True, "scheduled", title=titles()[code]),
        lambda code: Seen(False),
    ),
}


def differences(expected, seen):
    """The fields where ``seen`` contradicts ``expected`` (a field either side leaves ``None`` is not compared)."""
    if expected.listed != seen.listed:
        return {"listed": (expected.listed, seen.listed)}
    return {
        name: (getattr(expected, name), getattr(seen, name))
        for name in ("status", "start", "title", "sequence")
        if getattr(expected, name) is not None
        and getattr(seen, name) is not None
        and getattr(expected, name) != getattr(seen, name)
    }


def look(client, target, expect):
    """``{(door, language): differences}`` for every door and language that contradicts ``expect``."""
    found = {}
    for code in LANGUAGES:
        for name, door in DOORS.items():
            if not target.paths.get(code):
                assert not expect(code).listed, f"no {code} version of the page to look at"
                continue
            seen = door(client, target, code)
            wrong = seen is not None and differences(expect(code), seen)
            if wrong:
                found[(name, code)] = wrong
    return found


@pytest.mark.parametrize("event", EVENTS)
def test_a_life_event_reaches_every_door_in_every_language(
    event, trajet, admin, admin_client, django_capture_on_commit_callbacks
):
    client = Client()  # an anonymous visitor (``admin_client`` is the suite's ``client``, logged in)

    prepare, act, before, after = EVENTS[event]
    with django_capture_on_commit_callbacks(execute=True):
        page = prepare(trajet)
    target = Target(str(page.translation_key))
    target.refresh()
    if event == "publish":  # no path before the first publication: record the paths it will have
        act_publish(page, {})
        target.refresh()
        act_unpublish(page, {"admin_client": admin_client})
    assert look(client, target, before) == {}, "before the event"

    with django_capture_on_commit_callbacks(execute=True):
        act(page, {"admin": admin, "admin_client": admin_client})
    target.refresh()
    assert look(client, target, after) == {}, f"after {event}"


def test_every_door_of_the_site_is_in_the_table():
    """A public output added to the site (a URL name of the agenda's outputs, the search, the sitemap, an API
    endpoint for pages) must be read by a door of the table."""
    from events import urls as outputs

    covered = set(ROUTES.values())
    site = {pattern.name for pattern in outputs.urlpatterns} | {"search", "sitemap"}
    site |= {f"api:{name}" for name, viewset in api_router._endpoints.items() if issubclass(viewset, PagesAPIViewSet)}
    assert site - covered == set()
    assert set(ROUTES) <= set(DOORS)
    names = {name for name in get_resolver().reverse_dict if isinstance(name, str)}
    assert {route for route in covered if not route.startswith("api:")} <= names
