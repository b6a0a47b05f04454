"""Translations go through the same moderation as the French page: an editor submits a Dutch translation from the
translation editor (never offered "Convertir en alias" as its main action) and a moderator approves it; the
strings editors meet are French."""

import html
import json
import re

import pytest
from django.test import Client
from django.utils import translation as django_translation
from wagtail.models import Page, TaskState, Workflow, WorkflowState
from wagtail_localize.models import StringTranslation, Translation

from events.models import EventPage
from tests.factories import UserFactory, open_event

from .conftest import locale

WORKFLOW = "Validation par un modérateur"


@pytest.fixture
def activity(trajet):
    return open_event(trajet, title="Atelier CV", slug="atelier-cv")


def props_of(response):
    match = re.search(r'data-props="([^"]*)"', response.text)
    return json.loads(html.unescape(match.group(1)))


def json_script(response, element_id):
    match = re.search(rf'<script id="{element_id}" type="application/json">(.*?)</script>', response.text)
    return json.loads(match.group(1)) if match else None


def translate_title(page, text):
    translation = Translation.objects.get(source__object_id=page.translation_key, target_locale=locale("nl"))
    title = translation.source.stringsegment_set.get(context__path="title")
    StringTranslation.objects.update_or_create(
        translation_of=title.string, locale=locale("nl"), context=title.context, defaults={"data": text}
    )


def test_the_workflow_is_named_in_french(db):
    workflow = Workflow.objects.get(name=WORKFLOW)
    assert workflow.active and [task.name for task in workflow.tasks.all()] == [WORKFLOW]
    assert not Workflow.objects.filter(name="Moderators approval").exists()


def test_the_editor_submits_a_dutch_translation_and_the_moderator_publishes_it(
    editor_client, moderator_client, activity, django_capture_on_commit_callbacks
):
    # The editor starts the translation ("Traduire"): the Dutch page exists, with the French text for now.
    with django_capture_on_commit_callbacks(execute=True):
        response = editor_client.post(f"/admin/localize/submit/page/{activity.pk}/", {"locales": [locale("nl").pk]})
    assert response.status_code == 302
    nl = EventPage.objects.get(translation_key=activity.translation_key, locale=locale("nl"))
    assert nl.title == "Atelier CV"

    # The translation editor: the main action submits for moderation; no "convert to alias".
    response = editor_client.get(f"/admin/pages/{nl.pk}/edit/")
    assert response.status_code == 200
    props = props_of(response)
    assert props["perms"]["canPublish"] is True
    assert not props["links"].get("convertToAliasUrl")
    assert json_script(response, "cms-submit-label") == "Soumettre à la modération : "
    assert json_script(response, "cms-translation-heading") == "Traduction : {source} → {target}"

    # The editor translates the title and submits: nothing changes on the public page yet.
    translate_title(activity, "CV-workshop")
    response = editor_client.post(f"/admin/pages/{nl.pk}/edit/", {"action": "publish"})
    assert response.status_code == 302
    messages = [str(m) for m in editor_client.get(response["Location"]).context["messages"]]
    assert any("soumise à la modération" in message for message in messages)
    nl.refresh_from_db()
    assert nl.title == "Atelier CV"
    assert "CV-workshop" not in Client().get(nl.url).text
    state = WorkflowState.objects.get(object_id=str(nl.pk), status=WorkflowState.STATUS_IN_PROGRESS)
    assert state.workflow.name == WORKFLOW
    task_state = state.current_task_state

    # The moderator sees it waiting for review and approves it: the Dutch page is published.
    assert "CV-workshop" in moderator_client.get("/admin/").text
    with django_capture_on_commit_callbacks(execute=True):
        response = moderator_client.post(f"/admin/pages/workflow/action/{nl.pk}/approve/{task_state.pk}/")
    assert response.status_code in (200, 302)
    task_state.refresh_from_db()
    assert task_state.status == TaskState.STATUS_APPROVED
    nl = EventPage.objects.get(pk=nl.pk)
    assert nl.live and nl.title == "CV-workshop"
    assert "CV-workshop" in Client().get(nl.url).text
    assert Page.objects.get(pk=activity.pk).title == "Atelier CV"


def test_an_editor_cannot_publish_a_translation_directly(editor_client, activity, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        editor_client.post(f"/admin/localize/submit/page/{activity.pk}/", {"locales": [locale("nl").pk]})
    nl = EventPage.objects.get(translation_key=activity.translation_key, locale=locale("nl"))
    translate_title(activity, "CV-workshop")
    with django_capture_on_commit_callbacks(execute=True):
        editor_client.post(f"/admin/pages/{nl.pk}/edit/", {"action": "publish"})
    assert EventPage.objects.get(pk=nl.pk).title == "Atelier CV"


def test_publishers_keep_the_publish_button(trajet, activity, django_capture_on_commit_callbacks):
    admin = Client()
    admin.force_login(UserFactory(username="root", is_superuser=True, is_staff=True))
    with django_capture_on_commit_callbacks(execute=True):
        admin.post(f"/admin/localize/submit/page/{activity.pk}/", {"locales": [locale("nl").pk]})
    nl = EventPage.objects.get(translation_key=activity.translation_key, locale=locale("nl"))
    response = admin.get(f"/admin/pages/{nl.pk}/edit/")
    assert props_of(response)["perms"]["canPublish"] is True
    assert 'id="cms-submit-label"' not in response.text
    catalogue = admin.get("/admin/localize/jsi18n/").content.decode()
    assert '"Publish in ": "Publier en "' in catalogue


def test_translation_comments_have_no_english_dates(activity):
    from wagtail_localize.models import TranslationSource

    source, _ = TranslationSource.get_or_create_from_instance(activity)
    segment = source.stringsegment_set.get(context__path="title")
    string_translation = StringTranslation.objects.create(
        translation_of=segment.string,
        locale=locale("nl"),
        context=segment.context,
        data="CV-workshop",
        translation_type=StringTranslation.TRANSLATION_TYPE_MANUAL,
    )
    with django_translation.override("fr"):
        comment = string_translation.get_comment()
    assert re.fullmatch(r"Traduit manuellement le \d\d/\d\d/\d{4}", comment), comment
