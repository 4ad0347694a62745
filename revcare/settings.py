"""RevCare settings, read from the environment.

With nothing set, RevCare runs embedded: SQLite under var/, Celery tasks in-process, email to the
console and a generated development secret. DJANGO_ENV=production refuses to start without the
settings a real deployment needs (see docs/configuration.md).
"""

import os
import secrets
from datetime import timedelta
from decimal import Decimal
from pathlib import Path

import dj_database_url
from celery.schedules import crontab
from django.core.exceptions import ImproperlyConfigured

BASE_DIR = Path(__file__).resolve().parent.parent
VAR_DIR = Path(os.environ.get("REVCARE_VAR_DIR", BASE_DIR / "var"))


def env_bool(name: str, default: bool) -> bool:
    value = os.environ.get(name)
    if value is None:
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def env_list(name: str, default: str = "") -> list[str]:
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


DJANGO_ENV = os.environ.get("DJANGO_ENV", "development")
PRODUCTION = DJANGO_ENV == "production"


def require(name: str) -> str:
    value = os.environ.get(name, "").strip()
    if not value:
        raise ImproperlyConfigured(f"{name} must be set when DJANGO_ENV=production")
    return value


def development_secret_key() -> str:
    # Kept in var/ so sessions survive restarts of the development server.
    path = VAR_DIR / "dev-secret-key"
    if not path.exists():
        VAR_DIR.mkdir(parents=True, exist_ok=True)
        path.write_text(secrets.token_urlsafe(64))
    return path.read_text().strip()


if PRODUCTION:
    SECRET_KEY = require("SECRET_KEY")
    ALLOWED_HOSTS = [host for host in require("ALLOWED_HOSTS").split(",") if host.strip()]
    DEBUG = env_bool("DEBUG", False)
else:
    SECRET_KEY = os.environ.get("SECRET_KEY") or development_secret_key()
    ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", "127.0.0.1,localhost,testserver")
    DEBUG = env_bool("DEBUG", True)

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "rest_framework",
    "rest_framework_simplejwt",
    "django_filters",
    "drf_spectacular",
    "drf_spectacular_sidecar",
    "crispy_forms",
    "crispy_bootstrap5",
    "bootstrap",
    "django_htmx",
    "corsheaders",
    "django_celery_beat",
    "revcare",  # project-wide management commands (api_table)
    "accounts",
    "garage",
    "catalogue",
    "bookings",
    "workshop",
    "aftercare",
    "payments",
    "notifications",
    "frontdesk",
]

MIDDLEWARE = [
    "revcare.middleware.RequestLogMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "revcare.middleware.ContentSecurityPolicyMiddleware",
    "corsheaders.middleware.CorsMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "revcare.middleware.DatabaseUnavailableMiddleware",
]

ROOT_URLCONF = "revcare.urls"
WSGI_APPLICATION = "revcare.wsgi.application"
# Contract paths have no trailing slash (/auth/login); never redirect API calls.
APPEND_SLASH = False

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
    # Plain-text mail (emails/*.txt, rendered by notifications.services.notify): text, so no HTML
    # escaping (an ' would reach the reader as &#x27;). Second, so pages never come from it.
    {
        "NAME": "text_email",
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "OPTIONS": {"autoescape": False},
    },
]

# Database: DATABASE_URL (PostgreSQL through psycopg 3) or the embedded SQLite file.
DATABASE_URL = os.environ.get("DATABASE_URL", "").strip()
if PRODUCTION and not DATABASE_URL.startswith(("postgres://", "postgresql://")):
    raise ImproperlyConfigured("DATABASE_URL must point at PostgreSQL when DJANGO_ENV=production")
if DATABASE_URL:
    DATABASES = {"default": dj_database_url.parse(DATABASE_URL, conn_max_age=60, conn_health_checks=True)}
else:
    VAR_DIR.mkdir(parents=True, exist_ok=True)
    DATABASES = {
        "default": {
            "ENGINE": "django.db.backends.sqlite3",
            "NAME": VAR_DIR / "revcare.sqlite3",
            # Wait for a writer instead of failing at once with "database is locked".
            "OPTIONS": {"timeout": 20},
        }
    }
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# Redis: cache and Celery broker. Without it: local memory and eager tasks.
REDIS_URL = os.environ.get("REDIS_URL", "").strip()
if REDIS_URL:
    CACHES = {
        "default": {
            "BACKEND": "revcare.cache.FailSoftRedisCache",
            "LOCATION": REDIS_URL,
            "KEY_PREFIX": "revcare",
            # A Redis outage costs a request at most half a second, then the cache is skipped.
            "OPTIONS": {"socket_connect_timeout": 0.5, "socket_timeout": 0.5},
        }
    }
else:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}

# Public catalogue reads are answered from the cache until the catalogue changes (revcare/api/
# response_cache.py); only with Redis, which every server process shares.
API_RESPONSE_CACHE = env_bool("API_RESPONSE_CACHE", bool(REDIS_URL))
API_RESPONSE_CACHE_SECONDS = int(os.environ.get("API_RESPONSE_CACHE_SECONDS", "600"))
# At most this many bytes of answers kept per namespace in each API_RESPONSE_CACHE_SECONDS: what varied
# queries can add to the Redis that also holds the throttles and the Celery queue stays bounded.
API_RESPONSE_CACHE_MAX_BYTES = int(os.environ.get("API_RESPONSE_CACHE_MAX_BYTES", str(10 * 1024 * 1024)))

CELERY_BROKER_URL = REDIS_URL or "memory://"
# No result backend: nothing reads a task's result (the outbox row is the record). With Redis as one,
# every .delay() subscribed to the result channel first and, Redis down, retried that 20 x 1 s.
CELERY_RESULT_BACKEND = None
CELERY_TASK_IGNORE_RESULT = True
CELERY_TASK_ALWAYS_EAGER = not REDIS_URL
# In-process tasks behave like queued ones: their failure is recorded by the task, never raised into
# the request that queued them.
CELERY_TASK_EAGER_PROPAGATES = False
CELERY_ACCEPT_CONTENT = ["json"]
CELERY_TASK_SERIALIZER = "json"
CELERY_RESULT_SERIALIZER = "json"
CELERY_TASK_ACKS_LATE = True
# A task whose worker died is handed out again once this long has passed without its acknowledgement
# (Redis transport); longer than any task runs.
CELERY_BROKER_TRANSPORT_OPTIONS = {
    "visibility_timeout": int(os.environ.get("CELERY_VISIBILITY_TIMEOUT", "3600")),
    # Publishing tries the broker once, and a connect gives up after this long (a host that drops
    # packets): a request that queues work while Redis is down answers at once. Workers and beat
    # reconnect on their own (broker_connection_retry), unaffected by these.
    "max_retries": 0,
    "socket_connect_timeout": float(os.environ.get("CELERY_BROKER_CONNECT_TIMEOUT", "0.5")),
}
if os.environ.get("CELERY_RESTORE_INTERVAL"):  # how often a worker looks for such tasks (default ~100 s)
    CELERY_BROKER_TRANSPORT_OPTIONS.update(unacked_restore_interval=int(os.environ["CELERY_RESTORE_INTERVAL"]),
                                           unacked_restore_throttle=1)
CELERY_TASK_REJECT_ON_WORKER_LOST = True
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
CELERY_TASK_TIME_LIMIT = 300
CELERY_TASK_SOFT_TIME_LIMIT = 240
CELERY_BEAT_SCHEDULER = "django_celery_beat.schedulers:DatabaseScheduler"
# Copied into django-celery-beat's tables when beat starts; edit times there (Django admin).
CELERY_BEAT_SCHEDULE = {
    "prune-revoked-tokens": {"task": "accounts.tasks.prune_revoked_tokens", "schedule": 60 * 60 * 24},
    "requeue-stale-notifications": {"task": "notifications.tasks.requeue_stale_notifications", "schedule": 60},
    "daily-backup": {"task": "garage.tasks.backup_daily", "schedule": crontab(hour=2, minute=30)},
    "deferred-work-reminders": {"task": "bookings.tasks.deferred_reminders_send",
                                "schedule": crontab(hour=9, minute=0)},
}
# First retry delay of a failed email, doubling each time (with jitter).
NOTIFICATION_RETRY_BACKOFF_SECONDS = int(os.environ.get("NOTIFICATION_RETRY_BACKOFF_SECONDS", "10"))
# Publishing a task must not hang a request when Redis is down: fail fast, the outbox keeps the row.
CELERY_TASK_PUBLISH_RETRY = False
CELERY_BROKER_CONNECTION_RETRY_ON_STARTUP = True
CELERY_TIMEZONE = "Asia/Kolkata"

