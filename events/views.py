"""The agenda page's context: filter form, filtered items, pagination."""
from django.conf import settings
from django.core.paginator import Paginator
from wagtail.models import Locale

from cms.models import Commune

from .agenda import agenda_queryset
from .forms import AgendaFilterForm


def commune_choices(locale):
    """``[(slug, name)]`` of the communes in ``locale`` (default-locale names where not translated yet)."""
    names = {}
    for commune in Commune.objects.filter(locale__in=[locale, Locale.get_default()]).order_by("name"):
        if commune.slug not in names or commune.locale_id == locale.pk:
            names[commune.slug] = commune.name
    return sorted(names.items(), key=lambda item: item[1])


def agenda_context(page, request):
    """Context for ``AgendaPage``: ``filter_form``, ``page_obj`` (20 items a page), ``filters``, ``is_filtered``."""
    locale = page.locale
    form = AgendaFilterForm(request.GET, commune_choices(locale))
    filters = form.filters()
    paginator = Paginator(agenda_queryset(request, filters, locale=locale), settings.AGENDA_PAGE_SIZE)
    page_obj = paginator.get_page(request.GET.get("page"))
    return {
        "filter_form": form,
        "filters": filters,
        "page_obj": page_obj,
        "items": page_obj.object_list,
        "is_filtered": any(
            [filters.commune, filters.phase, filters.kind, filters.date_from, filters.date_to]
        ),
    }
