"""Reading an untrusted Word file (.docx) into a flat list of blocks, safely.

Checks before any parsing: the upload's size, that it is a zip (an old binary .doc gets its own message), the
declared uncompressed size of every entry and of the whole (a zip bomb), the number of entries,
``word/document.xml`` present, no DTD in any XML part (entity expansion), at most ``MAX_PARAGRAPHS`` paragraphs and
``MAX_XML_ELEMENTS`` elements in any XML part (``MAX_XML_ELEMENTS_TOTAL`` in all). Python's ``zipfile`` never
inflates an entry past its declared size, so the declared sizes are real upper bounds.

Those bounds are the time limit. Mammoth and python-docx cannot be interrupted halfway, and running them in a
subprocess with a timeout would start a second interpreter per upload on a small shared machine; their time grows
with the number of XML elements (runs, properties…: about 35 µs each, whatever the bytes, and a 60 kB zip can hold
a million), so counting the elements first bounds the work: a few seconds for the worst file accepted, well under
the 30 s request timeout (``tests/minutes/test_word_import.py`` checks it).

Then mammoth (docx → HTML) converts each paragraph's text and inline markup, and python-docx recovers the numbers
that Word's automatic numbering shows, which mammoth drops (it only says "ordered list, level n"). Nothing outside
the file is ever opened: mammoth's ``external_file_access`` stays off, the images are never read (each becomes a
marker, reported as not imported), and the file's embedded style map is ignored.
"""

import io
import re
import zipfile
from dataclasses import dataclass, field
from html import unescape

import docx
import mammoth
from django.utils.translation import gettext as _
from docx.oxml.ns import qn
from mammoth import documents as mdocs
from mammoth import html as mhtml
from mammoth.conversion import convert_document_element_to_html
from mammoth.raw_text import extract_raw_text_from_element

MAX_UPLOAD_BYTES = 5 * 1024 * 1024
MAX_UNCOMPRESSED_BYTES = 30 * 1024 * 1024  # the whole zip, images included
MAX_XML_PART_BYTES = 8 * 1024 * 1024  # any one XML part, word/document.xml first
MAX_ENTRIES = 1000
MAX_PARAGRAPHS = 5000
MAX_XML_ELEMENTS = 60_000  # in one XML part: 20 times a long meeting's minutes (its styles: 5,000 to 20,000)
MAX_XML_ELEMENTS_TOTAL = 150_000  # in all the XML parts
OLE_SIGNATURE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # the old binary .doc (and .xls…)
IMAGE_MARKER = "word-import-image"


class WordImportError(ValueError):
    """The file cannot be imported; ``str(error)`` is a French message for the form."""


@dataclass
class Block:
    """One body-level element of the document, in order.

    ``kind``: ``"paragraph"`` or ``"table"``; ``text``: plain text (a table's cells joined by `` | ``, rows by
    newlines); ``html``: the paragraph's inline HTML (mammoth's ``strong``, ``em``, ``a``..., escaped text, no
    ``<p>``), ``""`` for a table; ``list_kind``: ``"ordered"``, ``"bullet"`` or ``None`` for Word's automatic
    lists; ``level``: the list level (0 = outermost); ``number``: the number Word shows for an ordered item
    (``None`` if unknown); ``images``: the alternative texts (or ``""``) of the images dropped from it.
    """

    kind: str
    text: str = ""
    html: str = ""
    list_kind: str | None = None
    level: int = 0
    number: int | None = None
    images: list = field(default_factory=list)


