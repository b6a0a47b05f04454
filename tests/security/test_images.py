"""Image files are public: an image can never be put into a restricted collection (the partners' "Procès-verbaux"),
neither by the upload and edit forms nor by the bulk "add to collection"; the check command lists any that got
there all the same, and the API never lists them to visitors."""

import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import CommandError, call_command
from django.test import Client
from wagtail.images import get_image_model
from wagtail.images.tests.utils import get_test_image_file
from wagtail.models import Collection

from minutes.models import MINUTES_COLLECTION_NAME, minutes_collection

Image = get_image_model()
REFUSAL = "Les images sont publiques : elles ne peuvent pas être rangées dans la collection à accès restreint"


def upload(name="photo.png"):
    return SimpleUploadedFile(name, get_test_image_file().file.getvalue(), content_type="image/png")


@pytest.fixture
def media(settings, tmp_path):
    settings.MEDIA_ROOT = str(tmp_path)


@pytest.fixture
def admin_client(superuser):
    client = Client()
    client.force_login(superuser)
    return client


@pytest.fixture
def partners(db):
    return minutes_collection()


def test_the_upload_form_refuses_the_partners_collection(admin_client, partners, media):
    response = admin_client.post(
        "/admin/images/add/",
        {"title": "Photo du comité", "file": upload(), "collection": partners.pk},
    )
    assert response.status_code == 200
    assert REFUSAL in response.content.decode()
    assert list(response.context["form"].errors) == ["collection"]
    assert not Image.objects.filter(title="Photo du comité").exists()

    response = admin_client.post(
        "/admin/images/add/",
        {"title": "Photo publique", "file": upload(), "collection": Collection.get_first_root_node().pk},
    )
    assert response.status_code == 302, response.context["form"].errors
    assert Image.objects.get(title="Photo publique").collection.depth == 1


def test_the_edit_form_and_the_bulk_action_refuse_it_too(admin_client, partners, media):
    image = Image.objects.create(title="Logo", file=get_test_image_file(), collection=Collection.get_first_root_node())
    response = admin_client.post(f"/admin/images/{image.pk}/", {"title": "Logo", "collection": partners.pk, "tags": ""})
    assert response.status_code == 200 and REFUSAL in response.content.decode()

    response = admin_client.post(
        f"/admin/bulk/wagtailimages/image/add_to_collection/?id={image.pk}&next=/admin/images/",
        {"collection": partners.pk},
        follow=True,
    )
    assert REFUSAL in response.content.decode()
    image.refresh_from_db()
    assert image.collection.depth == 1


def test_an_image_in_a_restricted_collection_is_listed_by_the_check_and_hidden_from_the_api(partners, media):
    image = Image.objects.create(title="Photo privée", file=get_test_image_file(), collection=partners)
    output = io.StringIO()
    with pytest.raises(CommandError):
        call_command("check_restricted_documents", stdout=output)
    assert f"image #{image.pk} « Photo privée » – collection « {MINUTES_COLLECTION_NAME} » (restreinte)" in (
        output.getvalue()
    )
    items = Client().get("/api/v2/images/").json()["items"]
    assert image.pk not in [item["id"] for item in items]
