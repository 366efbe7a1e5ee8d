"""The one settings module. Every value that differs between machines comes from the environment."""

from datetime import timedelta
from pathlib import Path

from csp.constants import NONE, SELF

from config.env import database_from_url, env_bool, env_int, env_list, env_str

BASE_DIR = Path(__file__).resolve().parent.parent
VAR_DIR = Path(env_str("OPORA_VAR_DIR", str(BASE_DIR / "var")))
(VAR_DIR / "static").mkdir(parents=True, exist_ok=True)

DEBUG = env_bool("DJANGO_DEBUG", False)
SECRET_KEY = env_str("DJANGO_SECRET_KEY", "")
if not SECRET_KEY:
    if not DEBUG and env_str("OPORA_ENV", "dev") == "production":
        raise RuntimeError("DJANGO_SECRET_KEY must be set in production")
    SECRET_KEY = "dev-only-insecure-key-do-not-use-in-production"
ALLOWED_HOSTS = env_list("DJANGO_ALLOWED_HOSTS", ["127.0.0.1", "localhost", "testserver"])

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "rules.apps.AutodiscoverRulesConfig",
    "django_htmx",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "django_otp.plugins.otp_static",
    "axes",
    "opora.core",
    "opora.audit",
    "opora.accounts",
    "opora.centres",
    "opora.people",
    "opora.cases",
    "opora.referrals",
    "opora.tasks",
    "opora.deadlines",
    "opora.assessments",
    "opora.plans",
    "opora.consultations",
    "opora.reviews",
    "opora.closure",
    "opora.groups",
    "opora.fostering",
    "opora.documents",
    "opora.attachments",
    "opora.reporting",
    "opora.statutory",
    "opora.oversight",
    "opora.privacy",
    "opora.public",
    "opora.demo",
    "opora.perf",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django_otp.middleware.OTPMiddleware",
    "opora.audit.context.AuditContextMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "csp.middleware.CSPMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "opora.accounts.middleware.SessionLifetimeMiddleware",
    "opora.accounts.middleware.TwoFactorMiddleware",
    "opora.centres.middleware.CurrentCentreMiddleware",
    # Last, as django-axes asks: it turns a refused sign-in into the lockout page.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "config.urls"
WSGI_APPLICATION = "config.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "opora.centres.context_processors.current_centre",
            ],
        },
    }
]

DATABASES = {
    "default": database_from_url(
        env_str("DATABASE_URL", ""), sqlite_default=str(VAR_DIR / "opora.sqlite3")
    )
}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_USER_MODEL = "accounts.User"
AUTHENTICATION_BACKENDS = [
    # First: a locked-out username + address is refused before any password is checked.
    "axes.backends.AxesStandaloneBackend",
    "rules.permissions.ObjectPermissionBackend",
    "django.contrib.auth.backends.ModelBackend",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        "NAME": "opora.accounts.validators.BulgarianMinimumLengthValidator",
        "OPTIONS": {"min_length": 12},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
    {"NAME": "opora.accounts.validators.NamesInPasswordValidator"},
]
LOGIN_URL = "accounts:login"
LOGIN_REDIRECT_URL = "home"
LOGOUT_REDIRECT_URL = "accounts:login"

LANGUAGE_CODE = "bg"
LANGUAGES = [("bg", "Български")]
TIME_ZONE = "Europe/Sofia"
USE_I18N = True
USE_TZ = True
FORMAT_MODULE_PATH = ["opora.core.formats"]

STATIC_URL = "/static/"
STATIC_ROOT = VAR_DIR / "static"
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
WHITENOISE_USE_FINDERS = True

SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
# Sign-in (issue 4): a session ends after the centre's idle timeout (CentreSettings, the strictest
# of the user's centres; this value for a user with no centre) and at the latest after
# OPORA_SESSION_MAX_HOURS, however active it is.
OPORA_IDLE_TIMEOUT_MINUTES = env_int("OPORA_IDLE_TIMEOUT_MINUTES", 30)
OPORA_SESSION_MAX_HOURS = env_int("OPORA_SESSION_MAX_HOURS", 12)
SESSION_COOKIE_AGE = OPORA_SESSION_MAX_HOURS * 60 * 60
SESSION_EXPIRE_AT_BROWSER_CLOSE = True
SESSION_COOKIE_SECURE = env_bool("OPORA_SECURE_COOKIES", False)
CSRF_COOKIE_SECURE = SESSION_COOKIE_SECURE
X_FRAME_OPTIONS = "DENY"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"

