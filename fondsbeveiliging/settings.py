"""Settings for fondsbeveiliging, configured entirely from the environment.

Development defaults live in `.env.example`; in production (DEBUG off) the secret key,
database URL and allowed hosts have no default and must be set.
"""

from datetime import timedelta
from pathlib import Path

import environ
from celery.schedules import crontab
from csp.constants import NONE, SELF
from django.utils.translation import gettext_lazy as _

BASE_DIR = Path(__file__).resolve().parent.parent

env = environ.Env()
environ.Env.read_env(BASE_DIR / ".env", overwrite=False)

DEBUG = env.bool("DJANGO_DEBUG", default=False)

if DEBUG:
    SECRET_KEY = env.str("DJANGO_SECRET_KEY", default="dev-only-insecure-secret-key-change-me")
    ALLOWED_HOSTS = env.list("DJANGO_ALLOWED_HOSTS", default=["localhost", "127.0.0.1", "[::1]"])
else:
    SECRET_KEY = env.str("DJANGO_SECRET_KEY")
    ALLOWED_HOSTS = env.list("DJANGO_ALLOWED_HOSTS")

SITE_URL = env.str("SITE_URL", default="http://localhost:8000").rstrip("/")
CSRF_TRUSTED_ORIGINS = env.list("DJANGO_CSRF_TRUSTED_ORIGINS", default=[])

INSTALLED_APPS = [
    "fondsbeveiliging.apps.BackOfficeAdminConfig",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "django_otp",
    "django_otp.plugins.otp_static",
    "django_otp.plugins.otp_totp",
    "two_factor",
    "axes",
    "auditlog",
    "crispy_forms",
    "crispy_bootstrap5",
    "csp",
    "fondsbeveiliging.accounts",
    "fondsbeveiliging.gemeenten",
    "fondsbeveiliging.core",
    "fondsbeveiliging.audit",
    "fondsbeveiliging.termijnen",
    "fondsbeveiliging.opmaak",
    "fondsbeveiliging.berichten",
    "meldingen",
    "aanvragen",
    "aanvragen.brieven",
    "gegevens",
    "ondersteuning",
    "statistieken",
    "bewaring",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    # Content-Security-Policy on every response that does not set its own (file downloads do),
    # error pages included.
    "fondsbeveiliging.core.middleware.CSPMiddleware",
    "fondsbeveiliging.core.middleware.QueryStringMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    # Before the session limits: SessionExpiryMiddleware adds a message when it logs out.
    "django.contrib.messages.middleware.MessageMiddleware",
    "django_otp.middleware.OTPMiddleware",
    "fondsbeveiliging.accounts.middleware.SessionExpiryMiddleware",
    "fondsbeveiliging.accounts.middleware.StaffTwoFactorMiddleware",
    # The password again before switching 2FA off or linking a new device (stapop.py).
    "fondsbeveiliging.accounts.stapop.StapOpMiddleware",
    # Cache-Control: no-store on every response to a logged-in person.
    "fondsbeveiliging.core.middleware.NoStoreMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "auditlog.middleware.AuditlogMiddleware",
    "fondsbeveiliging.audit.middleware.GeweigerdeToegangMiddleware",
    # Axes must be last: it turns a lockout into a response.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "fondsbeveiliging.urls"
WSGI_APPLICATION = "fondsbeveiliging.wsgi.application"

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
                "django.template.context_processors.i18n",
                "fondsbeveiliging.core.context_processors.fonds_contact",
            ],
        },
    },
]

DATABASES = {
    "default": env.db("DATABASE_URL", default="postgres://postgres@127.0.0.1:5432/fondsbeveiliging")
    if DEBUG
    else env.db("DATABASE_URL"),
}
DATABASES["default"]["ATOMIC_REQUESTS"] = False
DATABASES["default"]["CONN_MAX_AGE"] = env.int("DATABASE_CONN_MAX_AGE", default=60)
DATABASES["default"]["CONN_HEALTH_CHECKS"] = True
# Server-side limits per connection, so a runaway query or a transaction left open cannot
# hold locks for long; 0 switches a limit off (docker-compose's one-shot `migrate` runs with
# both at 0: building an index on a large table may take longer). Added to any `options`
# the URL carries.
_db_options = DATABASES["default"].setdefault("OPTIONS", {})
_db_options["options"] = " ".join(
    [
        _db_options.get("options", ""),
        f"-c statement_timeout={env.int('DATABASE_STATEMENT_TIMEOUT_MS', default=30_000)}",
        "-c idle_in_transaction_session_timeout="
        + str(env.int("DATABASE_IDLE_IN_TRANSACTION_TIMEOUT_MS", default=60_000)),
    ]
).strip()
# The letter task's hot statements are prepared once per database session
# (`fondsbeveiliging.core.vaste_query`); a pooler in transaction mode needs this off.
DATABASE_PREPARED_STATEMENTS = env.bool("DATABASE_PREPARED_STATEMENTS", default=True)
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

