"""Concerto settings, read from the environment (see README, "Réglages").

Every variable is optional in development; production (CONCERTO_DEBUG=0) requires
CONCERTO_SECRET_KEY, CONCERTO_PSEUDONYM_KEY and CONCERTO_ALLOWED_HOSTS and turns on the
secure defaults. Nothing here is for the tests: their switches are in settings_test.py.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import dj_database_url
from django.core.exceptions import ImproperlyConfigured

from concerto.core.env import (
    DEVELOPMENT_PSEUDONYM_KEY,
    DEVELOPMENT_SECRET_KEY,
    env_bool,
    env_choice,
    env_int,
    env_list,
    env_secret,
    env_str,
)

BASE_DIR = Path(__file__).resolve().parent.parent

DEBUG = env_bool("CONCERTO_DEBUG", False)
if env_bool("CONCERTO_TESTING", False):
    raise ImproperlyConfigured(
        "CONCERTO_TESTING n'existe plus : les tests ont leurs propres réglages "
        "(DJANGO_SETTINGS_MODULE=concerto.settings_test). Retirez cette variable."
    )

# Signing (sessions, signed links): a rotation moves the old key to the fallbacks, so links
# already sent keep working (README, "Rotation des clés").
# Pseudonyms (keyed hashes of addresses, phone numbers, IPs: concerto/core/pseudonym.py) have
# their own key, so rotating SECRET_KEY never changes them.
if DEBUG:
    SECRET_KEY = env_str("CONCERTO_SECRET_KEY", DEVELOPMENT_SECRET_KEY)
    CONCERTO_PSEUDONYM_KEY = env_str("CONCERTO_PSEUDONYM_KEY", DEVELOPMENT_PSEUDONYM_KEY)
else:
    SECRET_KEY = env_secret("CONCERTO_SECRET_KEY")
    CONCERTO_PSEUDONYM_KEY = env_secret("CONCERTO_PSEUDONYM_KEY")
SECRET_KEY_FALLBACKS = env_list("CONCERTO_SECRET_KEY_FALLBACKS", [])
CONCERTO_PSEUDONYM_KEY_FALLBACKS = env_list("CONCERTO_PSEUDONYM_KEY_FALLBACKS", [])

ALLOWED_HOSTS = env_list(
    "CONCERTO_ALLOWED_HOSTS", ["127.0.0.1", "localhost", "testserver"] if DEBUG else []
)
CSRF_TRUSTED_ORIGINS = env_list("CONCERTO_CSRF_TRUSTED_ORIGINS", [])
SITE_URL = env_str("CONCERTO_SITE_URL", "http://127.0.0.1:8000").rstrip("/")

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.postgres",
    "django.contrib.sites",
    "allauth",
    "allauth.account",
    "axes",
    "csp",
    "rules.apps.AutodiscoverRulesConfig",
    "django_tasks",
    "django_tasks_db",
    "ninja",
    "concerto.core",
    "concerto.accounts",
    "concerto.processes",
    "concerto.contributions",
    "concerto.resources",
    "concerto.backoffice",
    "concerto.api",
    "concerto.demo",
    "concerto.privacy",
    "concerto.intake",
    "concerto.organisations",
    "concerto.events",
    "concerto.collective",
    "concerto.voice",
    "concerto.synthesis",
    "concerto.rights",
    "concerto.reports",
    "concerto.strategy",
    "concerto.followup",
    "concerto.builder",
    "concerto.legal",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "csp.middleware.CSPMiddleware",
    "allauth.account.middleware.AccountMiddleware",
    "concerto.core.middleware.RateLimitedMiddleware",
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "concerto.urls"
WSGI_APPLICATION = "concerto.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "concerto.core.context_processors.site",
            ],
            # Loaded after Django's own: its ``date`` filter writes "1er janvier" (core/dates.py).
            "builtins": ["concerto.core.templatetags.french"],
        },
    }
]

# --- Database: SQLite by default, PostgreSQL through DATABASE_URL ----------------
DATABASE_URL = env_str("DATABASE_URL", f"sqlite:///{BASE_DIR / 'var' / 'concerto.sqlite3'}")
try:
    DATABASES = {"default": dj_database_url.parse(DATABASE_URL, conn_max_age=60)}
except ValueError as exc:  # pragma: no cover - depends on the environment
    raise ImproperlyConfigured(f"DATABASE_URL illisible : {exc}") from exc
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    DATABASES["default"]["CONN_MAX_AGE"] = 0
    DATABASES["default"]["OPTIONS"] = {
        "transaction_mode": "IMMEDIATE",
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA busy_timeout=5000;",
    }
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"
IS_POSTGRES = DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql"

# --- Cache: shared by every web server (database by default, Redis if given) ----
REDIS_URL = env_str("CONCERTO_REDIS_URL", "")
CACHES: dict[str, dict[str, Any]]
if REDIS_URL:
    CACHES = {
        "default": {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": REDIS_URL}
    }
else:
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.db.DatabaseCache",
            "LOCATION": "concerto_cache",
        }
    }
# Rendered public pages (core/pagecache.py) stay in each server process's memory: only the
# small shared "public version" key goes through the shared cache above.
CACHES["pages"] = {
    "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
    "LOCATION": "concerto-pages",
    "OPTIONS": {"MAX_ENTRIES": env_int("CONCERTO_PAGE_CACHE_ENTRIES", 1000, minimum=10)},
}

# --- Background tasks (Django Tasks API) ----------------------------------------
TASKS_BACKEND = env_choice("CONCERTO_TASKS_BACKEND", "database", ("database", "immediate"))
TASKS = {
    "default": {
        "BACKEND": "django_tasks_db.DatabaseBackend"
        if TASKS_BACKEND == "database"
        else "django_tasks.backends.immediate.ImmediateBackend",
        "QUEUES": ["default"],
    }
}

# --- Accounts ---------------------------------------------------------------------
AUTH_USER_MODEL = "accounts.User"
SITE_ID = 1
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "rules.permissions.ObjectPermissionBackend",
    "django.contrib.auth.backends.ModelBackend",
    "allauth.account.auth_backends.AuthenticationBackend",
]
ACCOUNT_LOGIN_METHODS = {"email"}
ACCOUNT_SIGNUP_FIELDS = ["email*", "password1*", "password2*"]
ACCOUNT_USER_MODEL_USERNAME_FIELD = None
# Sign-up must not tell whether an address has an account (ACCOUNT_PREVENT_ENUMERATION):
# allauth can only answer the same page for a taken address when verification is mandatory
# (it then sends an "account already exists" e-mail instead of a second account). Not a
# setting: "optional" would bring the oracle back. The demo's console backend prints the
# verification link; loaddemo's accounts are created verified.
ACCOUNT_EMAIL_VERIFICATION = "mandatory"
ACCOUNT_PREVENT_ENUMERATION = True
# Reauthentication by password only (allauth would also offer a code by e-mail to accounts
# with a verified address: not offered, tests/security/url_access.py).
ACCOUNT_REAUTHENTICATION_METHODS = ["password"]
ACCOUNT_LOGOUT_ON_GET = False
LOGIN_REDIRECT_URL = "/"
LOGIN_URL = "account_login"
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
# Login lockout (django-axes), see concerto/accounts/lockout.py: failures are counted per
# (address typed, client IP) together, so an attacker locks out only their own pair; the IP
# is the one the rate limiter sees (core/clientip.py, CONCERTO_TRUSTED_PROXIES).
AXES_FAILURE_LIMIT = env_int("CONCERTO_LOGIN_FAILURE_LIMIT", 5, minimum=1)
AXES_COOLOFF_TIME = 1  # hour
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_ENABLED = env_bool("CONCERTO_AXES_ENABLED", True)
AXES_LOCKOUT_TEMPLATE = "errors/locked.html"
AXES_VERBOSE = False
AXES_USERNAME_FORM_FIELD = "email"  # the key allauth authenticates with
AXES_USERNAME_CALLABLE = "concerto.accounts.lockout.login_username"
AXES_CLIENT_IP_CALLABLE = "concerto.core.clientip.client_ip"
AXES_CLIENT_STR_CALLABLE = "concerto.accounts.lockout.client_str"
AXES_SENSITIVE_PARAMETERS = ["username", "ip_address", "login", "email"]
# Successful and failed logins (address, IP, browser) kept this many days, then erased by
# manage.py purge_personal_data (concerto/accounts/lockout.py).
CONCERTO_LOGIN_HISTORY_DAYS = env_int("CONCERTO_LOGIN_HISTORY_DAYS", 180, minimum=1)
# allauth's own limits, on the same client IP (accounts/adapter.py). No limit per address
# ("…/key" in allauth's default): it would lock a person out from everywhere.
ACCOUNT_ADAPTER = "concerto.accounts.adapter.AccountAdapter"
ACCOUNT_RATE_LIMITS = {"login_failed": "10/m/ip"}

# --- E-mail ------------------------------------------------------------------------
EMAIL_BACKEND = env_str("CONCERTO_EMAIL_BACKEND", "django.core.mail.backends.console.EmailBackend")
EMAIL_HOST = env_str("CONCERTO_EMAIL_HOST", "localhost")
EMAIL_PORT = env_int("CONCERTO_EMAIL_PORT", 25, minimum=1)
EMAIL_HOST_USER = env_str("CONCERTO_EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = env_str("CONCERTO_EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = env_bool("CONCERTO_EMAIL_USE_TLS", False)
DEFAULT_FROM_EMAIL = env_str("CONCERTO_FROM_EMAIL", "Concerto <ne-pas-repondre@concerto.invalid>")

# --- Internationalisation: French first -------------------------------------------
LANGUAGE_CODE = "fr"
LANGUAGES = [("fr", "Français")]
TIME_ZONE = "Europe/Paris"
USE_I18N = True
USE_TZ = True
LOCALE_PATHS = [BASE_DIR / "locale"]

# --- Static and media ---------------------------------------------------------------
STATIC_URL = "/static/"
STATIC_ROOT = Path(env_str("CONCERTO_STATIC_ROOT", str(BASE_DIR / "var" / "static")))
STATICFILES_DIRS = [BASE_DIR / "static"]
MEDIA_ROOT = Path(env_str("CONCERTO_MEDIA_ROOT", str(BASE_DIR / "var" / "media")))
MEDIA_URL = "/media/"  # never served directly: files go through permission-checked views
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"
        if DEBUG
        else "whitenoise.storage.CompressedManifestStaticFilesStorage"
    },
}
WHITENOISE_USE_FINDERS = DEBUG

# --- Uploads --------------------------------------------------------------------------
CONCERTO_MAX_ATTACHMENTS = env_int("CONCERTO_MAX_ATTACHMENTS", 3, minimum=0)
CONCERTO_MAX_ATTACHMENT_BYTES = env_int("CONCERTO_MAX_ATTACHMENT_MB", 8, minimum=1) * 1024 * 1024
DATA_UPLOAD_MAX_MEMORY_SIZE = 2_621_440
FILE_UPLOAD_MAX_MEMORY_SIZE = 2_621_440
DATA_UPLOAD_MAX_NUMBER_FIELDS = 1000

# --- Personal data: retention (see concerto.privacy, manage.py purge_personal_data) -----
# Days after a contribution's submission before its raw personal fields are purged.
CONCERTO_RETENTION_DAYS = env_int("CONCERTO_RETENTION_DAYS", 365, minimum=1)
CONCERTO_PRIVACY_REQUEST_RATE = env_int("CONCERTO_PRIVACY_REQUEST_RATE_PER_HOUR", 5, minimum=1)
# Days an invitation to join an organisation stays valid (concerto.organisations).
CONCERTO_INVITATION_DAYS = env_int("CONCERTO_INVITATION_DAYS", 14, minimum=1)

# --- Legal pages (concerto.legal): defaults, editable by an admin in the back-office -----
# The defaults are true for the demo; a city sets its own here or in /backoffice/pages-legales/.
CONCERTO_LEGAL_PUBLISHER = env_str(
    "CONCERTO_LEGAL_PUBLISHER",
    "Instance de démonstration de Concerto, logiciel libre de dialogue citoyen. Elle n'est "
    "pas publiée par la Ville de Nantes : les textes sur les Assises nantaises des "
    "solidarités reprennent des documents publics, les contributions sont fictives.",
)
CONCERTO_LEGAL_DIRECTOR = env_str(
    "CONCERTO_LEGAL_DIRECTOR",
    "La personne qui exécute cette démonstration (pour une collectivité : son ou sa "
    "représentant·e légal·e, en général le maire ou la présidente).",
)
CONCERTO_LEGAL_HOST = env_str(
    "CONCERTO_LEGAL_HOST",
    "L'ordinateur ou le serveur qui exécute cette démonstration (make demo). Aucune donnée "
    "n'est envoyée à un service extérieur : ni police de caractères, ni statistiques de visite.",
)
CONCERTO_DATA_CONTROLLER = env_str(
    "CONCERTO_DATA_CONTROLLER",
    "Pour cette démonstration, la personne qui l'exécute. Pour une collectivité : la "
    "collectivité elle-même, représentée par son exécutif.",
)
CONCERTO_DPO_CONTACT = env_str(
    "CONCERTO_DPO_CONTACT",
    "Non désigné·e pour cette démonstration. Une collectivité doit désigner un·e délégué·e à "
    "la protection des données (article 37 du RGPD) et publier son contact ici.",
)
# The axe-core results of the last browser test run (written by tests/browser/conftest.py).
CONCERTO_AXE_RESULTS_DIR = Path(
    env_str("CONCERTO_AXE_RESULTS_DIR", str(BASE_DIR / "var" / "axe-results"))
)

# --- Access to rights (concerto.rights): the OpenFisca-France Web API on loopback --------
# Started by tools/openfisca/serve.sh (make demo) and by the tests.
CONCERTO_OPENFISCA_URL = env_str("CONCERTO_OPENFISCA_URL", "http://127.0.0.1:5001")
# Seconds before a diagnostic gives up (the counter says so and keeps what was typed).
CONCERTO_OPENFISCA_TIMEOUT = env_int("CONCERTO_OPENFISCA_TIMEOUT", 10, minimum=1)
CONCERTO_OPENFISCA_BATCH_TIMEOUT = env_int("CONCERTO_OPENFISCA_BATCH_TIMEOUT", 300, minimum=1)
# Months after a case is closed (or last touched) before the purge deletes it.
CONCERTO_RIGHTS_RETENTION_MONTHS = env_int("CONCERTO_RIGHTS_RETENTION_MONTHS", 24, minimum=1)

# --- Abuse protection -------------------------------------------------------------------
CONCERTO_RATELIMIT_ENABLED = env_bool("CONCERTO_RATELIMIT_ENABLED", True)
CONCERTO_CONTRIBUTION_RATE = env_int("CONCERTO_CONTRIBUTION_RATE_PER_HOUR", 20, minimum=1)
CONCERTO_EVENT_REGISTRATION_RATE = env_int(
    "CONCERTO_EVENT_REGISTRATION_RATE_PER_HOUR", 20, minimum=1
)
# Receipt path pages (/suivi/<récépissé>/) per IP per hour: receipts are guessable sequences.
CONCERTO_FOLLOWUP_LOOKUP_RATE = env_int("CONCERTO_FOLLOWUP_LOOKUP_RATE_PER_HOUR", 30, minimum=1)
# Public pages cached whole for anonymous readers (0 turns it off; see core/pagecache.py).
CONCERTO_PAGE_CACHE_SECONDS = env_int("CONCERTO_PAGE_CACHE_SECONDS", 60, minimum=0)
# Number of reverse proxies in front of the app whose X-Forwarded-For we trust.
CONCERTO_TRUSTED_PROXIES = env_int("CONCERTO_TRUSTED_PROXIES", 0, minimum=0)

# --- Security ----------------------------------------------------------------------------
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
SESSION_COOKIE_HTTPONLY = True
CSRF_COOKIE_HTTPONLY = True
SECURE_SSL_REDIRECT = env_bool("CONCERTO_SSL_REDIRECT", not DEBUG)
SESSION_COOKIE_SECURE = env_bool("CONCERTO_SECURE_COOKIES", not DEBUG)
CSRF_COOKIE_SECURE = SESSION_COOKIE_SECURE
SECURE_HSTS_SECONDS = env_int("CONCERTO_HSTS_SECONDS", 0 if DEBUG else 31_536_000)
SECURE_HSTS_INCLUDE_SUBDOMAINS = SECURE_HSTS_SECONDS > 0
SECURE_HSTS_PRELOAD = SECURE_HSTS_SECONDS > 0
if env_bool("CONCERTO_BEHIND_TLS_PROXY", False):
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")

# --- Maps (Leaflet, vendored in static/vendor/leaflet): the tiles and their credit --------
CONCERTO_MAP_TILES_URL = env_str(
    "CONCERTO_MAP_TILES_URL", "https://tile.openstreetmap.org/{z}/{x}/{y}.png"
)
CONCERTO_MAP_ATTRIBUTION = env_str(
    "CONCERTO_MAP_ATTRIBUTION",
    '&copy; <a href="https://www.openstreetmap.org/copyright">les contributeurs '
    "d’OpenStreetMap</a>",
)


def _tiles_origin(url: str) -> str | None:
    """The origin the tiles come from, for the CSP img-src ("{s}" subdomains -> "*")."""
    from urllib.parse import urlsplit

    parts = urlsplit(url)
    if not parts.netloc:
        return None  # served by this site: 'self'
    if parts.scheme not in ("https", "http"):
        raise ImproperlyConfigured(f"CONCERTO_MAP_TILES_URL={url!r} : adresse http(s) attendue.")
    host = parts.netloc.replace("{s}", "*")
    return f"{parts.scheme}://{host}"


MAP_TILES_ORIGIN = _tiles_origin(CONCERTO_MAP_TILES_URL)

CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'"],
        "img-src": ["'self'", "data:", *([MAP_TILES_ORIGIN] if MAP_TILES_ORIGIN else [])],
        "font-src": ["'self'"],
        "connect-src": ["'self'"],
        "frame-ancestors": ["'none'"],
        "form-action": ["'self'"],
        "base-uri": ["'self'"],
        "object-src": ["'none'"],
    }
}

# --- Logging: no personal data (see concerto.core.logging) --------------------------------
# Every handler scrubs (messages, tracebacks, URL-encoded query strings). Django's own
# default handlers are replaced: "django" goes to the root handler, runserver's request
# lines ("django.server") to a scrubbing handler of the same format.
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "filters": {"scrub": {"()": "concerto.core.logging.ScrubPersonalData"}},
    "formatters": {
        "django.server": {
            "()": "django.utils.log.ServerFormatter",
            "format": "[{server_time}] {message}",
            "style": "{",
        }
    },
    "handlers": {
        "console": {"class": "logging.StreamHandler", "filters": ["scrub"]},
        "django.server": {
            "class": "logging.StreamHandler",
            "formatter": "django.server",
            "filters": ["scrub"],
        },
    },
    "root": {"handlers": ["console"], "level": env_str("CONCERTO_LOG_LEVEL", "INFO")},
    "loggers": {
        "django": {"handlers": [], "propagate": True},
        "django.server": {"handlers": ["django.server"], "level": "INFO", "propagate": False},
        "django.db.backends": {"level": "WARNING"},
    },
}

# Phone channel (concerto.voice): the provider's webhook token (empty: webhook closed), its
# inbox folder, limits, audio retention, and the faster-whisper model directory (empty:
# manual transcription only; see bin/install-whisper-model.sh).
CONCERTO_VOICEMAIL_TOKEN = env_str("CONCERTO_VOICEMAIL_TOKEN", "")
CONCERTO_VOICEMAIL_INBOX = Path(
    env_str("CONCERTO_VOICEMAIL_INBOX", str(BASE_DIR / "var" / "voicemail-inbox"))
)
CONCERTO_VOICEMAIL_MAX_SECONDS = env_int("CONCERTO_VOICEMAIL_MAX_SECONDS", 600, minimum=1)
CONCERTO_VOICEMAIL_MAX_BYTES = env_int("CONCERTO_VOICEMAIL_MAX_MB", 40, minimum=1) * 1024 * 1024
CONCERTO_VOICEMAIL_RETENTION_DAYS = env_int("CONCERTO_VOICEMAIL_RETENTION_DAYS", 90, minimum=1)
CONCERTO_WHISPER_MODEL_DIR = env_str("CONCERTO_WHISPER_MODEL_DIR", "")
# Beam width of the speech recognition (5; 1 = greedy, less CPU): bench/speech_bench.py.
CONCERTO_WHISPER_BEAM_SIZE = env_int("CONCERTO_WHISPER_BEAM_SIZE", 5, minimum=1)
