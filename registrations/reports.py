"""Admin report "Repas des journées de visites": per visit day, the lunches of the confirmed registrations per
structure and per option, the amount due (count × the price recorded at registration, euros) and the totals.
Exportable to CSV and XLSX (the restaurant's order, the invoicing of each structure), formula-safe
(``cms.exports``). People on the waiting list or cancelled are not counted: the page shows the waiting list's
meals apart. Two queries whatever the number of visit days and registrations.
"""

from collections import Counter, defaultdict
from dataclasses import dataclass
from decimal import Decimal

import django_filters
from django.apps import apps
from django.db.models import Count
from django.utils.translation import gettext, pgettext, pgettext_lazy
from django.utils.translation import gettext_lazy as _
from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.views.reports import ReportView
from wagtail.models import Locale
from wagtail.permission_policies import ModelPermissionPolicy

from cms.exports import FormulaSafeCSVMixin

from .meals import euros
from .models import Registration

Status = Registration.Status


def visit_model():
    """``events.VisitPage``, looked up by name: this app does not import ``events``."""
    return apps.get_model("events", "VisitPage")


def visit_days():
    """Default-locale visit days, newest first."""
    return visit_model().objects.filter(locale=Locale.get_default()).order_by("-start")


@dataclass
class MealRow:
    """A line of the report. ``kind``: ``"detail"`` (one option for one structure), ``"structure"`` (the
    structure's total: what it owes), ``"meal"`` (one option for all structures: the restaurant's order) or
    ``"total"`` (the visit day's grand total). ``unit_price`` (``Decimal`` euros) is ``None`` on total lines;
    ``amount`` is ``Decimal`` euros."""

    visit: str
    structure: str
    meal: str
    unit_price: Decimal | None
    count: int
    amount: Decimal
    kind: str = "detail"

    @property
    def unit_price_text(self):
        return "" if self.unit_price is None else euros(self.unit_price)

    @property
    def amount_text(self):
        return euros(self.amount)


@dataclass
class VisitMeals:
    """One visit day's lines (``rows``), the meals chosen by people on its waiting list (``waiting``:
    ``[(label, count), ...]``, not in the totals) and how many confirmed people take no meal (``without_meal``)."""

    visit: object
    rows: list
    waiting: list
    without_meal: int


def _meal_order(visit):
    """Sort key of ``(label, price)``: the page's order of its options, then other labels (options since
    removed or renamed), alphabetically."""
    order = {option.label: index for index, option in enumerate(visit.meal_options())}
    return lambda meal: (order.get(meal[0], len(order)), meal[0].casefold(), meal[1] or Decimal(0))


def visit_meals(visits):
    """``[VisitMeals, ...]`` for ``visits`` (default-locale ``VisitPage`` rows), in their order.

    Confirmed registrations only, grouped by structure (the registrant's organisation, "Sans structure" last)
    and by option (label and unit price as recorded: a price changed between two registrations gives two
    lines). One query.
    """
    visits = list(visits)
    groups = (
        Registration.objects.filter(
            page_id__in=[visit.pk for visit in visits], status__in=[Status.CONFIRMED, Status.WAITING]
        )
        .order_by()
        .values_list("page_id", "status", "organisation_id", "organisation__name", "meal_label", "meal_price")
        .annotate(n=Count("pk"))
    )
    # page -> (structure's name, id: two structures of one name stay apart) -> (label, price) -> n
    confirmed = defaultdict(lambda: defaultdict(Counter))
    waiting = defaultdict(Counter)  # page -> label -> n
    without_meal = Counter()
    for page_id, status, structure_id, structure, label, price, n in groups:
        if status == Status.WAITING:
            if label:
                waiting[page_id][label] += n
        elif label:
            confirmed[page_id][(structure or "", structure_id or 0)][(label, price)] += n
        else:
            without_meal[page_id] += n
    no_structure = gettext("Sans structure")
    every_structure = gettext("Toutes les structures")
    result = []
    for visit in visits:
        key = _meal_order(visit)
        rows, per_meal = [], Counter()
        # Named structures alphabetically, the registrations without one last.
        for structure in sorted(confirmed[visit.pk], key=lambda name_id: (not name_id[0], name_id[0].casefold())):
            meals = confirmed[visit.pk][structure]
            name = structure[0] or no_structure
            details = [
                _line(visit, name, label, price, n)
                for (label, price), n in sorted(meals.items(), key=lambda item: key(item[0]))
            ]
            rows += details
            rows.append(
                MealRow(
                    visit.title,
                    name,
                    gettext("Total de la structure"),
                    None,
                    sum(row.count for row in details),
                    sum((row.amount for row in details), Decimal(0)),
                    "structure",
                )
            )
            per_meal.update(meals)
        totals = [
            _line(visit, every_structure, label, price, n, kind="meal")
            for (label, price), n in sorted(per_meal.items(), key=lambda item: key(item[0]))
        ]
        rows += totals
        if totals:
            rows.append(
                MealRow(
                    visit.title,
                    every_structure,
                    pgettext("repas", "Total"),
                    None,
                    sum(row.count for row in totals),
                    sum((row.amount for row in totals), Decimal(0)),
                    "total",
                )
            )
        waiting_meals = sorted(waiting[visit.pk].items(), key=lambda item: key((item[0], None)))
        result.append(VisitMeals(visit, rows, waiting_meals, without_meal[visit.pk]))
    return result


def _line(visit, structure, label, price, count, kind="detail"):
    return MealRow(visit.title, structure, label, price, count, (price or Decimal(0)) * count, kind)


class VisitFilterSet(WagtailFilterSet):
    visit = django_filters.ModelChoiceFilter(
        label=_("Journée de visites"),
        field_name="pk",
        queryset=lambda request: visit_days(),
        empty_label=_("Toutes les journées"),
    )

    class Meta:
        model = visit_model()
        fields = []


class MealReportView(FormulaSafeCSVMixin, ReportView):
    """The lunches of the visit days (see the module docstring); the same permission as the registrations'
    listing. The export has one line per ``MealRow``, amounts as numbers (euros)."""

    page_title = _("Repas des journées de visites")
    header_icon = "form"
    index_url_name = "events_registration:meals"
    index_results_url_name = "events_registration:meals_results"
    results_template_name = "registrations/meal_report_results.html"
    permission_policy = ModelPermissionPolicy(Registration)
    any_permission_required = ["view", "add", "change"]
    filterset_class = VisitFilterSet
    paginate_by = None  # a visit day's lines stay together
    list_export = ["visit", "structure", "meal", "unit_price", "count", "amount"]
    export_headings = {
        "visit": _("Journée de visites"),
        "structure": pgettext_lazy("repas", "Structure"),
        "meal": _("Repas"),
        "unit_price": pgettext_lazy("repas", "Prix unitaire (EUR)"),
        "count": pgettext_lazy("repas", "Nombre"),
        "amount": pgettext_lazy("repas", "Montant dû (EUR)"),
    }
    export_filename = "repas-journees-de-visites"

    def get_queryset(self):
        return visit_days()

    def get_filtered_queryset(self):
        self.visits = visit_meals(self.filter_queryset(self.get_queryset()))
        return [row for visit in self.visits for row in visit.rows]

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["visits"] = self.visits
        return context
