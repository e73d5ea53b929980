"""Newsdesk settings: one file for every deployment, read from the environment.

Unset variables give the embedded development defaults: a SQLite file in ``data/``, Celery tasks
run eagerly in-process, DEBUG on. Production sets ``DEBUG=False``, ``SECRET_KEY``,
``ALLOWED_HOSTS``, ``DATABASE_URL`` and ``CELERY_BROKER_URL``; README.md lists every variable.
"""

from __future__ import annotations

import os
import re
import secrets
from datetime import timedelta
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

import dj_database_url
from django.core.exceptions import ImproperlyConfigured

BASE_DIR = Path(__file__).resolve().parent.parent
DATA_DIR = Path(os.environ.get("NEWSDESK_DATA_DIR", BASE_DIR / "data"))


def env_bool(name: str, *, default: bool) -> bool:
    """Read a boolean; only true/false, 1/0, yes/no and on/off (any case) are accepted."""
    raw = os.environ.get(name)
    if raw is None or raw == "":
        return default
    value = raw.strip().lower()
    if value in {"1", "true", "yes", "on"}:
        return True
    if value in {"0", "false", "no", "off"}:
        return False
    raise ImproperlyConfigured(f"{name}={raw!r} is not a boolean (use true or false)")


def env_int(name: str, *, default: int) -> int:
    """Read a non-negative whole number."""
    raw = os.environ.get(name)
    if raw is None or raw == "":
        return default
    try:
        value = int(raw)
    except ValueError:
        raise ImproperlyConfigured(f"{name}={raw!r} is not a whole number") from None
    if value < 0:
        raise ImproperlyConfigured(f"{name}={raw!r} must not be negative")
    return value


def env_float(name: str, *, default: float) -> float:
    """Read a positive number ("1.1")."""
    raw = os.environ.get(name)
    if raw is None or raw == "":
        return default
    try:
        value = float(raw)
    except ValueError:
        raise ImproperlyConfigured(f"{name}={raw!r} is not a number") from None
    if not value > 0 or value == float("inf"):
        raise ImproperlyConfigured(f"{name}={raw!r} must be a positive number")
    return value


def env_list(name: str, *, default: list[str]) -> list[str]:
    """Read a comma-separated list."""
    raw = os.environ.get(name)
    if raw is None or raw.strip() == "":
        return default
    return [item.strip() for item in raw.split(",") if item.strip()]


def env_rate(name: str, *, default: str) -> str:
    """Read a DRF throttle rate such as ``60/minute`` (a count, then s, m, h or d, or a word for one)."""
    raw = os.environ.get(name)
    if raw is None or raw.strip() == "":
        return default
    value = raw.strip()
    if not re.fullmatch(r"[0-9]+/(s|sec|second|m|min|minute|h|hour|d|day)", value):
        raise ImproperlyConfigured(f"{name}={raw!r} is not a rate (use e.g. 60/minute)")
    return value


def redis_cache_url(*, broker_url: str) -> str:
    """CACHE_URL, else the Redis broker's server with database 1, else "" (no Redis: memory cache).

    The cache gets a database of its own so clearing it never drops queued tasks.
    """
    explicit = os.environ.get("CACHE_URL", "").strip()
    if explicit:
        if urlsplit(explicit).scheme not in {"redis", "rediss", "unix"}:
            raise ImproperlyConfigured(f"CACHE_URL={explicit!r} is not a Redis URL")
        return explicit
    parts = urlsplit(broker_url)
    if parts.scheme not in {"redis", "rediss"}:
        return ""
    return urlunsplit((parts.scheme, parts.netloc, "/1", parts.query, ""))


def development_secret_key() -> str:
    """A random key kept in the data folder, so no key ever lives in the repository."""
    path = DATA_DIR / "dev-secret-key"
    if not path.exists():
        DATA_DIR.mkdir(parents=True, exist_ok=True)
        path.write_text(secrets.token_urlsafe(50), encoding="ascii")
        path.chmod(0o600)
    return path.read_text(encoding="ascii").strip()


