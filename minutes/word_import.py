"""Minutes written in Word (.docx) → the parts of a MeetingPage, with everything that could not be placed.

The shape the committee's minutes follow: an optional title, "Ordre du Jour :" with the numbered points, then
each point again as a numbered heading ("1. Retour partner day") followed by its discussion, "Divers" being a
point like the others, where "Prochaine réunion … le 16-06-2017. 9h30 à … (à confirmer). OJ : …" gives the next
meeting. The points may be typed numbers or Word's automatic numbering (recovered by ``word_reader``).

Pure functions: bytes in, an :class:`ImportedMinutes` out; no database, no request.
"""

import bisect
import re
from dataclasses import dataclass, field
from html import escape, unescape

from django.utils.translation import gettext as _
from wagtail.admin.rich_text.converters.contentstate import ContentstateConverter

from .word_dates import NEXT_MEETING, PLANNED_AGENDA, find_date, find_time, local, parse_next_meeting
from .word_reader import MAX_UPLOAD_BYTES, WordImportError, read_blocks

__all__ = ["ImportedItem", "ImportedMinutes", "WordImportError", "parse_minutes", "clean_rich_text"]

DISCUSSION_FEATURES = ["bold", "italic", "link", "document-link", "ul", "ol"]  # AgendaItemBlock.discussion
NEXT_AGENDA_FEATURES = ["bold", "italic", "ul", "ol"]  # MeetingPage.next_meeting_agenda
TITLE_MAX = 250  # AgendaItemBlock.title's max_length
AGENDA_HEADING = re.compile(r"^\s*(?:ordre\s+du\s+jour|o\.?\s?j\.?)\s*:?\s*$", re.IGNORECASE)
TYPED_NUMBER = re.compile(r"^\s*(\d{1,2})\s*[.)°]\s*(?!\d)(\S.*)$")
TYPED_BULLET = re.compile(r"^\s*[·•▪◦‣∙\-–—*]\s+")
SEPARATOR = re.compile(r"^[\s\-–—_*=~.·•]*$")
TITLE_WORDS = re.compile(r"\b(?:réunion|procès[- ]verbal|pv|czs|comité|compte[- ]rendu)\b", re.IGNORECASE)


@dataclass
class ImportedItem:
    """One agenda item: ``title`` (plain text, ≤ 250 characters) and ``discussion`` (HTML already cleaned by
    Wagtail's rich-text rules for the discussion's features)."""

    title: str
    discussion: str = ""


@dataclass
class ImportedMinutes:
    """What the import understood. ``start`` and ``next_meeting_start`` are aware datetimes (Brussels) or
    ``None``; ``next_meeting_agenda`` is cleaned HTML; ``announced`` is the "Ordre du jour" list as written;
    ``not_placed`` holds French, self-contained lines about what the import left out (text, images, tables,
    unrecognised dates), which the draft keeps in a last item; ``found`` is a French summary of what was
    recognised, for the editor."""

    title: str = ""
    start: object = None
    items: list = field(default_factory=list)
    announced: list = field(default_factory=list)
    next_meeting_start: object = None
    next_meeting_place: str = ""
    next_meeting_to_be_confirmed: bool = False
    next_meeting_agenda: str = ""
    not_placed: list = field(default_factory=list)
    found: list = field(default_factory=list)


def clean_rich_text(html, features):
    """``html`` → the HTML Wagtail's rich-text editor would save with these ``features``: unknown elements and
    every attribute they do not allow (style, class, on*…) are dropped, text stays text, a link keeps only a
    safe ``href``. The same round trip as saving the field in Draftail."""
    converter = ContentstateConverter(features=features)
    try:
        return converter.to_database_format(converter.from_database_format(html))
    except Exception:  # noqa: BLE001 -- the converter asserts on markup it cannot pair; keep the text then
        text = re.sub(r"\s+", " ", unescape(re.sub(r"<[^>]*>", " ", html))).strip()
        return converter.to_database_format(converter.from_database_format(f"<p>{escape(text)}</p>")) if text else ""


def parse_minutes(data, max_bytes=MAX_UPLOAD_BYTES):
    """``data`` (bytes of a .docx, at most ``max_bytes``) → :class:`ImportedMinutes`.

    Raises :class:`WordImportError` (French message) for a file that is too large, not a .docx, damaged, or
    beyond the limits of ``word_reader``."""
    blocks, notes = read_blocks(data, max_bytes=max_bytes)
    agenda_at = next((i for i, b in enumerate(blocks) if b.kind == "paragraph" and AGENDA_HEADING.match(b.text)), None)
    minutes = _structure(blocks, agenda_at)
    if agenda_at is not None and not minutes.items:
        # An "Ordre du jour :" line with no point after it is not the agenda (e.g. the next meeting's, at the end).
        minutes = _structure(blocks, None)
    _check_announced(minutes)
    for note in notes:
        minutes.not_placed.append(_("Note de bas de page : %(text)s") % {"text": note})
    return minutes


