"""Tandem's one settings module, driven by environment variables.

With nothing set it runs on a SQLite file with development defaults and needs no
server. Every variable is listed, with its default, in README.md.
"""

import warnings
from datetime import timedelta
from ipaddress import IPv4Network, IPv6Network, ip_network
from pathlib import Path

import environ
from django.utils.csp import CSP

BASE_DIR = Path(__file__).resolve().parent.parent
VAR_DIR = BASE_DIR / "var"

env = environ.Env()


def strict_bool(name: str, *, default: bool) -> bool:
    """A boolean variable; anything but a clear yes or no stops start-up."""
    raw = env.str(name, default="").strip().lower()
    if not raw:
        return default
    if raw in ("1", "true", "yes", "on"):
        return True
    if raw in ("0", "false", "no", "off"):
        return False
    raise environ.ImproperlyConfigured(f"{name}={raw!r} is not a boolean: use true or false.")


def positive_ints(name: str, *, default: str) -> tuple[int, ...]:
    """A comma-separated list of whole numbers above zero; anything else stops start-up."""
    raw = env.str(name, default=default)
    try:
        values = tuple(sorted({int(part) for part in raw.split(",") if part.strip()}, reverse=True))
    except ValueError:
        values = ()
    if not values or min(values) < 1:
        raise environ.ImproperlyConfigured(f"{name}={raw!r}: give whole days above zero, e.g. 7,1.")
    return values


def int_in(name: str, *, default: int, low: int, high: int) -> int:
    """A whole number within [low, high]; anything else stops start-up."""
    value = env.int(name, default=default)
    if not low <= value <= high:
        raise environ.ImproperlyConfigured(f"{name}={value} is outside {low}–{high}.")
    return value


def networks(name: str) -> tuple[IPv4Network | IPv6Network, ...]:
    """Comma-separated addresses or networks (`10.0.0.0/8`); anything else stops start-up."""
    parsed = []
    for part in filter(None, (part.strip() for part in env.str(name, default="").split(","))):
        try:
            parsed.append(ip_network(part))
        except ValueError as error:
            raise environ.ImproperlyConfigured(f"{name}: {part!r} is not an address or a network ({error}).") from None
    return tuple(parsed)


DEBUG = strict_bool("DJANGO_DEBUG", default=True)
# A development key is only acceptable while DEBUG is on; production must set one.
SECRET_KEY = env.str("DJANGO_SECRET_KEY", default="" if not DEBUG else "dev-only-not-secret")
if not SECRET_KEY:
    raise environ.ImproperlyConfigured("Set DJANGO_SECRET_KEY when DJANGO_DEBUG is off.")
ALLOWED_HOSTS = env.list("DJANGO_ALLOWED_HOSTS", default=["127.0.0.1", "localhost", "testserver"])
CSRF_TRUSTED_ORIGINS = env.list("DJANGO_CSRF_TRUSTED_ORIGINS", default=[])
SITE_URL = env.str("TANDEM_SITE_URL", default="http://127.0.0.1:8000")
# Months after which ended engagements are purged by the scheduler; 0 keeps them.
TANDEM_RETENTION_MONTHS = env.int("TANDEM_RETENTION_MONTHS", default=0)
# /bench/bare/, the load benchmark's floor (bench/throughput.py): off unless a benchmark asks.
TANDEM_BENCH_VIEWS = strict_bool("TANDEM_BENCH_VIEWS", default=False)

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "rest_framework",
    "knox",  # API tokens: hashed, expiring, one per login (coaching.ApiToken)
    "django_filters",
    "drf_spectacular",
    "drf_spectacular_sidecar",  # the Swagger UI assets, served by us: no CDN
    "django_htmx",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "django_otp.plugins.otp_static",
    "axes",
    "kit",  # the shared building blocks: imports no app
    "coaching",  # project-wide glue: the demo practice, cross-app commands
    "engagements",
    "sessions_grow",
    "mpc",
]

