"""Preparing the next meeting: a draft with the planned agenda and the open actions, once, from the admin."""

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone

from minutes.governance import COORDINATION, SECRETARIAT
from minutes.models import MeetingPage
from minutes.preparation import CannotPrepare, planned_points, prepare_next_meeting
from minutes.records import ActionStatus
from tests.factories import BRUSSELS, UserFactory, brussels
from tests.minutes.conftest import action_keys, item, published_meeting


@pytest.fixture
def april(space):
    return published_meeting(
        space,
        brussels(2017, 4, 18, 9, 30),
        [item("Divers", actions=[("Confirmer le lieu", "La coordination", None), ("Relire la synthèse", "Partenaires", None)])],
        title="Réunion d'avril",
        slug="avril",
        # 16 June 2017, 9:30 in Brussels is 7:30 UTC (summer time): the title's date is the local one.
        next_meeting_start=dt.datetime(2017, 6, 16, 7, 30, tzinfo=dt.UTC),
        next_meeting_place="MEF de Forest ou de St-Gilles",
        next_meeting_to_be_confirmed=True,
        next_meeting_agenda="<p>feedback trajet emploi, journée 18 mai et rentrée 2017</p>",
    )  # fmt: skip


@pytest.mark.parametrize(
    "text, points",
    [
        ("<p>feedback trajet emploi, journée 18 mai et rentrée 2017</p>", ["Feedback trajet emploi", "Journée 18 mai", "Rentrée 2017"]),
        ("<ul><li>Feedback</li><li>Journée du 18 mai</li></ul>", ["Feedback", "Journée du 18 mai"]),
        ("<p>Bilan</p><p>Recherche et développement</p>", ["Bilan", "Recherche et développement"]),
        ("<p>Recherche et développement</p>", ["Recherche et développement"]),
        ("", []),
    ],
)  # fmt: skip
def test_planned_points(text, points):
    assert planned_points(text) == points


def test_the_draft(april):
    draft, created = prepare_next_meeting(april)
    assert created
    draft = MeetingPage.objects.get(pk=draft.pk)
    assert not draft.live and draft.get_parent().pk == april.get_parent().pk
    assert draft.title == "Réunion du CZS du 16 juin 2017"
    assert timezone.localtime(draft.start, BRUSSELS) == brussels(2017, 6, 16, 9, 30)
    assert draft.venue is None
    titles = [block.value["title"] for block in draft.agenda]
    assert titles == [
        "Lieu à confirmer : MEF de Forest ou de St-Gilles",
        "Feedback trajet emploi",
        "Journée 18 mai",
        "Rentrée 2017",
        "Suivi des actions",
    ]
    follow_ups = draft.agenda[-1].value["follow_ups"]
    assert [(row["action"], row["status"]) for row in follow_ups] == [
        (key, ActionStatus.OPEN) for key in action_keys(april)
    ]
    assert "Confirmer le lieu" in draft.agenda[-1].value["discussion"].source
    assert draft.get_latest_revision() is not None and draft.get_workflow().name == "Validation du PV"


def test_only_open_actions_are_followed_up(april):
    done, still_open = action_keys(april)
    published_meeting(
        april.get_parent(), brussels(2017, 5, 2, 9, 30), [item("Suivi", follow_ups=[(done, "done", "")])], slug="mai"
    )
    draft, _created = prepare_next_meeting(MeetingPage.objects.get(pk=april.pk))
    assert [row["action"] for row in draft.agenda[-1].value["follow_ups"]] == [still_open]


def test_twice_gives_the_same_draft(april):
    first, created = prepare_next_meeting(april)
    again, created_again = prepare_next_meeting(april)
    assert created and not created_again and again.pk == first.pk
    assert MeetingPage.objects.filter(locale=april.locale).count() == 2


def test_a_meeting_not_published_or_without_date_cannot_be_prepared(space):
    from tests.factories import MeetingPageFactory

    draft = MeetingPageFactory(parent=space, live=False, next_meeting_start=brussels(2017, 6, 16, 9, 30))
    with pytest.raises(CannotPrepare):
        prepare_next_meeting(draft)
    undated = published_meeting(space, brussels(2017, 4, 18, 9, 30), slug="sans-date")
    with pytest.raises(CannotPrepare):
        prepare_next_meeting(undated)


