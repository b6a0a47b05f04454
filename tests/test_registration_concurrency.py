"""N people submit the form for the last places at the same moment, against a running server.

Runs on the suite's database: SQLite (a file test database, writers serialised by BEGIN IMMEDIATE) or
PostgreSQL (SELECT ... FOR UPDATE on the page row), whichever DATABASE_URL names.
"""

import re
import threading

import pytest
import requests
from django.test import override_settings

from registrations.allocation import register
from registrations.models import Registration

from .factories import TrajetPageFactory, open_event

CAPACITY = 5
ALREADY = 2  # places taken before the rush
RUSH = 10


def submit(base_url, path, index, barrier, results):
    session = requests.Session()
    page = session.get(base_url + path, timeout=30)
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page.text).group(1)
    barrier.wait(timeout=30)
    response = session.post(
        base_url + path,
        data={
            "csrfmiddlewaretoken": token,
            "name": f"Personne {index}",
            "email": f"rush{index}@example.org",
            "consent": "on",
            "homepage": "",
        },
        headers={"Referer": base_url + path},
        allow_redirects=False,
        timeout=60,
    )
    results[index] = response.status_code


@pytest.mark.django_db(transaction=True, serialized_rollback=True)  # keep the migrations' data (root page, communes)
@override_settings(REGISTRATION_RATE_LIMIT=(1000, 600))
def test_simultaneous_submissions_never_exceed_capacity(live_server, agenda):
    trajet = TrajetPageFactory(parent=agenda)
    page = open_event(trajet, capacity=CAPACITY)
    for i in range(ALREADY):
        register(page, name=f"Avant {i}", email=f"before{i}@example.org")

    barrier = threading.Barrier(RUSH)
    results = {}
    threads = [
        threading.Thread(target=submit, args=(live_server.url, page.url, i, barrier, results)) for i in range(RUSH)
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)

    assert sorted(results) == list(range(RUSH))
    assert set(results.values()) == {302}, results  # every one accepted: no 500, no lock error
    rows = list(Registration.objects.filter(page=page).order_by("created_at", "pk"))
    assert len(rows) == ALREADY + RUSH
    assert len({row.email for row in rows}) == len(rows)  # no duplicate
    confirmed = [row for row in rows if row.status == "confirmed"]
    waiting = [row for row in rows if row.status == "waiting"]
    assert len(confirmed) == CAPACITY
    assert len(waiting) == ALREADY + RUSH - CAPACITY
    # Order of arrival: every confirmed person arrived before every waiting one, and positions follow it.
    assert max(r.created_at for r in confirmed) <= min(r.created_at for r in waiting)
    assert [r.waiting_position for r in waiting] == list(range(1, len(waiting) + 1))
    assert page.places_left == 0