# Two-factor sign-in (django-otp): every member of staff and the system administrator.
OTP_TOTP_ISSUER = "Опора"
# Lockout (django-axes): 5 failed sign-ins from one address for one username lock that pair for
# 15 minutes; another address (the colleague at her own desk) is not locked by an attacker.
AXES_FAILURE_LIMIT = env_int("OPORA_LOCKOUT_FAILURES", 5)
AXES_COOLOFF_TIME = timedelta(minutes=env_int("OPORA_LOCKOUT_MINUTES", 15))
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
# A try during the lockout does not start it again: the page can say when to come back.
AXES_RESET_COOL_OFF_ON_FAILURE_DURING_LOCKOUT = False
AXES_CLIENT_IP_CALLABLE = "opora.accounts.lockout.client_address"
AXES_LOCKOUT_CALLABLE = "opora.accounts.lockout.lockout_response"
AXES_VERBOSE = False
# A wrong 6-digit code during sign-in: after this many the session is logged out.
OPORA_CODE_FAILURES = 5

# A strict Content-Security-Policy: no inline script or style anywhere, nothing from other hosts.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF],
        "style-src": [SELF],
        "img-src": [SELF, "data:"],
        "font-src": [SELF],
        "connect-src": [SELF],
        "object-src": [NONE],
        "base-uri": [NONE],
        "frame-ancestors": [NONE],
        "form-action": [SELF],
    }
}

# Production (OPORA_ENV=production) is served over HTTPS only.
# Benchmark runs only (bench/run.py): a bare floor view, the admin peer over the person table and
# an X-Queries header on every response. Never set in normal runs.
OPORA_BENCH = env_bool("OPORA_BENCH", False)
if OPORA_BENCH:
    MIDDLEWARE.insert(0, "opora.perf.bench.QueryCountMiddleware")

PRODUCTION = env_str("OPORA_ENV", "dev") == "production"
if PRODUCTION:
    SESSION_COOKIE_SECURE = CSRF_COOKIE_SECURE = True
    SECURE_SSL_REDIRECT = env_bool("OPORA_SSL_REDIRECT", True)
    SECURE_HSTS_SECONDS = env_int("OPORA_HSTS_SECONDS", 31536000)
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    SECURE_HSTS_PRELOAD = env_bool("OPORA_HSTS_PRELOAD", True)
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")

EMAIL_BACKEND = env_str("EMAIL_BACKEND", "django.core.mail.backends.console.EmailBackend")
DEFAULT_FROM_EMAIL = env_str("DEFAULT_FROM_EMAIL", "opora@localhost")
# The address staff open Opora at, for links in e-mails (e.g. https://opora.harmanli.bg).
OPORA_SITE_URL = env_str("OPORA_SITE_URL", "")

# How many rows a list page shows; lists never COUNT the whole table.
OPORA_PAGE_SIZE = env_int("OPORA_PAGE_SIZE", 50)

# The public form „Потърсете подкрепа“ (/centres/<slug>/request/): accepted requests per sender's
# address in an hour, and per centre in 24 hours; counted in the database, shared by all workers.
OPORA_PUBLIC_REQUESTS_PER_ADDRESS_PER_HOUR = env_int("OPORA_PUBLIC_REQUESTS_PER_ADDRESS", 3)
OPORA_PUBLIC_REQUESTS_PER_CENTRE_PER_DAY = env_int("OPORA_PUBLIC_REQUESTS_PER_CENTRE", 30)

# Exports (privacy): the encrypted file waits here, outside the web root, for its one-time download
# link, valid this many minutes.
OPORA_EXPORT_DIR = Path(env_str("OPORA_EXPORT_DIR", str(VAR_DIR / "exports")))
OPORA_EXPORT_LINK_MINUTES = env_int("OPORA_EXPORT_LINK_MINUTES", 10)

# Statistics: in roll-ups over several centres a count below this shows as „< N“ (no child can be
# identified from the figures).
OPORA_SUPPRESSION_THRESHOLD = env_int("OPORA_SUPPRESSION_THRESHOLD", 5)

# Attachments (scans, letters from institutions): kept outside the web root and outside MEDIA and
# STATIC, under random names, served only through the permission-checked views; the largest file.
OPORA_ATTACHMENT_DIR = Path(env_str("OPORA_ATTACHMENT_DIR", str(VAR_DIR / "attachments")))
OPORA_ATTACHMENT_MAX_MB = env_int("OPORA_ATTACHMENT_MAX_MB", 20)

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env_str("OPORA_LOG_LEVEL", "WARNING")},
}
