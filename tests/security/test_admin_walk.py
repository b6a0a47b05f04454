"""Every admin URL Wagtail registers, walked as organiser, editor and partner: no 5xx, and no page names a
restricted page (the partners' meeting) to someone who may not see it. Organisers, with admin access for their
evaluations only, reach their task and nothing else (page choosers, admin API, reports, bulk actions,
wagtail-localize's views are refused; another organisation's evaluation history and usage are not found)."""

import json
import re

import pytest
from django.test import Client
from django.urls import URLResolver, get_resolver
from wagtail.documents.models import Document

from evaluations.models import Evaluation, OrganiserProfile
from events.models import ScheduledPageOrganiser
from minutes.models import minutes_collection
from tests.factories import EventPageFactory, OrganisationFactory, UserFactory, brussels

SECRET = "Réunion secrète du comité"
SECRET_FORMS = (SECRET, json.dumps(SECRET)[1:-1])  # as HTML shows it, and inside a JSON string (\u00e9)
CONVERTER = re.compile(r"<(?:(\w+):)?(\w+)>")


def admin_routes():
    """``(route, name)`` of every URL pattern under ``admin/`` (regex parts of Wagtail's API stripped)."""

    def walk(patterns, prefix, namespace):
        for pattern in patterns:
            if isinstance(pattern, URLResolver):
                inner = ":".join(filter(None, [namespace, pattern.namespace]))
                yield from walk(pattern.url_patterns, prefix + str(pattern.pattern), inner)
            else:
                name = ":".join(filter(None, [namespace, pattern.name])) if pattern.name else ""
                yield prefix + str(pattern.pattern), name

    for route, name in walk(get_resolver().url_patterns, "", ""):
        route = route.replace("^", "").replace("$", "")
        if route.startswith("admin/") and ".*" not in route:
            yield route, name


@pytest.fixture
def world(site_pages):
    trajet = site_pages["trajet"]
    forest, uccle = OrganisationFactory(name="MEF Forest"), OrganisationFactory(name="MEF Uccle")
    ours = EventPageFactory(parent=trajet, title="Atelier de Forest", start=brussels(2017, 4, 26, 9, 30))
    theirs = EventPageFactory(parent=trajet, title="Atelier d'Uccle", start=brussels(2017, 5, 16, 10, 0))
    ScheduledPageOrganiser.objects.create(page=ours, organisation=forest)
    ScheduledPageOrganiser.objects.create(page=theirs, organisation=uccle)
    own_evaluation = Evaluation.objects.create(page=ours, participants_present=12, satisfaction=4)
    other_evaluation = Evaluation.objects.create(page=theirs, participants_present=30, satisfaction=2)
    document = Document.objects.create(title="Annexe du comité", collection=minutes_collection())
    organiser = UserFactory(username="organisateur", groups=["Organisateurs"])
    OrganiserProfile.objects.create(user=organiser, organisation=forest)
    return {
        **site_pages,
        "own_evaluation": own_evaluation,
        "other_evaluation": other_evaluation,
        "document": document,
        "organiser": organiser,
        "editor": UserFactory(username="editeur", groups=["Editors"]),
        "partner": UserFactory(username="partenaire", groups=["Partenaires"]),
    }


def fill(route, world):
    """The route with real ids: the restricted meeting (and its parent) for pages, another organisation's
    evaluation, the partners' annex, the partners' collection."""
    meeting, minutes = world["meeting"], world["minutes"]
    if route.startswith(("admin/events/evaluations/", "admin/reports/evaluations")):
        ids = [world["other_evaluation"].pk]
    elif route.startswith("admin/documents/"):
        ids = [world["document"].pk]
    elif route.startswith("admin/collections/"):
        ids = [world["document"].collection_id]
    elif route.startswith("admin/bulk/"):
        return [f"admin/bulk/wagtailcore/page/{action}/?id={meeting.pk}" for action in ("delete", "unpublish", "move")]
    else:
        ids = [meeting.pk, minutes.pk]
    names = {"app_label": "minutes", "model_name": "meetingpage", "action": "delete", "mode": ""}

    def with_id(value):
        def replace(match):
            converter, name = match.groups()
            if converter in (None, "int") or name.endswith("id") or name == "pk":
                return str(value)
            return names.get(name, "x")

        return CONVERTER.sub(replace, route)

    return list(dict.fromkeys(with_id(value) for value in ids))  # once per distinct URL


def walk(client, world):
    """``[(url, status, names_the_secret)]`` for every admin URL, each fetched with a search for the secret."""
    seen = []
    for route, _name in admin_routes():
        for path in fill(route, world):
            separator = "&" if "?" in path else "?"
            url = f"/{path}{separator}q=secr%C3%A8te&search=secr%C3%A8te"
            response = client.get(url)
            text = response.content.decode("utf-8", "replace") if response.status_code == 200 else ""
            seen.append((url, response.status_code, any(form in text for form in SECRET_FORMS)))
    return seen


def client_for(user):
    client = Client(raise_request_exception=False)
    client.force_login(user)
    return client


@pytest.mark.django_db
def test_organiser_sees_no_restricted_page_and_only_their_task(world):
    seen = walk(client_for(world["organiser"]), world)
    assert [url for url, _status, leaked in seen if leaked] == []
    assert [entry for entry in seen if entry[1] >= 500] == []
    served = {url.split("?")[0] for url, status, _leaked in seen if status == 200}
    allowed = (
        "/admin/",
        "/admin/account/",
        "/admin/events/evaluations/",
        "/admin/reports/evaluations/",
        "/admin/jsi18n/",
        "/admin/localize/jsi18n/",
        "/admin/sprite/",
        "/admin/dismissibles/",
        "/admin/login/",
        "/admin/password_reset/",
    )
    assert sorted(url for url in served if not url.startswith(allowed)) == []


@pytest.mark.django_db
def test_organiser_is_refused_the_doors_seen_open(world):
    client = client_for(world["organiser"])
    meeting, minutes = world["meeting"], world["minutes"]
    for url in [
        f"/admin/choose-page/{minutes.pk}/",
        "/admin/choose-page/search/?q=secr",
        "/admin/choose-page/",
        "/admin/localize/reports/translations/",
        f"/admin/bulk/wagtailcore/page/delete/?id={meeting.pk}",
        "/admin/api/main/pages/",
        "/admin/reports/site-history/",
    ]:
        assert client.get(url).status_code == 403, url
    other = world["other_evaluation"].pk
    for view in ("history", "usage", "edit", "delete"):
        assert client.get(f"/admin/events/evaluations/{view}/{other}/", follow=True).status_code == 404, view
    own = world["own_evaluation"].pk
    for view in ("history", "usage", "edit"):
        assert client.get(f"/admin/events/evaluations/{view}/{own}/").status_code == 200, view


@pytest.mark.django_db
def test_partner_gets_nothing_from_the_admin(world):
    seen = walk(client_for(world["partner"]), world)
    assert [entry for entry in seen if entry[1] >= 500] == []
    assert [url for url, _status, leaked in seen if leaked] == []


@pytest.mark.django_db
def test_editor_walk_has_no_server_error(world):
    """Editors may edit the meetings (page permissions on the whole tree): they may see their titles."""
    seen = walk(client_for(world["editor"]), world)
    assert [entry for entry in seen if entry[1] >= 500] == []
