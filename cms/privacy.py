"""Which pages a request may see, by Wagtail's own rules (PageViewRestriction.accept_request).

Every door that lists pages (agenda, search, home, feeds, API) goes through ``visible_to`` so that a page under
a restriction the visitor does not pass (login, group, password) never leaves the site for them.
"""

from django.db.models import Q
from wagtail.models import Page, PageViewRestriction


def failed_restrictions_q(request):
    """``Q`` matching the pages under a PageViewRestriction that ``request`` does not satisfy.

    Runs two queries whatever the number of restrictions (restrictions with their pages, and their groups).
    Returns ``None`` when the request passes every restriction.
    """
    q = None
    restrictions = PageViewRestriction.objects.select_related("page").prefetch_related("groups")
    for restriction in restrictions:
        if request is None or not restriction.accept_request(request):
            path_q = Q(path__startswith=restriction.page.path)
            q = path_q if q is None else q | path_q
    return q


def visible_to(queryset, request):
    """Return ``queryset`` (of pages) without the pages ``request`` may not view.

    ``request=None`` means an anonymous visitor with no session: only public pages remain.
    """
    q = failed_restrictions_q(request)
    return queryset if q is None else queryset.exclude(q)


def restrictions_on_path(page):
    """The ``PageViewRestriction`` rows that apply to ``page``: on it or an ancestor, an alias on that path
    answering by its source page's restrictions (an alias cannot have its own). The same rows as Wagtail's
    ``Page.get_view_restrictions``, in one query instead of two or more: the ancestors' paths are cut from the
    page's own ``path`` (treebeard's materialised path), and aliases are resolved inside the query.

    :returns: a lazy ``QuerySet`` of ``PageViewRestriction``.
    """
    step = Page.steplen
    paths = [page.path[:end] for end in range(step, len(page.path) + 1, step)]
    on_path = Page.objects.filter(path__in=paths)
    return PageViewRestriction.objects.filter(
        Q(page__in=on_path.filter(alias_of__isnull=True))
        | Q(page__in=on_path.filter(alias_of__isnull=False).values("alias_of_id"))
    )
