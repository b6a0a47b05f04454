"""When and where an activity or a visit happens, in words: one wording for every door.

The templates (``{% time_range %}``), the registration e-mails, iCalendar, the RSS/Atom feeds, JSON-LD and
``Venue.address`` take their dates, hours, places and addresses from here. Dates and hours are shown in the
site's time zone (``settings.TIME_ZONE``: Europe/Brussels), with the active language's day and month names.
Nothing here runs a query of its own; a venue's commune is read as ``venue.commune`` (join it beforehand).
"""

from dataclasses import dataclass

from django.utils.dateformat import format as date_format

from .days import local

DAY_FORMAT = "l j F Y"  # jeudi 18 mai 2017
HOUR_FORMAT = "H:i"  # 08:30


def day_text(value):
    """ "jeudi 18 mai 2017": the local day of the aware datetime ``value``."""
    return date_format(local(value), DAY_FORMAT)


def hour_text(value):
    """ "08:30": the local hour of the aware datetime ``value``."""
    return date_format(local(value), HOUR_FORMAT)


def moment_text(value):
    """ "jeudi 18 mai 2017, 08:30": the local day and hour of the aware datetime ``value``."""
    return f"{day_text(value)}, {hour_text(value)}"


def same_day(start, end):
    """Whether the aware datetimes ``start`` and ``end`` fall on the same local day."""
    return local(start).date() == local(end).date()


def when_text(start, end, *, compact=False):
    """The time range from ``start`` to ``end`` (aware datetimes) as plain text.

    Same day: "jeudi 18 mai 2017, 08:30 – 16:30", or "jeudi 18 mai 2017, 08:30–16:30" when ``compact`` (the
    feeds); across days: "jeudi 18 mai 2017, 08:30 – vendredi 19 mai 2017, 12:00".
    """
    if same_day(start, end):
        return f"{moment_text(start)}{'–' if compact else ' – '}{hour_text(end)}"
    return f"{moment_text(start)} – {moment_text(end)}"


@dataclass(frozen=True)
class PostalAddress:
    """``street`` ("Rue du Curé 2"), ``postcode`` ("1190") and ``locality`` (the commune's name "Forest");
    ``street`` and ``postcode`` may be empty."""

    street: str
    postcode: str
    locality: str

    def __str__(self):
        """ "Rue du Curé 2, 1190 Forest" on one line, empty parts left out."""
        town = " ".join(part for part in [self.postcode, self.locality] if part)
        return ", ".join(part for part in [self.street, town] if part)


def postal_address(venue, commune=None):
    """The ``PostalAddress`` of ``venue`` (a ``cms.models.Venue``; its own postcode, else its commune's), or,
    when ``venue`` is ``None``, of ``commune`` (a ``cms.models.Commune``) alone."""
    if venue:
        return PostalAddress(venue.street, venue.postcode or venue.commune.postcode, venue.commune.name)
    return PostalAddress("", commune.postcode, commune.name)


def where_text(venue, commune, meeting_point=""):
    """Where it happens as plain text: "Maison de l'emploi, Rue du Curé 2, 1190 Forest" (the venue and its
    address) or, when ``venue`` is ``None``, "Gare du Midi, Molenbeek-Saint-Jean" (``meeting_point`` when
    given, then the commune's name)."""
    if venue:
        return ", ".join(part for part in [venue.name, str(postal_address(venue))] if part)
    return ", ".join(part for part in [meeting_point, commune.name] if part)


def place_name(venue, commune, meeting_point=""):
    """The name of the place: the venue's, else ``meeting_point``, else the commune's."""
    return venue.name if venue else (meeting_point or commune.name)
