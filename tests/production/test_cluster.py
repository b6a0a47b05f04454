"""The production shape, proven on this machine: two app servers (gunicorn, production settings, 2 workers
each) behind nginx, on PostgreSQL, Redis and a local S3 endpoint, plus the task worker (``scripts/cluster.py``).

Runs with ``RUN_CLUSTER_TESTS=1`` (``make cluster-test``, CI); changes are made through node A's admin, and
every next anonymous request answered by node B or through nginx (any worker) must show them."""

import io
import json
import os
import signal
import statistics
import sys
import time
from concurrent.futures import ThreadPoolExecutor
from threading import Barrier

import psycopg
import pytest
from PIL import Image as PILImage

from .webclient import CSRF_INPUT, Client

pytestmark = pytest.mark.cluster
LANGUAGES = ("fr", "nl", "en")

SETUP = """
import json
from django.contrib.auth.models import Group
from wagtail.models import Collection, Page
from events.models import EventPage
result = {"group": Group.objects.get(name="Partenaires").pk,
          "collection": Collection.objects.get(name="Procès-verbaux").pk}
for key, title, capacity in (("crowd", "Create your job", 50), ("limited", "Apprendre le néerlandais autrement", 100)):
    page = EventPage.objects.get(locale__language_code="fr", title=title)
    page.capacity, page.registration_open, page.registration_deadline = capacity, True, None
    page.save_revision().publish()
    result[key] = page.pk
job_day = EventPage.objects.get(locale__language_code="fr", title="Job Day")
result["job_day"] = job_day.pk
result["job_day_paths"] = {
    page.locale.language_code: "/" + page.locale.language_code + "/" + page.url_path.split("/", 2)[2]
    for page in Page.objects.filter(translation_key=job_day.translation_key).select_related("locale")
}
result["crowd_path"] = EventPage.objects.get(pk=result["crowd"]).url_path.split("/", 2)[2]
result["limited_path"] = EventPage.objects.get(pk=result["limited"]).url_path.split("/", 2)[2]
print(json.dumps(result))
"""


@pytest.fixture(scope="module")
def site(cluster):
    output = cluster.manage("shell", "--no-imports", "-c", SETUP)
    facts = json.loads(output.strip().splitlines()[-1])
    facts["crowd_path"] = "/fr/" + facts["crowd_path"]
    facts["limited_path"] = "/fr/" + facts["limited_path"]
    return facts


@pytest.fixture(scope="module")
def db(cluster):
    connection = psycopg.connect(cluster.env["DATABASE_URL"], autocommit=True)
    yield connection
    connection.close()


@pytest.fixture(scope="module")
def admin_a(cluster):
    client = Client(cluster.urls["node_a"])
    client.admin_login("admin", cluster.demo_password)
    return client


def admin_post(client, path, data=None):
    token = client.csrf_token(path)
    response = client.post(path, {"csrfmiddlewaretoken": token, **(data or {})})
    assert response.status in (200, 302), (path, response.status, response.text[:1000])
    return response


def anonymous_views(cluster, paths, count=100):
    """``count`` anonymous GETs right now, spread over node B and nginx (so over every worker of both nodes)
    and over ``paths`` (cycled); 4 at a time. :returns: the responses."""
    targets = [(cluster.urls["node_b"], path) for path in paths] + [(cluster.urls["nginx"], path) for path in paths]
    jobs = [targets[i % len(targets)] for i in range(count)]
    with ThreadPoolExecutor(4) as pool:
        return list(pool.map(lambda job: Client(job[0]).get(job[1]), jobs))


def warm(cluster):
    for base in (cluster.urls["node_a"], cluster.urls["node_b"], cluster.urls["nginx"]):
        for language in LANGUAGES:
            for _ in range(3):
                assert Client(base).get(f"/{language}/agenda/").status == 200


def listed(responses, site):
    """How many responses list Job Day (a link to it in the response's language)."""
    count = 0
    for response in responses:
        assert response.status == 200, response.status
        language = response.header("content-language")
        if f'href="{site["job_day_paths"][language]}"' in response.text:
            count += 1
    return count


AGENDAS = [f"/{language}/agenda/" for language in LANGUAGES]


def test_unpublish_publish_restrict_through_node_a_show_at_once_everywhere(cluster, site, admin_a):
    job_day = site["job_day"]
    warm(cluster)
    assert listed(anonymous_views(cluster, AGENDAS, 12), site) == 12

    admin_post(admin_a, f"/admin/pages/{job_day}/unpublish/")
    assert listed(anonymous_views(cluster, AGENDAS), site) == 0  # 100 requests, 0 stale

    warm(cluster)
    admin_post(admin_a, f"/admin/bulk/wagtailcore/page/publish/?id={job_day}")
    assert listed(anonymous_views(cluster, AGENDAS), site) == 100

    warm(cluster)
    admin_post(admin_a, f"/admin/pages/{job_day}/privacy/", {"restriction_type": "groups", "groups": site["group"]})
    assert listed(anonymous_views(cluster, AGENDAS), site) == 0
    # The page itself, in every language, is refused to anonymous visitors (login), on both nodes.
    pages = anonymous_views(cluster, list(site["job_day_paths"].values()), 30)
    assert {response.status for response in pages} == {302}
    assert all("/accounts/login/" in response.header("location") for response in pages)
    assert all("public" not in response.header("cache-control") for response in pages)


