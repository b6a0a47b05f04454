"""Organisers' evaluations: who sees what, the admin home panel, the per-trajet report; the demo data."""

import datetime as dt

import pytest
from django.contrib.auth.models import Group

from evaluations.models import Evaluation, OrganiserProfile
from events.models import EventPage, ScheduledPageOrganiser, VisitPage
from home.demo.loader import load
from registrations.models import Registration

from .factories import EventPageFactory, OrganisationFactory, TrajetPageFactory, UserFactory, brussels, commune

EVALUATIONS = "/admin/events/evaluations/"
REPORT = "/admin/reports/evaluations/"


def organise(page, organisation):
    ScheduledPageOrganiser.objects.create(page=page, organisation=organisation)


@pytest.fixture
def setup(agenda):
    trajet = TrajetPageFactory(parent=agenda, title="Trajet emploi 2017")
    forest, uccle = OrganisationFactory(name="MEF Forest"), OrganisationFactory(name="MEF Uccle")
    a = EventPageFactory(parent=trajet, title="Create your job", start=brussels(2017, 4, 26, 9, 30))
    b = EventPageFactory(
        parent=trajet, title="Job Day", start=brussels(2017, 5, 16, 10, 0), commune=commune("uccle"), phase="outillage"
    )
    c = EventPageFactory(parent=trajet, title="Néerlandais", start=brussels(2017, 5, 22, 9, 30), phase="outillage")
    organise(a, forest), organise(b, uccle), organise(c, forest)
    Evaluation.objects.create(page=a, participants_present=18, satisfaction=5, what_worked="Ludique")
    Evaluation.objects.create(page=b, participants_present=40, satisfaction=3)
    return {"trajet": trajet, "forest": forest, "uccle": uccle, "a": a, "b": b, "c": c}


@pytest.fixture
def organiser(client, setup):
    user = UserFactory(username="orga", groups=["Organisateurs"])
    OrganiserProfile.objects.create(user=user, organisation=setup["forest"])
    client.force_login(user)
    return user


def test_organisers_group_has_evaluation_permissions(db):
    group = Group.objects.get(name="Organisateurs")
    codenames = set(group.permissions.values_list("codename", flat=True))
    assert {"add_evaluation", "change_evaluation", "view_evaluation", "access_admin"} <= codenames
    assert "change_registration" not in codenames


def test_organiser_sees_only_own_organisations_evaluations(client, setup, organiser):
    response = client.get(EVALUATIONS)
    assert response.status_code == 200
    assert "Create your job" in response.text
    assert "Job Day" not in response.text
    other = setup["b"].evaluation
    # Not found (Django's LocaleMiddleware turns a 404 under /admin/ into a redirect to /fr/admin/..., a 404 too).
    assert client.get(f"{EVALUATIONS}edit/{other.pk}/").status_code in (302, 404)
    assert client.get(f"{EVALUATIONS}edit/{other.pk}/", follow=True).status_code == 404
    assert client.get(f"{EVALUATIONS}edit/{setup['a'].evaluation.pk}/").status_code == 200


def test_organiser_fills_evaluation_of_own_activity_only(client, setup, organiser):
    response = client.get(f"{EVALUATIONS}new/", {"page": setup["c"].pk})
    assert response.status_code == 200
    assert "Néerlandais" in response.text and "Job Day" not in response.text
    data = {
        "page": setup["c"].pk,
        "participants_present": "12",
        "satisfaction": "4",
        "what_worked": "Chèques-langues",
        "to_improve": "",
        "follow_up": "Cours en septembre",
    }
    assert client.post(f"{EVALUATIONS}new/", data).status_code == 302
    evaluation = Evaluation.objects.get(page=setup["c"])
    assert (evaluation.satisfaction, evaluation.created_by) == (4, organiser)
    # Another organisation's activity is not a valid choice.
    uccle_only = EventPageFactory(parent=setup["trajet"], title="Seniors", start=brussels(2017, 5, 4, 9, 30))
    organise(uccle_only, setup["uccle"])
    response = client.post(f"{EVALUATIONS}new/", {**data, "page": uccle_only.pk})
    assert response.status_code == 200
    assert not Evaluation.objects.filter(page=uccle_only).exists()


def test_satisfaction_must_be_between_1_and_5(client, setup, organiser):
    data = {"page": setup["c"].pk, "participants_present": "12", "satisfaction": "7"}
    response = client.post(f"{EVALUATIONS}new/", data)
    assert response.status_code == 200
    assert not Evaluation.objects.filter(page=setup["c"]).exists()


def test_organiser_without_organisation_sees_nothing(client, setup):
    user = UserFactory(username="orphan", groups=["Organisateurs"])
    client.force_login(user)
    response = client.get(EVALUATIONS)
    assert "Create your job" not in response.text and "Job Day" not in response.text


def test_home_panel_lists_ended_activities_without_evaluation_oldest_first(client, setup, organiser):
    d = EventPageFactory(parent=setup["trajet"], title="Horeca", start=brussels(2017, 5, 9, 9, 0))
    organise(d, setup["forest"])
    response = client.get("/admin/")
    text = response.text
    assert "Activités à évaluer" in text
    assert text.index("Horeca") < text.index("Néerlandais")  # 9 May before 22 May
    assert "Create your job" not in text.split("Activités à évaluer")[1]  # already evaluated
    assert f"{EVALUATIONS}new/?page={d.pk}" in text


def test_report_by_commune_and_phase_with_export(client, setup, django_assert_max_num_queries):
    admin = UserFactory(username="admin", is_superuser=True)
    client.force_login(admin)
    with django_assert_max_num_queries(30):
        response = client.get(REPORT)
    assert response.status_code == 200
    response = client.get(REPORT, {"export": "csv"})
    text = b"".join(response.streaming_content).decode() if response.streaming else response.content.decode()
    lines = text.strip().splitlines()
    assert lines[0] == (
        "Trajet,Commune,Phase,Activités,Terminées,Évaluées,Taux d'évaluation (%),Satisfaction moyenne (1–5)"
    )
    assert "Trajet emploi 2017,Forest,Orientation,1,1,1,100,5.0" in lines
    assert "Trajet emploi 2017,Forest,Outillage,1,1,0,0," in lines
    assert "Trajet emploi 2017,Uccle,Outillage,1,1,1,100,3.0" in lines


def test_demo_adds_registrations_and_evaluations_idempotently(db):
    pages = load()
    workshop = EventPage.objects.get(slug="reseaux-sociaux-et-recherche-d-emploi", locale__language_code="fr")
    statuses = list(Registration.objects.filter(page=workshop).values_list("status", flat=True))
    assert statuses.count("confirmed") == 8 and statuses.count("waiting") == 3
    assert workshop.places_left == 0
    visit = VisitPage.objects.get(locale__language_code="fr")
    waiting = Registration.objects.get(page=visit, status="waiting")
    assert (waiting.name, str(waiting.organisation)) == ("Laura Mertens", "MEF Forest")
    assert Evaluation.objects.count() == 5  # half of the nine ended activities, the earliest
    assert Evaluation.objects.order_by("page__start").first().page.slug == "refaire-le-monde-du-travail"
    load()
    assert Registration.objects.count() == 11 + 7
    assert Evaluation.objects.count() == 5
    assert len(pages["activities"]) == 9


def test_demo_shifted_to_the_future_has_no_evaluation(db):
    today = dt.date.today()
    load(today + dt.timedelta(days=7 - today.weekday()))
    assert Evaluation.objects.count() == 0
    assert Registration.objects.filter(status="waiting").count() == 4
