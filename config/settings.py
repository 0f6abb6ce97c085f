"""The one settings module. Every setting is read here, once, from the environment.

With nothing set the portal runs on SQLite with Celery tasks executed eagerly, so a fresh
clone works without services. See `.env.example` for every variable.
"""

import sys
from pathlib import Path

import environ
from celery.schedules import crontab
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _

BASE_DIR = Path(__file__).resolve().parent.parent

env = environ.Env()
environ.Env.read_env(BASE_DIR / ".env", overwrite=False)

DEBUG = env.bool("DEBUG", default=False)
# The test suite runs with production-like settings but without HTTPS.
TESTING = env.bool("TESTING", default="pytest" in sys.modules)

SECRET_KEY = env.str("SECRET_KEY", default="")
if not SECRET_KEY:
    if not DEBUG and not TESTING:
        raise ImproperlyConfigured(
            "SECRET_KEY is not set. Set SECRET_KEY in the environment or in .env "
            "(for example: python -c 'import secrets; print(secrets.token_urlsafe(50))'), "
            "or set DEBUG=1 for a local development run."
        )
    SECRET_KEY = "insecure-development-key-never-use-in-production"  # noqa: S105

ALLOWED_HOSTS = env.list("ALLOWED_HOSTS", default=["127.0.0.1", "localhost", "testserver"])
CSRF_TRUSTED_ORIGINS = env.list("CSRF_TRUSTED_ORIGINS", default=[])

# --- Applications ---------------------------------------------------------------------------

PROJECT_APPS = [
    "common",
    "territory",
    "accounts",
    "elections",
    "candidates",
    "complaints",
    "directives",
    "reports",
    "demo",
]

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "django_htmx",
    "simple_history",
    "axes",
    "django_celery_results",
    *PROJECT_APPS,
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "config.middleware.PortalLocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.auth.middleware.LoginRequiredMiddleware",
    "config.middleware.PrivatePagesMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "simple_history.middleware.HistoryRequestMiddleware",
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "config.urls"
WSGI_APPLICATION = "config.wsgi.application"

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
                "config.context_processors.portal",
            ],
        },
    },
]

# --- Database -------------------------------------------------------------------------------

DATABASES = {
    "default": env.db_url("DATABASE_URL", default=f"sqlite:///{BASE_DIR / 'db.sqlite3'}"),
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":
    # Persistent connections measured ~6x faster under gunicorn; health checks survive restarts.
    DATABASES["default"]["CONN_MAX_AGE"] = env.int("CONN_MAX_AGE", default=600)
    DATABASES["default"]["CONN_HEALTH_CHECKS"] = True
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# --- Authentication -------------------------------------------------------------------------

AUTH_USER_MODEL = "accounts.User"
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator", "OPTIONS": {"min_length": 10}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
if TESTING:
    # Production PBKDF2 costs about 2 s a hash on this 2-core machine; tests need none of its strength.
    PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "home"
LOGOUT_REDIRECT_URL = "login"
SESSION_COOKIE_AGE = env.int("SESSION_COOKIE_AGE", default=8 * 3600)
SESSION_EXPIRE_AT_BROWSER_CLOSE = True

# django-axes: lock an account+address pair after repeated failures.
AXES_FAILURE_LIMIT = env.int("AXES_FAILURE_LIMIT", default=5)
AXES_COOLOFF_TIME = env.float("AXES_COOLOFF_HOURS", default=0.5)
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_LOCKOUT_TEMPLATE = "registration/locked_out.html"
AXES_RESET_ON_SUCCESS = True
AXES_VERBOSE = False
# How many reverse proxies in front of gunicorn append to X-Forwarded-For (1 behind the README's nginx);
# 0 trusts no header. The lockout is keyed on the client's address read through them (config/proxy.py).
TRUSTED_PROXY_COUNT = env.int("TRUSTED_PROXY_COUNT", default=0)
AXES_CLIENT_IP_CALLABLE = "config.proxy.client_ip"

# --- Internationalisation -------------------------------------------------------------------

LANGUAGE_CODE = "vi"
LANGUAGES = [("vi", _("Vietnamese")), ("en", _("English"))]
TIME_ZONE = "Asia/Ho_Chi_Minh"
USE_I18N = True
USE_TZ = True
FORMAT_MODULE_PATH = ["config.formats"]
# App folders first: makemessages run at the top level files each string under its own app.
LOCALE_PATHS = [BASE_DIR / app / "locale" for app in PROJECT_APPS] + [BASE_DIR / "locale"]

# --- Static and media files -----------------------------------------------------------------

STATIC_URL = "static/"
STATIC_ROOT = BASE_DIR / "staticfiles"
STATICFILES_DIRS = [BASE_DIR / "static"]
MEDIA_ROOT = Path(env.str("MEDIA_ROOT", default=str(BASE_DIR / "media")))
MEDIA_URL = "/media-not-served/"  # uploads are served only through permission-checked views
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": (
            "django.contrib.staticfiles.storage.StaticFilesStorage"
            if DEBUG or TESTING
            else "whitenoise.storage.CompressedManifestStaticFilesStorage"
        )
    },
}
UPLOAD_MAX_BYTES = env.int("UPLOAD_MAX_BYTES", default=10 * 1024 * 1024)
DATA_UPLOAD_MAX_MEMORY_SIZE = UPLOAD_MAX_BYTES + 1024 * 1024
FILE_UPLOAD_MAX_MEMORY_SIZE = 2_621_440

