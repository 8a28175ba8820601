"""Settings for Alliance Tracker, configured from the environment.

Defaults make `make run` work on a laptop (DEBUG on, a SQLite file); production sets DEBUG=0,
SECRET_KEY, ALLOWED_HOSTS and DATABASE_URL. A bad value stops start-up with one sentence that
names the variable (see alliance_tracker/env.py).
"""

import datetime
import os
from pathlib import Path

from django.core.exceptions import ImproperlyConfigured
from django.utils.csp import CSP

from alliance_tracker.env import (
    env_bool,
    env_database,
    env_int,
    env_list,
    env_proxy_ssl_header,
    env_time_zone,
)

BASE_DIR = Path(__file__).resolve().parent.parent

# On by default so `make run` just works; every deployment sets DEBUG=0.
DEBUG = env_bool("DEBUG", default=True)

_secret_key = os.environ.get("SECRET_KEY", "").strip()
if not _secret_key:
    if not DEBUG:
        raise ImproperlyConfigured(
            "SECRET_KEY must be set when DEBUG is off; use a long random string."
        )
    # Development only: never used when DEBUG is off.
    _secret_key = "insecure-development-key-do-not-use-in-production"
SECRET_KEY = _secret_key

ALLOWED_HOSTS = env_list(
    "ALLOWED_HOSTS", default=["127.0.0.1", "localhost", "[::1]"] if DEBUG else []
)
if not DEBUG and not ALLOWED_HOSTS:
    raise ImproperlyConfigured(
        "ALLOWED_HOSTS must be set when DEBUG is off, e.g. ALLOWED_HOSTS=tracker.example.org."
    )
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS", default=[])

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "django_filters",
    "django_htmx",
    "simple_history",
    "axes",
    "engagements",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    # Outermost of the middleware that may query: its process_exception turns a database outage
    # in any view into a 503, and every response still passes SecurityMiddleware on the way out.
    "alliance_tracker.middleware.DatabaseUnavailableMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django.middleware.csp.ContentSecurityPolicyMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "simple_history.middleware.HistoryRequestMiddleware",
    # Last, as django-axes requires: it turns a locked-out login into the lock-out page.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "alliance_tracker.urls"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.csp",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
            ],
        },
    },
]

WSGI_APPLICATION = "alliance_tracker.wsgi.application"

# PostgreSQL is the real database; the SQLite file is only for trying the app out.
DATABASES = {
    "default": env_database(
        "DATABASE_URL",
        default_url=f"sqlite:///{BASE_DIR / 'db.sqlite3'}",
        pool=env_bool("DATABASE_POOL", default=False),
        timeout=env_int("DATABASE_CONNECT_TIMEOUT", default=3, minimum=1),
    )
}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

LANGUAGE_CODE = "en-us"
TIME_ZONE = env_time_zone("TIME_ZONE", default="UTC")
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
STATICFILES_DIRS = [BASE_DIR / "static"]
STATIC_ROOT = BASE_DIR / "staticfiles"
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

LOGIN_URL = "admin:login"

# Login throttling (django-axes): five wrong passwords for one username from one address lock
# that pair out for 15 minutes (another address, or the same one after the wait, may try
# again); a successful login clears the count. Axes' backend must come first so that a locked
# out pair is refused before the password is even checked.
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
AXES_FAILURE_LIMIT = 5
AXES_COOLOFF_TIME = datetime.timedelta(minutes=15)
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_CLIENT_IP_CALLABLE = "alliance_tracker.logins.client_ip"
AXES_LOCKOUT_CALLABLE = "alliance_tracker.logins.locked_out"
# Failed attempts are kept (they are the lock); a row per successful login is not needed, and
# the edit history already says who changed what.
AXES_DISABLE_ACCESS_LOG = True
# How many proxies in front of the app append to X-Forwarded-For: the login throttle reads the
# client's address from there instead of REMOTE_ADDR (which behind a proxy is the proxy's own,
# the same for everyone). 0 trusts no such header, which a client could otherwise forge.
LOGIN_PROXY_COUNT = env_int("LOGIN_PROXY_COUNT", default=0)

# A strict policy: no inline script or style anywhere, so every page keeps its scripts in
# static/ and htmx runs with includeIndicatorStyles off (see templates/base.html).
SECURE_CSP = {
    "default-src": [CSP.SELF],
    "script-src": [CSP.SELF],
    "style-src": [CSP.SELF],
    "img-src": [CSP.SELF, "data:"],
    "connect-src": [CSP.SELF],
    "form-action": [CSP.SELF],
    "frame-ancestors": [CSP.NONE],
    "base-uri": [CSP.NONE],
    "object-src": [CSP.NONE],
}
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
SESSION_COOKIE_HTTPONLY = True
# Behind a proxy that terminates TLS every request reaches the app over plain HTTP: only the
# header the proxy sets tells HTTPS apart, and without it HSTS is never sent and an HTTPS
# redirect would loop. Set only behind such a proxy, which must overwrite the header a client
# sends.
SECURE_PROXY_SSL_HEADER = env_proxy_ssl_header("SECURE_PROXY_SSL_HEADER")
SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", default=False)
# Load balancers probe over plain HTTP and must see the health check, not a redirect.
SECURE_REDIRECT_EXEMPT = [r"^healthz$"]
if not DEBUG:
    SESSION_COOKIE_SECURE = env_bool("SECURE_COOKIES", default=True)
    CSRF_COOKIE_SECURE = SESSION_COOKIE_SECURE
    SECURE_HSTS_SECONDS = env_int("SECURE_HSTS_SECONDS", default=0)
    SECURE_HSTS_INCLUDE_SUBDOMAINS = env_bool("SECURE_HSTS_INCLUDE_SUBDOMAINS", default=False)
    SECURE_HSTS_PRELOAD = env_bool("SECURE_HSTS_PRELOAD", default=False)

# Readout documents larger than this are refused by ingestion (bytes).
INGEST_MAX_BYTES = env_int("INGEST_MAX_BYTES", default=2_000_000, minimum=1_000)
# The whole fetch of a readout address, however slowly a server answers.
INGEST_FETCH_DEADLINE = env_int("INGEST_FETCH_DEADLINE", default=15, minimum=1)
# Importing from an address on this machine or a private network is refused unless this is on
# (an intranet's readouts, or tests with a local server).
INGEST_ALLOW_PRIVATE_ADDRESSES = env_bool("INGEST_ALLOW_PRIVATE_ADDRESSES", default=False)

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": "WARNING"},
}