MIDDLEWARE = [
    "coaching.logs.RequestIdMiddleware",  # first: every log line of the request carries its id
    "django.middleware.security.SecurityMiddleware",
    "kit.caching.NoStoreMiddleware",  # outside whitenoise: static files stay cacheable
    "coaching.limits.RequestSizeLimitMiddleware",
    "django.middleware.csp.ContentSecurityPolicyMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "coaching.signed_in.SessionRenewalMiddleware",  # after sessions: renews the idle timeout once a minute
    "django.middleware.locale.LocaleMiddleware",  # the browser's language, where we speak it
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "kit.languages.PreferredLanguageMiddleware",  # a signed-in person's own language outranks the browser's
    "coaching.signed_in.TwoFactorMiddleware",  # django-otp's, without a device query per request
    "django.contrib.messages.middleware.MessageMiddleware",
    "coaching.two_factor.TwoFactorGateMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "axes.middleware.AxesMiddleware",  # turns a lockout into the login page's message
    "engagements.audit.AuditOriginMiddleware",
]

ROOT_URLCONF = "coaching.urls"
WSGI_APPLICATION = "coaching.wsgi.application"
ASGI_APPLICATION = "coaching.asgi.application"

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
                "django.template.context_processors.csp",
            ],
        },
    },
]

# Forms and widgets through their Jinja2 twins, the admin's own widgets through Django's engine.
FORM_RENDERER = "kit.forms.FormRenderer"

DATABASES = {
    "default": env.db_url("DATABASE_URL", default=f"sqlite:///{VAR_DIR / 'tandem.sqlite3'}"),
}
if DATABASES["default"]["ENGINE"] != "django.db.backends.sqlite3":
    # Persistent connections: measured 183 → 1,091 requests/s on a DRF list (TOOLCHAIN.md).
    DATABASES["default"]["CONN_MAX_AGE"] = env.int("DATABASE_CONN_MAX_AGE", default=60)
    DATABASES["default"]["CONN_HEALTH_CHECKS"] = True
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_USER_MODEL = "engagements.User"
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    # Coaches hold confidential client files: 12 characters by default, as for a passphrase.
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": int_in("TANDEM_PASSWORD_MIN_LENGTH", default=12, low=8, high=128)},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
    # Not a rule: Django tells every validator when a password changed, and this one
    # revokes the person's API tokens then (coaching/tokens.py).
    {"NAME": "coaching.tokens.RevokeTokensOnPasswordChange"},
]
# Idle timeout: a session unused for this long ends (each request renews it). Two weeks,
# Django's default, would leave a coach's client files open on any unattended screen.
SESSION_COOKIE_AGE = 60 * int_in("TANDEM_SESSION_IDLE_MINUTES", default=60, low=5, high=24 * 60)
# Renewed at most once a minute (coaching/signed_in.py), not written on every request.
SESSION_SAVE_EVERY_REQUEST = False
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "dashboard"
LOGOUT_REDIRECT_URL = "login"

# Two-factor login (coaching/two_factor.py): optional per user, required of admins and
# coaches when this is on.
TANDEM_REQUIRE_2FA_FOR_STAFF = strict_bool("TANDEM_REQUIRE_2FA_FOR_STAFF", default=False)
OTP_TOTP_ISSUER = "Tandem"
# Axes must see every attempt first: it refuses a locked-out login before any password check.
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
AXES_FAILURE_LIMIT = 5
AXES_COOLOFF_TIME = timedelta(minutes=15)
# Only the (username, address) pair locks: one attacker cannot lock a user out everywhere.
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
# The address is the client's, read through the trusted proxies (kit/network.py).
AXES_CLIENT_IP_CALLABLE = "kit.network.client_ip"
# No reset on a good password: otherwise password + 4 wrong codes, log out, repeat
# would guess 2FA codes forever. Failures age out after the cool-off instead.
AXES_RESET_ON_SUCCESS = False
AXES_LOCKOUT_CALLABLE = "coaching.two_factor.locked_out"
AXES_VERBOSE = False

# Sign-in links for clients and sponsor contacts (coaching/sign_in_links.py, django-sesame):
# a link works once (logging in changes the last-login date its signature covers), for
# this many minutes, and stops working when the password or the email address changes.
TANDEM_SIGN_IN_LINK_MINUTES = int_in("TANDEM_SIGN_IN_LINK_MINUTES", default=15, low=5, high=60)
SESAME_MAX_AGE = timedelta(minutes=TANDEM_SIGN_IN_LINK_MINUTES)
SESAME_ONE_TIME = True
SESAME_INVALIDATE_ON_PASSWORD_CHANGE = True
SESAME_INVALIDATE_ON_EMAIL_CHANGE = True
# Tokens name the person by their random public id, not the sequential key: a forged token
# cannot walk through the users (to have a new link emailed to each, say).
SESAME_PRIMARY_KEY_FIELD = "public_id"