def check_archive(data, max_bytes=MAX_UPLOAD_BYTES):
    """Raise :class:`WordImportError` unless ``data`` (bytes) is a .docx within the limits described above."""
    if len(data) > max_bytes:
        raise WordImportError(
            _("Le fichier est trop volumineux (%(size)s Mo, maximum %(max)s Mo).")
            % {"size": round(len(data) / 1048576, 1), "max": round(max_bytes / 1048576, 1)}
        )
    if data.startswith(OLE_SIGNATURE):
        raise WordImportError(
            _(
                "Ce fichier est un ancien document Word (.doc) : ouvrez-le dans Word et enregistrez-le au format "
                ".docx, puis importez ce nouveau fichier."
            )
        )
    not_docx = _(
        "Ce fichier n'est pas un document Word .docx lisible (fichier endommagé, incomplet ou d'un autre type)."
    )
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
        entries = archive.infolist()
    except (zipfile.BadZipFile, zipfile.LargeZipFile, ValueError, OSError, EOFError):
        raise WordImportError(not_docx) from None
    too_big = _("Ce document est trop volumineux une fois décompressé : il ne peut pas être importé.")
    if len(entries) > MAX_ENTRIES or sum(entry.file_size for entry in entries) > MAX_UNCOMPRESSED_BYTES:
        raise WordImportError(too_big)
    names = {entry.filename for entry in entries}
    if "word/document.xml" not in names:
        raise WordImportError(not_docx)
    elements = paragraphs = 0
    for entry in entries:
        if entry.filename.endswith((".xml", ".rels")):
            if entry.file_size > MAX_XML_PART_BYTES:
                raise WordImportError(too_big)
            try:
                content = archive.read(entry)
            except (zipfile.BadZipFile, ValueError, OSError, EOFError, NotImplementedError, RuntimeError):
                raise WordImportError(not_docx) from None
            if _has_dtd(content):
                raise WordImportError(not_docx)
            # Every part, not only word/document.xml: the file itself names its main part, and the notes, styles
            # and numbering are parsed too.
            part_elements = len(re.findall(rb"<[A-Za-z]", content))
            if part_elements > MAX_XML_ELEMENTS:
                raise WordImportError(_too_complex())
            elements += part_elements
            paragraphs += len(re.findall(rb"<w:p[ >/]", content))
    if elements > MAX_XML_ELEMENTS_TOTAL:
        raise WordImportError(_too_complex())
    if paragraphs > MAX_PARAGRAPHS:
        raise WordImportError(
            _("Ce document a plus de %(max)s paragraphes : il ne peut pas être importé.") % {"max": MAX_PARAGRAPHS}
        )


def _too_complex():
    return _(
        "Ce document est trop complexe pour être importé (trop d'éléments de mise en forme) : enregistrez-le sans "
        "mise en forme ou en plusieurs parties."
    )


def _has_dtd(content):
    # Word never writes a DTD; one in an uploaded part can only be an entity-expansion attempt. Without the NUL
    # bytes, the markup of a UTF-16 or UTF-32 part reads as ASCII too.
    lowered = content.replace(b"\0", b"").lower()
    return b"<!doctype" in lowered or b"<!entity" in lowered


def read_blocks(data, max_bytes=MAX_UPLOAD_BYTES):
    """``data`` (bytes of a .docx, at most ``max_bytes``) → ``(blocks, notes)``: the body as a list of :class:`Block` in order, and the
    footnotes and endnotes as plain texts. Raises :class:`WordImportError` for anything unreadable."""
    check_archive(data, max_bytes)
    try:
        document = mammoth.docx.read(io.BytesIO(data), external_file_access=False).value
        numbers = _word_numbers(docx.Document(io.BytesIO(data)))
    except WordImportError:
        raise
    except Exception:  # noqa: BLE001 -- any failure of either parser on untrusted input is "unreadable"
        raise WordImportError(
            _("Ce fichier n'est pas un document Word .docx lisible (fichier endommagé, incomplet ou d'un autre type).")
        ) from None
    blocks = []
    cursor = 0
    for element in document.children:
        if isinstance(element, mdocs.Table):
            blocks.append(Block("table", text=_table_text(element)))
        elif isinstance(element, mdocs.Paragraph):
            block, cursor = _paragraph_block(element, numbers, cursor)
            blocks.append(block)
    # mammoth keeps the notes in a mapping it does not expose; read through it, or report none.
    all_notes = getattr(getattr(document, "notes", None), "_notes", {}).values()
    notes = [_clean_text(extract_raw_text_from_element(note).replace("\n", " ")) for note in all_notes]
    return blocks, [note for note in notes if note]


