"""Helix settings: one module, configured by environment variables only.

The development default (``HELIX_ENV=development``) needs no variable at all:
SQLite in ``var/``, an in-process job broker, e-mails written to ``var/mail/``.
``docs/operations.md`` lists every variable.
"""

from __future__ import annotations

import os
from pathlib import Path

import environ
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _

from cms.plugins.discovery import discover, select

BASE_DIR = Path(__file__).resolve().parent.parent
env = environ.Env()

HELIX_ENV = env.str("HELIX_ENV", default="development")
if HELIX_ENV not in ("development", "production"):
    raise ImproperlyConfigured("HELIX_ENV must be 'development' or 'production'.")
PRODUCTION = HELIX_ENV == "production"
VAR_DIR = Path(env.str("HELIX_VAR_DIR", default=str(BASE_DIR / "var")))

_DEV_SECRET = "helix-development-only-secret-key-do-not-use-in-production"
SECRET_KEY = env.str("SECRET_KEY", default="" if PRODUCTION else _DEV_SECRET)
if PRODUCTION and (not SECRET_KEY or SECRET_KEY == _DEV_SECRET or len(SECRET_KEY) < 50):
    raise ImproperlyConfigured(
        "HELIX_ENV=production needs a real SECRET_KEY (50 or more random characters) "
        "in the environment; refusing to start."
    )

DEBUG = env.bool("DEBUG", default=not PRODUCTION)
ALLOWED_HOSTS = env.list(
    "ALLOWED_HOSTS", default=[] if PRODUCTION else ["localhost", "127.0.0.1", "[::1]", "testserver"]
)
HELIX_SITE_URL = env.str("HELIX_SITE_URL", default="" if PRODUCTION else "http://127.0.0.1:8000").rstrip("/")
if PRODUCTION and not HELIX_SITE_URL.startswith("https://"):
    # Mail links and the CSRF-trusted origin would otherwise point at a development address.
    raise ImproperlyConfigured(
        "HELIX_ENV=production needs HELIX_SITE_URL, the public https:// address of the site; "
        "refusing to start."
    )
CSRF_TRUSTED_ORIGINS = env.list("CSRF_TRUSTED_ORIGINS", default=[HELIX_SITE_URL])

# --- Plugins: discovered through entry points, selected by HELIX_PLUGINS -------------
HELIX_PLUGIN_DISCOVERY = discover()
HELIX_PLUGIN_APPS = select(os.environ.get("HELIX_PLUGINS"), HELIX_PLUGIN_DISCOVERY)
# Extra plugin app modules that are not packaged (tests, local experiments).
HELIX_PLUGIN_APPS += env.list("HELIX_EXTRA_PLUGIN_APPS", default=[])
HELIX_PLUGIN_SETTINGS: dict[str, dict] = env.json("HELIX_PLUGIN_SETTINGS", default={})

INSTALLED_APPS = [
    "cms.accounts",
    "django_countries",
    "cms.people",
    "cms.orgadmin",
    "cms.sectors",
    "cms.organisations",
    "cms.connections",
    "cms.outbox",
    "cms.jobs",
    "cms.audit",
    "cms.dashboard",
    "cms.capabilities",
    "cms.plugins",
    "cms.pages",
    "api",
    "wagtail_localize",
    "wagtail_localize.locales",
    "wagtail_headless_preview",
    "wagtail.contrib.forms",
    "wagtail.contrib.redirects",
    "wagtail.contrib.settings",
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
    "allauth",
    "allauth.account",
    "allauth.mfa",
    "allauth.headless",
    "rest_framework",
    "django_filters",
    "drf_spectacular",
    "drf_spectacular_sidecar",
    "guardian",
    "django_dramatiq",
    "health_check",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    *HELIX_PLUGIN_APPS,
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "cms.csp.ContentSecurityPolicyMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "api.parsers.JSONDepthMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "allauth.account.middleware.AccountMiddleware",
    "cms.accounts.middleware.AdminSecondFactorMiddleware",
    "cms.accounts.middleware.SessionIdleMiddleware",
    "cms.accounts.middleware.LastSeenMiddleware",
    "cms.accounts.middleware.SecurityHeadersMiddleware",
    "cms.accounts.middleware.LoginBackOffMiddleware",
    "wagtail.contrib.redirects.middleware.RedirectMiddleware",
]