def _structure(blocks, agenda_at):
    """Blocks → :class:`ImportedMinutes`, the announced agenda read from ``agenda_at`` (an index, or ``None``)."""
    minutes = ImportedMinutes()
    body_from = 0
    preamble = []
    if agenda_at is not None:
        preamble = blocks[:agenda_at]
        body_from = agenda_at + 1
        # The announced points: numbered 1, 2, 3… up to a separator ("- - -") or other text. Word may number
        # the body's points on after them (5, 6…): a point that repeats the first announced one starts the body.
        while body_from < len(blocks):
            block = blocks[body_from]
            numbered = _numbered(block)
            if block.kind == "paragraph" and SEPARATOR.match(block.text) and not block.images:
                body_from += 1
                if block.text.strip() and minutes.announced:
                    break
                continue
            if numbered is None or numbered[0] != len(minutes.announced) + 1:
                break
            if minutes.announced and _likeness(numbered[1], minutes.announced[0]) >= 0.5:
                break
            minutes.announced.append(numbered[1])
            body_from += 1
    headings = _choose_headings(blocks, body_from, minutes.announced)
    first = headings[0] if headings else len(blocks)
    if agenda_at is None:
        preamble = blocks[:first]
    else:
        preamble = preamble + blocks[body_from:first]
    _read_preamble(minutes, preamble)
    for number, at in enumerate(headings):
        end = headings[number + 1] if number + 1 < len(headings) else len(blocks)
        title = _numbered(blocks[at])[1][:TITLE_MAX]
        body = blocks[at + 1 : end]
        body = _take_next_meeting(minutes, body, title)
        minutes.items.append(ImportedItem(title, _discussion(minutes, body, title)))
    return minutes


def _numbered(block):
    """``(number, title)`` for a paragraph numbered by Word or by hand at the outermost level, else ``None``."""
    if block.kind != "paragraph" or block.images:
        return None
    if block.list_kind == "ordered" and block.level == 0 and block.number is not None and block.text:
        return block.number, block.text
    if block.list_kind is None:
        match = TYPED_NUMBER.match(block.text)
        if match:
            return int(match[1]), match[2].strip()
    return None


def _words(text):
    return {word for word in re.findall(r"\w+", text.lower()) if len(word) > 2 or word.isdigit()}


def _likeness(title, announced):
    """Share of the heading's words found in the announced title (0 to 1)."""
    words = _words(title)
    return len(words & _words(announced)) / len(words) if words else 0


def _choose_headings(blocks, start, announced):
    """Indexes of the blocks that open each point: numbered paragraphs short enough to be a title, numbered one
    after the other. Where the "Ordre du jour" announced the point, the heading most like its announced title
    wins (a numbered list inside a discussion also counts 1, 2…); the first point may start at any number (Word
    may continue the agenda's list)."""
    by_number = {}  # number → [(index, title)], in order
    for index in range(start, len(blocks)):
        numbered = _numbered(blocks[index])
        if numbered and len(numbered[1]) <= TITLE_MAX:
            by_number.setdefault(numbered[0], []).append((index, numbered[1]))
    everything = sorted((index, number, title) for number, rows in by_number.items() for index, title in rows)
    headings = []
    expected = None
    while True:
        after = headings[-1] if headings else start - 1
        if expected is None:
            # The first point is numbered 1, or follows the announced ones when Word continued their list.
            usual = [c for c in everything if c[1] in (1, len(announced) + 1)]
            options = usual or everything
        else:
            rows = by_number.get(expected, [])
            options = [
                (index, expected, title) for index, title in rows[bisect.bisect_right(rows, (after, "\uffff")) :]
            ]
        if not options:
            return headings
        position = len(headings)
        best = options[0]
        if position < len(announced):
            liked = max(options, key=lambda c: (_likeness(c[2], announced[position]), -c[0]))
            if expected is not None or _likeness(liked[2], announced[position]) > 0:
                best = liked
        headings.append(best[0])
        expected = best[1] + 1


def _read_preamble(minutes, blocks):
    """The title and the meeting's date from the text before the points; the rest goes to ``not_placed``."""
    for block in blocks:
        if block.kind == "paragraph" and SEPARATOR.match(block.text) and not block.images:
            continue
        text = block.text
        if block.kind == "paragraph" and not minutes.title and len(text) <= 120 and TITLE_WORDS.search(text):
            minutes.title = text
            consumed = True
        else:
            consumed = False
        if minutes.start is None and block.kind == "paragraph":
            day = find_date(text)
            time = find_time(text, day.span[1]) if day else None
            if day and time:
                minutes.start = local(day.value, time.value)
                minutes.found.append(
                    _("Date de la réunion lue dans le document : %(when)s.")
                    % {"when": f"{day.value:%d/%m/%Y} {time.value:%H:%M}"}
                )
            elif day and consumed:
                minutes.found.append(
                    _("Date de la réunion trouvée sans heure : %(day)s.") % {"day": f"{day.value:%d/%m/%Y}"}
                )
        if not consumed:
            _not_placed_block(minutes, block, _("avant le premier point"))
        else:
            _images(minutes, block, _("dans le titre"))


