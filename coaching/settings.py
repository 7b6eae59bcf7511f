"""Tandem's one settings module, driven by environment variables.

With nothing set it runs on a SQLite file with development defaults and needs no
server. Every variable is listed, with its default, in README.md.
"""

import warnings
from pathlib import Path

import environ

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


DEBUG = strict_bool("DJANGO_DEBUG", default=True)
# A development key is only acceptable while DEBUG is on; production must set one.
SECRET_KEY = env.str("DJANGO_SECRET_KEY", default="" if not DEBUG else "dev-only-not-secret")
if not SECRET_KEY:
    raise environ.ImproperlyConfigured("Set DJANGO_SECRET_KEY when DJANGO_DEBUG is off.")
ALLOWED_HOSTS = env.list("DJANGO_ALLOWED_HOSTS", default=["127.0.0.1", "localhost", "testserver"])
CSRF_TRUSTED_ORIGINS = env.list("DJANGO_CSRF_TRUSTED_ORIGINS", default=[])
SITE_URL = env.str("TANDEM_SITE_URL", default="http://127.0.0.1:8000")

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "rest_framework",
    "rest_framework.authtoken",
    "django_filters",
    "drf_spectacular",
    "drf_spectacular_sidecar",  # the Swagger UI assets, served by us: no CDN
    "django_htmx",
    "coaching",  # project-wide glue: the demo practice, cross-app commands
    "engagements",
    "sessions_grow",
    "mpc",
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
    "django_htmx.middleware.HtmxMiddleware",
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
            ],
        },
    },
]

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
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "dashboard"
LOGOUT_REDIRECT_URL = "login"

LANGUAGE_CODE = "en"
TIME_ZONE = env.str("TANDEM_TIME_ZONE", default="UTC")
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
STATIC_ROOT = BASE_DIR / "staticfiles"
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
if "EMAIL_URL" in env:
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
    "DEFAULT_SCHEMA_CLASS": "coaching.api.TandemAutoSchema",
    "DEFAULT_AUTHENTICATION_CLASSES": [
        # Token first: an anonymous call then gets 401 with WWW-Authenticate, not 403.
        "rest_framework.authentication.TokenAuthentication",
        "rest_framework.authentication.SessionAuthentication",
    ],
    "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.IsAuthenticated"],
    "DEFAULT_FILTER_BACKENDS": [
        "coaching.filters.StrictFilterBackend",
        "rest_framework.filters.OrderingFilter",
    ],
    # JSON in, JSON out: one unambiguous encoding (forms blur "" and null).
    "DEFAULT_PARSER_CLASSES": ["rest_framework.parsers.JSONParser"],
    "DEFAULT_PAGINATION_CLASS": "rest_framework.pagination.PageNumberPagination",
    "PAGE_SIZE": 50,
    "EXCEPTION_HANDLER": "coaching.api.exception_handler",
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
        "coaching.api.allow_empty_query_values",
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
CELERY_BROKER_URL = REDIS_URL or f"sqla+sqlite:///{VAR_DIR / 'broker.sqlite3'}"
CELERY_TASK_IGNORE_RESULT = True
CELERY_TASK_ACKS_LATE = True
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
CELERY_TIMEZONE = "UTC"

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env.str("LOG_LEVEL", default="INFO")},
}

VAR_DIR.mkdir(exist_ok=True)
if DEBUG:
    # In development whitenoise serves from the finders; no collected directory is expected.
    warnings.filterwarnings("ignore", message="No directory at", module="whitenoise.base")
