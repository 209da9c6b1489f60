"""Hearth's Django settings, read from the environment.

DATABASE_URL     postgres://user@host:5432/name, or sqlite:///path (default: SQLite in var/)
SECRET_KEY       default: a random key kept in var/secret_key
DEBUG            "1" for development
ALLOWED_HOSTS    comma-separated
HEARTH_VAR_DIR   where local data lives (default ./var)
HEARTH_HUD_SPEC_DIR  where `hearth hud-generate` reads the HUD spec (default ../shared/spec)
HEARTH_API_RATE  requests each API token may make (default 600/m)
HEARTH_IMPORT_WORKERS  processes that read a large HMIS CSV import (default: the cores, at most 4; 0: none)
HEARTH_IMPORT_DUCKDB   stage an import into an empty Hearth in DuckDB: auto (16 MB or more), always, never
"""

import os
import secrets
from pathlib import Path

import dj_database_url
from django.utils.translation import gettext_lazy as _

BASE_DIR = Path(__file__).resolve().parent.parent
VAR_DIR = Path(os.environ.get("HEARTH_VAR_DIR", BASE_DIR / "var"))

DEBUG = os.environ.get("DEBUG", "") == "1"


def _secret_key() -> str:
    """SECRET_KEY from the environment, else a random key kept in var/secret_key (made on first use)."""
    if key := os.environ.get("SECRET_KEY"):
        return key
    path = VAR_DIR / "secret_key"
    if not path.exists():
        VAR_DIR.mkdir(parents=True, exist_ok=True)
        path.touch(mode=0o600)
        path.write_text(secrets.token_urlsafe(50), encoding="utf-8")
    return path.read_text(encoding="utf-8").strip()


SECRET_KEY = _secret_key()
ALLOWED_HOSTS = [h for h in os.environ.get("ALLOWED_HOSTS", "127.0.0.1,localhost").split(",") if h]

INSTALLED_APPS = [
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django_htmx",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "ninja",
    "hearth.hud",
    "hearth.access",
    "hearth.agencies",
    "hearth.clients",
    "hearth.enrollments",
    "hearth.coordinated_entry",
    "hearth.interchange",
    "hearth.reports",
    "hearth.api",
    "hearth.demo",
    "hearth.web",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "django.middleware.csp.ContentSecurityPolicyMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "hearth.access.middleware.AccountSessionMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
]

ROOT_URLCONF = "hearth.urls"
WSGI_APPLICATION = "hearth.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "hearth.web.context_processors.installation",
                "hearth.access.context_processors.acting_as",
            ],
        },
    },
]

DATABASES = {
    "default": dj_database_url.parse(
        os.environ.get("DATABASE_URL", f"sqlite:///{VAR_DIR / 'hearth.sqlite3'}"),
        conn_max_age=int(os.environ.get("CONN_MAX_AGE", "60")),
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    Path(DATABASES["default"]["NAME"]).parent.mkdir(parents=True, exist_ok=True)
    DATABASES["default"]["OPTIONS"] = {
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA foreign_keys=ON;",
        "transaction_mode": "IMMEDIATE",
    }
    DATABASES["default"]["TEST"] = {"NAME": str(VAR_DIR / "test.sqlite3")}
elif DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":
    # Django's backend without the varchar_pattern_ops twin of each index on a string key
    # (hearth/db/backends/postgresql/schema.py, docs/adr/0003).
    DATABASES["default"]["ENGINE"] = "hearth.db.backends.postgresql"
    # PostgreSQL's JIT compiles the policy's EXISTS filters on every page and list: measured on the
    # large demo CoC, a case manager's first page of clients took 0.6-0.9 s with it, 0.06-0.08 s
    # without.  Hearth's heavy analysis runs in DuckDB, so nothing here gains from JIT.
    options = DATABASES["default"].setdefault("OPTIONS", {})
    options["options"] = (options.get("options", "") + " -c jit=off").strip()

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"
AUTH_USER_MODEL = "access.Account"
AUTHENTICATION_BACKENDS = ["hearth.access.backends.AccountBackend"]
# Administrators must use a second factor. Only the local demo (`make run`) turns this off.
HEARTH_ENFORCE_MFA = os.environ.get("HEARTH_ENFORCE_MFA", "1") != "0"
# Requests per API token (django-ninja's throttle syntax: count/s|m|h|d), kept in the default cache.
HEARTH_API_RATE = os.environ.get("HEARTH_API_RATE", "600/m")
# Where a large import into an empty Hearth is staged (hearth/interchange/duck_engine.py).
HEARTH_IMPORT_DUCKDB = os.environ.get("HEARTH_IMPORT_DUCKDB", "auto")
# Worker processes reading a large HMIS CSV import's files (hearth/interchange/read_workers.py);
# None: one per core, at most four.
HEARTH_IMPORT_WORKERS = (
    int(os.environ["HEARTH_IMPORT_WORKERS"]) if os.environ.get("HEARTH_IMPORT_WORKERS") else None
)
LOGIN_URL = "web:sign-in"
LOGIN_REDIRECT_URL = "web:home"
LOGOUT_REDIRECT_URL = "web:sign-in"

PASSWORD_HASHERS = [
    "django.contrib.auth.hashers.Argon2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator", "OPTIONS": {"min_length": 12}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

LANGUAGE_CODE = "en"
LANGUAGES = [("en", _("English")), ("es", _("Spanish"))]
LOCALE_PATHS = [BASE_DIR / "hearth" / "locale"]
LANGUAGE_COOKIE_NAME = "hearth_language"
LANGUAGE_COOKIE_AGE = 365 * 24 * 3600
TIME_ZONE = os.environ.get("TIME_ZONE", "America/New_York")
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
STATIC_ROOT = VAR_DIR / "static"
# Development serves static files from the apps; production serves `hearth collectstatic` output
# through WhiteNoise (middleware above), compressed and with content hashes in the names.
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"
        if DEBUG
        else "whitenoise.storage.CompressedManifestStaticFilesStorage"
    },
}
MEDIA_ROOT = VAR_DIR / "media"

# Security baseline (HUD 2004 HMIS Technical Standards 4.3): short idle sessions, strict headers.
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
SESSION_COOKIE_SECURE = not DEBUG
CSRF_COOKIE_SECURE = not DEBUG
SESSION_COOKIE_AGE = 30 * 60
SESSION_SAVE_EVERY_REQUEST = True
X_FRAME_OPTIONS = "DENY"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
SECURE_CSP = {
    "default-src": ["'self'"],
    "script-src": ["'self'"],
    "style-src": ["'self'"],
    "img-src": ["'self'", "data:"],
    "font-src": ["'self'"],
    "frame-ancestors": ["'none'"],
    "form-action": ["'self'"],
    "base-uri": ["'self'"],
}

HUD_SPEC_DIR = Path(os.environ.get("HEARTH_HUD_SPEC_DIR", BASE_DIR.parent / "shared" / "spec"))

# The Continuum of Care this installation serves.
HEARTH_COC_CODE = os.environ.get("HEARTH_COC_CODE", "MD-501")

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "WARNING")},
}