# --- Celery ---------------------------------------------------------------------------------

REDIS_URL = env.str("REDIS_URL", default="")
CELERY_BROKER_URL = REDIS_URL or "memory://"
CELERY_TASK_ALWAYS_EAGER = env.bool("CELERY_TASK_ALWAYS_EAGER", default=not REDIS_URL)
CELERY_TASK_EAGER_PROPAGATES = True
CELERY_RESULT_BACKEND = "django-db"
CELERY_RESULT_EXTENDED = True
CELERY_TASK_TRACK_STARTED = True
CELERY_ACCEPT_CONTENT = ["json"]
CELERY_TASK_SERIALIZER = "json"
CELERY_RESULT_SERIALIZER = "json"
CELERY_TASK_ACKS_LATE = True
CELERY_TASK_REJECT_ON_WORKER_LOST = True
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
CELERY_TASK_SOFT_TIME_LIMIT = env.int("CELERY_TASK_SOFT_TIME_LIMIT", default=600)
CELERY_TASK_TIME_LIMIT = env.int("CELERY_TASK_TIME_LIMIT", default=720)
# Longer than the hard time limit, so a slow task is never redelivered while it still runs.
CELERY_BROKER_TRANSPORT_OPTIONS = {"visibility_timeout": env.int("CELERY_VISIBILITY_TIMEOUT", default=900)}
CELERY_TIMEZONE = TIME_ZONE
# Periodic jobs (Celery beat). Later capabilities add their entries here, in one place.
CELERY_BEAT_SCHEDULE: dict = {}

# --- E-mail ---------------------------------------------------------------------------------

EMAIL_CONFIG = env.email_url("EMAIL_URL", default="consolemail://")
vars().update(EMAIL_CONFIG)
DEFAULT_FROM_EMAIL = env.str(  # the name is quoted: it holds a comma
    "DEFAULT_FROM_EMAIL", default='"Cổng bầu cử Trưởng ấp, Trưởng khu phố" <no-reply@localhost>')

# --- Portal ---------------------------------------------------------------------------------

PORTAL_NAME = env.str("PORTAL_NAME", default="Cổng điều hành bầu cử Trưởng ấp, Trưởng khu phố")
PORTAL_ORGANISATION = env.str("PORTAL_ORGANISATION", default="Tỉnh ủy Tiền Giang")
DEMO_PASSWORD = env.str("DEMO_PASSWORD", default="demo-truongap-2024")