# API tokens (django-rest-knox, coaching/tokens.py): stored as a hash, one per login,
# listed and revoked by their owner. A token used within its lifetime is renewed, up to
# a hard limit after which its owner logs in again.
KNOX_TOKEN_MODEL = "coaching.ApiToken"
# knox's migrations would create its own token table even though ours replaces it (they
# ignore the swap), and a table no model knows breaks test-database flushes.
MIGRATION_MODULES = {"knox": None}
REST_KNOX = {
    "TOKEN_MODEL": KNOX_TOKEN_MODEL,
    "AUTH_HEADER_PREFIX": "Token",  # `Authorization: Token …`, as scripts already send
    "TOKEN_TTL": timedelta(hours=int_in("TANDEM_API_TOKEN_HOURS", default=10, low=1, high=720)),
    "AUTO_REFRESH": True,
    "AUTO_REFRESH_MAX_TTL": timedelta(days=int_in("TANDEM_API_TOKEN_MAX_DAYS", default=30, low=1, high=365)),
}

# HTTPS and headers: `manage.py check --deploy` passes with DJANGO_DEBUG=false.
# Behind a proxy that terminates TLS, set DJANGO_SECURE_PROXY_SSL_HEADER so Django
# sees the original scheme (and DJANGO_SECURE_SSL_REDIRECT=false if the proxy redirects).
# The reverse proxies in front of Tandem (addresses or networks): behind them, the client's
# address is read from X-Forwarded-For for the login lockout and the audit trail. Empty:
# REMOTE_ADDR is the client (no proxy, or one that sets it).
TANDEM_TRUSTED_PROXIES = networks("TANDEM_TRUSTED_PROXIES")
SECURE_SSL_REDIRECT = strict_bool("DJANGO_SECURE_SSL_REDIRECT", default=not DEBUG)
SECURE_REDIRECT_EXEMPT = [r"^health/$"]  # the container's health check speaks plain HTTP
if proxy_header := env.str("DJANGO_SECURE_PROXY_SSL_HEADER", default=""):
    name, _, value = proxy_header.partition("=")
    SECURE_PROXY_SSL_HEADER = ("HTTP_" + name.strip().upper().replace("-", "_"), value.strip())
SECURE_HSTS_SECONDS = env.int("DJANGO_SECURE_HSTS_SECONDS", default=0 if DEBUG else 31_536_000)
SECURE_HSTS_INCLUDE_SUBDOMAINS = strict_bool("DJANGO_SECURE_HSTS_INCLUDE_SUBDOMAINS", default=not DEBUG)
SECURE_HSTS_PRELOAD = strict_bool("DJANGO_SECURE_HSTS_PRELOAD", default=not DEBUG)
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
SESSION_COOKIE_SECURE = CSRF_COOKIE_SECURE = not DEBUG
SESSION_COOKIE_HTTPONLY = CSRF_COOKIE_HTTPONLY = True  # pages and Swagger read the token from the HTML
SESSION_COOKIE_SAMESITE = CSRF_COOKIE_SAMESITE = "Lax"
# Content Security Policy, in development too so tests catch violations: scripts and
# styles come from our own static files; anything inline needs the request's nonce.
SECURE_CSP = {
    "default-src": [CSP.SELF],
    "script-src": [CSP.SELF, CSP.NONCE],
    "style-src": [CSP.SELF, CSP.NONCE],
    "img-src": [CSP.SELF, "data:"],
    "object-src": [CSP.NONE],
    "base-uri": [CSP.NONE],
    "form-action": [CSP.SELF],
    "frame-ancestors": [CSP.NONE],
}

