"""Django's LocaleMiddleware, minus one redirect that breaks the site's non-page URLs.

With ``i18n_patterns(prefix_default_language=True)``, Django answers any 404 outside the language prefixes
with a redirect to the same path under ``/fr/`` when that path could be a page, so a 404 from the API
(``/api/v2/pages/123/``) or from a document became a 302 to an HTML "page not found". Here, when the URL did
resolve to a view outside the prefixes (``request.resolver_match`` is set), that view's 404 is the answer.
Paths that resolve to nothing (``/agenda/``) are still redirected to their language (``/fr/agenda/``).
"""

from django.middleware.locale import LocaleMiddleware as DjangoLocaleMiddleware
from django.utils import translation
from django.utils.cache import patch_vary_headers


class LocaleMiddleware(DjangoLocaleMiddleware):
    def process_response(self, request, response):
        if (
            response.status_code == 404
            and getattr(request, "resolver_match", None) is not None
            and not translation.get_language_from_path(request.path_info)
        ):
            patch_vary_headers(response, ("Accept-Language",))
            response.headers.setdefault("Content-Language", translation.get_language())
            return response
        return super().process_response(request, response)
