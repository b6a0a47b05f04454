"""``cms.routing``: a page found by its ``url_path`` in two queries is the page Wagtail's own walk finds, with the
same arguments, for every kind of path: deep pages, draft pages on the way, sub-routes, unknown paths, aliases of
another language, a routable page's route before a child of the same slug."""

import pytest
from django.http import Http404
from django.test import RequestFactory
from wagtail.models import Page

from cms.routing import UrlPathRouteMixin
from events.models import AgendaPage, EventPage

from ..factories import (
    MeetingPageFactory,
    MinutesIndexPageFactory,
    StandardPageFactory,
    TrajetPageFactory,
    open_event,
    translate,
)

pytestmark = pytest.mark.django_db


def outcome(route, request, components):
    """``(page id, specific class, args, kwargs)`` of a route, or ``"404"``."""
    try:
        page, args, kwargs = route(request, components)
    except Http404:
        return "404"
    view = args[0] if args else None
    view_args = (getattr(view, "__name__", view), *args[1:]) if args else ()
    return page.pk, type(page), view_args, kwargs


@pytest.fixture
def tree(agenda):
    trajet = TrajetPageFactory(parent=agenda, title="Trajet emploi", slug="trajet-emploi")
    activity = open_event(trajet, title="Atelier CV", slug="atelier-cv")
    draft_trajet = TrajetPageFactory(parent=agenda, title="Brouillon", slug="brouillon", live=False)
    under_draft = open_event(draft_trajet, title="Sous un brouillon", slug="sous-brouillon")
    draft_activity = open_event(trajet, title="Pas publiée", slug="pas-publiee", live=False)
    space = MinutesIndexPageFactory(parent=agenda.get_parent())
    MeetingPageFactory(parent=space, title="Réunion", slug="reunion")
    # Pages slugged like the activity's registration routes, below it (Wagtail's admin would not allow it; the
    # tree does): the route must still win, as in Wagtail's walk.
    shadow = StandardPageFactory(parent=activity, title="Ombre", slug="inscription")
    StandardPageFactory(parent=shadow, title="Jeton", slug="jeton")
    translate(activity, "nl")
    return {"activity": activity, "under_draft": under_draft, "draft_activity": draft_activity, "space": space}


PATHS = [
    [],
    ["agenda"],
    ["agenda", "trajet-emploi"],
    ["agenda", "trajet-emploi", "atelier-cv"],
    ["agenda", "trajet-emploi", "atelier-cv", "inscription", "jeton"],
    ["agenda", "trajet-emploi", "atelier-cv", "inscription"],
    ["agenda", "trajet-emploi", "atelier-cv", "annuler", "jeton"],
    ["agenda", "trajet-emploi", "atelier-cv", "inconnu"],
    ["agenda", "trajet-emploi", "pas-publiee"],
    ["agenda", "brouillon"],
    ["agenda", "brouillon", "sous-brouillon"],
    ["agenda", "inconnu", "atelier-cv"],
    ["inconnu"],
    ["espace-partenaires"],
    ["espace-partenaires", "reunion"],
    ["espace-partenaires", "actions"],  # the partners' space's own routes (RoutablePageMixin)
    ["espace-partenaires", "decisions"],
    ["espace-partenaires", "inconnu"],
    ["trajet-emploi", "atelier-cv"],
]


@pytest.mark.parametrize("language", ["fr", "nl"])
@pytest.mark.parametrize("components", PATHS, ids="/".join)
def test_the_same_page_as_wagtails_walk(tree, components, language, settings):
    from django.utils import translation

    request = RequestFactory().get("/")
    with translation.override(language):
        root = Page.get_first_root_node().get_children().first().localized.specific
        assert isinstance(root, UrlPathRouteMixin)
        fast = outcome(root.route, request, components)
        walked = outcome(lambda r, c: super(UrlPathRouteMixin, root).route(r, c), request, components)
    assert fast == walked


def test_a_page_under_a_draft_is_served_and_a_draft_is_not(tree, client):
    assert client.get(tree["under_draft"].url).status_code == 200
    assert client.get("/fr/agenda/trajet-emploi/pas-publiee/").status_code == 404


def test_a_routable_pages_route_answers_before_a_child_of_the_same_slug(tree):
    """As in Wagtail, a live routable page resolves its own sub-paths first: below an activity, a page slugged
    like its registration route does not hide the route."""
    request = RequestFactory().get("/")
    root = tree["activity"].get_parent().get_parent().get_parent().specific
    page, args, _kwargs = root.route(request, ["agenda", "trajet-emploi", "atelier-cv", "inscription", "jeton"])
    assert page.pk == tree["activity"].pk
    view, _view_args, view_kwargs = args  # RoutablePageMixin: the view and its arguments
    assert view.__name__ == "registration_outcome_view" and view_kwargs == {"token": "jeton"}


def test_the_activity_page_is_routed_in_a_fixed_number_of_queries(tree, django_assert_num_queries):
    request = RequestFactory().get("/")
    root = tree["activity"].get_parent().get_parent().get_parent().specific
    # The pages on the path, the activity; then what its view always shows, loaded with it
    # (``ScheduledPage.route_queryset``): its organisers and its other communes.
    with django_assert_num_queries(4):
        page, _args, _kwargs = root.route(request, ["agenda", "trajet-emploi", "atelier-cv"])
    assert isinstance(page, EventPage) and page.pk == tree["activity"].pk
    with django_assert_num_queries(0):
        assert page.get_parent().title == "Trajet emploi"  # the breadcrumb costs nothing more


def test_agenda_page_is_specific(tree):
    request = RequestFactory().get("/")
    root = tree["activity"].get_parent().get_parent().get_parent().specific
    page, _args, _kwargs = root.route(request, ["agenda"])
    assert type(page) is AgendaPage
