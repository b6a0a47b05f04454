"""Typography that differs by language.

``{% colon %}``: the separator between a label and its value. French sets a (narrow) no-break space before the
colon ("Quand : lundi"), Dutch and English none ("When: Monday"): written in a template as " : ", the French
spacing leaked into the other languages.
"""

from django import template
from django.utils.translation import get_language

register = template.Library()

FRENCH_COLON = "\u00a0: "  # no-break space: the colon never starts a line


@register.simple_tag
def colon():
    """``"\u00a0: "`` in French, ``": "`` in any other language (the active one)."""
    return FRENCH_COLON if (get_language() or "fr").startswith("fr") else ": "