DEBUG = env_bool("DEBUG", default=True)

SECRET_KEY = os.environ.get("SECRET_KEY", "")
if not SECRET_KEY:
    if not DEBUG:
        raise ImproperlyConfigured("SECRET_KEY must be set when DEBUG is off")
    SECRET_KEY = development_secret_key()

ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", default=["127.0.0.1", "localhost", "[::1]"] if DEBUG else [])
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS", default=[])
SITE_URL = os.environ.get("SITE_URL", "http://127.0.0.1:8000").rstrip("/")

INSTALLED_APPS = [
    "newsdesk.apps.NewsdeskAdminConfig",  # django.contrib.admin, with newsdesk/admin_site.py's site
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "simple_history",
    "rest_framework",
    "rest_framework.authtoken",
    "django_filters",
    "axes",
    "drf_spectacular",
    "drf_spectacular_sidecar",
    "newsdesk.apps.NewsdeskConfig",
    "meetings.apps.MeetingsConfig",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "newsdesk.middleware.RefuseNulBytesMiddleware",  # defence in depth: 400 for a NUL in path or query
    # Serves collected static files (the admin's) from the app server: nothing else does.
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "simple_history.middleware.HistoryRequestMiddleware",
    # Last, as django-axes requires: turns a locked-out login into its 429 page.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "newsdesk.urls"

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
            ],
        },
    },
]

WSGI_APPLICATION = "newsdesk.wsgi.application"

