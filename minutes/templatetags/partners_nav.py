"""``{% partners_space as space %}``: the partners' space in the current language, for the site's navigation.

The header links to the space itself, not to the login page: Wagtail's view restriction sends a visitor who is
not logged in to the login form with ``?next=`` the space, and back there once logged in.
"""

from django import template
from django.utils.translation import get_language

from ..models import MinutesIndexPage

register = template.Library()


@register.simple_tag(takes_context=True)
def partners_space(context):
    """The live ``MinutesIndexPage`` in the current language (the page itself when on it), else ``None``."""
    page = context.get("page")
    if isinstance(page, MinutesIndexPage):
        return page
    return MinutesIndexPage.objects.live().filter(locale__language_code=get_language()).first()
