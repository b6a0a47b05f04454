"""Values at the edges of what a database can store are refused cleanly, on every door (not a 500)."""

import json

import pytest

HUGE = "99999999999999999999"


@pytest.mark.parametrize(
    "url",
    ["/fr/agenda/", "/nl/agenda/", "/agenda/ical/", "/agenda/rss/", "/agenda/atom/", "/agenda/embed/"],
)
@pytest.mark.parametrize(
    "params", [{"to": "9999-12-31"}, {"from": "0001-01-01"}, {"from": "0001-01-01", "to": "0001-01-02"}]
)
def test_extreme_dates_do_not_break_the_agenda_or_its_outputs(client, demo_upcoming, url, params):
    response = client.get(url, params)
    assert response.status_code in (200, 400)
    if url.endswith("/agenda/") and url.startswith("/fr"):
        assert response.status_code == 200
        assert "Certains filtres n'ont pas été compris et sont ignorés" in response.text


def test_agenda_reports_an_out_of_range_date(client, demo_upcoming):
    response = client.get("/fr/agenda/", {"to": "9999-12-31"})
    assert "Jusqu&#x27;au" in response.text.split('class="form-errors"')[1].split("</div>")[0]
    assert "10 résultats" in response.text  # the filter is ignored, not guessed at


@pytest.mark.parametrize(
    "query",
    [
        {"to": "9999-12-31"},
        {"from": "0001-01-01"},
        {"type": "events.EventPage", "start": "0001-01-01T00:00:00"},
        {"type": "events.EventPage", "end": "0001-01-01"},
        {"first_published_at": "0001-01-01T00:00:00"},
        {"offset": "9223372036854775808"},
        {"offset": HUGE},
        {"limit": HUGE},
        {"type": "events.EventPage", "venue": HUGE},
        {"type": "events.VisitPage", "venue": HUGE},
        {"alias_of": HUGE},
    ],
)
def test_api_answers_400_with_json(client, demo_upcoming, query):
    response = client.get("/api/v2/pages/", query)
    assert response.status_code == 400
    assert "message" in json.loads(response.content)


@pytest.mark.parametrize("endpoint", ["images", "documents"])
def test_api_offset_bound_on_media(client, db, endpoint):
    response = client.get(f"/api/v2/{endpoint}/", {"offset": HUGE})
    assert response.status_code == 400


def test_huge_ics_id_is_a_404(client, demo_upcoming):
    assert client.get(f"/agenda/ical/{HUGE}.ics").status_code == 404
