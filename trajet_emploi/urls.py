"""URL map: admin, documents, sitemap, API and the agenda's outputs (feeds, iCalendar, embed) outside the
language prefixes; pages and search inside them."""

from django.conf import settings
from django.conf.urls.i18n import i18n_patterns
from django.contrib.auth import views as auth_views
from django.templatetags.static import static as static_file_url
from django.urls import include, path, re_path
from django.views.generic import RedirectView as BaseRedirectView
from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.contrib.sitemaps.views import sitemap
from wagtail.documents import urls as wagtaildocs_urls

from cms.sitemaps import MultilingualSitemap
from minutes import calendar as partner_calendar
from minutes import views as minutes_views
from search import views as search_views

from . import errors
from .api import api_router
from .forms import LoginForm
from .media import serve_public_media

# Error pages that never read the request's body and never raise (see ``errors``).
handler400 = errors.bad_request
handler403 = errors.permission_denied
handler404 = errors.page_not_found
handler500 = errors.server_error


class RedirectView(BaseRedirectView):
    """Redirect to the static file ``static_path``, its URL resolved per request (the manifest of hashed names
    only exists once collectstatic ran, after this module is imported)."""

    def get_redirect_url(self, *args, static_path, **kwargs):
        return static_file_url(static_path)


urlpatterns = [
    # Wagtail's deliberate "test error" view would answer 500 to any admin user: no request may.
    path("admin/failwhale/", errors.not_found),
    path("admin/", include(wagtailadmin_urls)),
    path("documents/", include(wagtaildocs_urls)),
    path("sitemap.xml", sitemap, {"sitemaps": {"pages": MultilingualSitemap}}, name="sitemap"),
    path("api/v2/", api_router.urls),
    path("agenda/", include("events.urls")),
    # A partner's private calendar, by the secret token in its URL (any token shape reaches the view: 404, no redirect).
    path("partenaires/calendrier/<str:token>.ics", partner_calendar.partner_calendar, name="partner-calendar"),
    # Browsers and bookmarks ask for /favicon.ico whatever the page declares.
    path("favicon.ico", RedirectView.as_view(permanent=True), {"static_path": "favicon.svg"}),
]

# Media on the app server's disk: images and renditions only, in every environment (never documents/: they go
# through /documents/, which checks privacy). With a bucket, images are linked on the bucket or its CDN.
urlpatterns += [re_path(r"^media/(?P<path>.+)$", serve_public_media, name="public_media")]

if settings.DEBUG:
    from django.contrib.staticfiles.urls import staticfiles_urlpatterns

    urlpatterns += staticfiles_urlpatterns()

urlpatterns += i18n_patterns(
    path("search/", search_views.search, name="search"),
    path(
        "accounts/login/",
        auth_views.LoginView.as_view(template_name="login.html", authentication_form=LoginForm),
        name="login",
    ),
    path("accounts/logout/", auth_views.LogoutView.as_view(), name="logout"),
    # Before Wagtail's pages: the partners' preferences are a view of their own, not a page of the space.
    path("espace-partenaires/preferences/", minutes_views.preferences, name="partner-preferences"),
    path("", include(wagtail_urls)),
    prefix_default_language=True,
)