LANGUAGE_CODE = "en"  # what a person gets when neither their choice nor their browser names one we speak
LANGUAGES = [("en", "English"), ("fr", "Français")]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = env.str("TANDEM_TIME_ZONE", default="UTC")
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
STATIC_ROOT = Path(env.str("DJANGO_STATIC_ROOT", default=str(BASE_DIR / "staticfiles")))
STATICFILES_DIRS = [BASE_DIR / "static"]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": (
            "django.contrib.staticfiles.storage.StaticFilesStorage"
            if DEBUG
            else "whitenoise.storage.CompressedManifestStaticFilesStorage"
        )
    },
}

# Console email unless EMAIL_URL names an SMTP server (smtp+tls://user:pass@host:587).
DEFAULT_FROM_EMAIL = env.str("DEFAULT_FROM_EMAIL", default="Tandem <tandem@localhost>")
MAILERS = {"default": {"BACKEND": "django.core.mail.backends.console.EmailBackend"}}
if env.str("EMAIL_URL", default=""):  # compose passes an empty value when unset
    smtp = env.email_url("EMAIL_URL")
    MAILERS["default"] = {
        "BACKEND": "django.core.mail.backends.smtp.EmailBackend",
        "OPTIONS": {
            "host": smtp["EMAIL_HOST"],
            "port": smtp["EMAIL_PORT"],
            "username": smtp["EMAIL_HOST_USER"],
            "password": smtp["EMAIL_HOST_PASSWORD"],
            "use_tls": smtp.get("EMAIL_USE_TLS", False),
            "use_ssl": smtp.get("EMAIL_USE_SSL", False),
            "timeout": 30,
        },
    }

REST_FRAMEWORK = {
    "DEFAULT_SCHEMA_CLASS": "kit.api.TandemAutoSchema",
    "DEFAULT_AUTHENTICATION_CLASSES": [
        # Token first: an anonymous call then gets 401 with WWW-Authenticate, not 403.
        "coaching.authentication.TokenAuthentication",  # knox's, reading the roster entry too
        "rest_framework.authentication.SessionAuthentication",
    ],
    "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.IsAuthenticated"],
    "DEFAULT_FILTER_BACKENDS": [
        "kit.filters.StrictFilterBackend",
        "rest_framework.filters.OrderingFilter",
    ],
    # JSON in, JSON out: one unambiguous encoding (forms blur "" and null).
    "DEFAULT_PARSER_CLASSES": ["kit.parsers.JSONParser"],  # DRF's, with a nesting limit
    "DEFAULT_PAGINATION_CLASS": "rest_framework.pagination.PageNumberPagination",
    "PAGE_SIZE": 50,
    "EXCEPTION_HANDLER": "kit.api.exception_handler",
}
SPECTACULAR_SETTINGS = {
    "TITLE": "Tandem API",
    "DESCRIPTION": "Coaching engagements, GROW sessions, MPC and action plans.",
    "VERSION": "1.0.0",
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    "REDOC_DIST": "SIDECAR",
    "COMPONENT_SPLIT_REQUEST": True,
    "POSTPROCESSING_HOOKS": [
        "drf_spectacular.hooks.postprocess_schema_enums",
        "kit.api.allow_empty_query_values",
    ],
    "ENUM_NAME_OVERRIDES": {
        "EngagementStateEnum": "engagements.models.Engagement.State",
        "EngagementKindEnum": "engagements.models.Engagement.Kind",
        "ActionPlanKindEnum": "engagements.models.ActionPlan.Kind",
        "ActionItemStatusEnum": "engagements.models.ActionItem.Status",
        "SessionStatusEnum": "sessions_grow.models.CoachingSession.Status",
        "StageStatusEnum": "mpc.models.Stage.Status",
        "MilestoneStatusEnum": "mpc.models.Milestone.Status",
        "GoalKindEnum": "mpc.models.Goal.Kind",
        "ResourceKindEnum": "mpc.models.Resource.Kind",
    },
}

