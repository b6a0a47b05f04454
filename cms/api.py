"""The Wagtail API v2 endpoints of the site (``/api/v2/``), hardened for the public.

Wagtail's endpoints already answer most malformed parameters with HTTP 400 and a JSON body
``{"message": "..."}`` (``BadRequestError``). These subclasses close the gaps found in Wagtail 7.4, so that no
query string can produce a 500:

- any parameter (name or value) containing a NUL byte → 400 (PostgreSQL refuses NUL in strings);
- a field filter whose value the field cannot parse (``?first_published_at=abc``) → 400;
- ``locale`` naming no configured language → 400 (Wagtail answers 404, as if the resource were missing);
- ``site`` naming no site or a bad port → 400 (Wagtail raises ``Site.DoesNotExist``: 500);
- ``find/?id=abc`` → 400 (Wagtail: ``ValueError``, 500);
- ``search`` containing ``"`` → searched without it (the SQLite search backend puts terms inside FTS5 quotes
  without escaping them: a stray quote is a database error), and cut to ``MAX_SEARCH_LENGTH`` characters;
  ``search_operator`` other than ``and``/``or`` → 400.

Privacy: the pages endpoint starts from Wagtail's base queryset (live pages, minus those under a
``PageViewRestriction`` the request fails) and filters it again with ``cms.privacy.visible_to``, the rule every
other door of the site uses. Images and documents in a restricted collection (the minutes' annexes) are left
out by Wagtail's own ``get_restricted_collection_ids``; the files themselves are served by Wagtail's serve
view, which checks the same restrictions (``WAGTAILDOCS_SERVE_METHOD = "serve_view"``).

Responses carry ``Access-Control-Allow-Origin: *``: browsers then send no cookies, so a partner's page reading
the API in JavaScript always gets the anonymous view.
"""

import datetime
from types import SimpleNamespace

from django.conf import settings
from django.core.exceptions import FieldDoesNotExist, ValidationError
from django.http import Http404, QueryDict
from wagtail.api.v2.filters import FieldsFilter, LocaleFilter, SearchFilter
from wagtail.api.v2.utils import BadRequestError
from wagtail.api.v2.views import PagesAPIViewSet
from wagtail.documents.api.v2.views import DocumentsAPIViewSet
from wagtail.images.api.v2.views import ImagesAPIViewSet
from wagtail.models import Locale, Site

from cms.cache import mark_public
from cms.days import in_day_range
from cms.search_terms import search_terms

from .privacy import visible_to


def without_parameters(request, names):
    """A stand-in for ``request`` whose ``GET`` lacks ``names`` (for Wagtail filters that only read ``GET``)."""
    query = QueryDict(mutable=True)
    for key, values in request.GET.lists():
        if key not in names:
            query.setlist(key, values)
    return SimpleNamespace(GET=query)


# What every supported database stores: 64-bit integers; dates and datetimes are kept to the site's calendar
# range (``cms.days``), well within what a database stores.
MAX_INTEGER = 2**63 - 1


def in_database_range(value):
    """False for an int beyond 64 bits or a date/datetime outside ``cms.days.MIN_DAY``..``MAX_DAY``; True
    otherwise."""
    if isinstance(value, bool):
        return True
    if isinstance(value, int):
        return abs(value) <= MAX_INTEGER
    if isinstance(value, datetime.date):
        return in_day_range(value)
    return True


class StrictFieldsFilter(FieldsFilter):
    """Wagtail's field filter (``?title=...``), but a value the field cannot parse is a 400, not a 500.

    Views may list ``handled_query_parameters``: parameters that look like fields but that another filter
    handles (e.g. ``commune`` as a slug rather than a foreign key id).
    """

    def filter_queryset(self, request, queryset, view):
        handled = set(getattr(view, "handled_query_parameters", ()))
        fields = set(view.get_available_fields(queryset.model, db_fields_only=True)) - handled - {"locale"}
        for name, value in request.GET.items():
            if name not in fields:
                continue
            try:
                field = queryset.model._meta.get_field(name)
            except FieldDoesNotExist:
                continue
            if field.is_relation:
                field = field.target_field  # the value is the related row's key
            try:
                parsed = field.to_python(value)
            except (ValidationError, ValueError, TypeError) as error:
                raise BadRequestError(f"field filter error. '{value}' is not a valid value for {name}") from error
            if not in_database_range(parsed):
                raise BadRequestError(f"field filter error. '{value}' is out of range for {name}")
        return super().filter_queryset(without_parameters(request, handled), queryset, view)


class StrictLocaleFilter(LocaleFilter):
    """``?locale=xx``: an unknown language is a 400 with the list of known ones."""

    def filter_queryset(self, request, queryset, view):
        if "locale" in request.GET:
            codes = list(Locale.objects.values_list("language_code", flat=True))
            if request.GET["locale"] not in codes:
                raise BadRequestError(f"locale must be one of: {', '.join(sorted(codes))}")
        return super().filter_queryset(request, queryset, view)


