"""Lunch options of a visit day, as the registration sees them: what a page offers (``MealOption``), how a price
reads in each language (``euros``), and what a registration's recorded choice reads as (``meal_text``).

A page offers options through ``RegistrationPageMixin.meal_options`` (``events.VisitPage`` reads its ``meals``
StreamField). A registration records the French label and the price at the time of registering
(``Registration.meal_label``, ``meal_price``): what is owed does not follow a later edit of the page, and the
totals group one option under one name whatever language people registered in.
"""

from decimal import Decimal
from typing import NamedTuple

from django.core.exceptions import ValidationError
from django.utils import formats
from django.utils.translation import gettext as _


class MealOption(NamedTuple):
    """One option: ``key`` (the StreamField block id, the same in every translation), ``label`` (in the page's
    language) and ``price`` (``Decimal``, euros, VAT included)."""

    key: str
    label: str
    price: Decimal


#: The form's value for "no meal" (never a block id: those are UUIDs).
NO_MEAL = "none"


def euros(amount):
    """``Decimal("8")`` → ``"8,00 €"`` in French and Dutch, ``"€8.00"`` in English: two decimals with the
    active language's separator, the symbol where that language writes it (a translated pattern)."""
    number = formats.number_format(amount, decimal_pos=2, use_l10n=True)
    return _("%(amount)s €") % {"amount": number}


def option_text(label, price):
    """``"Plat du jour – 8,00 €"``: a label and its price (``Decimal`` euros) in the active language."""
    return f"{label} – {euros(price)}"


def translated_label(label, page):
    """The label the option recorded as ``label`` (French) has on ``page`` (any translation), matched through
    the French page's option of that label and its block id; ``label`` itself when the option is gone. Costs
    the query of ``page.registration_page`` on a translated page."""
    holder = page.registration_page
    if holder.pk == page.pk:
        return label
    keys = [option.key for option in holder.meal_options() if option.label == label]
    for option in page.meal_options():
        if option.key in keys:
            return option.label
    return label


def meal_text(registration, page):
    """What ``registration`` chose for lunch, in the active language: ``"Plat du jour – 8,00 €"`` (the price
    recorded at registration), ``"Pas de repas"`` when ``page`` offers meals and none was chosen (or the
    registration predates them), ``""`` when ``page`` offers none and none is recorded.

    :param page: the page shown or e-mailed, in the person's language (any translation of the registration's page).
    """
    if registration.meal_label:
        label = translated_label(registration.meal_label, page)
        if registration.meal_price is None:
            return label
        return option_text(label, registration.meal_price)
    if page.meal_options():
        return _("Pas de repas")
    return ""


def option_labelled(options, label):
    """The ``MealOption`` of ``options`` whose label is ``label`` (surrounding spaces ignored), ``None`` for an
    empty label ("no meal"); the admin names a meal by its French label.

    :raises ValidationError: no option has that label (the message lists those offered).
    """
    label = (label or "").strip()
    if not label:
        return None
    for option in options:
        if option.label == label:
            return option
    if not options:
        raise ValidationError(_("Cette activité ne propose pas de repas : laissez ce champ vide."), code="no_meals")
    raise ValidationError(
        _("« %(label)s » n'est pas un repas de cette journée. Repas proposés : %(options)s.")
        % {"label": label, "options": ", ".join(option.label for option in options)},
        code="invalid_meal",
    )
