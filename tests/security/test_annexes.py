"""A meeting's annexes always live in the partners' collection ("Procès-verbaux"); a check command lists the
documents linked from restricted pages that sit in a public collection."""

import io

import pytest
from django.core.files.base import ContentFile
from django.core.management import CommandError, call_command
from django.test import Client
from wagtail.documents.models import Document
from wagtail.models import Collection, Page
from wagtail.test.utils.form_data import inline_formset, nested_form_data, rich_text, streamfield

from minutes.models import MINUTES_COLLECTION_NAME, MeetingAnnex


@pytest.fixture
def media(settings, tmp_path):
    settings.MEDIA_ROOT = str(tmp_path)


def root_document(title="Annexe 1 – budget"):
    """A PDF uploaded with the upload form's preselected collection: the root, public."""
    return Document.objects.create(
        title=title,
        file=ContentFile(b"%PDF-1.4 annexe", name="annexe.pdf"),
        collection=Collection.get_first_root_node(),
    )


def is_private(document):
    document.refresh_from_db()
    return document.collection.get_view_restrictions().exists()


def test_an_annex_made_in_code_moves_its_document_to_the_partners_collection(site_pages, media):
    document = root_document()
    MeetingAnnex.objects.create(page=site_pages["meeting"], document=document)
    document.refresh_from_db()
    assert document.collection.name == MINUTES_COLLECTION_NAME
    assert is_private(document)
    anonymous = Client()
    assert anonymous.get(document.url).status_code != 200
    assert str(document.pk) not in [str(item["id"]) for item in anonymous.get("/api/v2/documents/").json()["items"]]


def test_an_annex_chosen_in_the_admin_is_moved_on_save_before_publishing(site_pages, superuser, media):
    meeting = site_pages["meeting"]
    document = root_document()
    client = Client()
    client.force_login(superuser)
    data = nested_form_data(
        {
            "title": meeting.title,
            "slug": meeting.slug,
            "committee": "CZS – zone sud",
            "start": "2017-04-18 09:30",
            "venue": "",
            "organisations_present": inline_formset([]),
            "agenda": streamfield([]),
            "annexes": inline_formset([{"document": document.pk, "title": ""}]),
            "next_meeting_start": "",
            "next_meeting_place": "",
            "next_meeting_agenda": rich_text(""),
        }
    )
    response = client.post(f"/admin/pages/{meeting.pk}/edit/", data)  # "Save draft"
    assert response.status_code == 302
    assert is_private(document)


def test_check_command_lists_and_moves_exposed_documents(site_pages, media):
    meeting = site_pages["meeting"]
    annex = root_document("Annexe liée")
    MeetingAnnex.objects.create(page=meeting, document=annex)
    linked = root_document("Document lié dans le texte")
    meeting = Page.objects.get(pk=meeting.pk).specific
    meeting.next_meeting_agenda = f'<p><a linktype="document" id="{linked.pk}">programme</a></p>'
    meeting.save()
    public = root_document("Document public")  # linked from nowhere restricted: not listed
    Document.objects.filter(pk=annex.pk).update(collection=Collection.get_first_root_node())  # moved back by hand

    output = io.StringIO()
    with pytest.raises(CommandError, match="2 document"):
        call_command("check_restricted_documents", stdout=output)
    listing = output.getvalue()
    assert "Annexe liée" in listing and "Document lié dans le texte" in listing
    assert "Réunion secrète du comité" in listing
    assert "Document public" not in listing

    call_command("check_restricted_documents", move_to=MINUTES_COLLECTION_NAME, stdout=io.StringIO())
    assert is_private(annex) and is_private(linked) and not is_private(public)
    output = io.StringIO()
    call_command("check_restricted_documents", stdout=output)
    assert "Aucun document" in output.getvalue()
