"""Minutes imported from Word: the seed's minutes as a .docx (built here with python-docx) become a draft meeting
page whose points, lists and next meeting are those of the text; bad files are form errors that create nothing."""

import base64
import datetime as dt
import io
import re
import time
import zipfile

import docx
import pytest
from django.contrib.auth.models import Group, Permission
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from wagtail.models import GroupPagePermission, Revision

from minutes.models import MeetingPage
from minutes.word_import import parse_minutes
from minutes.word_import_views import NOT_PLACED_TITLE
from minutes.word_reader import MAX_PARAGRAPHS, MAX_XML_ELEMENTS, WordImportError
from tests.factories import MinutesIndexPageFactory, UserFactory, brussels

from .seed_minutes import SEED_MINUTES

TITLES = [
    "Retour partner day",
    "Etat des lieux du Trajet emploi 2017",
    "Journée de rencontre économie sociale du 18 mai",
    "Divers",
]
PNG = base64.b64decode(
    "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg=="
)


def _restart_numbering(document, paragraph):
    """Give ``paragraph`` a new instance of the "List Number" list that starts again at 1, as Word's "Restart at
    1" does (a ``w:num`` with a ``startOverride``)."""
    numbering = document.part.numbering_part.element
    style_num = document.styles["List Number"].element.pPr.numPr.numId.val
    abstract = numbering.num_having_numId(style_num).abstractNumId.val
    num = numbering.add_num(abstract)
    override = OxmlElement("w:lvlOverride")
    override.set(qn("w:ilvl"), "0")
    start = OxmlElement("w:startOverride")
    start.set(qn("w:val"), "1")
    override.append(start)
    num.append(override)
    return num.numId


def _set_num(paragraph, num_id):
    num_pr = paragraph._p.get_or_add_pPr().get_or_add_numPr()
    num_pr.get_or_add_numId().val = num_id
    num_pr.get_or_add_ilvl().val = 0


def seed_docx(word_numbering=False, before=(), extra_in_point_one=(), picture=False, table_rows=0):
    """The seed's minutes as .docx bytes. Typed numbers and "·" bullets as in the seed, or (``word_numbering``)
    the agenda and the points as Word numbered lists ("List Number", the body's list restarting at 1, or
    ``"continued"``) and the bullets as a Word bullet list. The seed's page number goes into the footer, where Word keeps it."""
    document = docx.Document()
    document.sections[0].footer.paragraphs[0].text = "2"
    for line in before:
        document.add_paragraph(line)
    body_num = None
    in_agenda = False
    for line in SEED_MINUTES.strip("\n").split("\n"):
        stripped = line.strip()
        number, _dot, rest = stripped.partition(". ")
        if stripped.startswith("Ordre du Jour"):
            in_agenda = True
        elif stripped == "- - -":
            in_agenda = False
        if word_numbering and number.isdigit() and rest:
            paragraph = document.add_paragraph(rest, style="List Number")
            if not in_agenda and word_numbering != "continued":
                if body_num is None:
                    body_num = _restart_numbering(document, paragraph)
                _set_num(paragraph, body_num)
        elif word_numbering and stripped.startswith("· "):
            document.add_paragraph(stripped[2:], style="List Bullet")
        else:
            paragraph = document.add_paragraph()
            if stripped.startswith("Discussions sur"):
                paragraph.add_run("Discussions").bold = True
                paragraph.add_run(line.strip()[len("Discussions") :])
            else:
                paragraph.add_run(line)
        if stripped.startswith("Le TE démarre") and table_rows:
            table = document.add_table(rows=table_rows, cols=2)
            for row_number, row in enumerate(table.rows, start=1):
                row.cells[0].text, row.cells[1].text = f"Activité {row_number}", "Forest"
        if stripped.startswith("Réflexions diverses"):
            for extra in extra_in_point_one:
                document.add_paragraph(extra)
            if picture:
                document.add_paragraph().add_run().add_picture(io.BytesIO(PNG))
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def check_seed(minutes):
    assert [item.title for item in minutes.items] == TITLES
    assert minutes.announced[0] == "Retour sur le Partner Day – Evaluation, synthèse et perspectives"
    first = minutes.items[0].discussion
    assert "<b>Discussions</b> sur le déroulement" in first
    assert first.count("<li") == 4 and "<ul>" in first
    assert ">Sur le rôle et la parole des usagers" in first  # the bullet itself is gone
    assert "·" not in first
    assert "<ul>" in minutes.items[1].discussion
    assert "Tarifs repas du midi" in minutes.items[2].discussion
    assert minutes.next_meeting_start == brussels(2017, 6, 16, 9, 30)
    assert minutes.next_meeting_start.utcoffset() == dt.timedelta(hours=2)  # summer time
    assert minutes.next_meeting_place == "à la MEF de Forest ou de St-Gilles"
    assert minutes.next_meeting_to_be_confirmed is True
    assert "feedback trajet emploi, journée 18 mai et rentrée 2017." in minutes.next_meeting_agenda
    assert "Prochaine réunion" not in minutes.items[3].discussion  # in the fields, not said twice
    assert minutes.start is None  # the seed does not say when the meeting itself took place


