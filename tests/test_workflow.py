"""Plone-style editing: editors submit, moderators publish (Wagtail's default workflow)."""

from wagtail.models import Page, Workflow

from .factories import UserFactory


def test_pages_go_through_moderation(demo):
    workflow = demo["agenda"].get_workflow()
    assert isinstance(workflow, Workflow) and workflow.active
    assert workflow.name == "Validation par un modérateur"
    assert [task.name for task in workflow.tasks.all()] == ["Validation par un modérateur"]


def test_editor_can_edit_but_not_publish(demo):
    editor = UserFactory(username="ed", groups=["Editors"])
    perms = demo["trajet"].permissions_for_user(editor)
    assert perms.can_edit() and perms.can_add_subpage()
    assert not perms.can_publish()


def test_partner_has_no_admin_access(client, demo, partner):
    client.force_login(partner)
    response = client.get("/admin/")
    assert response.status_code == 302
    assert Page.objects.get(pk=demo["meeting"].pk).permissions_for_user(partner).can_edit() is False


def test_editor_manages_the_shared_snippets(client, demo):
    client.force_login(UserFactory(username="ed2", groups=["Editors"]))
    assert client.get("/admin/snippets/cms/venue/").status_code == 200
    assert client.get("/admin/snippets/cms/venue/add/").status_code == 200
