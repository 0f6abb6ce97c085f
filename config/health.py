"""`/healthz`: is the portal able to serve? Used by load balancers and monitoring."""

import time

from django.conf import settings
from django.contrib.auth.decorators import login_not_required
from django.db import connection
from django.http import JsonResponse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET


def _database_state() -> str:
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except Exception as exc:  # any driver error means the database cannot serve
        return f"error: {exc.__class__.__name__}"
    return "ok"


def _broker_state() -> str:
    if settings.CELERY_TASK_ALWAYS_EAGER:
        return "eager"
    from config.celery import app

    try:
        with app.connection_for_write() as conn:
            conn.ensure_connection(max_retries=1, timeout=2)
    except Exception as exc:  # the portal still serves pages without a broker
        return f"error: {exc.__class__.__name__}"
    return "ok"


ENCRYPTION_RECHECK_SECONDS = 60
_encryption_checked: dict[tuple, tuple[float, str]] = {}


def _encryption_state() -> str:
    """The keys checked against a stored sample of every encrypted column: a query per column, so a
    monitor polling every few seconds reuses the answer for a minute (per process and per key set)."""
    from accounts.checks import key_problems

    keys = tuple(settings.FIELD_ENCRYPTION_KEYS)
    checked = _encryption_checked.get(keys)
    if checked and time.monotonic() - checked[0] < ENCRYPTION_RECHECK_SECONDS:
        return checked[1]
    problems = key_problems()
    state = "ok" if not problems else "error: " + problems[0]
    _encryption_checked.clear()
    _encryption_checked[keys] = (time.monotonic(), state)
    return state


@login_not_required
@never_cache
@require_GET
def healthz(request):
    database = _database_state()
    broker = _broker_state()
    encryption = _encryption_state() if database == "ok" else "unknown"
    status = 200 if database == "ok" and encryption == "ok" else 503
    return JsonResponse({"status": "ok" if status == 200 else "error", "database": database, "broker": broker,
                         "encryption": encryption}, status=status)