def _clean_text(text):
    return re.sub(r"[ \t\r\f\v]+", " ", text).strip()


def _table_text(table):
    rows = []
    for row in table.children:
        cells = [_clean_text(extract_raw_text_from_element(cell)) for cell in getattr(row, "children", [])]
        rows.append(" | ".join(cells))
    return "\n".join(row for row in rows if row.strip(" |"))


def _drop_image(image):
    # A marker instead of the picture: the image's bytes are never read (mammoth's default inlines them as
    # base64), and the marker lets the import say where an image was left out.
    return [mhtml.element("img", {"alt": image.alt_text or "", "class": IMAGE_MARKER})]


def _paragraph_block(paragraph, numbers, cursor):
    """Mammoth's paragraph → :class:`Block`, with the number python-docx found for the same paragraph.

    The two parsers walk the same paragraphs in the same order, but mammoth skips a few (deleted text, content
    it cannot read); each mammoth paragraph is matched with the next python-docx paragraph of the same text, a
    short way ahead at most, and a paragraph that finds none keeps mammoth's own list information."""
    bare = mdocs.paragraph(children=paragraph.children)  # no style, no numbering: just the inline content
    html = convert_document_element_to_html(bare, convert_image=_drop_image).value
    html = re.sub(r"^<p>|</p>$", "", html)
    images = [unescape(alt) for alt in re.findall(rf'<img alt="([^"]*)" class="{IMAGE_MARKER}" />', html)]
    html = re.sub(rf'<img alt="[^"]*" class="{IMAGE_MARKER}" />', "", html)
    # Links inside the document (note references, bookmarks) point nowhere once imported: keep their text.
    html = re.sub(r'<a (?:href="#[^"]*"|id="[^"]*")[^>]*>(.*?)</a>', r"\1", html)
    text = _clean_text(extract_raw_text_from_element(paragraph).replace("\n", " "))
    block = Block("paragraph", text=text, html=html, images=images)
    key = re.sub(r"\s+", "", text)
    for index in range(cursor, min(cursor + 50, len(numbers))):
        if numbers[index][0] == key:
            _key, block.list_kind, block.level, block.number = numbers[index]
            return block, index + 1
    if paragraph.numbering is not None:
        block.list_kind = "ordered" if paragraph.numbering.is_ordered else "bullet"
        block.level = int(paragraph.numbering.level_index or 0)
    return block, cursor


def _word_numbers(document):
    """Every body paragraph (python-docx; not those in tables or text boxes), in order: ``(text without spaces, list_kind, level, number)``,
    numbering as Word shows it: a counter per abstract list and level, restarted by a list instance's
    ``startOverride`` and for the deeper levels when a level moves on."""
    levels, instances = _numbering_definitions(document)
    style_numbering = _style_numbering(document)
    counters, seen = {}, set()
    result = []
    for paragraph in document.element.body.iter(qn("w:p")):
        # Paragraphs in tables and text boxes count in Word's numbering but are not body paragraphs for mammoth.
        nested = any(True for _ancestor in paragraph.iterancestors(qn("w:tbl"), qn("w:txbxContent")))
        append = (lambda row: None) if nested else result.append
        text = "".join(node.text or "" for node in paragraph.iter(qn("w:t")))
        key = re.sub(r"\s+", "", text)
        num_id, level = _paragraph_numbering(paragraph, style_numbering)
        if num_id is None or num_id not in instances:
            append((key, None, 0, None))
            continue
        abstract_id, overrides = instances[num_id]
        start, fmt = levels.get((abstract_id, level), (1, "decimal"))
        counter = counters.setdefault(abstract_id, {})
        if num_id not in seen:
            seen.add(num_id)
            for override_level, override_start in overrides.items():
                counter[override_level] = override_start - 1
        if fmt == "none":
            append((key, None, 0, None))
            continue
        if fmt == "bullet":
            append((key, "bullet", level, None))
            continue
        value = counter[level] + 1 if counter.get(level) is not None else start
        counter[level] = value
        for deeper in [lvl for lvl in counter if lvl > level]:
            counter[deeper] = None
        append((key, "ordered", level, value))
    return result