ROOT_URLCONF = "cms.urls"
WSGI_APPLICATION = "cms.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "cms" / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.debug",
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "django.template.context_processors.i18n",
            ]
        },
    },
    {
        # Plain-text e-mails: the same templates, without HTML escaping (an apostrophe in a name
        # stays an apostrophe). The HTML version of a mail escapes the text itself.
        "NAME": "mail_text",
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "cms" / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {"autoescape": False, "context_processors": []},
    },
]

# --- Data --------------------------------------------------------------------------
VAR_DIR.mkdir(parents=True, exist_ok=True)
DATABASES = {"default": env.db_url("DATABASE_URL", default=f"sqlite:///{VAR_DIR / 'helix.sqlite3'}")}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # Worker threads and the web server share the file: wait for locks, do not fail.
    DATABASES["default"].setdefault("OPTIONS", {})["timeout"] = 30
    DATABASES["default"]["OPTIONS"]["transaction_mode"] = "IMMEDIATE"
    # Tests use a file so that worker threads and subprocesses see the same data.
    DATABASES["default"]["TEST"] = {"NAME": str(VAR_DIR / f"test-helix-{os.getpid()}.sqlite3")}
DATABASES["default"]["ATOMIC_REQUESTS"] = False
DATABASES["default"].setdefault("CONN_MAX_AGE", env.int("CONN_MAX_AGE", default=0))
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

CACHES = {"default": env.cache_url("CACHE_URL", default="locmemcache://helix")}
if PRODUCTION and CACHES["default"]["BACKEND"].rsplit(".", 1)[-1] in (
    "LocMemCache",
    "DummyCache",
    "FileBasedCache",
):
    # Login back-off and API throttling are counted in the cache: per process they do not hold.
    raise ImproperlyConfigured(
        "HELIX_ENV=production needs CACHE_URL, a cache shared by every process (redis:// or "
        "pymemcache://); refusing to start."
    )
# The page API keeps built answers this long (cms/pages/cache.py); 0 turns the page cache off.
HELIX_PAGE_CACHE_SECONDS = env.int("HELIX_PAGE_CACHE_SECONDS", default=3600)
HELIX_PAGE_CACHE_DYNAMIC_SECONDS = env.int("HELIX_PAGE_CACHE_DYNAMIC_SECONDS", default=60)
# Each process also keeps its last page answers in memory, up to this many bytes of them.
HELIX_PAGE_CACHE_PROCESS_BYTES = env.int("HELIX_PAGE_CACHE_PROCESS_BYTES", default=16 * 1024 * 1024)