# --- Security -------------------------------------------------------------------------------

SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
SESSION_COOKIE_HTTPONLY = True
CSRF_COOKIE_HTTPONLY = False  # htmx reads the token from the page, not the cookie
# Behind a TLS-terminating reverse proxy in production; off for local runs and tests.
HTTPS = env.bool("HTTPS", default=not DEBUG and not TESTING)
if HTTPS:
    SECURE_SSL_REDIRECT = env.bool("SECURE_SSL_REDIRECT", default=True)
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    SECURE_HSTS_SECONDS = env.int("SECURE_HSTS_SECONDS", default=31536000)
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    SECURE_HSTS_PRELOAD = True
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True

CSRF_FAILURE_VIEW = "config.errors.csrf_failure"

# --- Logging --------------------------------------------------------------------------------

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"plain": {"format": "%(asctime)s %(levelname)s %(name)s: %(message)s"}},
    "filters": {"refusals_on_one_line": {"()": "config.errors.RefusalsOnOneLine"}},
    "handlers": {"console": {"class": "logging.StreamHandler", "formatter": "plain",
                             "filters": ["refusals_on_one_line"]}},
    "root": {"handlers": ["console"], "level": env.str("LOG_LEVEL", default="INFO")},
    "loggers": {"django.db.backends": {"level": "WARNING"}},
}

# --- Election results (elections app, issue 7) ------------------------------------------------
# Lead times before election day, warned about (not blocked) when missed. NĐ 59/2023/NĐ-CP as
# summarised by Bộ Nội vụ (Oct 2025): decision E-20, candidate list E-15, election team E-10,
# public posting E-7 (domain-rules §1.4 [C]).
ELECTION_LEAD_DAYS = {"decision": 20, "candidate_list": 15, "election_team": 10, "posting": 7}
# Chủ tịch UBND xã decides on recognition within N working days of receiving the minutes:
# 05 working days (NĐ 59/2023 Điều 8 as reported by Dân Việt 15/9/2025 [M], forms.md §4.4;
# domain-rules §1.6 update). A later decision is recorded and warned about.
RECOGNITION_DEADLINE_WORKING_DAYS = env.int("RECOGNITION_DEADLINE_WORKING_DAYS", default=5)
# The minutes reach UBND xã within N working days of the meeting; later is warned about, not refused.
# No limit is found for a meeting's decision; a community decision by household poll is sent
# within 05 working days (forms.md §3.3-3.4, source S17: "chậm nhất 05 ngày làm việc", khoản 7
# Điều 4 [C]), used here.
# domain-rules §1.6 guessed 3 [I].
MINUTES_RECEIPT_WORKING_DAYS = env.int("MINUTES_RECEIPT_WORKING_DAYS", default=5)
# The roll has one representative per household (forms.md §3.6), so it should match the hamlet's
# household count; beyond this share either way the officer confirms the figure with a reason.
# 0.2: the count is imported once per commune and drifts as households form and leave, while a
# digit typed twice or dropped (310 -> 3100 or 31) is far beyond 20 % [I].
ROLL_HOUSEHOLD_TOLERANCE = env.float("ROLL_HOUSEHOLD_TOLERANCE", default=0.2)
# A failed election is re-run within N days (NQLT 09/2008 practice [M], domain-rules §1.6).
RERUN_WITHIN_DAYS = env.int("RERUN_WITHIN_DAYS", default=15)
# An acting head's hamlet elects a head within 6 months of the appointment (TT 04/2012 Điều 12
# khoản 2 điểm a, 08/VBHN-BNV [C]); the portal alerts a month earlier.
ACTING_HEAD_ELECTION_MONTHS = env.int("ACTING_HEAD_ELECTION_MONTHS", default=6)
ACTING_HEAD_ALERT_MONTHS = env.int("ACTING_HEAD_ALERT_MONTHS", default=5)

