"""Template helpers shared by every app: time ranges in Europe/Brussels (``cms.display``), the language switcher."""

from django import template
from django.conf import settings
from django.urls import translate_url
from django.utils.html import format_html
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from wagtail.coreutils import get_supported_content_language_variant
from wagtail.models import Page, Site

from cms.display import hour_text, local, moment_text, same_day
from cms.i18n import untranslated_source

register = template.Library()


@register.simple_tag
def time_range(start, end):
    """Human date range of the aware datetimes ``start`` and ``end`` in Europe/Brussels and the active language,
    inside ``<time>`` elements (wording: ``cms.display``).

    Same day: "jeudi 18 mai 2017, 08:30 – 16:30"; across days: "du … au …".
    """
    if same_day(start, end):
        return format_html(
            '<time datetime="{}">{}</time> – <time datetime="{}">{}</time>',
            local(start).isoformat(),
            moment_text(start),
            local(end).isoformat(),
            hour_text(end),
        )
    return format_html(
        '{} <time datetime="{}">{}</time> {} <time datetime="{}">{}</time>',
        _("du"),
        local(start).isoformat(),
        moment_text(start),
        _("au"),
        local(end).isoformat(),
        moment_text(end),
    )


@register.simple_tag(takes_context=True)
def language_links(context):
    """``[{code, name, url, is_current, is_translation}]`` for the language switcher and hreflang links.

    The URL is the same page in that language, translated or not yet (an alias, shown in French with a notice),
    with the request's query string (the agenda's filters, the search terms); for a view that is not a page
    (search), the same path under that language's prefix; else that language's home page, else the language
    prefix. ``is_translation`` is true for real translations only (the hreflang alternates).
    """
    request = context.get("request")
    page = context.get("page")
    # The active content language by its code: the same answer as ``Locale.get_active()``, without its query.
    current = get_supported_content_language_variant(get_language())
    query = request.GET.urlencode() if request is not None else ""
    versions = {}
    if isinstance(page, Page):
        for version in page.get_translations(inclusive=True).live().select_related("locale"):
            versions[version.locale.language_code] = version
    homes = None  # the home pages by language, asked only when a language has no version of the page

    def home_url(code):
        nonlocal homes
        if homes is None:
            homes = {}
            site = Site.find_for_request(request) if request else None
            if site:
                for home in site.root_page.get_translations(inclusive=True).live().select_related("locale"):
                    homes[home.locale.language_code] = home
        return homes[code].get_url(request) if code in homes else None

    links = []
    for code, name in settings.LANGUAGES:
        target = versions.get(code)
        url = target.get_url(request) if target else None
        if url is None and not isinstance(page, Page) and request is not None:
            translated = translate_url(request.path, code)
            url = translated if translated != request.path or code == current else None
        if url and query:
            url = f"{url}?{query}"
        if not url:
            url = home_url(code)
        links.append(
            {
                "code": code,
                "name": name,
                "url": url or f"/{code}/",
                "is_current": code == current,
                "is_translation": target is not None and target.alias_of_id is None,
            }
        )
    return links


@register.simple_tag(takes_context=True)
def untranslated(context):
    """For a page not yet translated into the visitor's language (an alias of a page in another language):
    ``{"language": code of the text shown, "url": URL of the original page}``; else ``None``."""
    found = untranslated_source(context.get("page"))
    if found is None:
        return None
    language, original = found
    return {"language": language, "url": original.get_url(context.get("request"))}


@register.simple_tag
def alias_lang(page):
    """The language code of the text of an agenda or search item that is an alias (not yet translated) shown in
    another language ("fr"), else "". Costs no query: an alias outside the default language copies a
    default-language page (LocaleSynchronization syncs the nl and en trees from French)."""
    default = settings.LANGUAGE_CODE
    if getattr(page, "alias_of_id", None) and get_language() != default:
        return default
    return ""