# --- Accounts ----------------------------------------------------------------------
AUTH_USER_MODEL = "accounts.User"
AUTHENTICATION_BACKENDS = [
    # Django's ModelBackend, with each user's model permissions kept between requests.
    "cms.accounts.backends.CachedModelBackend",
    "allauth.account.auth_backends.AuthenticationBackend",
    "guardian.backends.ObjectPermissionBackend",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "/accounts/login/"
LOGIN_REDIRECT_URL = "/admin/"

ACCOUNT_ADAPTER = "cms.accounts.adapter.HelixAccountAdapter"
ACCOUNT_SIGNUP_FORM_CLASS = "cms.accounts.forms.SignupForm"
ACCOUNT_USER_MODEL_USERNAME_FIELD = None
ACCOUNT_LOGIN_METHODS = {"email"}
ACCOUNT_SIGNUP_FIELDS = ["email*", "password1*"]
ACCOUNT_EMAIL_VERIFICATION = "mandatory"
ACCOUNT_UNIQUE_EMAIL = True
ACCOUNT_EMAIL_SUBJECT_PREFIX = "[Helix] "
ACCOUNT_LOGIN_ON_EMAIL_CONFIRMATION = False
ACCOUNT_PASSWORD_RESET_BY_CODE_ENABLED = False
# Failed logins: the key is the address *and* the source (cms.accounts.adapter), answered 429.
HELIX_LOGIN_BACKOFF_SECONDS = 300
ACCOUNT_RATE_LIMITS = {
    "login_failed": f"10/m/ip,5/{HELIX_LOGIN_BACKOFF_SECONDS}s/key",
    "signup": "20/m/ip",
    "confirm_email": "1/3m/key",
    "reset_password": "20/m/ip,5/m/key",
}
HEADLESS_CLIENTS = ("browser", "app")
HEADLESS_ADAPTER = "cms.accounts.adapter.HelixHeadlessAdapter"  # public UUIDs, not database ids
HEADLESS_SERVE_SPECIFICATION = True
HEADLESS_FRONTEND_URLS = {
    "account_confirm_email": f"{HELIX_SITE_URL}/account/verify-email/{{key}}",
    "account_reset_password": f"{HELIX_SITE_URL}/account/password/reset",
    "account_reset_password_from_key": f"{HELIX_SITE_URL}/account/password/reset/key/{{key}}",
    "account_signup": f"{HELIX_SITE_URL}/account/signup",
}
MFA_SUPPORTED_TYPES = ["totp", "recovery_codes"]
MFA_TOTP_ISSUER = "Helix"
# Accept the code of the 30-second period before and after the current one (RFC 6238, 5.2): a
# phone's clock drifts, and a code typed at the end of its period arrives in the next.
MFA_TOTP_TOLERANCE = 1
# Roles whose members must pass a TOTP second factor before the admin and admin API.
HELIX_MFA_REQUIRED_ROLES = ["admin"]

# Uploads: checked by content (see cms.accounts.uploads), limited in size.
HELIX_MAX_CV_BYTES = env.int("HELIX_MAX_CV_BYTES", default=5 * 1024 * 1024)
HELIX_MAX_IMAGE_BYTES = env.int("HELIX_MAX_IMAGE_BYTES", default=3 * 1024 * 1024)
HELIX_MAX_IMAGE_PIXELS = env.int("HELIX_MAX_IMAGE_PIXELS", default=25_000_000)
DATA_UPLOAD_MAX_MEMORY_SIZE = 12 * 1024 * 1024
FILE_UPLOAD_MAX_MEMORY_SIZE = 12 * 1024 * 1024

# --- Languages ---------------------------------------------------------------------
LANGUAGE_CODE = "en"
LANGUAGES = [("en", _("English")), ("nl", _("Dutch")), ("ar", _("Arabic"))]
LANGUAGES_BIDI = ["ar"]
WAGTAIL_I18N_ENABLED = True
WAGTAIL_CONTENT_LANGUAGES = LANGUAGES
LOCALE_PATHS = [BASE_DIR / "cms" / "locale"]
USE_I18N = True
TIME_ZONE = "Europe/Brussels"
USE_TZ = True

# --- Static and media --------------------------------------------------------------
STATIC_URL = "/static/"
STATIC_ROOT = env.str("STATIC_ROOT", default=str(VAR_DIR / "static"))
Path(STATIC_ROOT).mkdir(parents=True, exist_ok=True)
# The reference web app's build (frontend-contract/app, `make app`), served at / by cms/webapp.py.
HELIX_WEBAPP_DIST = env.str("HELIX_WEBAPP_DIST", default=str(BASE_DIR / "frontend-contract" / "app" / "dist"))
MEDIA_URL = "/media/"
MEDIA_ROOT = env.str("MEDIA_ROOT", default=str(VAR_DIR / "media"))
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"
        if PRODUCTION
        else "django.contrib.staticfiles.storage.StaticFilesStorage"
    },
}

