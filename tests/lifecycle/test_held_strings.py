"""Publishing the French page never publishes translation strings nobody approved: an editor's Dutch strings wait
for a moderator, while the facts (here the date) follow the French page at once."""

import datetime as dt

import pytest
from django.test import Client
from django.urls import reverse
from wagtail.models import TaskState, WorkflowState
from wagtail_localize.models import StringTranslation, Translation

from cms.i18n import update_translation
from events.models import EventPage
from tests.factories import open_event, translate

from .conftest import locale

APPROVED, UNREVIEWED = "CV-workshop", "Ongecontroleerde titel van de redactrice"


@pytest.fixture
def activity(trajet):
    """A French activity whose Dutch translation is published with the approved title ``APPROVED``."""
    page = open_event(trajet, title="Atelier CV", slug="atelier-cv")
    translate(page, "nl")
    translation = Translation.objects.get(source__object_id=page.translation_key, target_locale=locale("nl"))
    title = translation.source.stringsegment_set.get(context__path="title")
    StringTranslation.objects.create(
        translation_of=title.string, locale=locale("nl"), context=title.context, data=APPROVED
    )
    update_translation(translation.source, locale("nl"))
    assert dutch(page).title == APPROVED
    return page


def dutch(page):
    return EventPage.objects.get(translation_key=page.translation_key, locale=locale("nl"))


def edit_dutch_title(client, page, text):
    """What the translation editor sends when the editor types a Dutch title."""
    translation = Translation.objects.get(source__object_id=page.translation_key, target_locale=locale("nl"))
    segment = translation.source.stringsegment_set.get(context__path="title")
    url = reverse("wagtail_localize:edit_string_translation", args=[translation.pk, segment.pk])
    response = client.put(url, f"value={text}", content_type="application/x-www-form-urlencoded")
    assert response.status_code in (200, 201), response.content[:300]


def publish_french_with_new_date(page, admin):
    french = EventPage.objects.get(pk=page.pk)
    french.start = french.start.replace(microsecond=0) + dt.timedelta(days=7)
    french.end += dt.timedelta(days=7)
    french.save_revision(user=admin).publish(user=admin)
    return french.start


def approve(moderator_client, page):
    state = WorkflowState.objects.get(object_id=str(page.pk), status=WorkflowState.STATUS_IN_PROGRESS)
    task_state = state.current_task_state
    response = moderator_client.post(f"/admin/pages/workflow/action/{page.pk}/approve/{task_state.pk}/")
    assert response.status_code in (200, 302)
    task_state.refresh_from_db()
    assert task_state.status == TaskState.STATUS_APPROVED


def test_the_french_publication_keeps_the_approved_dutch_text_until_a_moderator_approves(
    activity, admin, editor_client, moderator_client, django_capture_on_commit_callbacks
):
    edit_dutch_title(editor_client, activity, UNREVIEWED)
    with django_capture_on_commit_callbacks(execute=True):
        new_start = publish_french_with_new_date(activity, admin)

    nl = dutch(activity)
    assert nl.live and nl.start == new_start  # the fact followed at once
    page = Client().get(nl.url).text
    assert APPROVED in page and UNREVIEWED not in page

    # The editor submits the translation; nothing public changes until the moderator approves.
    with django_capture_on_commit_callbacks(execute=True):
        editor_client.post(f"/admin/pages/{nl.pk}/edit/", {"action": "publish"})
    assert UNREVIEWED not in Client().get(nl.url).text
    with django_capture_on_commit_callbacks(execute=True):
        approve(moderator_client, nl)
    nl = dutch(activity)
    assert nl.title == UNREVIEWED and nl.start == new_start
    assert UNREVIEWED in Client().get(nl.url).text


def test_a_translation_in_moderation_stays_in_moderation_when_the_french_page_is_published(
    activity, admin, editor_client, moderator_client, django_capture_on_commit_callbacks
):
    edit_dutch_title(editor_client, activity, UNREVIEWED)
    nl = dutch(activity)
    with django_capture_on_commit_callbacks(execute=True):
        editor_client.post(f"/admin/pages/{nl.pk}/edit/", {"action": "publish"})
    with django_capture_on_commit_callbacks(execute=True):
        new_start = publish_french_with_new_date(activity, admin)

    nl = dutch(activity)
    assert nl.start == new_start and nl.title == APPROVED
    assert UNREVIEWED not in Client().get(nl.url).text
    with django_capture_on_commit_callbacks(execute=True):
        approve(moderator_client, nl)
    nl = dutch(activity)
    assert nl.title == UNREVIEWED and nl.start == new_start


def test_syncing_the_translations_does_not_publish_them_either(
    activity, editor_client, django_capture_on_commit_callbacks
):
    edit_dutch_title(editor_client, activity, UNREVIEWED)
    translation = Translation.objects.get(source__object_id=activity.translation_key, target_locale=locale("nl"))
    with django_capture_on_commit_callbacks(execute=True):
        response = editor_client.post(
            reverse("wagtail_localize:update_translations", args=[translation.source_id]),
            {"publish_translations": "on"},
        )
    assert response.status_code == 302
    assert UNREVIEWED not in Client().get(dutch(activity).url).text


def test_strings_of_a_publisher_are_published_with_the_french_page(activity, admin, django_capture_on_commit_callbacks):
    admin_client = Client()
    admin_client.force_login(admin)
    edit_dutch_title(admin_client, activity, "CV-atelier")
    with django_capture_on_commit_callbacks(execute=True):
        publish_french_with_new_date(activity, admin)
    assert dutch(activity).title == "CV-atelier"
