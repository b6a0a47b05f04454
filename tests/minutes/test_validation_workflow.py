"""Minutes validation: the secretariat drafts and submits, the coordination approves, which publishes; a partner
never sees minutes that are a draft or in moderation, through any door."""

import pytest
from bs4 import BeautifulSoup
from django.contrib.auth.models import Group, Permission
from django.urls import reverse
from wagtail.models import GroupPagePermission, WorkflowState
from wagtail.test.utils.form_data import inline_formset, nested_form_data, rich_text, streamfield

from minutes.governance import COORDINATION, SECRETARIAT, WORKFLOW_NAME
from minutes.models import MeetingPage
from tests.factories import MeetingPageFactory, UserFactory, brussels

SECRET_WORD = "Zanzibarissime"


def page_permissions(group_name, page):
    return {
        permission.permission.codename
        for permission in GroupPagePermission.objects.filter(group__name=group_name, page=page).select_related(
            "permission"
        )
    }


def test_the_migration_made_the_workflow_and_its_groups(db):
    coordination = Group.objects.get(name=COORDINATION)
    Group.objects.get(name=SECRETARIAT)
    from wagtail.models import Workflow

    workflow = Workflow.objects.get(name=WORKFLOW_NAME)
    tasks = [task.specific for task in workflow.tasks.all()]
    assert len(tasks) == 1
    assert list(tasks[0].groups.all()) == [coordination]


def test_a_new_space_gets_the_workflow_and_the_page_permissions(space):
    assert space.get_workflow().name == WORKFLOW_NAME
    meeting = MeetingPageFactory(parent=space)
    assert meeting.get_workflow().name == WORKFLOW_NAME
    assert page_permissions(SECRETARIAT, space) == {"add_page", "change_page"}
    assert page_permissions(COORDINATION, space) == {"add_page", "change_page", "publish_page"}
    for permission in GroupPagePermission.objects.filter(page=space):
        assert isinstance(permission.permission, Permission)


def test_the_demo_space_has_the_workflow(demo):
    assert demo["meeting"].get_workflow().name == WORKFLOW_NAME
    assert demo["agenda"].get_workflow().name != WORKFLOW_NAME  # the rest of the site keeps its own


@pytest.fixture
def secretary(db):
    return UserFactory(username="secretaire", groups=[SECRETARIAT])


@pytest.fixture
def coordinator(db):
    return UserFactory(username="coordination", groups=[COORDINATION])


def test_secretary_may_edit_and_add_but_not_publish(space, secretary, coordinator):
    meeting = MeetingPageFactory(parent=space)
    assert meeting.permissions_for_user(secretary).can_edit()
    assert space.permissions_for_user(secretary).can_add_subpage()
    assert not meeting.permissions_for_user(secretary).can_publish()
    assert meeting.permissions_for_user(coordinator).can_publish()


def meeting_form(title, slug):
    return nested_form_data(
        {
            "title": title,
            "slug": slug,
            "committee": "CZS – zone sud",
            "start": "2017-06-16 09:30",
            "agenda": streamfield([]),
            "next_meeting_agenda": rich_text(""),
            "organisations_present": inline_formset([]),
            "annexes": inline_formset([]),
        }
    )


@pytest.fixture
def submitted(client, space, secretary):
    """A meeting the secretary wrote in the admin and submitted to "Validation du PV" (never published)."""
    client.force_login(secretary)
    data = meeting_form(f"Réunion {SECRET_WORD}", "reunion-secrete")
    data["action-submit"] = "Soumettre"
    response = client.post(reverse("wagtailadmin_pages:add", args=["minutes", "meetingpage", space.pk]), data)
    assert response.status_code == 302, response.context["form"].errors if response.context else response
    meeting = MeetingPage.objects.get(slug="reunion-secrete", alias_of__isnull=True)
    client.logout()
    return meeting


def test_secretary_submits_and_the_meeting_waits_for_the_coordination(submitted, secretary):
    assert not submitted.live
    state = submitted.current_workflow_state
    assert state.status == WorkflowState.STATUS_IN_PROGRESS and state.workflow.name == WORKFLOW_NAME
    task = submitted.current_workflow_task
    assert [name for name, *_ in task.get_actions(submitted, secretary)] == []


