"""What the meal tests share: a visit day's two lunch options and how to pick or reprice one."""

from decimal import Decimal

from events.models import VisitPage

MEALS = [
    ("meal", {"label": "Plat du jour", "price": Decimal("8.00")}),
    ("meal", {"label": "Lunch", "price": Decimal("11.00")}),
]


def option(page, label):
    """The ``MealOption`` of ``page`` labelled ``label``."""
    return next(meal for meal in page.meal_options() if meal.label == label)


def publish_price(page, label, price):
    """``page`` published with the option ``label`` at ``price`` (euros); the page as saved."""
    meals = page.meals.raw_data
    for meal in meals:
        if meal["value"]["label"] == label:
            meal["value"]["price"] = str(price)
    page.meals = meals
    page.save_revision().publish()
    return VisitPage.objects.get(pk=page.pk)