def _int(value, default=0):
    try:
        return int(value)
    except (TypeError, ValueError):
        return default


def _numbering_definitions(document):
    """``({(abstract id, level): (start, format)}, {num id: (abstract id, {level: start override})})``."""
    try:
        root = document.part.numbering_part.element
    except (NotImplementedError, KeyError, AttributeError):
        return {}, {}
    val = qn("w:val")
    levels = {}
    for abstract in root.iter(qn("w:abstractNum")):
        abstract_id = abstract.get(qn("w:abstractNumId"))
        for lvl in abstract.iter(qn("w:lvl")):
            start = lvl.find(qn("w:start"))
            fmt = lvl.find(qn("w:numFmt"))
            levels[(abstract_id, _int(lvl.get(qn("w:ilvl"))))] = (
                _int(start.get(val), 1) if start is not None else 1,
                fmt.get(val) if fmt is not None else "decimal",
            )
    instances = {}
    for num in root.iter(qn("w:num")):
        abstract = num.find(qn("w:abstractNumId"))
        overrides = {}
        for override in num.iter(qn("w:lvlOverride")):
            start = override.find(qn("w:startOverride"))
            if start is not None:
                overrides[_int(override.get(qn("w:ilvl")))] = _int(start.get(val), 1)
        if abstract is not None:
            instances[num.get(qn("w:numId"))] = (abstract.get(val), overrides)
    return levels, instances


def _style_numbering(document):
    """``{style id: (num id, level)}`` for paragraph styles that carry a list (such as "List Number"), following
    ``basedOn`` (at most ten steps: a loop in a hostile file must not hang)."""
    own, based_on = {}, {}
    for style in document.styles.element.iter(qn("w:style")):
        style_id = style.get(qn("w:styleId"))
        num_pr = style.find(f"{qn('w:pPr')}/{qn('w:numPr')}")
        if num_pr is not None:
            own[style_id] = _num_pr(num_pr)
        parent = style.find(qn("w:basedOn"))
        if parent is not None:
            based_on[style_id] = parent.get(qn("w:val"))
    result = {}
    for style_id in set(own) | set(based_on):
        current = style_id
        for _step in range(10):
            if current in own:
                result[style_id] = own[current]
                break
            current = based_on.get(current)
            if current is None:
                break
    return result


def _num_pr(num_pr):
    num_id = num_pr.find(qn("w:numId"))
    level = num_pr.find(qn("w:ilvl"))
    return (
        num_id.get(qn("w:val")) if num_id is not None else None,
        _int(level.get(qn("w:val"))) if level is not None else None,
    )


def _paragraph_numbering(paragraph, style_numbering):
    """``(num id, level)`` of a paragraph's list, direct formatting first, then its style; ``(None, 0)`` if none
    (num id "0" is Word's "no list")."""
    num_id, level = None, None
    ppr = paragraph.find(qn("w:pPr"))
    if ppr is not None:
        num_pr = ppr.find(qn("w:numPr"))
        if num_pr is not None:
            num_id, level = _num_pr(num_pr)
        style = ppr.find(qn("w:pStyle"))
        if style is not None and style.get(qn("w:val")) in style_numbering:
            style_num_id, style_level = style_numbering[style.get(qn("w:val"))]
            num_id = num_id or style_num_id
            level = level if level is not None else style_level
    if num_id in (None, "0"):
        return None, 0
    return num_id, min(level or 0, 8)