# --- E-mail: EMAIL_URL (smtp://, smtp+tls://, consolemail://) or .eml files -------------
EMAIL_URL = env.str("EMAIL_URL", default="")
HELIX_MAIL_DIR = Path(env.str("HELIX_MAIL_DIR", default=str(VAR_DIR / "mail")))
if PRODUCTION and not EMAIL_URL:
    raise ImproperlyConfigured(
        "HELIX_ENV=production needs EMAIL_URL (smtp+tls://...): without it, e-mails with "
        "verification and reset links would be written to disk; refusing to start."
    )
if EMAIL_URL:
    vars().update(env.email_url("EMAIL_URL"))
else:
    EMAIL_BACKEND = "cms.outbox.mail.EmlFileBackend"
DEFAULT_FROM_EMAIL = env.str("DEFAULT_FROM_EMAIL", default="Helix <no-reply@helix.example>")
SERVER_EMAIL = DEFAULT_FROM_EMAIL

# --- Jobs: dramatiq, outbox, scheduler ---------------------------------------------
DRAMATIQ_BROKER_URL = env.str("DRAMATIQ_BROKER_URL", default="")
_DRAMATIQ_MIDDLEWARE = [
    "dramatiq.middleware.AgeLimit",
    "dramatiq.middleware.TimeLimit",
    "dramatiq.middleware.Callbacks",
    "dramatiq.middleware.Retries",
    "django_dramatiq.middleware.DbConnectionsMiddleware",
]
if DRAMATIQ_BROKER_URL.startswith(("amqp://", "amqps://")):
    DRAMATIQ_BROKER = {
        "BROKER": "dramatiq.brokers.rabbitmq.RabbitmqBroker",
        "OPTIONS": {"url": DRAMATIQ_BROKER_URL, "confirm_delivery": True},
        "MIDDLEWARE": _DRAMATIQ_MIDDLEWARE,
    }
elif DRAMATIQ_BROKER_URL.startswith(("redis://", "rediss://")):
    DRAMATIQ_BROKER = {
        "BROKER": "dramatiq.brokers.redis.RedisBroker",
        "OPTIONS": {"url": DRAMATIQ_BROKER_URL},
        "MIDDLEWARE": _DRAMATIQ_MIDDLEWARE,
    }
elif not DRAMATIQ_BROKER_URL:
    DRAMATIQ_BROKER = {
        "BROKER": "dramatiq.brokers.stub.StubBroker",
        "OPTIONS": {},
        "MIDDLEWARE": _DRAMATIQ_MIDDLEWARE,
    }
else:
    raise ImproperlyConfigured("DRAMATIQ_BROKER_URL must start with amqp://, amqps://, redis://.")
HELIX_EMBEDDED_BROKER = not DRAMATIQ_BROKER_URL
if PRODUCTION and HELIX_EMBEDDED_BROKER:
    raise ImproperlyConfigured(
        "HELIX_ENV=production needs DRAMATIQ_BROKER_URL (amqp:// or redis://): the in-process "
        "broker only works inside the development server."
    )
