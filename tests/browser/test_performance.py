"""Weight for people on slow phones: the agenda page (HTML + CSS + JS) is under 100 kB compressed, and images
are responsive renditions (``srcset``, WebP) with their width and height set."""

import gzip

from PIL import Image as PillowImage

from .conftest import IMAGE_ALT

BUDGET_BYTES = 100_000


def test_agenda_page_weighs_under_100_kb_compressed(page, live_server, demo_upcoming):
    responses = []
    page.on("response", lambda response: responses.append(response))
    page.goto("/fr/agenda/")
    page.wait_for_load_state("networkidle")

    weighed = {}
    for response in responses:
        if response.url.endswith("/static/favicon.svg"):
            continue  # the browser asks for the icon on its own schedule; a few hundred bytes
        kind = response.request.resource_type
        assert kind in {"document", "stylesheet", "script"}, f"unexpected {kind}: {response.url}"
        weighed[response.url] = len(gzip.compress(response.body(), compresslevel=6))

    assert sorted(url.removeprefix(live_server.url) for url in weighed) == [
        "/fr/agenda/",
        "/static/css/site.css",
        "/static/events/js/agenda-filters.js",
    ]
    total = sum(weighed.values())
    assert total < BUDGET_BYTES, f"{total} bytes compressed: {weighed}"


def test_images_are_responsive_webp_renditions(page, live_server, image_page, settings):
    image_responses = []
    page.on("response", lambda response: response.request.resource_type == "image" and image_responses.append(response))
    page.set_viewport_size({"width": 390, "height": 844})
    page.goto(image_page.url)

    webp = page.locator(".figure picture source[type='image/webp']")
    widths = [candidate.split()[-1] for candidate in webp.get_attribute("srcset").split(", ")]
    assert widths == ["1200w", "800w", "400w"]
    assert webp.get_attribute("sizes") == "(min-width: 72rem) 68rem, calc(100vw - 2rem)"

    img = page.locator(".figure picture img")
    assert img.get_attribute("alt") == IMAGE_ALT
    # width/height are the largest rendition's: the browser reserves a 16:9 box before the image arrives.
    assert (img.get_attribute("width"), img.get_attribute("height")) == ("1200", "675")
    assert img.get_attribute("loading") == "lazy"
    assert ".jpg" in img.get_attribute("src")  # the fallback for browsers without WebP

    img.scroll_into_view_if_needed()
    page.wait_for_function("() => document.querySelector('.figure img').complete")
    current = img.evaluate("el => el.currentSrc")
    assert current.endswith(".webp")
    # A phone 390 px wide at 1× needs the 400 px rendition, not the 1200 px one.
    assert ".width-400." in current
    shown = img.bounding_box()
    assert round(shown["width"]) == 390 - 32 and round(shown["height"]) == round((390 - 32) * 9 / 16)

    (response,) = [r for r in image_responses if r.url == current]
    assert response.headers["content-type"] == "image/webp"
    path = settings.MEDIA_ROOT + current.removeprefix(live_server.url + settings.MEDIA_URL[:-1]).removeprefix("/media")
    with PillowImage.open(path) as served:
        assert (served.format, served.size) == ("WEBP", (400, 225))