# Celery: Redis when REDIS_URL is set; otherwise a SQLite-file broker that needs no
# server (kombu's SQLAlchemy transport; the filesystem transport crashed here).
REDIS_URL = env.str("REDIS_URL", default="")
# Sessions live in the database; with Redis they are read through it (cached_db writes
# through: a logout or a change reaches both). Never a per-process cache: it would serve
# a logged-out session to the other processes.
if REDIS_URL:
    CACHES = {
        "default": {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": REDIS_URL, "KEY_PREFIX": "tandem"}
    }
    SESSION_ENGINE = "coaching.session_store"
CELERY_BROKER_URL = REDIS_URL or f"sqla+sqlite:///{VAR_DIR / 'broker.sqlite3'}"
CELERY_TASK_IGNORE_RESULT = True
CELERY_TASK_ACKS_LATE = True
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
CELERY_TIMEZONE = "UTC"
# Beat's file-backed scheduler, recording the beat's heartbeat on each reminder scan (coaching/health.py).
CELERY_BEAT_SCHEDULER = "coaching.health:HeartbeatScheduler"


# Reminders (docs/reminders.md). Lead days are before the due date; 0 is kept for "overdue".
REMINDER_LEAD_DAYS = positive_ints("REMINDER_LEAD_DAYS", default="7,1")
# A scan costs the same few queries however much is due, so it runs every minute: what a
# crashed worker or a mail outage held up goes out within minutes of its end (lease, then
# backoff doubling from REMINDER_RETRY_SECONDS up to REMINDER_RETRY_MAX_SECONDS, plus one scan).
REMINDER_SCAN_SECONDS = int_in("REMINDER_SCAN_SECONDS", default=60, low=1, high=86_400)
REMINDER_DIGEST_HOUR = int_in("REMINDER_DIGEST_HOUR", default=8, low=0, high=23)
REMINDER_LEASE_SECONDS = int_in("REMINDER_LEASE_SECONDS", default=120, low=60, high=86_400)
REMINDER_RETRY_SECONDS = int_in("REMINDER_RETRY_SECONDS", default=30, low=1, high=86_400)
REMINDER_RETRY_MAX_SECONDS = int_in("REMINDER_RETRY_MAX_SECONDS", default=180, low=1, high=86_400)
# With the backoff above, ten attempts ride out a mail outage of about 20 minutes.
REMINDER_MAX_ATTEMPTS = int_in("REMINDER_MAX_ATTEMPTS", default=10, low=1, high=100)

# Bodies over 2 MiB are refused (413) before any parser reads them.
DATA_UPLOAD_MAX_MEMORY_SIZE = env.int("TANDEM_MAX_BODY_BYTES", default=2 * 1024 * 1024)


def one_of(name: str, *, default: str, choices: tuple[str, ...]) -> str:
    """One of a few words; anything else stops start-up."""
    value = env.str(name, default=default).strip().lower() or default
    if value not in choices:
        raise environ.ImproperlyConfigured(f"{name}={value!r}: use one of {', '.join(choices)}.")
    return value


# Logs: one JSON object per line in production (request id, user id, never content), plain
# text in development. The worker and the beat use this configuration too (coaching/celery.py).
LOG_FORMAT = one_of("LOG_FORMAT", default="text" if DEBUG else "json", choices=("text", "json"))
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "filters": {"context": {"()": "coaching.logs.RequestContextFilter"}},
    "formatters": {"json": {"()": "coaching.logs.JsonFormatter"}, "text": {"format": "%(message)s"}},
    "handlers": {
        "console": {"class": "logging.StreamHandler", "filters": ["context"], "formatter": LOG_FORMAT},
    },
    "root": {"handlers": ["console"], "level": env.str("LOG_LEVEL", default="INFO")},
    # WeasyPrint narrates each step of every report PDF at INFO; its warnings still show.
    "loggers": {name: {"level": "WARNING"} for name in ("weasyprint", "weasyprint.progress", "fontTools")},
}

# Error reporting to Sentry (or a compatible service) only when a DSN is set: off by default,
# and never request bodies, cookies, headers or who the user is (coaching/error_reporting.py).
SENTRY_DSN = env.str("SENTRY_DSN", default="")
if SENTRY_DSN:
    from coaching.error_reporting import start_error_reporting

    start_error_reporting(dsn=SENTRY_DSN, environment=env.str("SENTRY_ENVIRONMENT", default="production"))

VAR_DIR.mkdir(exist_ok=True)
if DEBUG:
    # In development whitenoise serves from the finders; no collected directory is expected.
    warnings.filterwarnings("ignore", message="No directory at", module="whitenoise.base")
