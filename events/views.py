"""The communes offered by the agenda's filters."""
from wagtail.models import Locale

from cms.models import Commune


def commune_choices(locale):
    """``[(slug, name)]`` of the communes in ``locale`` (default-locale names where not translated yet)."""
    names = {}
    for commune in Commune.objects.filter(locale__in=[locale, Locale.get_default()]).order_by("name"):
        if commune.slug not in names or commune.locale_id == locale.pk:
            names[commune.slug] = commune.name
    return sorted(names.items(), key=lambda item: item[1])
