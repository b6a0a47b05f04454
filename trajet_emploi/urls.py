"""URL map: admin, documents, sitemap, API and the agenda's outputs (feeds, iCalendar, embed) outside the
language prefixes; pages and search inside them."""
from django.conf import settings
from django.conf.urls.i18n import i18n_patterns
from django.contrib.auth import views as auth_views
from django.urls import include, path, re_path
from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.contrib.sitemaps.views import sitemap
from wagtail.documents import urls as wagtaildocs_urls

from cms.sitemaps import MultilingualSitemap
from search import views as search_views

from .api import api_router
from .forms import LoginForm
from .media import serve_public_media

urlpatterns = [
    path("admin/", include(wagtailadmin_urls)),
    path("documents/", include(wagtaildocs_urls)),
    path("sitemap.xml", sitemap, {"sitemaps": {"pages": MultilingualSitemap}}, name="sitemap"),
    path("api/v2/", api_router.urls),
    path("agenda/", include("events.urls")),
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
    path("", include(wagtail_urls)),
    prefix_default_language=True,
)