# --- Progress reports (reports app) ---------------------------------------------------------
# The PDF follows Hướng dẫn 36-HD/VPTW; the issuer, symbols, place and signer are data, not code
# (the province's name changes after the 2025 reform).

REPORT_PARTY_TITLE = env.str("REPORT_PARTY_TITLE", default="ĐẢNG CỘNG SẢN VIỆT NAM")
REPORT_ISSUER_PARENT = env.str("REPORT_ISSUER_PARENT", default="TỈNH ỦY TIỀN GIANG")
REPORT_ISSUER_NAME = env.str("REPORT_ISSUER_NAME", default="VĂN PHÒNG")
REPORT_ISSUER_SYMBOL = env.str("REPORT_ISSUER_SYMBOL", default="VPTU")
REPORT_DOCUMENT_TYPE = env.str("REPORT_DOCUMENT_TYPE", default="BC")
REPORT_PLACE = env.str("REPORT_PLACE", default="Tiền Giang")
REPORT_SUBJECT = env.str(
    "REPORT_SUBJECT", default="tiến độ lãnh đạo cuộc bầu cử Trưởng ấp, Trưởng khu phố",
)
# The signer block follows the number's symbol (reports.rules.signer_block; HD 36-HD/VPTW, domain-rules
# §3.3): "-BC/VPTU" is signed "CHÁNH VĂN PHÒNG", "-BC/TU" "T/L BAN THƯỜNG VỤ / CHÁNH VĂN PHÒNG". Set this
# when a deputy chief of office signs: the block then reads "K/T CHÁNH VĂN PHÒNG / PHÓ CHÁNH VĂN PHÒNG".
REPORT_SIGNER_DEPUTY = env.bool("REPORT_SIGNER_DEPUTY", default=False)
REPORT_SIGNER_NAME = env.str("REPORT_SIGNER_NAME", default="")
REPORT_RECIPIENTS = env.list("REPORT_RECIPIENTS", default=[
    "Thường trực Tỉnh ủy", "Các đồng chí Ủy viên Ban Thường vụ Tỉnh ủy", "Các Huyện ủy, Thành ủy, Thị ủy",
])
REPORT_ARCHIVE_LINE = env.str("REPORT_ARCHIVE_LINE", default="Lưu Văn phòng Tỉnh ủy")
# Liberation Serif 2.x: Times-metric with every Vietnamese letter, shipped in reports/fonts (SIL OFL 1.1)
# and loaded by path, so a report looks the same on every machine whatever fonts it has installed.
REPORT_FONT_DIR = env.str("REPORT_FONT_DIR", default=str(BASE_DIR / "reports" / "fonts"))
REPORT_WEEKLY_DAY = env.str("REPORT_WEEKLY_DAY", default="mon")  # crontab day_of_week
REPORT_WEEKLY_HOUR = env.int("REPORT_WEEKLY_HOUR", default=7)
# A running report whose worker has not reported progress for this long is shown as stalled, with a retry
# (a province report renders in seconds; the national one in under a minute).
REPORT_STALL_MINUTES = env.int("REPORT_STALL_MINUTES", default=3)
REPORT_STALE_MINUTES = env.int("REPORT_STALE_MINUTES", default=20)  # longer than CELERY_TASK_TIME_LIMIT
REPORT_SWEEP_MINUTES = env.int("REPORT_SWEEP_MINUTES", default=5)
CELERY_BEAT_SCHEDULE["reports-weekly"] = {
    "task": "reports.tasks.generate_weekly_report",
    "schedule": crontab(minute=0, hour=REPORT_WEEKLY_HOUR, day_of_week=REPORT_WEEKLY_DAY),
}
CELERY_BEAT_SCHEDULE["reports-sweep-stale-jobs"] = {
    "task": "reports.tasks.sweep_report_jobs",
    "schedule": crontab(minute=f"*/{REPORT_SWEEP_MINUTES}"),
}

