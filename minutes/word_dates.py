"""Dates, times and the next meeting as minutes write them in French ("16-06-2017", "18 mai 2017", "9h30")."""

import datetime as dt
import re
from dataclasses import dataclass
from zoneinfo import ZoneInfo

BRUSSELS = ZoneInfo("Europe/Brussels")

MONTHS = {
    "janvier": 1,
    "fevrier": 2,
    "février": 2,
    "mars": 3,
    "avril": 4,
    "mai": 5,
    "juin": 6,
    "juillet": 7,
    "aout": 8,
    "août": 8,
    "septembre": 9,
    "octobre": 10,
    "novembre": 11,
    "decembre": 12,
    "décembre": 12,
}
NUMERIC_DATE = re.compile(r"\b(\d{1,2})\s*[-/.]\s*(\d{1,2})\s*[-/.]\s*(\d{4}|\d{2})\b")
WORDED_DATE = re.compile(r"\b(\d{1,2})(?:er)?\s+(" + "|".join(MONTHS) + r")\s+(\d{4})\b", re.IGNORECASE)
TIME = re.compile(r"\b([01]?\d|2[0-3])\s*(?:h|H|:)\s*([0-5]\d)?(?![\w:])")
PLACE = re.compile(r"\b((?:à|au|aux|chez|dans)\s+[^()]+?)\s*(?:\(|\.\s|\.?$)")
TO_BE_CONFIRMED = re.compile(r"\bà\s+confirmer\b|\b(?:tbc|à\s+préciser)\b", re.IGNORECASE)
NEXT_MEETING = re.compile(r"\bprochaine\s+réunion\b", re.IGNORECASE)
PLANNED_AGENDA = re.compile(r"(?:^|\s)(?:OJ|O\.J\.|ordre du jour(?: prévu)?)\s*:\s*(.+)$", re.IGNORECASE)


@dataclass
class Found:
    """A value found in a text, with the span ``(start, end)`` of the characters it came from."""

    value: object
    span: tuple


def find_date(text):
    """The first date written as "dd-mm-yyyy", "dd/mm/yyyy", "dd.mm.yy" or "18 mai 2017" (French month names,
    "1er"): a :class:`Found` of ``datetime.date``, or ``None``. A date that does not exist (31-02-2017) is
    skipped."""
    candidates = []
    for match in NUMERIC_DATE.finditer(text):
        year = int(match[3]) + (2000 if len(match[3]) == 2 else 0)
        candidates.append((match.span(), year, int(match[2]), int(match[1])))
    for match in WORDED_DATE.finditer(text):
        candidates.append((match.span(), int(match[3]), MONTHS[match[2].lower()], int(match[1])))
    for span, year, month, day in sorted(candidates):
        try:
            return Found(dt.date(year, month, day), span)
        except ValueError:
            continue
    return None


def find_time(text, after=0):
    """The first time of day from character ``after`` on, "9h30", "9 h", "14:05": a :class:`Found` of
    ``datetime.time``, or ``None``."""
    match = TIME.search(text, after)
    if match is None:
        return None
    return Found(dt.time(int(match[1]), int(match[2] or 0)), match.span())


def local(day, time):
    """``(date, time)`` → aware datetime at that wall-clock time in Brussels (CET or CEST, as on that day)."""
    return dt.datetime.combine(day, time, tzinfo=BRUSSELS)


@dataclass
class NextMeeting:
    """What a "Prochaine réunion…" paragraph says: ``start`` (aware datetime, Brussels) or ``None`` when its date
    or time is missing; ``day`` (date or ``None``); ``place`` ("à la MEF de Forest", ``""`` if none);
    ``to_be_confirmed``; ``agenda`` (plain text after "OJ :", ``""`` if none)."""

    start: dt.datetime | None = None
    day: dt.date | None = None
    place: str = ""
    to_be_confirmed: bool = False
    agenda: str = ""


def parse_next_meeting(text):
    """Read "Prochaine réunion de la CZS le 16-06-2017. 9h30 à la MEF de Forest ou de St-Gilles (à confirmer
    asap). OJ : feedback…" into a :class:`NextMeeting`."""
    result = NextMeeting()
    agenda = PLANNED_AGENDA.search(text)
    if agenda:
        result.agenda = agenda[1].strip()
        text = text[: agenda.start()]
    day = find_date(text)
    after = day.span[1] if day else 0
    time = find_time(text, after) or (find_time(text) if day else None)
    if day:
        result.day = day.value
        if time:
            result.start = local(day.value, time.value)
    rest_from = max(after, time.span[1] if time else 0)
    place = PLACE.search(text, rest_from)
    if place:
        result.place = place[1].strip(" ,;")[:250]
    result.to_be_confirmed = bool(TO_BE_CONFIRMED.search(text))
    return result
