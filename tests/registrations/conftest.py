"""Fixtures of the registration tests."""

import pytest

from events.models import VisitPage
from tests.factories import OrganisationFactory, open_visit

from .meal_setup import MEALS


@pytest.fixture
def visit(agenda):
    """An open visit day (10 places, 2 per structure) with a plat du jour at 8 € and a lunch at 11 €."""
    page = open_visit(agenda, capacity=10, max_per_organisation=2, title="Journée économie sociale", meals=MEALS)
    return VisitPage.objects.get(pk=page.pk)  # as saved: the meal blocks have their ids


@pytest.fixture
def orgs(db):
    return {name: OrganisationFactory(name=name) for name in ["MEF Forest", "MEF Uccle", "Déclic en perspectives"]}