# --- Complaints and denunciations (complaints app) ------------------------------------------
# Keys that encrypt the complainant's identity at rest (Fernet, newest first; comma-separated).
# Generate one: python -c "from cryptography.fernet import Fernet; print(Fernet.generate_key().decode())".
# Rotation: put the new key first, keep the old ones after it, deploy, run
# `manage.py rotate_identity_keys`, then remove the old keys. The nominees' blind index (one person,
# one nomination) is keyed by HKDF of these keys (accounts/crypto.py): no separate setting.
FIELD_ENCRYPTION_KEYS = env.list("FIELD_ENCRYPTION_KEYS", default=[])
if not FIELD_ENCRYPTION_KEYS:
    if not DEBUG and not TESTING:
        raise ImproperlyConfigured("FIELD_ENCRYPTION_KEYS is not set (complainants' identities are encrypted).")
    import base64 as _base64
    import hashlib as _hashlib

    # Development and tests only: a key derived from SECRET_KEY.
    FIELD_ENCRYPTION_KEYS = [
        _base64.urlsafe_b64encode(_hashlib.sha256(f"field-encryption:{SECRET_KEY}".encode()).digest()).decode()
    ]
# Statutory deadlines per kind of letter, with their sources ([M] = as commonly cited, to be verified
# against the official text; see research/domain-rules.md §2). Days are calendar days unless
# `acceptance_working_days` is true.
COMPLAINT_DEADLINES = {
    "to_cao": {
        "acceptance_days": env.int("DENUNCIATION_ACCEPTANCE_DAYS", default=7), "acceptance_working_days": True,
        "resolution_days": env.int("DENUNCIATION_RESOLUTION_DAYS", default=30),
        "complex_resolution_days": env.int("DENUNCIATION_RESOLUTION_DAYS", default=30),
        "extension_days": env.int("DENUNCIATION_EXTENSION_DAYS", default=30), "max_extensions": 2,
        "citation": "Luật Tố cáo 2018 (25/2018/QH14) Điều 29, 30; Nghị định 31/2019/NĐ-CP",
    },
    "khieu_nai": {
        "acceptance_days": env.int("COMPLAINT_ACCEPTANCE_DAYS", default=10), "acceptance_working_days": False,
        "resolution_days": env.int("COMPLAINT_RESOLUTION_DAYS", default=30),
        "complex_resolution_days": env.int("COMPLAINT_COMPLEX_RESOLUTION_DAYS", default=45),
        "extension_days": 0, "max_extensions": 0,
        "citation": "Luật Khiếu nại 2011 (02/2011/QH13) Điều 27, 28",
    },
    "kien_nghi": {
        "acceptance_days": env.int("PETITION_ACCEPTANCE_DAYS", default=10), "acceptance_working_days": False,
        "resolution_days": env.int("PETITION_RESOLUTION_DAYS", default=30),
        "complex_resolution_days": env.int("PETITION_RESOLUTION_DAYS", default=30),
        "extension_days": 0, "max_extensions": 0,
        "citation": "Quy chế tiếp nhận, xử lý kiến nghị, phản ánh (thời hạn do tỉnh quy định)",
    },
    "phan_anh": {
        "acceptance_days": env.int("FEEDBACK_ACCEPTANCE_DAYS", default=10), "acceptance_working_days": False,
        "resolution_days": env.int("FEEDBACK_RESOLUTION_DAYS", default=30),
        "complex_resolution_days": env.int("FEEDBACK_RESOLUTION_DAYS", default=30),
        "extension_days": 0, "max_extensions": 0,
        "citation": "Quy chế tiếp nhận, xử lý kiến nghị, phản ánh (thời hạn do tỉnh quy định)",
    },
}
# Public holidays skipped wherever the law counts working days (complaint acceptance, recognition
# decisions). Vietnam's are known by default from the `holidays` package (Bộ luật Lao động 2019,
# Điều 112: Tết Dương lịch, 5 days of Tết Âm lịch, Giỗ Tổ 10/3 âm lịch, 30/4, 1/5, 2 days of Quốc
# khánh; and the Government's announced bridging days): see common/workdays.py. PUBLIC_HOLIDAYS adds
# days it does not know yet (a bridging day announced late), PUBLIC_HOLIDAYS_EXCLUDE removes days it
# gets wrong: ISO dates, comma-separated, e.g. PUBLIC_HOLIDAYS=2024-09-02,2024-09-03.
PUBLIC_HOLIDAYS = env.list("PUBLIC_HOLIDAYS", default=[])
PUBLIC_HOLIDAYS_EXCLUDE = env.list("PUBLIC_HOLIDAYS_EXCLUDE", default=[])
COMPLAINT_DUE_SOON_DAYS = env.int("COMPLAINT_DUE_SOON_DAYS", default=3)
# A letter must be settled before its hamlet votes (Công văn 3321-CV/TU: "giải quyết dứt điểm đơn thư
# khiếu nại, tố cáo ... trước bầu cử"): its election deadline is the hamlet's election date less this
# many days. 1 = by the day before the meeting, the latest day that is still "before the vote". A
# province may choose 15 (the candidate list goes to UBND xã 15 days before, NĐ 59/2023) or 10 (the
# freeze of Luật Bầu cử ĐBQH và HĐND 2015 Điều 61, by analogy); see research/domain-rules.md §2.4-2.5.
COMPLAINT_ELECTION_MARGIN_DAYS = env.int("COMPLAINT_ELECTION_MARGIN_DAYS", default=1)
# Daily reminder to handlers of due-soon and overdue letters (once a day, 07:00 local time).