DRAMATIQ_TASKS_DATABASE = "default"
# Wagtail's own background work (search and reference index, file clean-up) and wagtail-localize's
# jobs (a subtree's translation, a locale's tree sync): outbox rows, run by the dramatiq workers.
TASKS = {"default": {"BACKEND": "cms.jobs.backend.OutboxTaskBackend"}}
WAGTAILLOCALIZE_JOBS = {"BACKEND": "cms.jobs.localize.OutboxJobBackend"}
DRAMATIQ_AUTODISCOVER_MODULES = ["tasks"]
# Seconds after which an unacknowledged outbox row is sent again by the sweep.
HELIX_OUTBOX_RESEND_AFTER = env.int("HELIX_OUTBOX_RESEND_AFTER", default=120)
HELIX_OUTBOX_MAX_ATTEMPTS = env.int("HELIX_OUTBOX_MAX_ATTEMPTS", default=10)
# How long the scheduler's lease lasts without renewal: a dead scheduler's successor takes over
# after at most this many seconds (the holder renews every third of it).
HELIX_SCHEDULER_LEASE_SECONDS = env.float("HELIX_SCHEDULER_LEASE_SECONDS", default=30)
# How long a worker's claim on an e-mail row keeps other deliveries of it away (seconds).
HELIX_OUTBOX_CLAIM_SECONDS = env.int("HELIX_OUTBOX_CLAIM_SECONDS", default=90)
# Done rows (their payloads hold e-mail bodies) are deleted after this many days.
HELIX_OUTBOX_RETENTION_DAYS = env.int("HELIX_OUTBOX_RETENTION_DAYS", default=14)
# Retry back-off of jobs (milliseconds); tests shorten it.
HELIX_JOB_MIN_BACKOFF_MS = env.int("HELIX_JOB_MIN_BACKOFF_MS", default=5_000)
HELIX_JOB_MAX_RETRIES = env.int("HELIX_JOB_MAX_RETRIES", default=8)

# --- Wagtail -----------------------------------------------------------------------
WAGTAIL_SITE_NAME = "Helix"
WAGTAILADMIN_BASE_URL = HELIX_SITE_URL
WAGTAILADMIN_LOGIN_URL = LOGIN_URL
WAGTAILDOCS_EXTENSIONS = ["csv", "docx", "key", "odt", "pdf", "pptx", "rtf", "txt", "xlsx", "zip"]
WAGTAILSEARCH_BACKENDS = {"default": {"BACKEND": "wagtail.search.backends.database"}}
WAGTAIL_ALLOW_UNICODE_SLUGS = True
# No avatars from gravatar.com: they would tell a third party who uses the admin (and break the CSP).
WAGTAIL_GRAVATAR_PROVIDER_URL = None
# Headless preview (wagtail-headless-preview, docs/frontend.md "Headless preview"): the editor's
# Preview opens the reference app at {HELIX_SITE_URL}/preview?content_type=...&token=..., which reads
# the draft from GET /api/v1/pages/preview/. The token is signed; it is honoured for
# HELIX_PREVIEW_TOKEN_SECONDS after the editor pressed Preview.
WAGTAIL_HEADLESS_PREVIEW = {
    "CLIENT_URLS": {"default": f"{HELIX_SITE_URL}/preview"},
    "REDIRECT_ON_PREVIEW": True,
    "ENFORCE_TRAILING_SLASH": False,
}
HELIX_PREVIEW_TOKEN_SECONDS = env.int("HELIX_PREVIEW_TOKEN_SECONDS", default=30 * 60)


def _machine_translator() -> dict | None:
    """wagtail-localize's machine translation, chosen by HELIX_MACHINE_TRANSLATOR (none by default)."""
    kind = env.str("HELIX_MACHINE_TRANSLATOR", default="").lower()
    if not kind:
        return None
    if kind == "deepl":
        return {
            "CLASS": "wagtail_localize.machine_translators.deepl.DeepLTranslator",
            "OPTIONS": {"AUTH_KEY": env.str("DEEPL_AUTH_KEY")},
        }
    if kind == "libretranslate":
        return {
            "CLASS": "wagtail_localize.machine_translators.libretranslate.LibreTranslator",
            "OPTIONS": {
                "LIBRETRANSLATE_URL": env.str("LIBRETRANSLATE_URL"),
                "API_KEY": env.str("LIBRETRANSLATE_API_KEY", default=""),
            },
        }
    if kind == "dummy":  # reverses the text; for demonstrations and tests only
        return {"CLASS": "wagtail_localize.machine_translators.dummy.DummyTranslator", "OPTIONS": {}}
    raise ImproperlyConfigured("HELIX_MACHINE_TRANSLATOR must be deepl, libretranslate or dummy.")


