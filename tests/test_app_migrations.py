"""A database migrated before registrations and evaluations had their own apps migrates forward with every row.

The models lived in ``events`` up to ``events.0002``; ``registrations.0001`` and ``evaluations.0001`` take over
their tables (renamed), rows and content types (so that the permissions groups hold follow).
"""

import datetime as dt

import pytest
from django.contrib.auth.models import Group, Permission
from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from django.utils import timezone

from evaluations.models import Evaluation, OrganiserProfile
from registrations.models import Registration

from .factories import OrganisationFactory, TrajetPageFactory, UserFactory, open_event

BEFORE = [("events", "0002_registrations_evaluations"), ("registrations", None), ("evaluations", None)]


def migrate(targets):
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(targets)
    return executor.loader.project_state([target for target in targets if target[1]]).apps


def latest():
    executor = MigrationExecutor(connection)
    return executor.loader.graph.leaf_nodes()


@pytest.mark.django_db(
    transaction=True, serialized_rollback=True
)  # keep the migrations' rows; no post_migrate on flush
def test_rows_and_permissions_survive_the_move(agenda):
    trajet = TrajetPageFactory(parent=agenda)
    page = open_event(trajet, capacity=1)
    organisation = OrganisationFactory(name="MEF de Forest")
    organiser = UserFactory(username="org")
    editors = Group.objects.create(name="Gestion des inscriptions")
    leaves = latest()
    try:
        old = migrate(BEFORE)
        OldRegistration = old.get_model("events", "Registration")
        OldEvaluation = old.get_model("events", "Evaluation")
        OldProfile = old.get_model("events", "OrganiserProfile")
        OldPermission = old.get_model("auth", "Permission")
        OldGroup = old.get_model("auth", "Group")
        created = timezone.now() - dt.timedelta(days=1)
        kept = [
            OldRegistration.objects.create(
                page_id=page.pk,
                status=status,
                name=name,
                email=f"{name}@example.org",
                language=language,
                created_at=created + dt.timedelta(minutes=index),
                notified_status=status,
            ).pk
            for index, (name, status, language) in enumerate(
                [("ana", "confirmed", "fr"), ("bram", "waiting", "nl"), ("chris", "cancelled", "en")]
            )
        ]
        OldEvaluation.objects.create(page_id=page.pk, participants_present=7, satisfaction=4, what_worked="Tout")
        OldProfile.objects.create(user_id=organiser.pk, organisation_id=organisation.pk)
        change = OldPermission.objects.get(content_type__app_label="events", codename="change_registration")
        OldGroup.objects.get(pk=editors.pk).permissions.add(change)
    finally:
        migrate(leaves)

    rows = list(Registration.objects.order_by("pk").values_list("pk", "page_id", "name", "status", "language"))
    assert rows == [
        (kept[0], page.pk, "ana", "confirmed", "fr"),
        (kept[1], page.pk, "bram", "waiting", "nl"),
        (kept[2], page.pk, "chris", "cancelled", "en"),
    ]
    evaluation = Evaluation.objects.get()
    assert (evaluation.page_id, evaluation.participants_present, evaluation.what_worked) == (page.pk, 7, "Tout")
    assert OrganiserProfile.objects.get().organisation == organisation
    assert list(editors.permissions.values_list("content_type__app_label", "codename")) == [
        ("registrations", "change_registration")
    ]
    assert not Permission.objects.filter(content_type__app_label="events", codename__contains="registration").exists()
    # The page still counts its registrations through the moved model.
    assert page.places_left == 0
