"""The agenda's ``from``/``to`` query parameters (Brussels days, both inclusive) filter the listing."""

import datetime as dt
import re


def titles(response):
    return re.findall(r'class="agenda-item__title"><a href="[^"]+">([^<]+)</a>', response.text)


def test_from_and_to_select_the_activities_of_those_days(client, demo_upcoming):
    start = demo_upcoming["trajet"].start_date  # a Monday: days 2 and 4 hold "Create your job" and "Ouvrir…"
    response = client.get(
        "/fr/agenda/",
        {"from": (start + dt.timedelta(days=2)).isoformat(), "to": (start + dt.timedelta(days=4)).isoformat()},
    )

    assert titles(response) == ["Create your job", "Ouvrir le champ des possibles"]
    assert f'value="{start + dt.timedelta(days=2)}"' in response.text  # the form shows the choice


def test_end_before_start_is_reported_and_ignored(client, demo_upcoming):
    start = demo_upcoming["trajet"].start_date
    response = client.get("/fr/agenda/", {"from": (start + dt.timedelta(days=4)).isoformat(), "to": start.isoformat()})

    assert response.status_code == 200
    assert "Jusqu&#x27;au\u00a0: La date de fin doit suivre la date de début." in response.text
    # "to" is dropped, "from" kept: everything from day 4 on.
    assert titles(response)[0] == "Ouvrir le champ des possibles" and len(titles(response)) == 8
