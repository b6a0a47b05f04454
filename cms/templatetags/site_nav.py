"""``{% site_nav agenda="events.AgendaPage" space="minutes.MinutesIndexPage" as nav %}``: the site's navigation
targets in the current language, in one query.

Each keyword names a page type by its model label (``app_label.ModelName``: the shared app refers to the apps'
page types by string, never by import). ``nav.<keyword>`` is the first live page of that type in the active
content language (tree order), or ``None``; the page being shown answers for its own type without a query.
"""

from django import template
from django.apps import apps
from django.contrib.contenttypes.models import ContentType
from django.utils.translation import get_language
from wagtail.coreutils import get_supported_content_language_variant
from wagtail.models import Page

register = template.Library()


@register.simple_tag(takes_context=True)
def site_nav(context, **labels):
    """``{keyword: Page or None}`` (plain ``Page`` rows, enough for ``{% pageurl %}`` and titles)."""
    page = context.get("page")
    found = {}
    wanted = {}  # content type id → keyword
    for keyword, label in labels.items():
        model = apps.get_model(label)
        if isinstance(page, model):
            found[keyword] = page
        else:
            found[keyword] = None
            wanted[ContentType.objects.get_for_model(model).pk] = keyword  # cached per process by Django
    if wanted:
        language = get_supported_content_language_variant(get_language())
        rows = Page.objects.live().filter(locale__language_code=language, content_type_id__in=wanted).order_by("path")
        for row in rows:
            keyword = wanted[row.content_type_id]
            if found[keyword] is None:
                found[keyword] = row
    return found
