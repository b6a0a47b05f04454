"""Fixtures shared by the suite: a site tree, the seed's demo site, users by role."""

import os

import pytest
from django.conf import settings
from django.core.cache import cache
from wagtail.models import Page, Site

from home.demo.loader import load, next_monday

from .factories import AgendaPageFactory, HomePageFactory, UserFactory

# Debian's Chromium, driven by Playwright (tests/browser, tests/security/test_csp_browser.py).
CHROMIUM = os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


@pytest.fixture(scope="session", autouse=True)
def _compiled_messages():
    """The nl and en catalogues compiled, as `make` does, so that tests see the translated interface."""
    from django.core.management import call_command
    from django.utils.translation import trans_real

    call_command("compilemessages", ignore=[".venv"], verbosity=0)
    trans_real._translations = {}
    trans_real._default = None


@pytest.fixture(scope="session", autouse=True)
def _locale_sync_ignores_raw_saves():
    """``serialized_rollback`` reloads the migrations' rows with raw saves, a ``LocaleSynchronization`` before the
    ``Locale`` it points to; wagtail-localize's post_save handler would then sync page trees and fail. Like any
    fixture loading, raw saves skip that handler (ordinary saves still sync)."""
    from django.db.models.signals import post_save
    from wagtail_localize.models import LocaleSynchronization, sync_trees_on_locale_sync_save

    def sync_unless_raw(instance, raw=False, **kwargs):
        if not raw:
            sync_trees_on_locale_sync_save(instance, **kwargs)

    post_save.disconnect(sync_trees_on_locale_sync_save, sender=LocaleSynchronization)
    post_save.connect(sync_unless_raw, sender=LocaleSynchronization, weak=False)
    yield
    post_save.disconnect(sync_unless_raw, sender=LocaleSynchronization)
    post_save.connect(sync_trees_on_locale_sync_save, sender=LocaleSynchronization)


@pytest.fixture(autouse=True)
def _default_language():
    """Each test starts in the default language (French), whatever language the test before it activated."""
    from django.utils import translation

    translation.activate(settings.LANGUAGE_CODE)
    yield
    translation.activate(settings.LANGUAGE_CODE)


@pytest.fixture(autouse=True)
def _clear_cache():
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def home(db):
    """An empty French home page, root of the default site."""
    root = Page.get_first_root_node()
    Page.objects.filter(depth=2).delete()
    root.refresh_from_db()
    home = HomePageFactory(parent=root, slug="home")
    Site.objects.update_or_create(is_default_site=True, defaults={"hostname": "localhost", "root_page": home})
    return home


@pytest.fixture
def agenda(home):
    return AgendaPageFactory(parent=home)


@pytest.fixture
def demo(db):
    """The seed's demo site at its real 2017 dates (all in the past today)."""
    return load()


@pytest.fixture
def demo_upcoming(db):
    """The seed's demo site shifted so that the trajet starts on the Monday after "now"."""
    return load(next_monday())


@pytest.fixture
def partner(db):
    return UserFactory(username="partner", groups=[settings.PARTNERS_GROUP_NAME])


@pytest.fixture
def non_partner(db):
    return UserFactory(username="visitor")


# One Playwright for the whole session: its sync API runs an asyncio loop in this thread, and a second
# ``sync_playwright()`` started while the first is alive refuses to run. Every browser test shares this one.
@pytest.fixture(scope="session")
def browser():
    if not os.access(CHROMIUM, os.X_OK):
        pytest.fail(f"{CHROMIUM} is missing: run `make browser` (apt-get install chromium).")
    from django.db import connections
    from playwright.sync_api import sync_playwright

    # Starting Playwright's event loop leaves this thread in another contextvars context, where Django's
    # per-context connection storage is empty: Django would open new connections without the test database's
    # serialized contents, and serialized_rollback would silently restore nothing. Keep the connections in use.
    in_use = {alias: connections[alias] for alias in connections}
    with sync_playwright() as playwright:
        for alias, connection in in_use.items():
            connections[alias] = connection
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True)
        yield browser
        browser.close()