CELERY_BEAT_SCHEDULE["complaints-remind-handlers"] = {
    "task": "complaints.remind_handlers",
    "schedule": crontab(hour=7, minute=0),
}

# --- Nomination (candidates app) -------------------------------------------------------------
# Most active nominees per hamlet. NĐ 59/2023 only requires at least one; the old rule allowed
# one or two (domain-rules §6.2.2), kept as province policy until the client confirms.
NOMINEES_PER_HAMLET_MAX = env.int("NOMINEES_PER_HAMLET_MAX", default=2)

# --- Directives (directives app) -------------------------------------------------------------
# Remind a recipient that has not acknowledged a directive this many days after delivery.
DIRECTIVE_ACK_REMINDER_DAYS = env.int("DIRECTIVE_ACK_REMINDER_DAYS", default=3)
# A reported difficulty is to be answered within this many working days (common.workdays); an open one
# past it is escalated to the Standing Committee (issue 21 point 4; no legal time limit: the office's choice).
DIFFICULTY_ANSWER_DAYS = env.int("DIFFICULTY_ANSWER_DAYS", default=5)

# Once a day at 07:00 (CELERY_TIMEZONE is Asia/Ho_Chi_Minh): unacknowledged and overdue recipients.
CELERY_BEAT_SCHEDULE["directives-send-reminders"] = {
    "task": "directives.send_directive_reminders",
    "schedule": crontab(hour=7, minute=0),
}

# --- Security and reliability (issue 9) ------------------------------------------------------
# Content Security Policy (django-csp 4): only this site's own scripts, styles, images and fonts;
# no inline scripts or styles, no framing, forms post only here. htmx's own indicator <style> is
# switched off in base.html (htmx-config) and its rules live in portal.css.
from csp.constants import NONE, SELF  # noqa: E402

MIDDLEWARE.insert(MIDDLEWARE.index("django.middleware.security.SecurityMiddleware") + 1, "csp.middleware.CSPMiddleware")
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
        "base-uri": [SELF],
        "object-src": [NONE],
    },
}
# Tests only: the report task sleeps this long after starting, so a test can kill its worker mid-report.
REPORT_TEST_DELAY_SECONDS = env.int("REPORT_TEST_DELAY_SECONDS", default=0)