WAGTAILLOCALIZE_MACHINE_TRANSLATOR = _machine_translator()
WAGTAILADMIN_PERMITTED_LANGUAGES = LANGUAGES

# --- API ---------------------------------------------------------------------------
# Lists read from the database count their rows up to this many (api/pagination.py): beyond it,
# ``count_exact`` is false and the count says "at least"; the pages still lead on.
HELIX_API_COUNT_CAP = 1000
REST_FRAMEWORK = {
    "DEFAULT_AUTHENTICATION_CLASSES": [
        "api.authentication.SessionTokenAuthentication",
        "rest_framework.authentication.SessionAuthentication",
    ],
    "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.IsAuthenticated"],
    "DEFAULT_PAGINATION_CLASS": "api.pagination.PageNumberPagination",
    "PAGE_SIZE": 20,
    "DEFAULT_FILTER_BACKENDS": ["django_filters.rest_framework.DjangoFilterBackend"],
    "DEFAULT_SCHEMA_CLASS": "api.schema.HelixAutoSchema",
    "EXCEPTION_HANDLER": "api.errors.exception_handler",
    "DEFAULT_THROTTLE_RATES": {
        "anon": env.str("HELIX_THROTTLE_ANON", default="120/minute"),
        "user": env.str("HELIX_THROTTLE_USER", default="600/minute"),
        "sensitive": env.str("HELIX_THROTTLE_SENSITIVE", default="20/minute"),
    },
    # A signed-in user at the "user" rate, anyone else at the "anon" rate per address (api/throttling.py).
    "DEFAULT_THROTTLE_CLASSES": ["api.throttling.RequesterRateThrottle"],
    "DEFAULT_CONTENT_NEGOTIATION_CLASS": "api.negotiation.RememberedContentNegotiation",
    # DRF's two, the JSON one sending an answer's kept bytes as they are (api/renderers.py).
    "DEFAULT_RENDERER_CLASSES": [
        "api.renderers.JSONRenderer",
        "rest_framework.renderers.BrowsableAPIRenderer",
    ],
    "TEST_REQUEST_DEFAULT_FORMAT": "json",
    # Over-deep JSON is a 400, not a RecursionError (api/parsers.py).
    "DEFAULT_PARSER_CLASSES": [
        "api.parsers.JSONParser",
        "rest_framework.parsers.FormParser",
        "rest_framework.parsers.MultiPartParser",
    ],
    # OPTIONS without get_object(): singleton routes have no lookup kwarg (api/metadata.py).
    "DEFAULT_METADATA_CLASS": "api.metadata.Metadata",
}
SPECTACULAR_SETTINGS = {
    "TITLE": "Helix API",
    "DESCRIPTION": (
        "The JSON API of Helix, a headless CMS for the fast-track labour-market integration "
        "of highly educated refugees and other-language speakers. Accounts, login, e-mail "
        "verification, password reset and the second factor live under /_allauth/ "
        "(see /_allauth/openapi.html)."
    ),
    "VERSION": "1.0.0",
    "SERVE_INCLUDE_SCHEMA": False,
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    # No validator badge: it would be fetched from another site.
    "SWAGGER_UI_SETTINGS": {"deepLinking": True, "validatorUrl": None},
    "REDOC_DIST": "SIDECAR",
    "COMPONENT_SPLIT_REQUEST": True,
    "SCHEMA_PATH_PREFIX": r"/api/v1",
    "ENUM_NAME_OVERRIDES": {
        "ApprovalStatusEnum": "cms.accounts.models.ApprovalStatus",
        "CEFRLevelEnum": "cms.accounts.models.CEFRLevel",
        "MembershipStatusEnum": "cms.organisations.models.ProjectMembership.Status",
        "LanguageEnum": "cms.settings.LANGUAGES",
        "TranslationStatusEnum": "cms.pages.status.STATUS_CHOICES",
        "FaqStatusEnum": "cms.pages.models.FaqQuestion.Status",
    },
    "PREPROCESSING_HOOKS": ["api.schema.only_api_v1"],
    "POSTPROCESSING_HOOKS": [
        "drf_spectacular.hooks.postprocess_schema_enums",
        "api.schema.nullable_references",
    ],
    "APPEND_COMPONENTS": {
        "securitySchemes": {"sessionToken": {"type": "apiKey", "in": "header", "name": "X-Session-Token"}}
    },
    "SECURITY": [{"sessionToken": []}, {"cookieAuth": []}],
}
# Names for the bundled plugins' choice sets, so that fields called "kind" or "domain"
# in several components keep one stable enum each (imported only when the schema is generated,
# and only when the plugin is installed).
if "plugins.mentoring" in HELIX_PLUGIN_APPS:
    SPECTACULAR_SETTINGS["ENUM_NAME_OVERRIDES"].update(
        {
            "MentoringDomainEnum": "plugins.mentoring.models.Domain",
            "NewMatchKindEnum": "plugins.mentoring.models.NEW_MATCH_KINDS",
            "MeetingKindEnum": "plugins.mentoring.models.Meeting.Kind",
        }
    )