def _take_next_meeting(minutes, body, title):
    """Fill the next meeting from a "Prochaine réunion" paragraph (and an "OJ :" paragraph right after it) and
    take them out of the discussion, where they would say it twice; kept in place if the date or time is not
    recognised."""
    if minutes.next_meeting_start is not None:
        return body
    for index, block in enumerate(body):
        if block.kind != "paragraph" or not NEXT_MEETING.search(block.text):
            continue
        text, used = block.text, [index]
        follower = body[index + 1] if index + 1 < len(body) else None
        if follower is not None and follower.kind == "paragraph" and PLANNED_AGENDA.search(follower.text):
            text, used = f"{text} {follower.text}", [index, index + 1]
        found = parse_next_meeting(text)
        if found.start is None:
            minutes.not_placed.append(
                _(
                    "Prochaine réunion : date ou heure non reconnue dans « %(text)s » (le texte est resté dans le point « %(title)s »)."
                )
                % {"text": block.text, "title": title}
            )
            return body
        minutes.next_meeting_start = found.start
        minutes.next_meeting_place = found.place
        minutes.next_meeting_to_be_confirmed = found.to_be_confirmed
        if found.agenda:
            minutes.next_meeting_agenda = clean_rich_text(f"<p>{escape(found.agenda)}</p>", NEXT_AGENDA_FEATURES)
        for at in used:
            _images(minutes, body[at], _("dans le point « %(title)s »") % {"title": title})
        return [block for at, block in enumerate(body) if at not in used]
    return body


def _discussion(minutes, body, title):
    """The discussion's HTML: paragraphs, and lists for Word's lists and for paragraphs that start with a typed
    bullet ("·", "-", "•"); tables and images are reported, not kept."""
    where = _("dans le point « %(title)s »") % {"title": title}
    rows = []  # ("p", 0, html) or ("ul"/"ol", level, html)
    for block in body:
        if block.kind == "table":
            _not_placed_block(minutes, block, where)
            continue
        _images(minutes, block, where)
        if SEPARATOR.match(block.text):  # blank, or a rule drawn with dashes: no content
            continue
        if block.list_kind is not None:
            rows.append(("ol" if block.list_kind == "ordered" else "ul", block.level, block.html))
        elif TYPED_BULLET.match(block.text):
            rows.append(("ul", 0, _strip_typed_bullet(block.html)))
        else:
            rows.append(("p", 0, block.html))
    if not rows:
        return ""
    return clean_rich_text(_rows_to_html(rows), DISCUSSION_FEATURES)


def _strip_typed_bullet(html):
    return re.sub(r"^((?:<[^>]+>)*)\s*[·•▪◦‣∙\-–—*]\s+", r"\1", html, count=1)


def _rows_to_html(rows):
    """Rows → HTML, consecutive list rows as one list, nested by level."""
    out, stack = [], []  # stack of (tag, level) of open lists, each with an open <li>
    for tag, level, html in rows:
        if tag == "p":
            while stack:
                out.append(f"</li></{stack.pop()[0]}>")
            out.append(f"<p>{html}</p>")
            continue
        while stack and stack[-1][1] > level:
            out.append(f"</li></{stack.pop()[0]}>")
        if stack and stack[-1][1] == level and stack[-1][0] != tag:
            out.append(f"</li></{stack.pop()[0]}>")
        if stack and stack[-1][1] == level:
            out.append("</li>")
        else:
            out.append(f"<{tag}>")
            stack.append((tag, level))
        out.append(f"<li>{html}")
    while stack:
        out.append(f"</li></{stack.pop()[0]}>")
    return "".join(out)


def _images(minutes, block, where):
    for alt in block.images:
        if alt:
            line = _("Image « %(alt)s » %(where)s : non importée.") % {"alt": alt, "where": where}
        else:
            line = _("Image %(where)s : non importée.") % {"where": where}
        minutes.not_placed.append(line)


def _not_placed_block(minutes, block, where):
    _images(minutes, block, where)
    if block.kind == "table":
        if block.text:
            minutes.not_placed.append(_("Tableau %(where)s : %(text)s") % {"where": where, "text": block.text})
    elif block.text.strip():
        minutes.not_placed.append(block.text)


def _check_announced(minutes):
    """Points announced in the "Ordre du jour" that the text does not develop are said, not lost."""
    for number, announced in enumerate(minutes.announced[len(minutes.items) :], start=len(minutes.items) + 1):
        minutes.not_placed.append(
            _("Point annoncé à l'ordre du jour mais absent du texte : %(number)s. %(title)s")
            % {"number": number, "title": announced}
        )