# Users and passwords
AUTH_USER_MODEL = "accounts.User"
AUTHENTICATION_BACKENDS = ["accounts.backends.PhoneOrEmailBackend"]
PASSWORD_HASHERS = [
    "django.contrib.auth.hashers.Argon2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator", "OPTIONS": {"min_length": 8}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
# Sign-in limits (docs/security.md): failures per login name and per client address, counted in the
# cache for the API, the portals and Django admin alike; "count/window" with s, m, h or d.
LOGIN_FAILURE_LIMIT_NAME = os.environ.get("LOGIN_THROTTLE_NAME", "5/15m")
LOGIN_FAILURE_LIMIT_IP = os.environ.get("LOGIN_THROTTLE_IP", "20/1h")
PASSWORD_RESET_LIMIT_IP = os.environ.get("PASSWORD_RESET_THROTTLE_IP", "10/1h")
REGISTRATION_LIMIT_IP = os.environ.get("REGISTRATION_THROTTLE_IP", "10/1h")
# Password checks (Argon2: ~0.3 s and ~100 MB each) running at once on this host, across every server
# process and thread (one lock file per slot); a sign-in that finds every slot taken for this long is
# refused (503) instead of queueing, so a flood of sign-ins leaves workers and CPU for other requests.
PASSWORD_CHECK_CONCURRENCY = int(os.environ.get("PASSWORD_CHECK_CONCURRENCY", str(max(1, (os.cpu_count() or 2) // 2))))
# 0: refuse at once; under sync workers a sign-in waiting for a slot holds a whole worker.
PASSWORD_CHECK_WAIT_SECONDS = float(os.environ.get("PASSWORD_CHECK_WAIT_SECONDS", "0"))
PASSWORD_CHECK_SLOTS_DIR = Path(os.environ.get("PASSWORD_CHECK_SLOTS_DIR", VAR_DIR / "password-check-slots"))
LOGIN_URL = "portal:login"
LOGIN_REDIRECT_URL = "landing"
LOGOUT_REDIRECT_URL = "portal:login"
PASSWORD_RESET_TIMEOUT = 60 * 60 * 24 * 3  # invitation and reset links live three days

LANGUAGE_CODE = "en-in"
TIME_ZONE = "Asia/Kolkata"
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATICFILES_DIRS = [BASE_DIR / "static"]
STATIC_ROOT = Path(os.environ.get("STATIC_ROOT", VAR_DIR / "staticfiles"))
MEDIA_URL = "/media/"
MEDIA_ROOT = Path(os.environ.get("MEDIA_ROOT", VAR_DIR / "media"))
BACKUP_DIR = Path(os.environ.get("BACKUP_DIR", VAR_DIR / "backups"))
BACKUP_KEEP = int(os.environ.get("BACKUP_KEEP", "7"))
# Static files come from the app folders in development (collectstatic fills STATIC_ROOT in production).
WHITENOISE_USE_FINDERS = not PRODUCTION
if not PRODUCTION:
    STATIC_ROOT.mkdir(parents=True, exist_ok=True)
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": (
            "whitenoise.storage.CompressedManifestStaticFilesStorage"
            if PRODUCTION
            else "django.contrib.staticfiles.storage.StaticFilesStorage"
        )
    },
}
# Several app servers must see the same uploads and backups: with S3_BUCKET set both live in that
# S3-compatible bucket (AWS, MinIO, Ceph…) under media/ and backups/, private, reached through signed
# links that expire; MEDIA_ROOT and BACKUP_DIR then only hold scratch files.
S3_BUCKET = os.environ.get("S3_BUCKET", "").strip()
if S3_BUCKET:
    _s3 = {
        "bucket_name": S3_BUCKET,
        "endpoint_url": os.environ.get("S3_ENDPOINT_URL") or None,
        "region_name": os.environ.get("S3_REGION") or None,
        "access_key": os.environ.get("S3_ACCESS_KEY_ID") or None,
        "secret_key": os.environ.get("S3_SECRET_ACCESS_KEY") or None,
        "default_acl": "private",
        "querystring_auth": True,
        "querystring_expire": 300,
        "file_overwrite": False,
    }
    STORAGES["default"] = {"BACKEND": "storages.backends.s3.S3Storage", "OPTIONS": {**_s3, "location": "media"}}
    STORAGES["backups"] = {"BACKEND": "storages.backends.s3.S3Storage", "OPTIONS": {**_s3, "location": "backups"}}

# Email: SMTP when EMAIL_HOST is set, the console otherwise.
EMAIL_HOST = os.environ.get("EMAIL_HOST", "")
EMAIL_PORT = int(os.environ.get("EMAIL_PORT", "587"))
EMAIL_HOST_USER = os.environ.get("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = os.environ.get("EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS", True)
EMAIL_BACKEND = (
    "django.core.mail.backends.smtp.EmailBackend"
    if EMAIL_HOST
    else "django.core.mail.backends.console.EmailBackend"
)
DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", "RevCare <no-reply@revcare.local>")
# Absolute links in emails (set-password, bookings) are built on this.
SITE_URL = os.environ.get("SITE_URL", "http://127.0.0.1:8000").rstrip("/")

# Razorpay: without keys the sandbox gateway stands in (payments issue).
RAZORPAY_KEY_ID = os.environ.get("RAZORPAY_KEY_ID", "")
RAZORPAY_KEY_SECRET = os.environ.get("RAZORPAY_KEY_SECRET", "")
RAZORPAY_WEBHOOK_SECRET = os.environ.get("RAZORPAY_WEBHOOK_SECRET", "")
RAZORPAY_BASE_URL = os.environ.get("RAZORPAY_BASE_URL", "https://api.razorpay.com")
RAZORPAY_TIMEOUT_SECONDS = float(os.environ.get("RAZORPAY_TIMEOUT_SECONDS", "10"))

# Garage rules
WORKING_HOURS_PER_DAY = int(os.environ.get("WORKING_HOURS_PER_DAY", "9"))
# Bookings open this many days ahead; a customer holds at most so many open bookings, and so many in one slot.
BOOKING_HORIZON_DAYS = int(os.environ.get("BOOKING_HORIZON_DAYS", "60"))
BOOKING_MAX_OPEN_PER_CUSTOMER = int(os.environ.get("BOOKING_MAX_OPEN_PER_CUSTOMER", "5"))
BOOKING_MAX_PER_SLOT_PER_CUSTOMER = int(os.environ.get("BOOKING_MAX_PER_SLOT_PER_CUSTOMER", "2"))
# Efficiency: below this many actual hours a percentage means nothing; the longest period one report covers.
EFFICIENCY_MIN_ACTUAL_HOURS = Decimal(os.environ.get("EFFICIENCY_MIN_ACTUAL_HOURS", "1"))
EFFICIENCY_MAX_PERIOD_DAYS = int(os.environ.get("EFFICIENCY_MAX_PERIOD_DAYS", "366"))
MAX_ANALYSIS_IMAGES = 5
UPLOAD_MAX_BYTES = 5 * 1024 * 1024
# Request bodies other than files, and how many fields and files one request may carry: past them the
# answer is a 413 (revcare/api/exceptions.py request_too_large_detail), API and portal alike.
DATA_UPLOAD_MAX_MEMORY_SIZE = int(os.environ.get("DATA_UPLOAD_MAX_MEMORY_SIZE", str(2 * 1024 * 1024)))
DATA_UPLOAD_MAX_NUMBER_FIELDS = int(os.environ.get("DATA_UPLOAD_MAX_NUMBER_FIELDS", "1000"))
DATA_UPLOAD_MAX_NUMBER_FILES = int(os.environ.get("DATA_UPLOAD_MAX_NUMBER_FILES", "100"))

# API
REST_FRAMEWORK = {
    "DEFAULT_METADATA_CLASS": "revcare.api.metadata.RouteMetadata",
    "DEFAULT_AUTHENTICATION_CLASSES": [
        "accounts.authentication.RevocableJWTAuthentication",
        "rest_framework.authentication.SessionAuthentication",
    ],
    "DEFAULT_PERMISSION_CLASSES": ["accounts.permissions.HasRouteScope"],
    # JSON only: the routes that take files or the contract's sign-in form list theirs (revcare.api.parsers).
    "DEFAULT_PARSER_CLASSES": ["rest_framework.parsers.JSONParser"],
    "DEFAULT_RENDERER_CLASSES": ["rest_framework.renderers.JSONRenderer"],
    "DEFAULT_PAGINATION_CLASS": "revcare.api.pagination.PageNumberPagination",
    "PAGE_SIZE": 20,
    "DEFAULT_FILTER_BACKENDS": ["django_filters.rest_framework.DjangoFilterBackend"],
    "DEFAULT_SCHEMA_CLASS": "revcare.api.schema.RevCareAutoSchema",
    "EXCEPTION_HANDLER": "revcare.api.exceptions.api_exception_handler",
    "NUM_PROXIES": int(os.environ.get("NUM_PROXIES", "0")) if PRODUCTION else None,
}

ACCESS_TOKEN_LIFETIME = timedelta(minutes=int(os.environ.get("ACCESS_TOKEN_MINUTES", "30")))
REFRESH_TOKEN_LIFETIME = timedelta(days=int(os.environ.get("REFRESH_TOKEN_DAYS", "7")))
SIMPLE_JWT = {
    "ACCESS_TOKEN_LIFETIME": ACCESS_TOKEN_LIFETIME,
    "REFRESH_TOKEN_LIFETIME": REFRESH_TOKEN_LIFETIME,
    "ALGORITHM": "HS256",
    "SIGNING_KEY": os.environ.get("JWT_SIGNING_KEY") or SECRET_KEY,
    "AUTH_HEADER_TYPES": ("Bearer",),
    "USER_ID_FIELD": "public_id",
    "USER_ID_CLAIM": "sub",
    "TOKEN_TYPE_CLAIM": "type",
    "JTI_CLAIM": "jti",
    "UPDATE_LAST_LOGIN": False,
}
REFRESH_COOKIE_NAME = "refresh_token"
REFRESH_COOKIE_PATH = "/auth/"
REFRESH_COOKIE_SAMESITE = "Strict"

SPECTACULAR_SETTINGS = {
    "TITLE": "RevCare API",
    "DESCRIPTION": (
        "Vehicle-service management: bookings, mechanics, payments and notifications. "
        "Errors always have the shape {status, message, detail}."
    ),
    "VERSION": "1.0.0",
    "SERVE_INCLUDE_SCHEMA": False,
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    "REDOC_DIST": "SIDECAR",
    "COMPONENT_SPLIT_REQUEST": True,
    "SCHEMA_PATH_PREFIX": r"/",
    "ENUM_NAME_OVERRIDES": {
        "AssignmentKindEnum": "bookings.models.AssignmentKind",
        "BookingPaymentMethodEnum": "bookings.models.PaymentMethod",
        "PaymentChannelEnum": "payments.models.PaymentMethod",
        "PaymentStatusEnum": "payments.models.PaymentStatus",
        "RefundStatusEnum": "payments.models.RefundStatus",
    },
    "POSTPROCESSING_HOOKS": [
        "drf_spectacular.hooks.postprocess_schema_enums",
        "revcare.api.schema.local_times",
    ],
}

CRISPY_ALLOWED_TEMPLATE_PACKS = "bootstrap5"
CRISPY_TEMPLATE_PACK = "bootstrap5"

# Paths that serve HTML; every other unknown path answers the API's JSON 404.
HTML_PATH_PREFIXES = ("/portal/", "/admin/", "/static/", "/media/", "/docs", "/redoc")

SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_SAMESITE = "Lax"
CSRF_FAILURE_VIEW = "revcare.views.csrf_failure"
# Third-party browser apps calling the API: only the origins listed, only on API paths (never the
# portals), bearer tokens only (no cookies cross-site).
CORS_ALLOWED_ORIGINS = env_list("CORS_ALLOWED_ORIGINS")
BENCHMARK = env_bool("REVCARE_BENCH", False)  # adds /bench/baseline for `make bench`
CORS_URLS_REGEX = r"^/(?!portal/|admin/|static/|media/|docs|redoc).*$"
CORS_ALLOW_CREDENTIALS = False
CORS_PREFLIGHT_MAX_AGE = 3600

X_FRAME_OPTIONS = "DENY"
# No inline script anywhere (behaviour lives in static/js); Razorpay Checkout is the one outside script.
_CSP_COMMON = ("default-src 'self'; img-src 'self' data:; style-src 'self' 'unsafe-inline'; object-src 'none'; "
               "base-uri 'self'; form-action 'self'; frame-ancestors 'none'")
CONTENT_SECURITY_POLICY = (f"{_CSP_COMMON}; script-src 'self' https://checkout.razorpay.com; "
                           "connect-src 'self' https://api.razorpay.com https://lumberjack.razorpay.com; "
                           "frame-src https://api.razorpay.com https://checkout.razorpay.com")
CONTENT_SECURITY_POLICY_DOCS = f"{_CSP_COMMON}; script-src 'self' 'unsafe-inline'; worker-src 'self' blob:"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"

if PRODUCTION:
    SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", True)
    SECURE_REDIRECT_EXEMPT = [r"^health$"]
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    SECURE_HSTS_SECONDS = int(os.environ.get("SECURE_HSTS_SECONDS", str(60 * 60 * 24 * 365)))
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    SECURE_HSTS_PRELOAD = True
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True
    CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS")
    if RAZORPAY_KEY_ID == "" or RAZORPAY_KEY_SECRET == "":
        # The sandbox gateway is for development only.
        raise ImproperlyConfigured("RAZORPAY_KEY_ID and RAZORPAY_KEY_SECRET must be set when DJANGO_ENV=production")

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {
        "plain": {"format": "%(asctime)s %(levelname)s %(name)s %(message)s"},
    },
    "handlers": {"console": {"class": "logging.StreamHandler", "formatter": "plain"}},
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "INFO")},
    "loggers": {
        # Our request log replaces Django's own per-request lines.
        "django.server": {"level": "WARNING"},
        "django.request": {"level": "ERROR"},
    },
}
