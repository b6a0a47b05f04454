"""Page routing in two SQL queries whatever the depth of the page.

Wagtail's ``Page.route`` walks the tree one level at a time: for each URL component it looks the child up by
slug, then loads that child's specific class, two queries per level (an activity at
``/fr/agenda/<trajet>/<activity>/`` costs six after the home page). ``UrlPathRouteMixin``, mixed into the site's
root page class (``home.HomePage``), finds every page along the path in one query by ``url_path`` (unique in the
tree: the slugs of the ancestors, which Wagtail keeps up to date on every move and rename), loads the deepest one
with its specific class in a second query, and hands the rest of the path to that page's own ``route``.

The outcome is the one of Wagtail's walk (``wagtail.models.Page.route``,
``wagtail.contrib.routable_page.models.RoutablePageMixin.route``):

- a live routable page (``RoutablePageMixin``) on the way answers a sub-path its routes resolve before any child
  of the same slug, as in Wagtail;
- pages on the way need not be live; the page reached must be (else ``Http404``, from its own ``route``);
- a path below the deepest page found goes to that page's ``route``, which resolves its own routes or answers 404.

A page class may define ``route_queryset(request)`` (a classmethod returning a queryset of the class) to load
what its page view always needs with the page itself (related rows, annotations).
"""

from django.contrib.contenttypes.models import ContentType
from django.http import Http404
from django.urls import Resolver404
from wagtail.contrib.routable_page.models import RoutablePageMixin
from wagtail.models import Page


def _resolves(page_class, live, components):
    """True when a live routable page class has a route for the sub-path ``components`` (no query)."""
    if not (live and issubclass(page_class, RoutablePageMixin)):
        return False
    try:
        page_class.get_resolver().resolve("/" + "".join(f"{component}/" for component in components))
    except (Resolver404, Http404):
        return False
    return True


class UrlPathRouteMixin:
    """``route`` for a root page: every page on the path in one query, the page reached in one more."""

    def route(self, request, path_components):
        if not path_components or _resolves(type(self), self.live, path_components):
            return super().route(request, path_components)
        prefixes = ["/".join(path_components[: n + 1]) + "/" for n in range(len(path_components))]
        rows = {
            row.url_path: row
            for row in Page.objects.filter(url_path__in=[self.url_path + prefix for prefix in prefixes])
        }
        chain = [self]  # the pages from this one down to the page reached (plain ``Page`` rows below this one)
        reached = None  # (page class, how many components it takes)
        for taken, prefix in enumerate(prefixes, start=1):
            row = rows.get(self.url_path + prefix)
            if row is None or row.depth != self.depth + taken:
                break
            page_class = ContentType.objects.get_for_id(row.content_type_id).model_class()
            if page_class is None:  # a content type whose model is gone: let Wagtail's walk decide
                return super().route(request, path_components)
            chain.append(row)
            reached = (page_class, taken)
            if _resolves(page_class, row.live, path_components[taken:]):
                break  # its own route answers the rest, before any child of the same slug
        if reached is None:
            raise Http404
        page_class, taken = reached
        make_queryset = getattr(page_class, "route_queryset", None)
        queryset = make_queryset(request) if make_queryset else page_class._default_manager.all()
        page = queryset.filter(pk=chain[-1].pk).first()
        if page is None:  # deleted between the two queries
            raise Http404
        # The parent is already loaded: ``get_parent()`` (breadcrumbs) costs no query (treebeard's own cache).
        page._cached_parent_obj = chain[-2]
        return page.route(request, path_components[taken:])