if "plugins.networking" in HELIX_PLUGIN_APPS:
    SPECTACULAR_SETTINGS["ENUM_NAME_OVERRIDES"].update(
        {
            "PlanGoalTermEnum": "plugins.networking.models.PlanGoal.Term",
            "PlanContactTieEnum": "plugins.networking.models.PlanContact.Tie",
            "PlanStepStatusEnum": "plugins.networking.models.StepProgress.Status",
        }
    )
if "plugins.employers" in HELIX_PLUGIN_APPS:
    SPECTACULAR_SETTINGS["ENUM_NAME_OVERRIDES"].update(
        {
            "EmployerOfferEnum": "plugins.employers.models.Offer",
            "EmployerContactEnum": "plugins.employers.models.EmployerRelation.Contact",
        }
    )

if "plugins.journey" in HELIX_PLUGIN_APPS:
    SPECTACULAR_SETTINGS["ENUM_NAME_OVERRIDES"].update(
        {
            "JourneyStepStatusEnum": "plugins.journey.models.StepStatus.Status",
            "JourneyOutcomeKindEnum": "plugins.journey.models.Outcome.Kind",
            "JourneyContractEnum": "plugins.journey.models.Outcome.Contract",
            "JourneyLevelEnum": "plugins.journey.models.Outcome.Level",
        }
    )

