"""Media: images and renditions public, documents private and served only through /documents/ (privacy
checked), on the app server's disk and on object storage (moto's S3 server)."""

import io
import urllib.error
import urllib.request

import pytest
from django.conf import settings
from django.contrib.auth.models import Group
from django.core.files.base import ContentFile
from django.core.files.images import ImageFile
from django.test import override_settings
from PIL import Image as PILImage
from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.models import Collection, CollectionViewRestriction


def png(name="photo.png"):
    buffer = io.BytesIO()
    PILImage.new("RGB", (64, 48), "teal").save(buffer, "PNG")
    return ImageFile(io.BytesIO(buffer.getvalue()), name=name)


def restricted_collection():
    collection = Collection.get_first_root_node().add_child(name="Procès-verbaux")
    restriction = CollectionViewRestriction.objects.create(
        collection=collection, restriction_type=CollectionViewRestriction.GROUPS
    )
    restriction.groups.add(Group.objects.get(name=settings.PARTNERS_GROUP_NAME))
    return collection


def fetch(url):
    """Anonymous GET outside Django (a browser, a CDN): ``(status, body)``."""
    try:
        with urllib.request.urlopen(url, timeout=10) as response:
            return response.status, response.read()
    except urllib.error.HTTPError as error:
        return error.code, b""


# -- on the app server's disk ----------------------------------------------------------------------------------


@pytest.fixture
def local_media(tmp_path, settings):
    settings.MEDIA_ROOT = tmp_path
    settings.MEDIA_SERVED_BY_APP = True
    return tmp_path


@pytest.mark.django_db
def test_images_and_renditions_are_served_by_the_app(client, local_media):
    image = get_image_model().objects.create(title="Photo", file=png())
    rendition = image.get_rendition("width-32")
    for url in (image.file.url, rendition.url):
        assert url.startswith("/media/")
        response = client.get(url)
        assert response.status_code == 200, url
        assert response["Content-Type"] == "image/png"
        assert "public" in response["Cache-Control"]
        assert b"".join(response.streaming_content).startswith(b"\x89PNG")


@pytest.mark.django_db
def test_documents_are_never_served_from_media(client, local_media, partner):
    document = get_document_model().objects.create(
        title="Annexe", file=ContentFile(b"confidential", name="annexe.txt"), collection=restricted_collection()
    )
    assert document.file.name.startswith("documents/")
    (local_media / "secret.txt").write_text("x")
    for url in (
        f"/media/{document.file.name}",
        "/media/secret.txt",
        f"/media/images/../{document.file.name}",
        f"/media/original_images/../{document.file.name}",
        "/media/images/%2e%2e/documents/annexe.txt",
    ):
        assert client.get(url).status_code == 404, url
    # The document's own door checks the collection's restriction.
    assert client.get(document.url).status_code == 302
    client.force_login(partner)
    assert client.get(f"/media/{document.file.name}").status_code == 404
    response = client.get(document.url)
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == b"confidential"


@pytest.mark.django_db
def test_debug_serves_no_document_either(client, local_media):
    """`make run` (DEBUG) used to serve all of MEDIA_ROOT; documents stay behind /documents/."""
    document = get_document_model().objects.create(title="Annexe", file=ContentFile(b"x", name="annexe.txt"))
    from django.urls import clear_url_caches

    with override_settings(DEBUG=True):
        clear_url_caches()
        import importlib

        import trajet_emploi.urls

        importlib.reload(trajet_emploi.urls)
        try:
            assert client.get(f"/media/{document.file.name}").status_code == 404
        finally:
            clear_url_caches()
    importlib.reload(trajet_emploi.urls)
    clear_url_caches()


# -- on object storage -------------------------------------------------------------------------------------------


@pytest.mark.django_db
def test_images_and_renditions_are_public_on_the_bucket(client, s3_bucket, s3_server):
    bucket, overrides, s3 = s3_bucket
    with override_settings(**overrides):
        image = get_image_model().objects.create(title="Photo", file=png())
        rendition = image.get_rendition("width-32")
        keys = {item["Key"] for item in s3.list_objects_v2(Bucket=bucket)["Contents"]}
        assert image.file.name in keys and rendition.file.name in keys
        for url in (image.file.url, rendition.url):
            assert url.startswith(f"{s3_server['endpoint']}/{bucket}/"), url
            assert "Signature" not in url and "X-Amz" not in url
            status, body = fetch(url)
            assert status == 200 and body.startswith(b"\x89PNG")
        # Nothing under /media/ on the app: images are linked on the bucket.
        assert client.get(f"/media/{image.file.name}").status_code == 404


@pytest.mark.django_db
def test_documents_are_private_on_the_bucket_and_served_through_wagtail(client, s3_bucket, s3_server, partner):
    bucket, overrides, s3 = s3_bucket
    with override_settings(**overrides):
        document = get_document_model().objects.create(
            title="Annexe", file=ContentFile(b"confidential", name="annexe.txt"), collection=restricted_collection()
        )
        name = document.file.name
        assert name.startswith("documents/")
        # No public bucket URL: the object is private, its only URL a short-lived signed one.
        assert fetch(f"{s3_server['endpoint']}/{bucket}/{name}")[0] == 403
        assert "Signature" in document.file.url or "X-Amz-Signature" in document.file.url
        grants = s3.get_object_acl(Bucket=bucket, Key=name)["Grants"]
        assert not any(grant["Grantee"].get("URI", "").endswith("AllUsers") for grant in grants)
        # Links point at Wagtail's view, which checks the restriction, then streams from the bucket.
        assert document.url.startswith("/documents/")
        assert client.get(document.url).status_code == 302
        client.force_login(partner)
        response = client.get(document.url)
        assert response.status_code == 200
        assert b"".join(response.streaming_content) == b"confidential"