def test_the_seed_with_typed_numbers_and_bullets():
    minutes = parse_minutes(seed_docx())
    check_seed(minutes)
    assert minutes.not_placed == []


@pytest.mark.parametrize("numbering", ["restarted", "continued"])
def test_the_seed_as_word_numbered_and_bullet_lists(numbering):
    """The points as Word's automatic numbering, restarted at 1 after the agenda, or continuing it (Word then
    shows 5 to 8): the numbers are read from the document's numbering definitions."""
    minutes = parse_minutes(seed_docx(word_numbering=numbering))
    check_seed(minutes)
    assert minutes.not_placed == []


def test_a_numbered_list_inside_a_point_is_not_taken_for_the_next_points():
    minutes = parse_minutes(seed_docx(extra_in_point_one=["1. un premier constat", "2. un second constat"]))
    assert [item.title for item in minutes.items] == TITLES
    assert "un second constat" in minutes.items[0].discussion


def test_text_before_the_agenda_gives_the_title_and_date_or_is_reported():
    minutes = parse_minutes(
        seed_docx(before=["Réunion de la CZS du 21 avril 2017 à 9h30", "Présents : MEF Forest, MEF Uccle"])
    )
    assert minutes.title == "Réunion de la CZS du 21 avril 2017 à 9h30"
    assert minutes.start == brussels(2017, 4, 21, 9, 30)
    assert minutes.not_placed == ["Présents : MEF Forest, MEF Uccle"]


def test_script_in_the_text_stays_text():
    minutes = parse_minutes(seed_docx(extra_in_point_one=['<script>alert("x")</script> <b style="color:red">gras</b>']))
    html = minutes.items[0].discussion
    assert "&lt;script&gt;alert" in html
    assert "&lt;b style=&quot;color:red&quot;&gt;gras" in html or '&lt;b style="color:red"&gt;gras' in html
    assert "<script" not in html and not re.search(r"<[^>]*\sstyle=", html)


def test_a_table_is_reported_and_the_numbering_after_it_still_read():
    minutes = parse_minutes(seed_docx(word_numbering="restarted", table_rows=60))
    assert [item.title for item in minutes.items] == TITLES
    [line] = minutes.not_placed
    assert line.startswith("Tableau dans le point « Etat des lieux du Trajet emploi 2017 » : Activité 1 | Forest")
    assert "Activité 60 | Forest" in line and "Activité" not in minutes.items[1].discussion


def test_an_image_is_reported_not_embedded():
    minutes = parse_minutes(seed_docx(picture=True))
    assert "<img" not in minutes.items[0].discussion and "base64" not in minutes.items[0].discussion
    assert any("Image" in line and "Retour partner day" in line for line in minutes.not_placed)


def _zip(entries):
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in entries.items():
            archive.writestr(name, data)
    return buffer.getvalue()


def test_a_zip_bomb_and_a_dtd_are_refused_before_parsing():
    with pytest.raises(WordImportError, match="trop volumineux"):
        parse_minutes(_zip({"word/document.xml": b"<a/>", "word/media/big.bin": b"\0" * (31 * 1024 * 1024)}))
    dtd = '<!DOCTYPE a [<!ENTITY x "xx">]><a>&x;</a>'
    for encoding in ("utf-8", "utf-16"):
        with pytest.raises(WordImportError):
            parse_minutes(_zip({"word/document.xml": dtd.encode(encoding)}))
    with pytest.raises(WordImportError, match="trop complexe"):  # any part, not only the body
        parse_minutes(_zip({"word/document.xml": b"<a/>", "word/styles.xml": b"<a>" + b"<b/>" * 60_001 + b"</a>"}))


