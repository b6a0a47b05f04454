"""Settings shared by every environment.

Everything secret or host-specific is read from the environment (see README, "Configuration").
"""

import os
from datetime import timedelta
from pathlib import Path

import dj_database_url
from django.utils.translation import gettext_lazy as _

BASE_DIR = Path(__file__).resolve().parent.parent.parent
PROJECT_DIR = BASE_DIR / "trajet_emploi"


def env_list(name, default=""):
    """Comma-separated environment variable -> list of non-empty, stripped strings."""
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


SECRET_KEY = os.environ.get("SECRET_KEY", "")
DEBUG = False
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", "127.0.0.1,localhost")
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS")

INSTALLED_APPS = [
    "cms",
    "home",
    "events",
    "registrations",
    "evaluations",
    "minutes",
    "search",
    "wagtail_localize",
    "wagtail_localize.locales",  # replaces wagtail.locales
    "wagtail.api.v2",
    "wagtail.contrib.forms",
    "wagtail.contrib.redirects",
    "wagtail.contrib.settings",
    "wagtail.contrib.sitemaps",
    "wagtail.contrib.frontend_cache",
    "wagtail.contrib.routable_page",
    "wagtail.embeds",
    "wagtail.sites",
    "wagtail.users",
    "wagtail.snippets",
    "wagtail.documents",
    "wagtail.images",
    "wagtail.search",
    "wagtail.admin",
    "wagtail",
    "modelcluster",
    "taggit",
    "rest_framework",
    "django_tasks",
    "django_tasks_db",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.sitemaps",
    "axes",
    "csp",
]

MIDDLEWARE = [
    "trajet_emploi.health.HealthCheckMiddleware",  # /health/ for load balancers, before host checks and redirects
    "cms.frontend_cache.CacheControlMiddleware",  # what a CDN may keep; sees the final response and its cookies
    "django.middleware.security.SecurityMiddleware",
    "trajet_emploi.security_headers.SitePolicyMiddleware",  # CSP (django-csp) and Permissions-Policy
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "cms.page_cache.PageCacheMiddleware",  # anonymous pages before routing and sessions; outer ones still apply
    "cms.sites.SiteMiddleware",  # the Wagtail Site of the request, from a per-process table (no query)
    "django.contrib.sessions.middleware.SessionMiddleware",
    "cms.middleware.LocaleMiddleware",  # Django's, without redirecting 404s of non-page views
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "wagtail.contrib.redirects.middleware.RedirectMiddleware",
    "cms.admin_scope.NarrowAdminRoleMiddleware",  # organisers reach only their task in /admin/
    "axes.middleware.AxesMiddleware",  # turns a locked-out login into the lockout page (last, as axes asks)
]

ROOT_URLCONF = "trajet_emploi.urls"
# `make bench` only (scripts/bench.py): the site's URLs plus a bare "hello" view, the benchmark's reference.
if os.environ.get("BENCH_HELLO") == "1":
    ROOT_URLCONF = "trajet_emploi.bench_urls"
# Error pages that never read the request's body (see trajet_emploi/errors.py); handler400-500 are in urls.py.
CSRF_FAILURE_VIEW = "trajet_emploi.errors.csrf_failure"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [PROJECT_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.debug",
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "wagtail.contrib.settings.context_processors.settings",
            ],
        },
    },
]

WSGI_APPLICATION = "trajet_emploi.wsgi.application"