# Database: DATABASE_URL (e.g. postgres://postgres@127.0.0.1:5432/newsdesk), else a SQLite file.
DATABASES = {
    "default": dj_database_url.parse(
        os.environ.get("DATABASE_URL") or f"sqlite:///{DATA_DIR / 'newsdesk.sqlite3'}",
        conn_max_age=env_int("DATABASE_CONN_MAX_AGE", default=0),
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    DATA_DIR.mkdir(parents=True, exist_ok=True)
    # Wait for a lock instead of failing at once while the eager worker writes.
    DATABASES["default"].setdefault("OPTIONS", {})["timeout"] = 20
elif DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":
    # No JIT: it compiled each of the dashboard's grouped queries for 1.5-2.7 s before running it
    # (a 1,000,000-meeting archive; EXPLAIN ANALYZE in BENCHMARKS.md), more than most take to run.
    # Pages answer in milliseconds; nothing here runs long enough to pay that back.
    # Random reads at about the cost of sequential ones, as on the SSDs databases run on now
    # (PostgreSQL's 4.0 is for spinning disks): with 4.0 the planner tested every bulletin's
    # full-text document for a word search (520 ms on 200,000) instead of reading its index (70 ms).
    random_page_cost = env_float("DATABASE_RANDOM_PAGE_COST", default=1.1)
    DATABASES["default"].setdefault("OPTIONS", {})["options"] = (
        f"-c jit=off -c random_page_cost={random_page_cost}"
    )

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# Login throttling (django-axes): after AXES_FAILURE_LIMIT wrong passwords for one username from
# one address, that pair is refused (HTTP 429) for AXES_COOLOFF_MINUTES; `manage.py
# axes_reset_username NAME` lifts it sooner. Attempts are kept in the database.
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
AXES_FAILURE_LIMIT = env_int("AXES_FAILURE_LIMIT", default=10)
AXES_COOLOFF_TIME = timedelta(minutes=env_int("AXES_COOLOFF_MINUTES", default=15))
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_CLIENT_IP_CALLABLE = "newsdesk.client_address.client_address"
AXES_USERNAME_CALLABLE = "newsdesk.client_address.login_username"
# Proxies in front of the app whose X-Forwarded-For is trusted for the client's address (login
# throttling and the API's); 0 = the peer's address, so no made-up header escapes a limit.
NUM_PROXIES = env_int("NUM_PROXIES", default=0)

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

# The newsroom works in Russian, in Kazakhstan's time.
LANGUAGE_CODE = os.environ.get("LANGUAGE_CODE", "ru")
TIME_ZONE = os.environ.get("TIME_ZONE", "Asia/Almaty")
USE_I18N = True
LOCALE_PATHS = [BASE_DIR / "locale"]
USE_TZ = True

STATIC_URL = "static/"
STATIC_ROOT = Path(os.environ.get("STATIC_ROOT", BASE_DIR / "staticfiles"))
# WhiteNoise finds files in the apps as they change (no collectstatic) exactly when DEBUG is on as
# configured, also when a test runner turns DEBUG off at run time.
WHITENOISE_AUTOREFRESH = DEBUG
if not DEBUG:
    # Production serves `collectstatic`'s output through WhiteNoise: hashed names, cached forever.
    STORAGES = {
        "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
        "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
    }

REST_FRAMEWORK = {
    "DEFAULT_AUTHENTICATION_CLASSES": [
        "rest_framework.authentication.SessionAuthentication",
        "rest_framework.authentication.TokenAuthentication",
    ],
    "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.AllowAny"],
    "DEFAULT_FILTER_BACKENDS": ["django_filters.rest_framework.DjangoFilterBackend"],
    "DEFAULT_PAGINATION_CLASS": "rest_framework.pagination.CursorPagination",
    "PAGE_SIZE": 50,
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
    # Counted in the cache (CACHES): per client address for anonymous users, per user otherwise.
    "DEFAULT_THROTTLE_CLASSES": [
        "meetings.api.throttling.AnonThrottle",
        "meetings.api.throttling.UserThrottle",
    ],
    "DEFAULT_THROTTLE_RATES": {
        "anon": env_rate("API_THROTTLE_ANON", default="60/minute"),
        "user": env_rate("API_THROTTLE_USER", default="600/minute"),
    },
    "NUM_PROXIES": NUM_PROXIES,
}
SPECTACULAR_SETTINGS = {
    "TITLE": "Newsdesk API",
    "DESCRIPTION": "Published meetings of Kazakhstan's officials, their people and (staff) bulletins.",
    "VERSION": "1.0.0",
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    "REDOC_DIST": "SIDECAR",
}

# Bulletin intake limits (bytes and counts); see newsdesk/intake.py.
INTAKE_MAX_FILE_BYTES = env_int("INTAKE_MAX_FILE_BYTES", default=2 * 1024 * 1024)
INTAKE_MAX_ZIP_ENTRIES = env_int("INTAKE_MAX_ZIP_ENTRIES", default=500)
INTAKE_MAX_ZIP_TOTAL_BYTES = env_int("INTAKE_MAX_ZIP_TOTAL_BYTES", default=50 * 1024 * 1024)
# The upload page drops, while reading, a .zip past this size (compressed, as uploaded; it is held
# in memory while its entries are read) and any other file past INTAKE_MAX_FILE_BYTES; see
# newsdesk/uploads.py.
INTAKE_MAX_ZIP_BYTES = env_int("INTAKE_MAX_ZIP_BYTES", default=16 * 1024 * 1024)
# The files kept from one upload request together; a file that would go past it is dropped.
INTAKE_MAX_UPLOAD_BYTES = env_int("INTAKE_MAX_UPLOAD_BYTES", default=200 * 1024 * 1024)
# An upload form may carry this many files at once (more is refused with 400 Bad Request): each
# stays an open temporary file until the response is sent.
DATA_UPLOAD_MAX_NUMBER_FILES = env_int("DATA_UPLOAD_MAX_NUMBER_FILES", default=100)

# The extraction sweep (newsdesk.services.requeue_stale_bulletins), sent by Celery beat every
# EXTRACTION_SWEEP_SECONDS: with a broker it sends again a bulletin queued or running for at least
# EXTRACTION_LOST_AFTER_SECONDS whose message neither waits in the queue nor is held by a live
# worker (worker killed, message lost), so recovery takes at most about the sum of the two. A
# backlog that is only waiting is never sent twice.
EXTRACTION_SWEEP_SECONDS = env_int("EXTRACTION_SWEEP_SECONDS", default=60)
# How often beat recomputes the lists of meetings.selectors.warm (kept 300-600 s each).
OFFICIALS_REFRESH_SECONDS = env_int("OFFICIALS_REFRESH_SECONDS", default=240)
if EXTRACTION_SWEEP_SECONDS < 1:
    raise ImproperlyConfigured("EXTRACTION_SWEEP_SECONDS must be at least 1")
EXTRACTION_LOST_AFTER_SECONDS = env_int("EXTRACTION_LOST_AFTER_SECONDS", default=30)
# Without a broker to ask (eager mode), the sweep sends again whatever is queued or running longer.
EXTRACTION_REQUEUE_AFTER_MINUTES = env_int("EXTRACTION_REQUEUE_AFTER_MINUTES", default=15)
# A bulletin whose extraction was started this many times without finishing is marked failed.
EXTRACTION_MAX_ATTEMPTS = env_int("EXTRACTION_MAX_ATTEMPTS", default=3)

# Celery: with no broker configured, tasks run eagerly in-process (the embedded default).
CELERY_BROKER_URL = os.environ.get("CELERY_BROKER_URL") or os.environ.get("REDIS_URL") or ""
CELERY_TASK_ALWAYS_EAGER = not CELERY_BROKER_URL
CELERY_TASK_EAGER_PROPAGATES = False
CELERY_TASK_ACKS_LATE = True
CELERY_TASK_REJECT_ON_WORKER_LOST = True
# Worker settings (issue 13). Celery's command line reads the same names from the environment
# (CELERY_WORKER_PREFETCH_MULTIPLIER, CELERY_WORKER_MAX_TASKS_PER_CHILD, ...) and its options
# (--prefetch-multiplier, --max-tasks-per-child, --max-memory-per-child) override these.
# Batches: a worker extracts the bulletins waiting for it up to this many at a time (meetings.tasks:
# the work around the engine is paid once per batch); a bulletin that arrives while a pool process is
# free runs at once.
EXTRACTION_BATCH_SIZE = env_int("EXTRACTION_BATCH_SIZE", default=16)
if EXTRACTION_BATCH_SIZE < 1:
    raise ImproperlyConfigured("EXTRACTION_BATCH_SIZE must be at least 1")
# Prefetch: a pool process reserves two batches' messages, the one it runs and the next, so it never
# waits for the broker between batches. A reserved message is unacknowledged (acks_late) until its
# batch has run; its visibility timeout (below) covers two batches of the largest bulletins.
CELERY_WORKER_PREFETCH_MULTIPLIER = 2 * EXTRACTION_BATCH_SIZE
# Memory: a pool process holds natasha's models and the worker's imports (~320 MB resident when
# ready); the engine's word caches (pymorphy2 parses and lemmas, up to 65,536 words each) grow with
# every new word the bulletins bring: 556 distinct bulletins added ~40 MB, full caches would add
# ~250 MB. So a pool process is replaced after about 1,000 bulletins (a task is a batch; a new process
# loads the models in under a second), or at once after a task that left it above 400 MB resident
# (KiB below).
CELERY_WORKER_MAX_TASKS_PER_CHILD = max(1, 1000 // EXTRACTION_BATCH_SIZE)
CELERY_WORKER_MAX_MEMORY_PER_CHILD = 400_000
# A worker process keeps its database connection for this many tasks, then opens a new one (Celery's
# Django fixup otherwise closes it before and after every task: a new PostgreSQL connection and
# backend per bulletin); a connection that broke is dropped between tasks (newsdesk/celery.py).
CELERY_DB_REUSE_MAX = env_int("CELERY_DB_REUSE_MAX", default=100)
CELERY_TASK_IGNORE_RESULT = True
CELERY_BROKER_CONNECTION_TIMEOUT = 2
CELERY_BROKER_CONNECTION_RETRY_ON_STARTUP = True
# Redis redelivers an unacknowledged task after this many seconds (a worker lost mid-task): the
# fallback when beat is not running, and how a dead worker's old copy comes back (as a no-op once
# the sweep has sent it again). It must exceed the longest wait of a reserved message: two batches of
# the largest bulletins (2 MiB: ~8 s each, so 2 × 16 × 8 s), or a message still waiting or running
# is delivered a second time.
CELERY_BROKER_TRANSPORT_OPTIONS = {
    "visibility_timeout": env_int("CELERY_VISIBILITY_TIMEOUT", default=600),
    "socket_connect_timeout": 2,
    "socket_timeout": 5,
}
# Publishing gives up quickly: the sweep sends again whatever did not leave.
CELERY_TASK_PUBLISH_RETRY_POLICY = {
    "max_retries": 2,
    "interval_start": 0,
    "interval_step": 0.2,
    "interval_max": 0.5,
}
CELERY_TIMEZONE = TIME_ZONE
# The sweep has a queue of its own, so it never waits behind a backlog of extractions; a worker
# started without -Q consumes both queues.
CELERY_TASK_DEFAULT_QUEUE = "celery"
CELERY_TASK_QUEUES = {
    "celery": {"exchange": "celery", "routing_key": "celery"},
    "sweep": {"exchange": "sweep", "routing_key": "sweep"},
}
CELERY_TASK_ROUTES = {
    "newsdesk.tasks.requeue_stale_bulletins": {"queue": "sweep"},
    "meetings.tasks.refresh_directory": {"queue": "sweep"},
    "meetings.tasks.redraw_chart": {"queue": "sweep"},
}
CELERY_BEAT_SCHEDULE = {
    "requeue-stale-bulletins": {
        "task": "newsdesk.tasks.requeue_stale_bulletins",
        "schedule": float(EXTRACTION_SWEEP_SECONDS),
        # A sweep not started within one interval is dropped: the next one is on its way.
        "options": {"expires": float(EXTRACTION_SWEEP_SECONDS)},
    },
    # The officials lists, the countries' counts and the dashboard as it opens, computed before the
    # cached ones expire (meetings.selectors.warm): each groups every participation (seconds on a
    # million meetings), which no visitor should wait for.
    "refresh-directory": {
        "task": "meetings.tasks.refresh_directory",
        "schedule": float(OFFICIALS_REFRESH_SECONDS),
        "options": {"expires": float(OFFICIALS_REFRESH_SECONDS)},
    },
}

# Cache (API throttling counters): Redis when one is configured, else this process's memory.
CACHE_REDIS_URL = redis_cache_url(broker_url=CELERY_BROKER_URL)
CACHES = {
    "default": (
        {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": CACHE_REDIS_URL,
            "OPTIONS": {"socket_connect_timeout": 2, "socket_timeout": 2},
        }
        if CACHE_REDIS_URL
        else {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "LOCATION": "newsdesk"}
    )
}

# Production hardening: on whenever DEBUG is off (`manage.py check --deploy` stays clean).
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
SESSION_COOKIE_HTTPONLY = True
if not DEBUG:
    SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", default=True)
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True
    SECURE_HSTS_SECONDS = env_int("SECURE_HSTS_SECONDS", default=60 * 60 * 24 * 365)
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    SECURE_HSTS_PRELOAD = True

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"plain": {"format": "%(asctime)s %(levelname)s %(name)s: %(message)s"}},
    "handlers": {"console": {"class": "logging.StreamHandler", "formatter": "plain"}},
    "loggers": {
        "newsdesk": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "INFO")},
        "meetings": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "INFO")},
        # Unhandled exceptions (500s) with their path and traceback. Django's own handler for them
        # prints only with DEBUG on, so without this production logged nothing.
        "django.request": {"handlers": ["console"], "level": "ERROR", "propagate": False},
    },
}
