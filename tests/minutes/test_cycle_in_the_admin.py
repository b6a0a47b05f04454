"""The whole cycle through the admin: April's minutes are published, the secretariat prepares June, records in
it that an action is done and submits; the coordination approves; the action is done, with its history."""

import pytest
from django.urls import reverse
from wagtail.test.utils.form_data import rich_text

from minutes.governance import COORDINATION, SECRETARIAT
from minutes.models import MeetingPage
from minutes.records import Action, ActionStatus
from tests.factories import UserFactory, brussels
from tests.minutes.conftest import action_keys, item, published_meeting


def list_rows(prefix, rows):
    """Form data of a ListBlock: ``rows`` are ``{child: value}`` dicts (struct children) or plain values."""
    data = {f"{prefix}-count": str(len(rows))}
    for index, row in enumerate(rows):
        data |= {f"{prefix}-{index}-deleted": "", f"{prefix}-{index}-order": str(index), f"{prefix}-{index}-id": ""}
        if isinstance(row, dict):
            data |= {f"{prefix}-{index}-value-{name}": value for name, value in row.items()}
        else:
            data[f"{prefix}-{index}-value"] = row
    return data


def agenda_form(items):
    """Form data of the agenda StreamField: ``items`` are ``(title, follow-up rows)``."""
    data = {"agenda-count": str(len(items))}
    for index, (title, follow_ups) in enumerate(items):
        prefix = f"agenda-{index}"
        data |= {f"{prefix}-type": "item", f"{prefix}-deleted": "", f"{prefix}-order": str(index), f"{prefix}-id": ""}
        data |= {f"{prefix}-value-title": title, f"{prefix}-value-discussion": rich_text("")}
        data |= list_rows(f"{prefix}-value-decisions", [])
        data |= list_rows(f"{prefix}-value-actions", [])
        data |= list_rows(f"{prefix}-value-follow_ups", follow_ups)
    return data


def page_form(page, items):
    data = {
        "title": page.title,
        "slug": page.slug,
        "committee": page.committee,
        "start": "2017-06-16 09:30",
        "next_meeting_agenda": rich_text(""),
        "organisations_present-TOTAL_FORMS": "0",
        "organisations_present-INITIAL_FORMS": "0",
        "organisations_present-MIN_NUM_FORMS": "0",
        "organisations_present-MAX_NUM_FORMS": "1000",
        "annexes-TOTAL_FORMS": "0",
        "annexes-INITIAL_FORMS": "0",
        "annexes-MIN_NUM_FORMS": "0",
        "annexes-MAX_NUM_FORMS": "1000",
    }
    return data | agenda_form(items)


@pytest.fixture
def april(space):
    return published_meeting(
        space,
        brussels(2017, 4, 18, 9, 30),
        [item("Divers", actions=[("Confirmer le lieu", "La coordination", None), ("Relire la synthèse", "Partenaires", None)])],
        title="Réunion d'avril",
        slug="avril",
        next_meeting_start=brussels(2017, 6, 16, 9, 30),
        next_meeting_agenda="<ul><li>Feedback</li></ul>",
    )  # fmt: skip


def test_prepare_follow_up_submit_approve(client, april, partner):
    lieu, synthese = action_keys(april)
    client.force_login(UserFactory(username="sec", groups=[SECRETARIAT]))
    client.post(reverse("minutes_prepare_next_meeting", args=[april.pk]))
    june = MeetingPage.objects.get(previous_meeting=april, locale=april.locale)
    rows = [
        {"action": lieu, "status": ActionStatus.DONE, "note": "MEF de Forest"},
        {"action": synthese, "status": ActionStatus.OPEN, "note": ""},  # left as prepared
    ]
    data = page_form(june, [("Feedback", []), ("Suivi des actions", rows)]) | {"action-submit": "Soumettre"}
    response = client.post(reverse("wagtailadmin_pages:edit", args=[june.pk]), data)
    assert response.status_code == 302, response.context["form"].errors
    june.refresh_from_db()
    assert not june.live and june.current_workflow_state is not None
    assert Action.objects.get(key=lieu).status == ActionStatus.OPEN  # nothing moves before approval

    # An action that does not exist is a form error, not a 500.
    bad = page_form(june, [("Suivi des actions", [{"action": "inconnue", "status": "done", "note": ""}])])
    response = client.post(reverse("wagtailadmin_pages:edit", args=[june.pk]), bad)
    assert response.status_code == 200 and response.context["form"].errors

    client.force_login(UserFactory(username="coord", groups=[COORDINATION]))
    task_state = june.current_workflow_state.current_task_state
    client.post(
        reverse("wagtailadmin_pages:workflow_action", args=[june.pk, "approve", task_state.pk]), {"comment": ""}
    )
    june.refresh_from_db()
    assert june.live
    done = Action.objects.get(key=lieu)
    assert done.status == ActionStatus.DONE
    assert [(u.meeting_id, u.old_status, u.new_status, u.note) for u in done.updates.all()] == [
        (june.pk, ActionStatus.OPEN, ActionStatus.DONE, "MEF de Forest")
    ]
    assert (
        Action.objects.get(key=synthese).status == ActionStatus.OPEN
        and not Action.objects.get(key=synthese).updates.exists()
    )