REDIS_URL = env.str("REDIS_URL", default="redis://127.0.0.1:6379/0")
CACHES = {
    "default": {
        "BACKEND": "django.core.cache.backends.redis.RedisCache",
        "LOCATION": env.str("CACHE_URL", default=REDIS_URL),
        "KEY_PREFIX": env.str("CACHE_KEY_PREFIX", default="fb"),
    }
}

AUTH_USER_MODEL = "accounts.User"
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    # Before the password check: refuses while the account must wait (per-account throttle).
    "fondsbeveiliging.accounts.vertraging.AccountVertragingBackend",
    "django.contrib.auth.backends.ModelBackend",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 12},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "fondsbeveiliging.accounts.wachtwoorden.RaadbaarheidValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
PASSWORD_RESET_TIMEOUT = 60 * 60  # one hour

LOGIN_URL = "two_factor:login"
LOGIN_REDIRECT_URL = "accounts:start"
LOGOUT_REDIRECT_URL = "two_factor:login"
TWO_FACTOR_PATCH_ADMIN = False  # the admin uses our OTP-enforcing admin site instead
TWO_FACTOR_REMEMBER_COOKIE_AGE = None

# Sessions: 15 minutes idle (the cookie is renewed on every request) and at most 12 hours
# since login (enforced by SessionExpiryMiddleware).
SESSION_COOKIE_AGE = env.int("SESSION_IDLE_SECONDS", default=15 * 60)
SESSION_SAVE_EVERY_REQUEST = True
SESSION_ABSOLUTE_SECONDS = env.int("SESSION_ABSOLUTE_SECONDS", default=12 * 60 * 60)
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"

# Lockout after repeated failed logins (django-axes), per username and address.
AXES_FAILURE_LIMIT = env.int("AXES_FAILURE_LIMIT", default=5)
AXES_COOLOFF_TIME = timedelta(minutes=env.int("AXES_COOLOFF_MINUTES", default=15))
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_CALLABLE = "fondsbeveiliging.accounts.lockout.lockout_response"
# The login wizard posts `auth-username`; authenticate() passes `username`: one callable
# reads both (a form-field setting alone misses the failures and never locks out).
AXES_USERNAME_CALLABLE = "fondsbeveiliging.accounts.lockout.lockout_username"
# Per account over all addresses (fondsbeveiliging/accounts/vertraging.py): after this many
# failures each attempt waits a minute, doubling, at most ACCOUNT_MAX_WACHTTIJD.
ACCOUNT_VRIJE_POGINGEN = env.int("ACCOUNT_VRIJE_POGINGEN", default=10)
ACCOUNT_MAX_WACHTTIJD = timedelta(minutes=env.int("ACCOUNT_MAX_WACHTTIJD_MINUTEN", default=15))
ACCOUNT_VERTRAGING_SLEUTEL = "fb:inlogpogingen"  # cache key prefix (tests use their own)
AXES_IPWARE_META_PRECEDENCE_ORDER = env.list(
    "AXES_IPWARE_META_PRECEDENCE_ORDER", default=["REMOTE_ADDR"]
)

# HTTPS and browser hardening. Production turns these on through the environment.
SECURE_SSL_REDIRECT = env.bool("DJANGO_SECURE_SSL_REDIRECT", default=not DEBUG)
SESSION_COOKIE_SECURE = env.bool("DJANGO_SECURE_COOKIES", default=not DEBUG)
CSRF_COOKIE_SECURE = SESSION_COOKIE_SECURE
SECURE_HSTS_SECONDS = env.int("DJANGO_SECURE_HSTS_SECONDS", default=0 if DEBUG else 31536000)
SECURE_HSTS_INCLUDE_SUBDOMAINS = not DEBUG
SECURE_HSTS_PRELOAD = not DEBUG
SECURE_PROXY_SSL_HEADER = (
    ("HTTP_X_FORWARDED_PROTO", "https") if env.bool("DJANGO_BEHIND_PROXY", default=False) else None
)
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CONTENT_TYPE_NOSNIFF = True
X_FRAME_OPTIONS = "DENY"