def registration_form(cluster, path):
    """The CSRF cookie and token of an anonymous visitor's registration form."""
    visitor = Client(cluster.urls["nginx"])
    response = visitor.get(path)
    assert response.status == 200 and 'name="email"' in response.text, response.status
    return visitor.cookies, CSRF_INPUT.search(response.text).group(1)


def register(cluster, path, cookies, token, email, source):
    client = Client(cluster.urls["nginx"], source=source)
    client.cookies = dict(cookies)
    data = {
        "csrfmiddlewaretoken": token,
        "name": "Personne Test",
        "email": email,
        "phone": "",
        "consent": "on",
        "homepage": "",
    }
    return client.post(path, data)


def test_200_simultaneous_registrations_for_50_places_over_both_nodes(cluster, site, db):
    from registrations.models import Registration

    path = site["crowd_path"]
    cookies, token = registration_form(cluster, path)
    barrier = Barrier(200)

    def one(index):
        barrier.wait()
        # One address per person (127.0.2.x / 127.0.3.x on loopback): the rate limit is per address.
        source = f"127.0.{2 + index // 200}.{1 + index % 200}"
        response = register(cluster, path, cookies, token, f"personne{index}@example.org", source)
        return index, response

    with ThreadPoolExecutor(200) as pool:
        results = list(pool.map(one, range(200)))
    statuses = [response.status for _, response in results]
    errors = [status for status in statuses if status != 302]
    latencies = sorted(response.seconds for _, response in results)
    p99 = latencies[int(len(latencies) * 0.99) - 1]
    print(
        f"\n200 registrations: median {statistics.median(latencies):.2f} s, p99 {p99:.2f} s, "
        f"max {latencies[-1]:.2f} s; nodes {sorted({r.header('x-upstream') for _, r in results})}"
    )
    assert errors == []
    assert len({response.header("x-upstream") for _, response in results}) == 2  # both nodes took some

    table = Registration._meta.db_table
    rows = db.execute(
        f"SELECT status, created_at FROM {table} WHERE page_id = %s ORDER BY created_at, id", [site["crowd"]]
    ).fetchall()
    by_status = {}
    for status, _ in rows:
        by_status[status] = by_status.get(status, 0) + 1
    assert by_status == {"confirmed": 50, "waiting": 150}
    # Confirmed are the 50 first to arrive; the waiting list follows the order of arrival.
    assert [status for status, _ in rows] == ["confirmed"] * 50 + ["waiting"] * 150


def test_rate_limit_holds_across_nodes(cluster, site):
    path = site["limited_path"]
    cookies, token = registration_form(cluster, path)
    responses = [register(cluster, path, cookies, token, f"bot{i}@example.org", "127.0.9.9") for i in range(10)]
    assert [r.status for r in responses] == [302] * 5 + [429] * 5
    assert len({r.header("x-upstream") for r in responses}) == 2  # both nodes counted in the one limit


def png_bytes():
    buffer = io.BytesIO()
    PILImage.new("RGB", (120, 80), "orange").save(buffer, "PNG")
    return buffer.getvalue()


def test_image_uploaded_through_node_a_is_served_through_node_b(cluster, admin_a, db):
    content = png_bytes()
    token = admin_a.csrf_token("/admin/images/add/")
    response = admin_a.request(
        "POST",
        "/admin/images/add/",
        data={"csrfmiddlewaretoken": token, "title": "Photo du cluster", "collection": "1", "tags": ""},
        files={"file": ("cluster.png", content, "image/png")},
    )
    assert response.status == 302, response.text[:2000]
    image_id = db.execute("SELECT id FROM wagtailimages_image WHERE title = 'Photo du cluster'").fetchone()[0]
    detail = Client(cluster.urls["node_b"]).get(f"/api/v2/images/{image_id}/")
    assert detail.status == 200
    url = json.loads(detail.body)["meta"]["download_url"]
    assert url.startswith(cluster.urls["s3"] + "/"), url  # linked on the bucket, public
    served = Client(cluster.urls["s3"]).get(url.removeprefix(cluster.urls["s3"]))
    assert served.status == 200 and served.body == content
    # Nothing is served from the app servers' disks.
    name = url.split(f"/{cluster.bucket}/", 1)[1]
    assert Client(cluster.urls["node_b"]).get(f"/media/{name}").status == 404


