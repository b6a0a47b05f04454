"""An admin page edit POST that lacks a StreamField's ``-count`` (or has a bad one) is a form error, not a 500."""

import pytest
from django.test import Client
from wagtail.test.utils.form_data import inline_formset, nested_form_data, rich_text, streamfield

from minutes.models import MeetingPage


def meeting_form(**overrides):
    data = {
        "title": "Réunion du comité",
        "slug": "reunion-du-comite",
        "committee": "CZS – zone sud",
        "start": "2017-04-18 09:30",
        "venue": "",
        "organisations_present": inline_formset([]),
        "agenda": streamfield([]),
        "annexes": inline_formset([]),
        "next_meeting_start": "",
        "next_meeting_place": "",
        "next_meeting_agenda": rich_text(""),
    }
    data.update(overrides)
    return nested_form_data(data)


@pytest.fixture
def admin(superuser):
    client = Client(raise_request_exception=False)
    client.force_login(superuser)
    return client


def edit_url(page):
    return f"/admin/pages/{page.pk}/edit/"


@pytest.mark.django_db
def test_complete_form_saves(admin, site_pages):
    meeting = site_pages["meeting"]
    response = admin.post(edit_url(meeting), meeting_form(title="Réunion modifiée"))
    assert response.status_code == 302
    assert MeetingPage.objects.get(pk=meeting.pk).get_latest_revision_as_object().title == "Réunion modifiée"


@pytest.mark.django_db
@pytest.mark.parametrize("tamper", ["missing", "not a number", "missing block type"])
def test_tampered_streamfield_count_is_a_form_error(admin, site_pages, tamper):
    meeting = site_pages["meeting"]
    data = meeting_form(title="Réunion modifiée")
    if tamper == "missing":
        del data["agenda-count"]
    elif tamper == "not a number":
        data["agenda-count"] = "abc"
    else:
        data["agenda-count"] = "1"
    response = admin.post(edit_url(meeting), data)
    assert response.status_code == 200
    assert "rechargez la page et recommencez" in response.text
    assert MeetingPage.objects.get(pk=meeting.pk).get_latest_revision_as_object().title != "Réunion modifiée"