# Content-Security-Policy (django-csp): only this site's own files. No inline script or
# style (no nonces either): scripts are static files that read data attributes. img-src
# allows data: for Bootstrap's form icons (data: SVGs in its CSS); the 2FA QR code is an
# image from this site (two_factor:qr).
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF],
        "style-src": [SELF],
        "img-src": [SELF, "data:"],
        "font-src": [SELF],
        "connect-src": [SELF],
        "form-action": [SELF],
        "frame-ancestors": [NONE],
        "base-uri": [NONE],
        "object-src": [NONE],
    },
}

LANGUAGE_CODE = "nl"
# Only Dutch until a translation exists: offering "en" without one gave browsers set to
# English Dutch text marked lang="en" (WCAG 3.1.1) with English dates and amounts.
LANGUAGES = [("nl", _("Nederlands"))]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = "Europe/Amsterdam"
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
# Where collectstatic writes (WhiteNoise serves from here when DEBUG is off).
STATIC_ROOT = Path(env.str("STATIC_ROOT", default=str(BASE_DIR / "var" / "staticfiles")))
STATICFILES_DIRS = [BASE_DIR / "static"]

# Private files (uploads, letters) never live under STATIC_ROOT and have no public URL:
# they are served only by permission-checked views (fondsbeveiliging.core.files).
PRIVATE_STORAGE_BACKEND = env.str("PRIVATE_STORAGE_BACKEND", default="filesystem")
PRIVATE_MEDIA_ROOT = Path(env.str("PRIVATE_MEDIA_ROOT", default=str(BASE_DIR / "var" / "private")))
_private_storage = {
    "filesystem": {
        "BACKEND": "django.core.files.storage.FileSystemStorage",
        "OPTIONS": {"location": PRIVATE_MEDIA_ROOT, "base_url": None},
    },
    "s3": {
        "BACKEND": "storages.backends.s3.S3Storage",
        "OPTIONS": {
            "bucket_name": env.str("S3_BUCKET", default=""),
            "endpoint_url": env.str("S3_ENDPOINT_URL", default="") or None,
            "access_key": env.str("S3_ACCESS_KEY", default=""),
            "secret_key": env.str("S3_SECRET_KEY", default=""),
            "default_acl": "private",
            "querystring_auth": True,
            "file_overwrite": False,
        },
    },
}[PRIVATE_STORAGE_BACKEND]
STORAGES = {
    "default": _private_storage,
    "private": _private_storage,
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}
if DEBUG:
    STORAGES["staticfiles"] = {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"}

# Uploads: checked by content in fondsbeveiliging.core.uploads.
UPLOAD_MAX_BYTES = env.int("UPLOAD_MAX_BYTES", default=10 * 1024 * 1024)
# Files per melding, per cost line and per answer to an information request.
UPLOAD_MAX_FILES = env.int("UPLOAD_MAX_FILES", default=10)
# All files of one melding, or all evidence of one claim, together.
UPLOAD_MAX_TOTAL_BYTES = env.int("UPLOAD_MAX_TOTAL_BYTES", default=100 * 1024 * 1024)
AANVRAAG_MAX_BESTANDEN = env.int("AANVRAAG_MAX_BESTANDEN", default=50)
AANVRAAG_MAX_KOSTENPOSTEN = env.int("AANVRAAG_MAX_KOSTENPOSTEN", default=20)
# Virus scan by ClamAV's clamd: a unix socket path or tcp://host:port. Fails closed: while
# clamd gives no verdict, uploads are refused. `make run`/`make test` start a local clamd
# (scripts/clamd.sh); production runs clamd with freshclam (README, production).
CLAMAV_ENABLED = env.bool("CLAMAV_ENABLED", default=True)
CLAMAV_SOCKET = env.str(
    "CLAMAV_SOCKET",
    default="/tmp/fondsbeveiliging-clamd/clamd.sock",  # noqa: S108 - mode 0700, made by scripts/clamd.sh
)
CLAMAV_TIMEOUT = env.float("CLAMAV_TIMEOUT", default=30.0)
DATA_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024
FILE_UPLOAD_MAX_MEMORY_SIZE = 2 * 1024 * 1024

# Field-level encryption (home address). Comma-separated: the first key encrypts, all decrypt.
if DEBUG:
    SALT_KEY = env.list("FIELD_ENCRYPTION_KEYS", default=["dev-only-field-encryption-key"])
else:
    SALT_KEY = env.list("FIELD_ENCRYPTION_KEYS")

EMAIL_BACKEND = env.str("EMAIL_BACKEND", default="django.core.mail.backends.console.EmailBackend")
EMAIL_HOST = env.str("EMAIL_HOST", default="localhost")
EMAIL_PORT = env.int("EMAIL_PORT", default=1025)
DEFAULT_FROM_EMAIL = env.str("DEFAULT_FROM_EMAIL", default="fonds@bzk.example")
BZK_TEAM_EMAIL = env.str("BZK_TEAM_EMAIL", default="team-fonds@bzk.example")
# How an applicant reaches the fund by post, phone and e-mail: one block for the site footer,
# the e-mails and every letter (a view, an objection or a notice of default can always also
# be given in writing or orally). BZK_TEAM_EMAIL above is the team's internal inbox.
FONDS_CONTACT = {
    "naam": env.str("FONDS_CONTACT_NAAM", default="Team Fonds Beveiliging"),
    "postadres": tuple(
        env.list("FONDS_CONTACT_POSTADRES", default=["Postbus 20011", "2500 EA  Den Haag"])
    ),
    "telefoon": env.str("FONDS_CONTACT_TELEFOON", default="070 426 6426"),
    "bereikbaar": env.str("FONDS_CONTACT_BEREIKBAAR", default="werkdagen van 9.00 tot 17.00 uur"),
    "email": env.str("FONDS_CONTACT_EMAIL", default="fonds@bzk.example"),
}
# The fund's own bank account, the debtor of every SEPA credit transfer file (pain.001) that
# finance makes from a payment batch. The example IBAN is a valid test number, not BZK's.
FONDS_BETAALREKENING = {
    "naam": env.str("FONDS_BETAALREKENING_NAAM", default="Ministerie van BZK Fonds Beveiliging"),
    "iban": env.str("FONDS_BETAALREKENING_IBAN", default="NL91ABNA0417164300"),
    "bic": env.str("FONDS_BETAALREKENING_BIC", default="ABNANL2A"),
}
# pain.001.001.09 is the version of the EPC rulebook since 2019; a bank that still asks for
# the older one can get it with FONDS_SEPA_SCHEMA=pain.001.001.03.
FONDS_SEPA_SCHEMA = env.str("FONDS_SEPA_SCHEMA", default="pain.001.001.09")
# Outbox: a message still unsent this long is queued again by the sweeper (Redis may have
# lost it); the sweeper runs every minute.
BERICHTEN_NAZENDEN_NA_SECONDEN = env.int("BERICHTEN_NAZENDEN_NA_SECONDEN", default=120)

# Celery: JSON only, acknowledge after the work is done, one message at a time.
CELERY_BROKER_URL = env.str("CELERY_BROKER_URL", default=REDIS_URL)
CELERY_RESULT_BACKEND = None
CELERY_TASK_SERIALIZER = "json"
CELERY_RESULT_SERIALIZER = "json"
CELERY_ACCEPT_CONTENT = ["json"]
CELERY_TASK_ACKS_LATE = True
CELERY_TASK_REJECT_ON_WORKER_LOST = True
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
# Celery's Django fixup closes the database connection around every task unless this is set;
# `fondsbeveiliging.celery` applies Django's own rules instead (CONN_MAX_AGE, health checks).
# The fixup then closes after this many tasks: high, so Django's rules decide.
CELERY_DB_REUSE_MAX = 1_000_000
CELERY_TASK_TIME_LIMIT = env.int("CELERY_TASK_TIME_LIMIT", default=120)
CELERY_TASK_SOFT_TIME_LIMIT = env.int("CELERY_TASK_SOFT_TIME_LIMIT", default=100)
CELERY_BROKER_TRANSPORT_OPTIONS = {"visibility_timeout": 600}
CELERY_TASK_ALWAYS_EAGER = env.bool("CELERY_TASK_ALWAYS_EAGER", default=False)
CELERY_TIMEZONE = TIME_ZONE
CELERY_BEAT_SCHEDULE: dict = {
    "berichten-nasturen": {
        "task": "fondsbeveiliging.berichten.tasks.berichten_nasturen_task",
        "schedule": 60.0,
    },
    # Daily digest of decision deadlines for each assessor, 07:00 Amsterdam time.
    "deadline-overzicht": {
        "task": "aanvragen.backoffice.tasks.deadline_overzicht_versturen_task",
        "schedule": crontab(hour=7, minute=0),
    },
    # Internal notices ("er wacht iets op u"), each once per event (outbox key).
    "voor-mij-signaleringen": {
        "task": "aanvragen.backoffice.tasks.signaleringen_klaarzetten_task",
        "schedule": 300.0,
    },
    # Close finished cases (objection term over, nothing left to pay), 06:30 Amsterdam time.
    "zaken-afsluiten": {
        "task": "aanvragen.backoffice.tasks.zaken_afsluiten_task",
        "schedule": crontab(hour=6, minute=30),
    },
}
# Task modules outside an app's tasks.py (autodiscovery only finds <app>.tasks).
CELERY_IMPORTS = ["aanvragen.backoffice.tasks"]

CRISPY_ALLOWED_TEMPLATE_PACKS = "bootstrap5"
CRISPY_TEMPLATE_PACK = "bootstrap5"

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"plain": {"format": "%(asctime)s %(levelname)s %(name)s %(message)s"}},
    "handlers": {"console": {"class": "logging.StreamHandler", "formatter": "plain"}},
    "root": {"handlers": ["console"], "level": env.str("LOG_LEVEL", default="INFO")},
    "loggers": {
        # WeasyPrint falling back to fontTools makes letters ~3x slower: make it visible.
        "weasyprint": {"level": "WARNING"},
    },
}
AMBTSDRAGER_2FA_VERPLICHT = env.bool("AMBTSDRAGER_2FA_VERPLICHT", default=False)
HEALTH_WORKER_TIMEOUT = env.float("HEALTH_WORKER_TIMEOUT", default=1.0)
# Letters (aanvragen.brieven): PDF variant, and whether WeasyPrint falling back to
# fontTools for font subsetting (libharfbuzz-subset0 missing) raises instead of logging.
BRIEVEN_PDF_VARIANT = env.str("BRIEVEN_PDF_VARIANT", default="pdf/a-2a")
BRIEVEN_STRICT_FONTS = env.bool("BRIEVEN_STRICT_FONTS", default=False)
# Letters: a letter still pending this long is queued again by the sweeper (Redis runs
# without persistence); the signature of letters not signed by a named approver.
BRIEVEN_NAZENDEN_NA_SECONDEN = env.int("BRIEVEN_NAZENDEN_NA_SECONDEN", default=180)
BRIEVEN_ONDERTEKENING = (
    env.str("BRIEVEN_ONDERTEKENING_FUNCTIE", default="Teamleider Fonds Beveiliging"),
    env.str("BRIEVEN_ONDERTEKENING_NAAM", default="Team Fonds Beveiliging"),
)
CELERY_BEAT_SCHEDULE["brieven-nasturen"] = {
    "task": "fondsbeveiliging.brieven.tasks.brieven_nasturen_task",
    "schedule": 60.0,
}
# Data exports (gegevens): delete the files of exports past their 7 days, every hour.
CELERY_BEAT_SCHEDULE["gegevens-exports-opruimen"] = {
    "task": "gegevens.tasks.exports_opruimen_task",
    "schedule": crontab(minute=15),
}
# Retention (bewaring): list records past their period every night at 02:30 (lists only;
# destruction waits for approval); the purge deletes this many records per transaction.
CELERY_BEAT_SCHEDULE["bewaring-nachtelijk"] = {
    "task": "bewaring.tasks.bewaring_nachtelijk_task",
    "schedule": crontab(hour=2, minute=30),
}
BEWARING_BATCH_GROOTTE = env.int("BEWARING_BATCH_GROOTTE", default=500)
# Office-holder accounts without a login for this many days get one warning e-mail; still
# no login this many days after the warning, the account is switched off (03:15 daily).
ACCOUNT_INACTIEF_NA_DAGEN = env.int("ACCOUNT_INACTIEF_NA_DAGEN", default=730)
ACCOUNT_INACTIEF_WAARSCHUWING_DAGEN = env.int("ACCOUNT_INACTIEF_WAARSCHUWING_DAGEN", default=30)
CELERY_BEAT_SCHEDULE["inactieve-accounts"] = {
    "task": "fondsbeveiliging.accounts.tasks.inactieve_accounts_task",
    "schedule": crontab(hour=3, minute=15),
}
# Statistics (issue 17): the page and CSV read stored snapshots of each period's suppressed
# tables; refresh this year's and last year's every 10 minutes (a missed run expires rather
# than piling up), and the older years' that someone looked at every night at 03:40.
CELERY_BEAT_SCHEDULE["statistieken-verversen"] = {
    "task": "statistieken.tasks.momentopnamen_verversen_task",
    "schedule": crontab(minute="*/10"),
    "options": {"expires": 540},
}
CELERY_BEAT_SCHEDULE["statistieken-oudere-jaren-verversen"] = {
    "task": "statistieken.tasks.momentopnamen_verversen_task",
    "schedule": crontab(hour=3, minute=40),
    "kwargs": {"oudere": True},
    "options": {"expires": 3600},
}