def test_restricted_document_refused_on_both_nodes_and_served_to_a_partner(cluster, site, admin_a, db):
    token = admin_a.csrf_token("/admin/documents/add/")
    response = admin_a.request(
        "POST",
        "/admin/documents/add/",
        data={
            "csrfmiddlewaretoken": token,
            "title": "Annexe du cluster",
            "collection": str(site["collection"]),
            "tags": "",
        },
        files={"file": ("annexe-cluster.txt", b"Annexe confidentielle", "text/plain")},
    )
    assert response.status == 302, response.text[:2000]
    document_id, name = db.execute(
        "SELECT id, file FROM wagtaildocs_document WHERE title = 'Annexe du cluster'"
    ).fetchone()
    url = f"/documents/{document_id}/{name.rsplit('/', 1)[1]}"
    for base in (cluster.urls["node_a"], cluster.urls["node_b"], cluster.urls["nginx"]):
        refused = Client(base).get(url)
        assert refused.status == 302 and "login" in refused.header("location"), (base, refused.status)
        assert Client(base).get(f"/media/{name}").status == 404
    assert Client(cluster.urls["s3"]).get(f"/{cluster.bucket}/{name}").status == 403  # private on the bucket
    partner = Client(cluster.urls["node_b"])
    partner.site_login("partenaire", cluster.demo_password)
    served = partner.get(url)
    assert served.status == 200 and served.body == b"Annexe confidentielle"


def test_worker_sends_the_queue_then_stops_on_sigterm(cluster, db):
    from django_tasks_db.models import DBTaskResult

    table = DBTaskResult._meta.db_table
    deadline = time.monotonic() + 180
    while time.monotonic() < deadline:
        pending = db.execute(f"SELECT count(*) FROM {table} WHERE status IN ('READY', 'RUNNING')").fetchone()[0]
        if pending == 0:
            break
        time.sleep(2)
    assert pending == 0
    emails = dict(
        db.execute(
            f"SELECT status, count(*) FROM {table} WHERE task_path = 'registrations.tasks.send_registration_email' "
            "GROUP BY status"
        ).fetchall()
    )
    assert set(emails) == {"SUCCESSFUL"} and emails["SUCCESSFUL"] >= 200
    pid = cluster.pids.pop("worker")
    started = time.monotonic()
    os.kill(pid, signal.SIGTERM)
    while time.monotonic() - started < 30:
        try:
            if os.waitpid(pid, os.WNOHANG)[0]:
                break
        except ChildProcessError:
            try:
                os.kill(pid, 0)
            except ProcessLookupError:
                break
        time.sleep(0.1)
    else:
        os.kill(pid, signal.SIGKILL)
        pytest.fail("the worker did not stop within 30 s of SIGTERM")
    assert time.monotonic() - started < 5


def test_backup_restores(cluster, db, tmp_path):
    """pg_dump + a copy of the bucket, restored into a new database and a new bucket (README, "Backup and
    restore"): the same rows, images public again, documents private."""
    import subprocess

    import boto3

    dump = tmp_path / "trajet.dump"
    subprocess.run(
        ["pg_dump", "--format=custom", "--no-owner", f"--file={dump}", cluster.env["DATABASE_URL"]],
        check=True,
        timeout=300,
    )
    restored_db, restored_bucket = f"{cluster.database}_restored", f"{cluster.bucket}-restored"
    db.execute(f'CREATE DATABASE "{restored_db}"')
    try:
        restored_url = f"{cluster.postgres}/{restored_db}"
        subprocess.run(["pg_restore", "--no-owner", f"--dbname={restored_url}", str(dump)], check=True, timeout=300)
        s3 = boto3.client(
            "s3",
            endpoint_url=cluster.urls["s3"],
            aws_access_key_id="cluster",
            aws_secret_access_key="cluster",
            region_name="us-east-1",
        )
        s3.create_bucket(Bucket=restored_bucket)
        keys = [item["Key"] for item in s3.list_objects_v2(Bucket=cluster.bucket)["Contents"]]
        for key in keys:  # as `aws s3 sync` does: contents, not ACLs
            s3.copy_object(
                Bucket=restored_bucket, Key=key, CopySource={"Bucket": cluster.bucket, "Key": key}, ACL="private"
            )
        env = dict(cluster.env, DATABASE_URL=restored_url, AWS_STORAGE_BUCKET_NAME=restored_bucket)
        result = subprocess.run(
            [sys.executable, "manage.py", "restore_media_acls"],
            env=env,
            cwd=cluster_root(),
            capture_output=True,
            text=True,
            timeout=300,
        )
        assert result.returncode == 0, result.stderr
        with psycopg.connect(restored_url) as restored:
            for table in (
                "wagtailcore_page",
                "registrations_registration",
                "wagtailimages_image",
                "wagtaildocs_document",
            ):
                query = f"SELECT count(*) FROM {table}"
                assert restored.execute(query).fetchone() == db.execute(query).fetchone(), table
        anonymous = Client(cluster.urls["s3"])
        for key in keys:
            status = anonymous.get(f"/{restored_bucket}/{key}").status
            assert status == (200 if key.startswith(("original_images/", "images/")) else 403), key
        assert any(key.startswith("documents/") for key in keys) and any(
            key.startswith("original_images/") for key in keys
        )
    finally:
        db.execute(f'DROP DATABASE IF EXISTS "{restored_db}" WITH (FORCE)')


def cluster_root():
    from .helpers import ROOT

    return ROOT