def _docx_with_body(body_xml):
    """A .docx whose body is ``body_xml`` (WordprocessingML paragraphs), for documents Word would not make."""
    buffer = io.BytesIO()
    docx.Document().save(buffer)
    source = zipfile.ZipFile(io.BytesIO(buffer.getvalue()))
    document_xml = source.read("word/document.xml").decode()
    at = document_xml.index("<w:body>") + len("<w:body>")
    entries = {info.filename: source.read(info) for info in source.infolist()}
    entries["word/document.xml"] = document_xml[:at] + body_xml + document_xml[at:]
    return _zip(entries)


RUN = "<w:r><w:rPr><w:b/></w:rPr><w:t>ab</w:t></w:r>"  # four elements


def test_the_worst_document_within_the_limits_is_read_in_a_few_seconds():
    runs = (MAX_XML_ELEMENTS - 1000) // 4
    data = _docx_with_body(f"<w:p>{RUN * (runs // 1000)}</w:p>" * 1000)
    begin = time.monotonic()
    parse_minutes(data)
    assert time.monotonic() - begin < 15  # about 3 s here; gunicorn's timeout is 30 s
    with pytest.raises(WordImportError, match="trop complexe"):
        parse_minutes(_docx_with_body(f"<w:p>{RUN * (runs // 1000 + 20)}</w:p>" * 1000))
    with pytest.raises(WordImportError, match="paragraphes"):
        parse_minutes(_docx_with_body("<w:p/>" * (MAX_PARAGRAPHS + 1)))


# --- The admin view --------------------------------------------------------------------------------------------


@pytest.fixture
def index(home):
    return MinutesIndexPageFactory(parent=home)


@pytest.fixture
def editor_client(client, index):
    client.force_login(UserFactory(username="ed", groups=["Editors"]))
    return client


def upload(client, data, name="pv.docx", start="2017-04-21 09:30"):
    payload = {"document": SimpleUploadedFile(name, data)}
    if start:
        payload["start"] = start
    return client.post(reverse("minutes_word_import"), payload)


def test_the_seed_becomes_a_draft_meeting_to_review(editor_client, index, client, partner):
    response = upload(editor_client, seed_docx(word_numbering="restarted"))
    page = MeetingPage.objects.get()
    assert response.status_code == 302 and response["Location"] == reverse("wagtailadmin_pages:edit", args=[page.pk])
    assert page.get_parent().specific == index and page.locale == index.locale
    assert not page.live and page.has_unpublished_changes
    assert Revision.page_revisions.filter(object_id=str(page.pk)).count() == 1
    assert page.title == "Réunion de la CZS du 21 avril 2017" and page.start == brussels(2017, 4, 21, 9, 30)
    assert [block.value["title"] for block in page.agenda] == TITLES
    assert "<ul>" in page.agenda[0].value["discussion"].source
    assert page.next_meeting_start == brussels(2017, 6, 16, 9, 30)
    assert page.next_meeting_place == "à la MEF de Forest ou de St-Gilles" and page.next_meeting_to_be_confirmed
    message = str(list(response.wsgi_request._messages)[0])
    assert "Brouillon" in message and "Tout le texte a été placé" in message
    assert "Prochaine réunion reconnue : 16 juin 2017, 09:30" in message
    assert editor_client.get(response["Location"]).status_code == 200  # the editor's form opens on the draft
    # A draft: nobody reads it on the site, partners included, nor finds it in the partners' space.
    address = f"/fr/espace-partenaires/{page.slug}/"
    client.logout()
    assert client.get(address).status_code in (302, 404)
    assert "Retour partner day" not in client.get(address, follow=True).content.decode()
    client.force_login(partner)
    assert client.get(address).status_code == 404
    assert index.specific.meetings_by_year() == []


def test_what_is_not_placed_is_kept_in_a_last_item_and_said(editor_client):
    response = upload(editor_client, seed_docx(before=["Présents : MEF Forest, MEF Uccle"], picture=True))
    page = MeetingPage.objects.get()
    last = page.agenda[-1].value
    assert last["title"] == NOT_PLACED_TITLE
    assert "Présents : MEF Forest, MEF Uccle" in last["discussion"].source
    assert "Image" in last["discussion"].source
    message = str(list(response.wsgi_request._messages)[0])
    assert "Non placé (2)" in message and "Présents : MEF Forest" in message


