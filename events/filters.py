"""The agenda's filters read from a query string: one set of rules for the page, its outputs and the API.

The parameters (each optional):

- ``commune``: a commune slug among those the door knows (``forest``);
- ``phase``: a ``Phase`` value (``orientation``, ``decouverte-metiers``, ``outillage``);
- ``type``: ``activity`` or ``visit``;
- ``from``, ``to``: days in Europe/Brussels, both inclusive, from ``cms.days.MIN_DAY`` to ``MAX_DAY``; ``to``
  not before ``from``;
- ``when``: ``past`` for the archive (ended items, newest first), else what has not ended yet;
- ``upcoming``: ``true``/``1`` keeps what has not ended yet; ``false``/``0`` or absent: past and upcoming;
- ``status``: an ``EventStatus`` value (``scheduled``, ``cancelled``, ``postponed``).

Each door reads some of them (a ``Door``) with ``parse_filters``, which never raises: it returns the filters
built from the values it understood and a ``FilterError`` for each one it did not. The doors word the same
errors their own way: the agenda page lists them in a notice and ignores them (``events.forms``), the outputs
answer HTTP 400 with ``"parameter: message"`` lines (``events.outputs``), the API answers HTTP 400 with
``{"message": ...}`` in English (``events.api``).
"""

import datetime
import re
from dataclasses import dataclass

from django.core.validators import MaxValueValidator, MinValueValidator
from django.forms import DateField
from django.utils.formats import get_format
from django.utils.translation import gettext_lazy as _

from cms.days import MAX_DAY, MIN_DAY

from .agenda import AgendaFilters
from .choices import KINDS, EventStatus, Phase

BOOLEANS = {"true": True, "1": True, "false": False, "0": False}
ISO_DAY = re.compile(r"\d{4}-\d{2}-\d{2}")


@dataclass(frozen=True)
class Door:
    """The parameters a door reads (in the order its errors are reported) and how strictly.

    Lenient (people, ``strict=False``): an empty value means "not given", and a day may also be written in the
    active language's input formats (``25/03/2017``). Strict (programs, ``strict=True``): an empty value is
    refused like any other, and a day is ``YYYY-MM-DD`` only.
    """

    parameters: tuple[str, ...]
    strict: bool = False


PAGE_DOOR = Door(("commune", "phase", "type", "from", "to", "when"))
OUTPUTS_DOOR = Door(("commune", "phase", "type", "from", "to"))
API_DOOR = Door(("commune", "phase", "upcoming", "from", "to", "status"), strict=True)


@dataclass(frozen=True)
class FilterError:
    """A value a door cannot honour.

    ``parameter`` is named as in the query string (``from``, not ``date_from``); ``code`` is ``invalid_choice``
    (not one of the known values), ``invalid`` (not a day), ``min_value``/``max_value`` (a day before ``MIN_DAY``
    or after ``MAX_DAY``) or ``before_from`` (``to`` before ``from``); ``value`` is the value as given, NUL
    bytes replaced by U+FFFD.
    """

    parameter: str
    code: str
    value: str

    @property
    def message(self):
        """The error for people, in the active language (what the agenda page and the outputs show)."""
        if self.code == "invalid":
            return str(DateField.default_error_messages["invalid"])
        if self.code == "min_value":
            return MinValueValidator.message % {"limit_value": MIN_DAY}
        if self.code == "max_value":
            return MaxValueValidator.message % {"limit_value": MAX_DAY}
        if self.code == "before_from":
            return str(_("La date de fin doit suivre la date de début."))
        # Not Django's "Select a valid choice. X is not one of…": the value may hold markup or NUL bytes.
        return str(_("Cette valeur n'existe pas dans la liste."))


@dataclass(frozen=True)
class ParsedFilters:
    """``filters``: an ``AgendaFilters`` from the understood values only (a refused value is dropped, not
    guessed at); ``errors``: a tuple of ``FilterError``, in the door's parameter order."""

    filters: AgendaFilters
    errors: tuple[FilterError, ...]


def without_nul(params):
    """``{name: value}`` of ``params`` (a dict or a ``QueryDict``: its last value per name), each NUL byte
    replaced by U+FFFD: a NUL can be neither stored nor shown, and the value stays invalid (and is reported)."""
    return {name: value.replace("\x00", "\ufffd") for name, value in params.items()}


def parse_day(value, *, strict):
    """``(datetime.date, None)`` for a day within ``MIN_DAY``..``MAX_DAY``, else ``(None, code)`` with ``code``
    ``invalid``, ``min_value`` or ``max_value``. Strict: ``YYYY-MM-DD`` only; lenient: surrounding spaces
    ignored, and the active language's ``DATE_INPUT_FORMATS`` (ISO among them) accepted."""
    day = None
    if strict:
        if ISO_DAY.fullmatch(value):
            try:
                day = datetime.date.fromisoformat(value)
            except ValueError:
                pass
    else:
        for day_format in get_format("DATE_INPUT_FORMATS"):
            try:
                day = datetime.datetime.strptime(value.strip(), day_format).date()
                break
            except (ValueError, TypeError):
                continue
    if day is None:
        return None, "invalid"
    if day < MIN_DAY:
        return None, "min_value"
    if day > MAX_DAY:
        return None, "max_value"
    return day, None


def parse_filters(query, door, *, communes):
    """Read ``door.parameters`` from ``query`` (a dict or a ``QueryDict``).

    :param communes: the commune slugs this door knows (any container: only ``in`` is asked of it, and only
        when ``commune`` is given).
    :returns: a ``ParsedFilters``; never raises on any value.
    """
    known = {
        "commune": communes,
        "phase": Phase.values,
        "type": KINDS,
        "when": ("past",),
        "upcoming": BOOLEANS,
        "status": EventStatus.values,
    }
    values = without_nul({name: query[name] for name in door.parameters if name in query})
    accepted, errors = {}, []
    for name, value in values.items():
        if value == "" and not door.strict:
            continue
        if name in ("from", "to"):
            day, code = parse_day(value, strict=door.strict)
            if code:
                errors.append(FilterError(name, code, value))
            else:
                accepted[name] = day
        elif value in known[name]:
            accepted[name] = value
        else:
            errors.append(FilterError(name, "invalid_choice", value))
    if "from" in accepted and "to" in accepted and accepted["to"] < accepted["from"]:
        errors.append(FilterError("to", "before_from", values["to"]))
        del accepted["to"]
    filters = AgendaFilters(
        commune=accepted.get("commune"),
        phase=accepted.get("phase"),
        kind=accepted.get("type"),
        date_from=accepted.get("from"),
        date_to=accepted.get("to"),
        past=accepted.get("when") == "past",
        status=accepted.get("status"),
        any_time="upcoming" in door.parameters and not BOOLEANS.get(accepted.get("upcoming"), False),
    )
    return ParsedFilters(filters, tuple(errors))
