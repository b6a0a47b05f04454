"""Anonymous visitors get a cached agenda; any publish shows at once."""

from django.db import connection
from django.test.utils import CaptureQueriesContext


def test_second_anonymous_visit_runs_no_query(client, demo_upcoming):
    url = demo_upcoming["agenda"].url
    client.get(url)
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200
    assert "10 résultats" in response.text
    # Only Wagtail's page routing remains: the agenda's own queries are served from the cache.
    assert not any("events_scheduledpage" in q["sql"] for q in queries.captured_queries)


def test_publishing_invalidates_the_cache(client, demo_upcoming):
    url = demo_upcoming["agenda"].url
    assert "Job Day" in client.get(url).text
    job_day = demo_upcoming["activities"][6]
    job_day.title = "Job Day d'Uccle"
    job_day.save_revision().publish()
    assert "Job Day d&#x27;Uccle" in client.get(url).text
    job_day.unpublish()
    assert "Job Day" not in client.get(url).text


def test_logged_in_users_are_not_served_the_cache(client, demo_upcoming, partner):
    url = demo_upcoming["agenda"].url
    client.get(url)
    client.force_login(partner)
    assert "Se déconnecter" in client.get(url).text
