"""Registrations in the Wagtail admin (listing, filters, search, CSV/XLSX export, actions) and the purge."""

import datetime as dt
import io

import openpyxl
import pytest
from django.core.management import call_command
from django.utils import timezone

from registrations.allocation import register
from registrations.management.commands.purge_registrations import purge
from registrations.models import Registration

from .factories import TrajetPageFactory, UserFactory, brussels, open_event

INDEX = "/admin/events/registrations/"


@pytest.fixture
def admin_client(client, db):
    user = UserFactory(username="admin", is_superuser=True, is_staff=True)
    client.force_login(user)
    return client


@pytest.fixture
def pages(agenda):
    trajet = TrajetPageFactory(parent=agenda)
    full = open_event(trajet, capacity=2, title="Atelier complet", start=brussels(2099, 3, 26, 9, 30))
    other = open_event(trajet, capacity=5, title="Autre atelier")
    for name in ["Amina", "Bert", "Chloé"]:
        register(full, name=name, email=f"{name.lower()}@example.org")
    register(other, name="Dirk", email="dirk@example.org")
    return full, other


def test_listing_filters_by_event_and_status_and_searches(admin_client, pages, django_assert_max_num_queries):
    full, other = pages
    with django_assert_max_num_queries(40):
        response = admin_client.get(INDEX)
    assert response.status_code == 200
    for name in ["Amina", "Bert", "Chloé", "Dirk"]:
        assert name in response.text
    response = admin_client.get(INDEX, {"page": full.pk, "status": "waiting"})
    assert "Chloé" in response.text and "Amina" not in response.text and "Dirk" not in response.text
    response = admin_client.get(INDEX, {"q": "dirk@"})
    assert "Dirk" in response.text and "Amina" not in response.text


def test_export_csv_and_xlsx_in_brussels_time(admin_client, pages):
    full, _ = pages
    response = admin_client.get(INDEX, {"page": full.pk, "export": "csv"})
    assert response.status_code == 200
    raw = b"".join(response.streaming_content) if response.streaming else response.content
    assert raw.startswith(b"\xef\xbb\xbf")  # UTF-8 BOM: Excel reads the accents right
    text = raw.decode("utf-8-sig")
    lines = text.strip().splitlines()
    assert lines[0].startswith("Activité,Début (heure de Bruxelles),Nom,E-mail")
    assert "Position en liste d'attente" in lines[0]
    assert any(
        line.startswith("Atelier complet,") and ",Chloé," in line and ",liste d'attente,1," in line for line in lines
    )
    assert len(lines) == 4
    assert "Atelier complet,2099-03-26 09:30,Amina,amina@example.org" in text
    assert "liste d'attente" in text
    response = admin_client.get(INDEX, {"page": full.pk, "export": "xlsx"})
    sheet = openpyxl.load_workbook(
        io.BytesIO(b"".join(response.streaming_content) if response.streaming else response.content)
    ).active
    rows = list(sheet.values)
    assert rows[0][:3] == ("Activité", "Début (heure de Bruxelles)", "Nom")
    assert rows[1][1] == dt.datetime(2099, 3, 26, 9, 30)
    assert {row[2] for row in rows[1:]} == {"Amina", "Bert", "Chloé"}


def test_cancel_action_promotes_and_confirm_action_respects_capacity(admin_client, pages):
    full, _ = pages
    amina, bert, chloe = Registration.objects.filter(page=full).order_by("created_at")
    assert admin_client.get(f"{INDEX}{amina.pk}/cancel/").status_code == 200
    response = admin_client.post(f"{INDEX}{chloe.pk}/confirm/", follow=True)
    assert "L&#x27;activité est complète" in response.text
    response = admin_client.post(f"{INDEX}{amina.pk}/cancel/", follow=True)
    assert "Chloé passe de la liste d&#x27;attente aux confirmés." in response.text
    chloe.refresh_from_db()
    assert chloe.status == "confirmed"


def test_editor_adds_someone_through_allocation(admin_client, pages):
    full, _ = pages
    response = admin_client.post(
        f"{INDEX}new/", {"page": full.pk, "name": "Eva", "email": "eva@example.org", "phone": "", "language": "fr"}
    )
    assert response.status_code == 302
    assert Registration.objects.get(email="eva@example.org").status == "waiting"  # full: no bypass
    response = admin_client.post(
        f"{INDEX}new/", {"page": full.pk, "name": "Eva", "email": "eva@example.org", "phone": "", "language": "fr"}
    )
    assert "Cette adresse e-mail est déjà inscrite" in response.text


def test_actions_need_permission(client, pages):
    full, _ = pages
    user = UserFactory(username="someone", groups=["Organisateurs"])
    client.force_login(user)
    registration = Registration.objects.filter(page=full).first()
    assert client.post(f"{INDEX}{registration.pk}/cancel/").status_code in (302, 403)
    registration.refresh_from_db()
    assert registration.status == "confirmed"


def test_purge_erases_personal_data_of_old_events_and_keeps_counts(agenda):
    trajet = TrajetPageFactory(parent=agenda)
    old = open_event(trajet, capacity=1, start=timezone.now() - dt.timedelta(days=100), registration_open=False)
    recent = open_event(trajet, capacity=1, start=timezone.now() - dt.timedelta(days=10))
    for page in (old, recent):
        register(page, name="A", email="a@example.org", phone="02 123 45 67", check_open=False)
        register(page, name="B", email="b@example.org", check_open=False)
    out = io.StringIO()
    call_command("purge_registrations", stdout=out)
    assert "2 inscription(s) anonymisée(s)" in out.getvalue()
    erased = Registration.objects.filter(page=old)
    assert set(erased.values_list("name", "email", "phone")) == {("", "", "")}
    assert sorted(erased.values_list("status", flat=True)) == ["confirmed", "waiting"]
    assert set(Registration.objects.filter(page=recent).values_list("name", flat=True)) == {"A", "B"}
    assert purge(5) == 2  # --older-than 5 reaches the recent one; the old ones are not counted twice
    call_command("purge_registrations", "--older-than", "1", stdout=io.StringIO())
    assert Registration.objects.exclude(name="").count() == 0


def test_csv_export_neutralises_formulas(admin_client, pages):
    full, _ = pages
    register(full, name='=HYPERLINK("http://evil.example","x")', email="eve@example.org")
    response = admin_client.get(INDEX, {"page": full.pk, "export": "csv"})
    text = b"".join(response.streaming_content).decode() if response.streaming else response.content.decode()
    assert "'=HYPERLINK(" in text
    assert ",=HYPERLINK(" not in text and ',"=HYPERLINK(' not in text