# SQLite file next to the project unless DATABASE_URL names another database (PostgreSQL in production).
DATABASES = {
    "default": dj_database_url.config(
        default=f"sqlite:///{BASE_DIR / 'db.sqlite3'}", conn_max_age=int(os.environ.get("CONN_MAX_AGE", "0"))
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # Writers take the database lock when their transaction begins, so that registrations for the last places
    # are serialised (PostgreSQL uses SELECT ... FOR UPDATE on the page row instead); wait up to 20 s for it.
    DATABASES["default"].setdefault("OPTIONS", {}).update({"transaction_mode": "IMMEDIATE", "timeout": 20})
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# Login throttling (django-axes, see trajet_emploi/throttling.py): after AXES_FAILURE_LIMIT wrong passwords for
# one user name from one address, that pair is refused for AXES_COOLOFF_MINUTES, even with the right password.
AUTHENTICATION_BACKENDS = [
    "trajet_emploi.throttling.LoginThrottleBackend",
    "django.contrib.auth.backends.ModelBackend",
]
AXES_FAILURE_LIMIT = int(os.environ.get("AXES_FAILURE_LIMIT", "5"))
AXES_COOLOFF_TIME = timedelta(minutes=int(os.environ.get("AXES_COOLOFF_MINUTES", "15")))
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_DISABLE_ACCESS_LOG = True  # keep failed attempts only, not a log of every successful login
AXES_CLIENT_IP_CALLABLE = "trajet_emploi.throttling.client_ip"  # REGISTRATION_CLIENT_IP_HEADER, proxy-aware
AXES_LOCKOUT_CALLABLE = "trajet_emploi.throttling.lockout_response"

# Content-Security-Policy (django-csp 4; trajet_emploi/security_headers.py). The public site: only its own
# origin, no inline script or style. The admin needs inline scripts and styles (Wagtail's editors).
ADMIN_URL_PREFIX = "/admin/"
# The admin views a user without any page permission (an organiser) may reach (cms/admin_scope.py): URL names,
# fnmatch patterns. Every other admin URL answers 403 to such a user.
ADMIN_NARROW_ROLE_VIEWS = [
    "wagtailadmin_home",
    "wagtailadmin_login",
    "wagtailadmin_logout",
    "wagtailadmin_account",
    "wagtailadmin_password_reset*",
    "wagtailadmin_javascript_catalog",
    "wagtailadmin_sprite",
    "wagtailadmin_dismissibles",
    "wagtailadmin_editing_sessions:*",  # the evaluation editor's "who else is editing" ping
    "wagtail_localize:javascript_catalog",
    "events_evaluation:*",  # scoped to the organiser's organisation (evaluations/viewsets.py)
    "events_evaluation_report*",
]
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "img-src": ["'self'", "data:"],
        "object-src": ["'none'"],
        "base-uri": ["'self'"],
        "form-action": ["'self'"],
        "frame-ancestors": ["'none'"],
    },
}
CONTENT_SECURITY_POLICY_ADMIN = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'", "'unsafe-inline'"],
        "style-src": ["'self'", "'unsafe-inline'"],
        "img-src": ["'self'", "data:", "blob:"],
        "font-src": ["'self'", "data:"],
        "object-src": ["'none'"],
        "base-uri": ["'self'"],
        "form-action": ["'self'"],
        "frame-ancestors": ["'self'"],  # the page editor's preview panel
    },
}

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

# Internationalisation: French first, then Dutch and English (Brussels is bilingual; English for newcomers).
LANGUAGE_CODE = "fr"
LANGUAGES = [("fr", "Français"), ("nl", "Nederlands"), ("en", "English")]
WAGTAIL_I18N_ENABLED = True
WAGTAIL_CONTENT_LANGUAGES = LANGUAGES
WAGTAILADMIN_PERMITTED_LANGUAGES = LANGUAGES
LOCALE_PATHS = [BASE_DIR / "locale"]  # nl and en catalogues, compiled by `make` (compilemessages)
FORMAT_MODULE_PATH = ["trajet_emploi.formats"]  # English dates as "18 May 2017" (day first), not Django's US order
TIME_ZONE = "Europe/Brussels"
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = BASE_DIR / "static"
STATICFILES_DIRS = [PROJECT_DIR / "static"]
MEDIA_URL = "/media/"
MEDIA_ROOT = Path(os.environ.get("MEDIA_ROOT", BASE_DIR / "media"))
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
# Media on object storage (S3 or compatible) when a bucket is named: images and renditions public, documents
# private and served only through /documents/ (cms.storage). Credentials: AWS_ACCESS_KEY_ID and
# AWS_SECRET_ACCESS_KEY (or any source boto3 reads). Otherwise MEDIA_ROOT, images served by trajet_emploi.media.
AWS_STORAGE_BUCKET_NAME = os.environ.get("AWS_STORAGE_BUCKET_NAME", "")
MEDIA_SERVED_BY_APP = not AWS_STORAGE_BUCKET_NAME
if AWS_STORAGE_BUCKET_NAME:
    STORAGES["default"] = {"BACKEND": "cms.storage.MediaStorage"}
    AWS_S3_ENDPOINT_URL = os.environ.get("AWS_S3_ENDPOINT_URL") or None  # another provider, or a local S3
    AWS_S3_REGION_NAME = os.environ.get("AWS_S3_REGION_NAME") or None
    AWS_S3_CUSTOM_DOMAIN = os.environ.get("AWS_S3_CUSTOM_DOMAIN") or None  # a CDN in front of the public images
    AWS_S3_ADDRESSING_STYLE = os.environ.get("AWS_S3_ADDRESSING_STYLE") or None  # "path" for most local S3s
    AWS_LOCATION = os.environ.get("AWS_LOCATION", "")  # a folder of the bucket
    AWS_QUERYSTRING_EXPIRE = 300
    AWS_S3_FILE_OVERWRITE = False

LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "/"
LOGOUT_REDIRECT_URL = "/"  # without it, LogoutView renders registration/logged_out.html, which the site lacks
WAGTAIL_FRONTEND_LOGIN_URL = "login"  # URL name: resolved in the visitor's language

# Cache: one cache shared by every process (web workers, app servers, the task worker, management commands),
# since it holds the content version, the anonymous pages and the registration rate limit. Redis when REDIS_URL
# is set, else a database table (created by `manage.py createcachetable`: the release step and `make run`).
CACHE_TABLE = "cms_cache"
if os.environ.get("REDIS_URL"):
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": os.environ["REDIS_URL"],
            "KEY_PREFIX": os.environ.get("CACHE_KEY_PREFIX", "trajet"),
            # A Redis that does not answer must not hang a request: fail fast (the page is then built uncached).
            "OPTIONS": {"socket_connect_timeout": 2, "socket_timeout": 2},
        }
    }
    # Sessions read from Redis, written through to the database (they survive a Redis restart).
    SESSION_ENGINE = "django.contrib.sessions.backends.cached_db"
else:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.db.DatabaseCache", "LOCATION": CACHE_TABLE}}
    SESSION_ENGINE = "django.contrib.sessions.backends.db"
# How long anonymous listings stay cached (seconds); any publish or unpublish invalidates them at once.
AGENDA_CACHE_SECONDS = int(os.environ.get("AGENDA_CACHE_SECONDS", "300"))

# A CDN or caching proxy in front (cms.frontend_cache): anonymous pages are public for this long (seconds) in
# browsers and in shared caches; the shared caches are purged on every change when configured below.
PAGE_BROWSER_MAX_AGE = int(os.environ.get("PAGE_BROWSER_MAX_AGE", "60"))
PAGE_SHARED_MAX_AGE = int(os.environ.get("PAGE_SHARED_MAX_AGE", "300"))
WAGTAILFRONTENDCACHE = {}
if os.environ.get("FRONTEND_CACHE_PURGE_URL"):  # Varnish, nginx...: PURGE <path> sent there, with the site's Host
    WAGTAILFRONTENDCACHE["http"] = {
        "BACKEND": "cms.frontend_cache.HTTPBackend",
        "LOCATION": os.environ["FRONTEND_CACHE_PURGE_URL"],
    }
if os.environ.get("CLOUDFLARE_ZONE_ID"):
    WAGTAILFRONTENDCACHE["cloudflare"] = {
        "BACKEND": "wagtail.contrib.frontend_cache.backends.CloudflareBackend",
        "BEARER_TOKEN": os.environ.get("CLOUDFLARE_API_TOKEN", ""),
        "ZONEID": os.environ["CLOUDFLARE_ZONE_ID"],
    }
if os.environ.get("CLOUDFRONT_DISTRIBUTION_ID"):
    WAGTAILFRONTENDCACHE["cloudfront"] = {
        "BACKEND": "wagtail.contrib.frontend_cache.backends.CloudfrontBackend",
        "DISTRIBUTION_ID": os.environ["CLOUDFRONT_DISTRIBUTION_ID"],
    }
# Besides pages, what every change may alter (outside the language prefixes; purged for every site).
FRONTEND_CACHE_PURGE_PATHS = ["/agenda/ical/", "/agenda/rss/", "/agenda/atom/", "/agenda/embed/", "/sitemap.xml"]

WAGTAIL_SITE_NAME = "Trajet emploi – zone sud de Bruxelles"
WAGTAILADMIN_BASE_URL = os.environ.get("WAGTAILADMIN_BASE_URL", "http://127.0.0.1:8000")
# Wagtail's database search: on PostgreSQL in French with accents folded (the text search configuration
# "french_unaccent", created by cms/migrations/0005), elsewhere SQLite's FTS5 (which folds accents too).
WAGTAILSEARCH_BACKENDS = {"default": {"BACKEND": "wagtail.search.backends.database"}}
if DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":
    WAGTAILSEARCH_BACKENDS["default"]["SEARCH_CONFIG"] = "french_unaccent"