def test_secretary_cannot_publish_through_the_admin(client, space, secretary):
    client.force_login(secretary)
    data = meeting_form("Réunion publiée ?", "reunion-publiee")
    data["action-publish"] = "Publier"
    client.post(reverse("wagtailadmin_pages:add", args=["minutes", "meetingpage", space.pk]), data)
    page = MeetingPage.objects.filter(slug="reunion-publiee", alias_of__isnull=True).first()
    assert page is None or not page.live


def test_coordination_approves_and_the_meeting_is_published(client, submitted, coordinator, partner):
    task_state = submitted.current_workflow_state.current_task_state
    client.force_login(coordinator)
    url = reverse("wagtailadmin_pages:workflow_action", args=[submitted.pk, "approve", task_state.pk])
    response = client.post(url, {"comment": ""})
    assert response.status_code in (200, 302)
    submitted.refresh_from_db()
    assert submitted.live
    client.force_login(partner)
    assert client.get(submitted.url).status_code == 200


def doors(client, meeting, index):
    """What a partner sees of ``meeting`` through each door: page status, and whether the index, search, API and
    sitemap name it."""
    page = client.get(f"/fr/espace-partenaires/{meeting.slug}/")
    listing = BeautifulSoup(client.get(index.url).text, "html.parser").select("ul.meeting-list a")
    search = BeautifulSoup(client.get("/fr/search/", {"query": SECRET_WORD}).text, "html.parser")
    api_ids = {
        item["id"]
        for params in ({"search": SECRET_WORD}, {"limit": 20}, {"type": "minutes.MeetingPage"})
        for item in client.get("/api/v2/pages/", params).json().get("items", [])
    }
    sitemap = client.get("/sitemap.xml").text
    return {
        "page": page.status_code,
        "index": any(SECRET_WORD in link.get_text() for link in listing),
        "search": any(meeting.slug in link["href"] for link in search.select(".search-results a[href]")),
        "api": meeting.pk in api_ids,
        "sitemap": meeting.slug in sitemap,
    }


def test_a_partner_never_sees_minutes_in_moderation(client, submitted, space, partner):
    client.force_login(partner)
    assert doors(client, submitted, space) == {
        "page": 404,
        "index": False,
        "search": False,
        "api": False,
        "sitemap": False,
    }


def test_after_approval_the_partner_sees_them_and_nobody_else(client, submitted, space, partner, non_partner):
    task_state = submitted.current_workflow_state.current_task_state
    task_state.task.specific.on_action(task_state, UserFactory(username="c2", groups=[COORDINATION]), "approve")
    submitted.refresh_from_db()
    assert submitted.live
    client.force_login(partner)
    assert doors(client, submitted, space) == {
        "page": 200,
        "index": True,
        "search": True,
        "api": True,  # the API answers a partner's session by the same rule (cms.privacy)
        "sitemap": False,  # public pages only
    }
    client.force_login(non_partner)
    seen = doors(client, submitted, space)
    assert seen["page"] == 302 and not (seen["search"] or seen["api"] or seen["sitemap"])


def test_approval_at_a_later_meeting_is_shown(client, space, partner):
    from tests.minutes.conftest import published_meeting

    april = published_meeting(space, brussels(2017, 4, 18, 9, 30), title="Avril", slug="avril")
    june = published_meeting(space, brussels(2017, 6, 16, 9, 30), title="Juin", slug="juin")
    client.force_login(partner)

    def approval(page):
        soup = BeautifulSoup(client.get(page.url).text, "html.parser")
        term = next(dt for dt in soup.select("dl.facts dt") if dt.get_text(strip=True) == "Approbation")
        return term.find_next_sibling("dd")

    assert approval(april).get_text(strip=True) == "PV pas encore approuvé"
    from tests.minutes.conftest import publish

    publish(MeetingPage.objects.get(pk=april.pk), approved_at_meeting=june)
    dd = approval(april)
    assert dd.get_text(strip=True) == "PV approuvé lors de la réunion du 16 juin 2017"
    assert dd.a["href"] == june.url
