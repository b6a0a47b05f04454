"""Fixtures of the production tests: a local S3 endpoint (moto's server) on a loopback port."""

import os
import signal
import socket
import subprocess
import sys
import time
import urllib.request
import uuid

import pytest


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def wait_for_http(url, timeout=60, process=None):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process is not None and process.poll() is not None:
            raise RuntimeError(f"{url}: the process exited with {process.returncode}")
        try:
            urllib.request.urlopen(url, timeout=2)
            return
        except urllib.error.HTTPError:
            return  # it answers
        except OSError:
            time.sleep(0.3)
    raise TimeoutError(f"{url} did not answer within {timeout} s")


@pytest.fixture(scope="session")
def s3_server():
    """moto's S3 server on 127.0.0.1 (a port of its own), stopped by its PID at the end. Yields its settings."""
    port = free_port()
    process = subprocess.Popen(
        [sys.executable, "-m", "moto.server", "-H", "127.0.0.1", "-p", str(port)],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        endpoint = f"http://127.0.0.1:{port}"
        wait_for_http(endpoint + "/", process=process)
        yield {"endpoint": endpoint, "access_key": "testing", "secret_key": "testing", "region": "us-east-1"}
    finally:
        os.kill(process.pid, signal.SIGTERM)
        try:
            process.wait(10)
        except subprocess.TimeoutExpired:
            os.kill(process.pid, signal.SIGKILL)
            process.wait()


@pytest.fixture
def s3_bucket(s3_server):
    """A new bucket on the local S3 server; yields ``(name, settings overrides)`` for ``override_settings``."""
    import boto3

    name = f"media-{uuid.uuid4().hex[:12]}"
    client = boto3.client(
        "s3",
        endpoint_url=s3_server["endpoint"],
        aws_access_key_id=s3_server["access_key"],
        aws_secret_access_key=s3_server["secret_key"],
        region_name=s3_server["region"],
    )
    client.create_bucket(Bucket=name)
    overrides = {
        "STORAGES": {
            "default": {"BACKEND": "cms.storage.MediaStorage"},
            "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
        },
        "MEDIA_SERVED_BY_APP": False,
        "AWS_STORAGE_BUCKET_NAME": name,
        "AWS_S3_ENDPOINT_URL": s3_server["endpoint"],
        "AWS_S3_REGION_NAME": s3_server["region"],
        "AWS_S3_ADDRESSING_STYLE": "path",
        "AWS_ACCESS_KEY_ID": s3_server["access_key"],
        "AWS_SECRET_ACCESS_KEY": s3_server["secret_key"],
        "AWS_S3_FILE_OVERWRITE": False,
    }
    return name, overrides, client


def pytest_configure(config):
    config.addinivalue_line(
        "markers", "cluster: starts the production shape on loopback (scripts/cluster.py); RUN_CLUSTER_TESTS=1"
    )


@pytest.fixture(scope="module")
def cluster():
    """Two app servers behind nginx on PostgreSQL, Redis and moto, plus the worker (``scripts/cluster.py``),
    started for the module and stopped by PID at the end. Only with ``RUN_CLUSTER_TESTS=1`` (``make
    cluster-test``); ``CLUSTER_REUSE=1`` uses the cluster that ``scripts/cluster.py start`` left running."""
    if os.environ.get("RUN_CLUSTER_TESTS") != "1":
        pytest.skip("the cluster test runs with RUN_CLUSTER_TESTS=1 (make cluster-test)")
    import importlib.util
    from pathlib import Path

    path = Path(__file__).resolve().parent.parent.parent / "scripts" / "cluster.py"
    spec = importlib.util.spec_from_file_location("cluster_script", path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    if os.environ.get("CLUSTER_REUSE") == "1" and (module.STATE_DIR / "state.json").exists():
        yield module.Cluster.load()
        return
    started = time.monotonic()
    instance = module.Cluster().start()
    instance.start_seconds = time.monotonic() - started
    try:
        yield instance
    finally:
        instance.stop_seconds = instance.stop()
        print(f"\ncluster: started in {instance.start_seconds:.0f} s; stopped (s): {instance.stop_seconds}")