class StrictSearchFilter(SearchFilter):
    """``?search=``: double quotes dropped (see the module's docstring), length capped, operator checked."""

    def filter_queryset(self, request, queryset, view):
        if "search" not in request.GET:
            return super().filter_queryset(request, queryset, view)
        operator = request.GET.get("search_operator")
        if operator is not None and operator.lower() not in ("and", "or"):
            raise BadRequestError("search_operator must be 'and' or 'or'")
        query = request.GET.copy()
        query["search"] = search_terms(request.GET["search"])
        return super().filter_queryset(SimpleNamespace(GET=query), queryset, view)


def replace_filters(filter_backends):
    replacements = {
        FieldsFilter: StrictFieldsFilter,
        LocaleFilter: StrictLocaleFilter,
        SearchFilter: StrictSearchFilter,
    }
    return [replacements.get(backend, backend) for backend in filter_backends]


class StrictQueryMixin:
    """Rejects NUL bytes anywhere in the query string and invalid ``find/?id=``; opens the API to other origins."""

    def initial(self, request, *args, **kwargs):
        super().initial(request, *args, **kwargs)
        for key, values in request.GET.lists():
            if "\x00" in key or any("\x00" in value for value in values):
                raise BadRequestError(f"null characters are not allowed in query parameters ({key!r})")
        # Wagtail parses offset/limit as unbounded ints: beyond a 64-bit integer the database fails (a 500).
        for name in ("offset", "limit", "id"):
            value = request.GET.get(name, "")
            if value.lstrip("-").isdigit() and abs(int(value)) > MAX_INTEGER:
                raise BadRequestError(f"{name} must be at most {MAX_INTEGER}")

    def find_object(self, queryset, request):
        if "id" in request.GET:
            try:
                int(request.GET["id"])
            except ValueError as error:
                raise BadRequestError("id must be an integer") from error
        return super().find_object(queryset, request)

    def finalize_response(self, request, response, *args, **kwargs):
        response = super().finalize_response(request, response, *args, **kwargs)
        response["Access-Control-Allow-Origin"] = "*"
        return response


class PublicPagesAPIViewSet(StrictQueryMixin, PagesAPIViewSet):
    """``/api/v2/pages/``: live pages the request may view (``cms.privacy.visible_to``), in every language
    unless ``?locale=`` says which one."""

    filter_backends = replace_filters(PagesAPIViewSet.filter_backends)

    def finalize_response(self, request, response, *args, **kwargs):
        response = super().finalize_response(request, response, *args, **kwargs)
        if request.method == "GET" and response.status_code == 200 and not request.user.is_authenticated:
            # What every anonymous caller gets: computed once per content version (cms.page_cache). Images and
            # documents are not: their uploads and collection restrictions do not change the content version.
            mark_public(response)
        return response

    def find_object(self, queryset, request):
        """``find/?html_path=``, the path as the site shows it, language prefix included (``/nl/agenda/...``):
        routed from the site root's translation in that language (Wagtail's own routes the default tree only,
        so every prefixed path was a 404). ``None`` (a 404) when nothing there is live and visible."""
        components = [part for part in request.GET.get("html_path", "").split("/") if part]
        site = Site.find_for_request(request)
        if site and components and components[0] in dict(settings.WAGTAIL_CONTENT_LANGUAGES):
            locale = Locale.objects.filter(language_code=components[0]).first()
            root = site.root_page.get_translation_or_none(locale) if locale else None
            if root is None:
                return None
            try:
                page = root.specific.route(request, components[1:])[0]  # a RouteResult or a tuple
            except Http404:
                return None
            return page if queryset.filter(id=page.id).exists() else None
        return super().find_object(queryset, request)

    def get_base_queryset(self):
        # Wagtail asks for it several times a request (queryset, parent filters, serializer context): build once.
        if getattr(self, "_base_queryset", None) is None:
            self._base_queryset = self._public_base_queryset()
        return self._base_queryset

    def _public_base_queryset(self):
        site = self.request.GET.get("site")
        if site is not None:
            hostname, _colon, port = site.partition(":")
            query = {"hostname": hostname}
            if port:
                if not port.isdigit():
                    raise BadRequestError("site port must be a number")
                query["port"] = int(port)
            if not Site.objects.filter(**query).exists():
                raise BadRequestError(f"no site matches '{site}'")
        return visible_to(super().get_base_queryset(), self.request)


class PublicImagesAPIViewSet(StrictQueryMixin, ImagesAPIViewSet):
    """``/api/v2/images/``: images outside restricted collections."""

    filter_backends = replace_filters(ImagesAPIViewSet.filter_backends)


class PublicDocumentsAPIViewSet(StrictQueryMixin, DocumentsAPIViewSet):
    """``/api/v2/documents/``: documents outside restricted collections (the minutes' annexes are left out)."""

    filter_backends = replace_filters(DocumentsAPIViewSet.filter_backends)