def _ole_doc():
    return b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 2048


@pytest.mark.parametrize(
    "data, expected",
    [
        (b"Ceci est un simple texte, pas un document Word.", "pas un document Word .docx lisible"),
        (_zip({"word/other.xml": b"<a/>", "[Content_Types].xml": b"<Types/>"}), "pas un document Word .docx lisible"),
        (seed_docx()[:3000], "pas un document Word .docx lisible"),
        (_ole_doc(), "ancien document Word (.doc)"),
    ],
    ids=["not-a-zip", "zip-without-document", "truncated", "doc-renamed"],
)
def test_a_malformed_file_is_a_form_error_and_creates_nothing(editor_client, data, expected):
    response = upload(editor_client, data)
    assert response.status_code == 200
    assert expected in " ".join(response.context["form"].errors["document"])
    assert not MeetingPage.objects.exists()
    assert not Revision.page_revisions.exists()


def test_an_oversize_file_is_refused(editor_client, settings):
    settings.MINUTES_WORD_IMPORT_MAX_BYTES = 10_000
    response = upload(editor_client, seed_docx())
    assert response.status_code == 200
    assert "trop volumineux" in " ".join(response.context["form"].errors["document"])
    assert not MeetingPage.objects.exists()


def test_the_meeting_date_is_asked_when_the_document_has_none(editor_client):
    response = upload(editor_client, seed_docx(), start="")
    assert response.status_code == 200
    assert "date et l'heure" in " ".join(response.context["form"].errors["start"])
    assert not MeetingPage.objects.exists()


def test_a_failure_while_saving_leaves_nothing_half_written(editor_client, monkeypatch):
    def broken(*args, **kwargs):
        raise RuntimeError("base indisponible")

    monkeypatch.setattr(MeetingPage, "save_revision", broken)
    with pytest.raises(RuntimeError):
        upload(editor_client, seed_docx())
    assert not MeetingPage.objects.exists()


def test_a_user_who_may_not_add_a_meeting_is_refused(client, index, agenda):
    """An editor of the agenda only: the view says why; an admin user without any page permission (an
    organiser) never reaches it (the project's narrow-role 403)."""
    group = Group.objects.create(name="Agenda seulement")
    group.permissions.add(Permission.objects.get(codename="access_admin"))
    for codename in ("add_page", "change_page"):
        GroupPagePermission.objects.create(
            group=group, page=agenda, permission=Permission.objects.get(codename=codename)
        )
    client.force_login(UserFactory(username="agenda-editor", groups=["Agenda seulement"]))
    for response in (client.get(reverse("minutes_word_import")), upload(client, seed_docx())):
        assert response.status_code == 302 and response["Location"] == reverse("wagtailadmin_home")
        assert "droit d'ajouter une réunion" in str(list(response.wsgi_request._messages)[-1])
    organiser = UserFactory(username="organiser")
    organiser.user_permissions.add(Permission.objects.get(codename="access_admin"))
    client.force_login(organiser)
    assert upload(client, seed_docx()).status_code == 403
    assert not MeetingPage.objects.exists()


def test_the_form_and_the_button_are_offered_to_editors(editor_client, index):
    response = editor_client.get(reverse("minutes_word_import"))
    assert response.status_code == 200
    assert 'accept=".docx"' in response.content.decode()
    listing = editor_client.get(reverse("wagtailadmin_explore", args=[index.pk])).content.decode()
    assert reverse("minutes_word_import") + f"?index={index.pk}" in listing


def test_markup_typed_in_the_document_reaches_the_draft_as_text(editor_client):
    attempt = '<script>alert("x")</script><img src=x onerror=alert(1)>'
    upload(editor_client, seed_docx(before=[f"Réunion de la CZS {attempt}"], extra_in_point_one=[attempt]))
    page = MeetingPage.objects.get()
    assert page.title == f"Réunion de la CZS {attempt}"  # plain text, escaped wherever it is shown
    discussion = page.agenda[0].value["discussion"].source
    assert "&lt;script&gt;" in discussion and "<script" not in discussion and "<img" not in discussion
