"""The README's screenshots of the public site, taken by the browser: docs/screenshots/desktop.png (the agenda,
1280×900) and docs/screenshots/phone.png (the home page, 390×844 at 2× like a current phone).

The demo is shown at its real 2017 dates with the clock set to Thursday 20 April 2017, 10:00 in Brussels
(the trajet starts the next Monday), so that the pictures only change when the site's look or content does.
"""

import datetime as dt
from pathlib import Path
from zoneinfo import ZoneInfo

import time_machine
from PIL import Image

SCREENSHOTS = Path(__file__).resolve().parents[2] / "docs" / "screenshots"
BEFORE_THE_TRAJET = dt.datetime(2017, 4, 20, 10, 0, tzinfo=ZoneInfo("Europe/Brussels"))


def test_readme_screenshots(new_context, live_server, demo):
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    with time_machine.travel(BEFORE_THE_TRAJET, tick=True):
        desktop = new_context(viewport={"width": 1280, "height": 900}).new_page()
        desktop.goto("/fr/agenda/")
        assert desktop.locator("#results-title").inner_text() == "10 résultats"
        desktop.screenshot(path=SCREENSHOTS / "desktop.png", animations="disabled")

        phone = new_context(
            viewport={"width": 390, "height": 844}, device_scale_factor=2, is_mobile=True, has_touch=True
        ).new_page()
        phone.goto("/fr/")
        assert phone.locator(".agenda-item__when").first.inner_text() == "lundi 24 avril 2017, 09:30 – 12:30"
        phone.screenshot(path=SCREENSHOTS / "phone.png", animations="disabled")

    with Image.open(SCREENSHOTS / "desktop.png") as image:
        assert image.size == (1280, 900)
    with Image.open(SCREENSHOTS / "phone.png") as image:
        assert image.size == (780, 1688)