# --- Security ----------------------------------------------------------------------
SESSION_COOKIE_HTTPONLY = True
# Database sessions saved as a change: concurrent requests of one browser keep each other's keys.
SESSION_ENGINE = "cms.accounts.sessions"
CSRF_COOKIE_HTTPONLY = False  # the browser frontend reads it to send X-CSRFToken
# Nothing of Helix is framed; Wagtail's preview and wagtail-localize's translation preview set
# SAMEORIGIN on their own views (wagtail.utils.decorators.xframe_options_sameorigin_override).
X_FRAME_OPTIONS = "DENY"
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CONTENT_TYPE_NOSNIFF = True
# Content-Security-Policy (cms/csp.py): JSON answers load nothing and are never framed; HTML pages
# (the admin, allauth's pages, the API docs) load only Helix's own files, styles may be inline.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'none'"],
        "frame-ancestors": ["'none'"],
        "base-uri": ["'none'"],
        "form-action": ["'none'"],
    }
}
HELIX_CSP_HTML_DIRECTIVES = {
    "default-src": ["'self'"],
    "script-src": ["'self'"],
    "style-src": ["'self'", "'unsafe-inline'"],
    "img-src": ["'self'", "data:", "blob:"],
    "font-src": ["'self'", "data:"],
    "connect-src": ["'self'"],
    "frame-src": ["'self'"],
    "worker-src": ["'self'", "blob:"],
    "object-src": ["'none'"],
    "base-uri": ["'self'"],
    "form-action": ["'self'"],
}
# The Wagtail admin writes inline scripts without a nonce (cms/csp.py): allowed there only.
HELIX_CSP_ADMIN_SCRIPT_SRC = ["'self'", "'unsafe-inline'"]
# Permissions-Policy (cms.accounts.middleware.SecurityHeadersMiddleware): no powerful feature.
HELIX_PERMISSIONS_POLICY = (
    "accelerometer=(), camera=(), geolocation=(), gyroscope=(), magnetometer=(), microphone=(), "
    "payment=(), usb=(), interest-cohort=()"
)
# Sessions end after a time without requests (cms.accounts.middleware.SessionIdleMiddleware
# renews them); an admin's sooner.
SESSION_COOKIE_AGE = env.int("HELIX_SESSION_IDLE_SECONDS", default=8 * 3600)
HELIX_ADMIN_SESSION_IDLE_SECONDS = env.int("HELIX_ADMIN_SESSION_IDLE_SECONDS", default=30 * 60)
if PRODUCTION:
    SECURE_SSL_REDIRECT = env.bool("SECURE_SSL_REDIRECT", default=True)
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True
    LANGUAGE_COOKIE_SECURE = True  # the language chosen at /i18n/setlang/: https only, like the others
    SECURE_HSTS_SECONDS = env.int("SECURE_HSTS_SECONDS", default=31536000)
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    SECURE_HSTS_PRELOAD = env.bool("SECURE_HSTS_PRELOAD", default=True)

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    # E-mail addresses never reach a log line, whichever library writes it (cms/log_redaction.py).
    "filters": {"redact": {"()": "cms.log_redaction.RedactPersonalData"}},
    "handlers": {"console": {"class": "logging.StreamHandler", "filters": ["redact"]}},
    "root": {"handlers": ["console"], "level": env.str("LOG_LEVEL", default="INFO")},
    "loggers": {
        # Django's own handlers (an unfiltered console when DEBUG, mail to ADMINS) give way to
        # the root's filtered one.
        "django": {"handlers": [], "level": "INFO"},
        "pika": {"level": "WARNING"},
        "apscheduler": {"level": "WARNING"},
        "dramatiq": {"level": "WARNING"},
        # One line per background task and per page action is noise at INFO.
        "django_tasks": {"level": "WARNING"},
        "wagtail": {"level": "WARNING"},
    },
}

# --- Consents: the current version of each purpose's text ---------------------------
HELIX_CONSENT_VERSIONS = {
    "terms": "2026-11",
    "cv_publication": "2026-11",
    "newsletter": "2026-11",
    "outcome_recording": "2026-12",
    "outcome_reminders": "2026-12",
    "demographics": "2026-12",
}

# --- Programme figures (plugins/journey/impact.py, docs/impact.md): a cell counting fewer people
# than this is suppressed ("< k"), with complementary suppression so it cannot be worked out.
HELIX_IMPACT_MIN_CELL = env.int("HELIX_IMPACT_MIN_CELL", default=5)

# --- Storage limitation: accounts without sign-in or request for this long are warned, then
# erased this many days later unless their owner comes back (cms/accounts/retention.py).
HELIX_INACTIVE_ACCOUNT_MONTHS = env.int("HELIX_INACTIVE_ACCOUNT_MONTHS", default=24)
HELIX_INACTIVE_ACCOUNT_GRACE_DAYS = env.int("HELIX_INACTIVE_ACCOUNT_GRACE_DAYS", default=30)