def test_only_from_the_french_minutes(april):
    from wagtail.models import Locale

    alias = april.copy_for_translation(Locale.objects.get(language_code="nl"), copy_parents=True, alias=True)
    with pytest.raises(CannotPrepare, match="en français"):
        prepare_next_meeting(alias)


# --- the admin action -----------------------------------------------------------------------------------------


def prepare_url(page):
    return reverse("minutes_prepare_next_meeting", args=[page.pk])


def test_the_secretary_prepares_from_the_admin(client, april):
    client.force_login(UserFactory(username="sec", groups=[SECRETARIAT]))
    edit = client.get(reverse("wagtailadmin_pages:edit", args=[april.pk]))
    assert prepare_url(april) in edit.text  # the page header's menu offers it
    confirm = client.get(prepare_url(april))
    assert confirm.status_code == 200 and 'method="post"' in confirm.text
    assert not MeetingPage.objects.filter(previous_meeting=april).exists()  # GET changes nothing
    response = client.post(prepare_url(april), follow=True)
    draft = MeetingPage.objects.get(previous_meeting=april, locale=april.locale)
    assert response.redirect_chain[-1][0] == reverse("wagtailadmin_pages:edit", args=[draft.pk])
    messages = [str(m) for m in response.context["messages"]]
    assert messages == [
        "Le brouillon « Réunion du CZS du 16 juin 2017 » est prêt : complétez-le puis soumettez-le à la validation."
    ]
    again = client.post(prepare_url(april), follow=True)
    assert again.redirect_chain[-1][0] == reverse("wagtailadmin_pages:edit", args=[draft.pk])
    assert [str(m) for m in again.context["messages"]] == [
        "La prochaine réunion était déjà préparée : voici « Réunion du CZS du 16 juin 2017 »."
    ]
    assert MeetingPage.objects.filter(previous_meeting=april, locale=april.locale).count() == 1


def test_refused_without_the_page_permission(client, april):
    from django.contrib.auth.models import Group, Permission

    readers = Group.objects.create(name="Lecteurs de l'admin")
    readers.permissions.add(Permission.objects.get(content_type__app_label="wagtailadmin", codename="access_admin"))
    client.force_login(UserFactory(username="lecteur", groups=[readers.name]))
    assert client.get(prepare_url(april)).status_code == 403
    assert client.post(prepare_url(april)).status_code == 403
    assert prepare_url(april) not in client.get(reverse("wagtailadmin_pages:edit", args=[april.pk])).text
    assert not MeetingPage.objects.filter(previous_meeting=april).exists()


def test_the_post_needs_its_csrf_token(april):
    from django.test import Client

    strict = Client(enforce_csrf_checks=True)
    strict.force_login(UserFactory(username="sec", groups=[SECRETARIAT]))
    assert strict.post(prepare_url(april)).status_code == 403
    assert not MeetingPage.objects.filter(previous_meeting=april).exists()


def test_the_coordination_too_and_not_on_a_meeting_without_next_date(client, space, april):
    client.force_login(UserFactory(username="coord", groups=[COORDINATION]))
    undated = published_meeting(space, brussels(2017, 3, 1, 9, 30), slug="sans-date")
    assert prepare_url(april) in client.get(reverse("wagtailadmin_pages:edit", args=[april.pk])).text
    assert prepare_url(undated) not in client.get(reverse("wagtailadmin_pages:edit", args=[undated.pk])).text


def test_a_meeting_that_cannot_be_prepared_says_why(client, space):
    undated = published_meeting(space, brussels(2017, 4, 18, 9, 30), slug="sans-date")
    client.force_login(UserFactory(username="sec", groups=[SECRETARIAT]))
    response = client.post(prepare_url(undated), follow=True)
    assert [str(m) for m in response.context["messages"]] == [
        "Indiquez d'abord la date de la prochaine réunion (« Prochaine réunion »)."
    ]
