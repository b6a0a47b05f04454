"""Site search: Wagtail search over the live pages the visitor may see, in the visitor's language."""

from django.core.paginator import Paginator
from django.db.models import prefetch_related_objects
from django.shortcuts import render
from django.utils.translation import gettext as _
from wagtail.models import Locale, Page

from cms.privacy import visible_to
from cms.search_terms import MAX_SEARCH_LENGTH, search_terms

RESULTS_PER_PAGE = 10


def search(request):
    """GET ``query`` (at most 200 characters; NUL bytes removed) and ``page``; renders ``search/search.html``.

    Pages under a view restriction the request does not pass (e.g. the partners' minutes for an anonymous
    visitor) are filtered out *before* searching, so they can appear neither as a result nor in an excerpt.
    """
    query = request.GET.get("query", "").replace("\x00", "").strip()[:MAX_SEARCH_LENGTH]
    terms = search_terms(query)
    results_page = None
    if query:
        pages = visible_to(Page.objects.live().filter(locale=Locale.get_active()), request)
        results = pages.specific().search(terms) if terms else pages.none()
        results_page = Paginator(results, RESULTS_PER_PAGE).get_page(request.GET.get("page"))
        results_page.object_list = list(results_page.object_list)
        _prefetch_facts(results_page.object_list)
    return render(
        request,
        "search/search.html",
        {"search_query": query, "results_page": results_page, "page_title": _("Recherche")},
    )


def _prefetch_facts(pages):
    """Load the communes shown under the activities and visits among ``pages`` (specific pages, a list) in two
    queries, whatever the number of results (each result would otherwise ask for its own)."""
    scheduled = [page for page in pages if hasattr(page, "other_communes")]
    if scheduled:
        prefetch_related_objects(scheduled, "commune", "other_communes__commune")
