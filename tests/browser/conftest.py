"""Browser tests: Playwright's sync API drives Debian's Chromium (``/usr/bin/chromium``) against ``live_server``.

One headless browser per test session; a fresh context (cookies, viewport) per test. Nothing is downloaded:
Playwright is only the driver, the browser is the system's (``make browser`` installs it), and every request
the page makes is recorded so that tests can assert it stayed on the live server's host.
"""

import os
from pathlib import Path
from urllib.parse import urlsplit

import pytest

# Playwright's sync API runs an asyncio event loop in this thread; Django's ORM refuses to run inside one
# unless told it is safe (the loop only drives the browser, never our database code).
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

DESKTOP = {"width": 1280, "height": 800}


def pytest_collection_modifyitems(items):
    """Every test in this folder is a ``browser`` test on a transactional database.

    ``serialized_rollback`` restores the rows that data migrations create (the 19 communes, Wagtail's root
    page and locales, the groups) after each live-server test flushes the database.
    """
    here = Path(__file__).parent
    for item in items:
        if here in item.path.parents:
            item.add_marker(pytest.mark.browser)
            item.add_marker(pytest.mark.django_db(transaction=True, serialized_rollback=True))


class RequestLog(list):
    """URLs of every request a browser context made, in order."""

    def off_host(self, base_url):
        """The requests whose scheme and host:port differ from ``base_url``'s."""
        origin = urlsplit(base_url)[:2]
        return [url for url in self if urlsplit(url)[:2] != origin and not url.startswith(("data:", "blob:"))]


@pytest.fixture
def requests_made():
    return RequestLog()


@pytest.fixture
def new_context(browser, live_server, requests_made):
    """``new_context(**options)`` → a Playwright ``BrowserContext`` on the live server, closed after the test."""
    contexts = []

    def make(**options):
        options.setdefault("viewport", DESKTOP)
        options.setdefault("locale", "fr-BE")
        options.setdefault("timezone_id", "Europe/Brussels")
        context = browser.new_context(base_url=live_server.url, **options)
        context.set_default_timeout(10_000)
        context.on("request", lambda request: requests_made.append(request.url))
        contexts.append(context)
        return context

    yield make
    for context in contexts:
        context.close()


@pytest.fixture
def page(new_context):
    """A desktop-sized (1280×800) page with JavaScript on."""
    return new_context().new_page()


IMAGE_ALT = "Trois personnes autour d'une table de formation"


@pytest.fixture
def image_page(settings, tmp_path, demo_upcoming):
    """A live content page whose body holds one 1600×900 PNG photo (drawn with Pillow), media served.

    MEDIA_ROOT is a temporary folder; ``/media/`` is served by Django (``tests.browser.urls``).
    """
    import io

    from django.core.files.images import ImageFile
    from PIL import Image as PillowImage
    from PIL import ImageDraw
    from wagtail.images import get_image_model

    from home.models import StandardPage

    settings.MEDIA_ROOT = str(tmp_path)
    settings.ROOT_URLCONF = "tests.browser.urls"

    picture = PillowImage.new("RGB", (1600, 900), "#0b5c8c")
    draw = ImageDraw.Draw(picture)
    for index, colour in enumerate(["#ffbf47", "#ffffff", "#b3261e"]):
        draw.ellipse([200 + index * 450, 250, 500 + index * 450, 650], fill=colour)
    data = io.BytesIO()
    picture.save(data, "PNG")
    image = get_image_model().objects.create(
        title="Atelier", file=ImageFile(io.BytesIO(data.getvalue()), name="atelier.png")
    )
    page = StandardPage(
        title="Un atelier en images",
        slug="atelier-en-images",
        intro="Une photo de l'atelier.",
        body=[("image", {"image": image, "alt_text": IMAGE_ALT, "caption": "L'atelier du mardi"})],
    )
    demo_upcoming["home"].add_child(instance=page)
    page.save_revision().publish()
    return page


_SNAPSHOT = {}  # "demo": the database right after the demo was loaded, serialized (Django's JSON)


@pytest.fixture
def journey_site(live_server):
    """The demo site, its trajet starting next Monday, for the user journeys (``test_journeys*.py``).

    Loaded (about 40 s) by the first test of the session that asks for it, then serialized; the next tests
    restore that snapshot (a few seconds), since each live-server test empties the database when it ends.
    """
    import datetime as dt

    from django.apps import apps
    from django.core.management import call_command
    from django.core.management.color import no_style
    from django.db import connection

    from home.demo.loader import load

    if "demo" not in _SNAPSHOT:
        today = dt.date.today()
        load(today + dt.timedelta(days=7 - today.weekday()))
        _SNAPSHOT["demo"] = connection.creation.serialize_db_to_string()
        return
    # The migrations' rows are back (serialized_rollback): empty the tables, then restore the whole snapshot.
    call_command("flush", interactive=False, verbosity=0, inhibit_post_migrate=True)
    connection.creation.deserialize_db_from_string(_SNAPSHOT["demo"])
    with connection.cursor() as cursor:  # PostgreSQL: sequences past the restored primary keys
        for sql in connection.ops.sequence_reset_sql(no_style(), apps.get_models()):
            cursor.execute(sql)