WAGTAILDOCS_EXTENSIONS = ["csv", "docx", "key", "odt", "pdf", "pptx", "rtf", "txt", "xlsx", "zip"]
# Documents are served through Django so that privacy checks apply to every download.
WAGTAILDOCS_SERVE_METHOD = "serve_view"
# Image files are public (no privacy check on /media/ or the bucket): the image forms refuse a restricted
# collection (cms.images).
WAGTAILIMAGES_IMAGE_FORM_BASE = "cms.images.PublicImageForm"
WAGTAIL_ENABLE_UPDATE_CHECK = False
# New slugs are ASCII ("reunion-de-la-czs", not "r%C3%A9union-…"): accents folded. Existing slugs keep working.
WAGTAIL_ALLOW_UNICODE_SLUGS = False
WAGTAIL_GRAVATAR_PROVIDER_URL = None  # no avatar fetched from another host (privacy, and the admin's CSP)
WAGTAIL_PASSWORD_RESET_ENABLED = True

EMAIL_BACKEND = "django.core.mail.backends.console.EmailBackend"
DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", "noreply@trajet-emploi.localhost")
# An SMTP server that accepts connections and never answers must not hold a worker: give up after this many
# seconds (the e-mail task is then retried later).
EMAIL_TIMEOUT = int(os.environ.get("EMAIL_TIMEOUT", "10"))

# Background tasks (django-tasks, which Wagtail uses too): run at once in development and tests; production
# uses the database backend and a worker process (see README, "Registrations and evaluations").
TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
# The worker (`manage.py db_worker`, cms.tasks_worker): on SIGTERM the running task gets this many seconds, then
# it is interrupted and requeued; at start the worker requeues tasks RUNNING for longer than TASKS_STUCK_AFTER
# (their worker was killed). Keep the grace below the platform's kill delay and the stuck delay above any task.
TASKS_WORKER_GRACE_SECONDS = float(os.environ.get("TASKS_WORKER_GRACE_SECONDS", "20"))
TASKS_STUCK_AFTER_SECONDS = float(os.environ.get("TASKS_STUCK_AFTER_SECONDS", "900"))
# Registration e-mails: attempts before giving up (retried with a growing delay where the backend can defer).
REGISTRATION_EMAIL_MAX_ATTEMPTS = 5
# Registration form: at most this many accepted submissions per client IP address per window (seconds); enough
# for a room of people registering from one address (input errors do not count).
REGISTRATION_RATE_LIMIT = (int(os.environ.get("REGISTRATION_RATE_LIMIT", "30")), 600)
# Seconds during which the page shown right after registering ("you are registered", "you are on the waiting
# list") can be opened again by its address (a reload); later it leads back to the form: on a shared computer
# the next person should not read it.
REGISTRATION_OUTCOME_MAX_AGE = 3600
# Where the client's address is: "REMOTE_ADDR", or behind a proxy "HTTP_X_FORWARDED_FOR" (last address used).
REGISTRATION_CLIENT_IP_HEADER = os.environ.get("REGISTRATION_CLIENT_IP_HEADER", "REMOTE_ADDR")

# Name of the group whose members may read the committee's minutes.
PARTNERS_GROUP_NAME = "Partenaires"
# Largest Word file accepted by "Importer un PV (Word)", in bytes (minutes.word_import_views).
MINUTES_WORD_IMPORT_MAX_BYTES = int(os.environ.get("MINUTES_WORD_IMPORT_MAX_BYTES", str(5 * 1024 * 1024)))

DATA_UPLOAD_MAX_NUMBER_FIELDS = 10_000
AGENDA_PAGE_SIZE = 20
# Who may frame /agenda/embed/ (CSP frame-ancestors sources, space-separated); every other page is DENY.
AGENDA_EMBED_FRAME_ANCESTORS = os.environ.get("AGENDA_EMBED_FRAME_ANCESTORS", "*")

LANGUAGE_NAMES = dict(LANGUAGES)
SITE_TAGLINE = _("Emploi et formation à Saint-Gilles, Forest et Uccle")
