"""Who writes and who approves the minutes: the workflow "Validation du PV" and the page permissions of the
partners' space.

The secretariat (group "Secrétariat") drafts a meeting's minutes and submits them; the coordination (group
"Coordination") approves them in the workflow, which publishes them. The data migration
``minutes.0005_minutes_validation`` sets this up for the partners' spaces that exist; ``govern`` does the same for a
space created later (``MinutesIndexPage.save``), so that a new site or the demo gets it too.
"""

from django.contrib.auth.models import Group, Permission
from django.contrib.contenttypes.models import ContentType
from wagtail.models import GroupApprovalTask, GroupPagePermission, Page, Workflow, WorkflowPage, WorkflowTask

WORKFLOW_NAME = "Validation du PV"
TASK_NAME = "Approbation du PV par la coordination"
COORDINATION = "Coordination"
SECRETARIAT = "Secrétariat"

# Page permissions on the partners' space (and every meeting below it), by group.
PAGE_PERMISSIONS = {SECRETARIAT: ("add", "change"), COORDINATION: ("add", "change", "publish")}


def minutes_workflow():
    """The workflow "Validation du PV" (one ``GroupApprovalTask`` whose reviewers are the group "Coordination"),
    created if missing. :returns: ``Workflow``."""
    coordination, _created = Group.objects.get_or_create(name=COORDINATION)
    workflow = Workflow.objects.filter(name=WORKFLOW_NAME).first()
    if workflow is not None:
        return workflow
    task = GroupApprovalTask.objects.filter(name=TASK_NAME).first()
    if task is None:
        task = GroupApprovalTask.objects.create(name=TASK_NAME)
        task.groups.set([coordination])
    workflow = Workflow.objects.create(name=WORKFLOW_NAME)
    WorkflowTask.objects.create(workflow=workflow, task=task, sort_order=0)
    return workflow


def govern(page):
    """Give the partners' space ``page`` (a ``MinutesIndexPage``) the workflow "Validation du PV" unless it has a
    workflow of its own already, and the groups' page permissions of ``PAGE_PERMISSIONS`` (missing groups are
    created)."""
    if not WorkflowPage.objects.filter(page=page).exists():
        WorkflowPage.objects.create(page=page, workflow=minutes_workflow())
    page_type = ContentType.objects.get_for_model(Page)
    for name, kinds in PAGE_PERMISSIONS.items():
        group, _created = Group.objects.get_or_create(name=name)
        for kind in kinds:
            permission = Permission.objects.get(content_type=page_type, codename=f"{kind}_page")
            GroupPagePermission.objects.get_or_create(group=group, page=page, permission=permission)
