"""Data: the minutes' workflow "Validation du PV" and its groups; the records of the minutes already published.

- groups "Coordination" (approves the minutes) and "Secrétariat" (drafts and submits them), with access to the
  admin;
- the workflow "Validation du PV": one group approval task whose reviewers are the coordination, assigned to every
  partners' space (``MinutesIndexPage``, in every language), which then covers every meeting below it;
- page permissions on each partners' space: the secretariat adds and edits, the coordination also publishes;
- the decisions and actions of the meetings already published (French pages), read from their stored minutes as
  ``minutes.sync`` reads them at publication.

Reversing removes the workflow, its task, the two groups' page permissions there and the records (the groups
stay: people may have been put in them).
"""

import json

from django.conf import settings
from django.db import migrations

WORKFLOW_NAME = "Validation du PV"
TASK_NAME = "Approbation du PV par la coordination"
COORDINATION, SECRETARIAT = "Coordination", "Secrétariat"
PAGE_PERMISSIONS = {SECRETARIAT: ("add", "change"), COORDINATION: ("add", "change", "publish")}


def index_pages(apps):
    return apps.get_model("minutes", "MinutesIndexPage").objects.all()


def set_up(apps, schema_editor):
    ContentType = apps.get_model("contenttypes", "ContentType")
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    Workflow = apps.get_model("wagtailcore", "Workflow")
    WorkflowTask = apps.get_model("wagtailcore", "WorkflowTask")
    WorkflowPage = apps.get_model("wagtailcore", "WorkflowPage")
    GroupApprovalTask = apps.get_model("wagtailcore", "GroupApprovalTask")
    GroupPagePermission = apps.get_model("wagtailcore", "GroupPagePermission")

    coordination, _ = Group.objects.get_or_create(name=COORDINATION)
    secretariat, _ = Group.objects.get_or_create(name=SECRETARIAT)
    access_admin = Permission.objects.filter(content_type__app_label="wagtailadmin", codename="access_admin").first()
    if access_admin is not None:
        coordination.permissions.add(access_admin)
        secretariat.permissions.add(access_admin)

    task_type, _ = ContentType.objects.get_or_create(app_label="wagtailcore", model="groupapprovaltask")
    workflow = Workflow.objects.filter(name=WORKFLOW_NAME).first()
    if workflow is None:
        task = GroupApprovalTask.objects.create(name=TASK_NAME, content_type=task_type, active=True)
        task.groups.set([coordination])
        workflow = Workflow.objects.create(name=WORKFLOW_NAME, active=True)
        WorkflowTask.objects.create(workflow=workflow, task=task, sort_order=0)

    page_type, _ = ContentType.objects.get_or_create(app_label="wagtailcore", model="page")
    groups = {COORDINATION: coordination, SECRETARIAT: secretariat}
    for index in index_pages(apps):
        if not WorkflowPage.objects.filter(page_id=index.pk).exists():
            WorkflowPage.objects.create(page_id=index.pk, workflow=workflow)
        for name, kinds in PAGE_PERMISSIONS.items():
            for kind in kinds:
                permission, _ = Permission.objects.get_or_create(
                    content_type=page_type, codename=f"{kind}_page", defaults={"name": f"Can {kind} page"}
                )
                GroupPagePermission.objects.get_or_create(group=groups[name], page_id=index.pk, permission=permission)


def tear_down(apps, schema_editor):
    Workflow = apps.get_model("wagtailcore", "Workflow")
    Task = apps.get_model("wagtailcore", "Task")
    GroupPagePermission = apps.get_model("wagtailcore", "GroupPagePermission")
    pks = list(index_pages(apps).values_list("pk", flat=True))
    GroupPagePermission.objects.filter(group__name__in=[COORDINATION, SECRETARIAT], page_id__in=pks).delete()
    Workflow.objects.filter(name=WORKFLOW_NAME).delete()
    Task.objects.filter(name=TASK_NAME).delete()


def _rows(value, name):
    """``[(block id, value), ...]`` of a stored list: ``[{"type": "item", "value": ..., "id": ...}]`` or the older
    plain list of values."""
    rows = []
    for row in value.get(name) or []:
        if isinstance(row, dict) and row.get("type") == "item" and "value" in row:
            rows.append((row.get("id"), row["value"]))
        else:
            rows.append((None, row))
    return rows


def records(apps, schema_editor):
    MeetingPage = apps.get_model("minutes", "MeetingPage")
    Decision = apps.get_model("minutes", "Decision")
    Action = apps.get_model("minutes", "Action")
    Locale = apps.get_model("wagtailcore", "Locale")
    default = Locale.objects.filter(language_code=settings.LANGUAGE_CODE).first()
    meetings = MeetingPage.objects.filter(live=True, alias_of__isnull=True)
    if default is not None:
        meetings = meetings.filter(locale=default)
    for meeting in meetings:
        agenda = meeting.agenda
        stream = list(agenda.raw_data) if hasattr(agenda, "raw_data") else json.loads(agenda or "[]")
        decision_order = action_order = 0
        for block in stream:
            if block.get("type") != "item":
                continue
            item = block.get("value") or {}
            for _id, text in _rows(item, "decisions"):
                if isinstance(text, str) and text.strip():
                    Decision.objects.create(
                        meeting=meeting, item_title=item.get("title", ""), text=text.strip(), sort_order=decision_order
                    )
                    decision_order += 1
            for block_id, value in _rows(item, "actions"):
                what = (value.get("what") or "").strip() if isinstance(value, dict) else ""
                if not what:
                    continue
                key = block_id or f"{meeting.pk}-{action_order}"
                if Action.objects.filter(key=key).exclude(meeting=meeting).exists():  # a copied meeting
                    key = f"{meeting.pk}-{key}"
                Action.objects.get_or_create(
                    key=key,
                    defaults={
                        "meeting": meeting,
                        "item_title": item.get("title", ""),
                        "what": what,
                        "who": (value.get("who") or "").strip(),
                        "organisation_id": value.get("organisation"),
                        "due": value.get("due") or None,
                        "sort_order": action_order,
                    },
                )
                action_order += 1


def no_records(apps, schema_editor):
    apps.get_model("minutes", "Decision").objects.all().delete()
    apps.get_model("minutes", "Action").objects.all().delete()


class Migration(migrations.Migration):
    dependencies = [
        ("minutes", "0004_action_records"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
        ("wagtailadmin", "0005_editingsession_is_editing"),
        ("wagtailcore", "0097_baselogentry_uuid_action_timestamp_indexes"),
    ]

    operations = [
        migrations.RunPython(set_up, tear_down),
        migrations.RunPython(records, no_records),
    ]
