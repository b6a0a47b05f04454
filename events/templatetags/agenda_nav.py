"""``{% agenda_page as agenda %}``: the agenda page in the current language, for the site's navigation."""

from django import template
from django.utils.translation import get_language

from ..models import AgendaPage

register = template.Library()


@register.simple_tag(takes_context=True)
def agenda_page(context):
    """The live agenda page in the current language (the page itself on the agenda: no query), else ``None``."""
    page = context.get("page")
    if isinstance(page, AgendaPage):
        return page
    return AgendaPage.objects.live().filter(locale__language_code=get_language()).first()
