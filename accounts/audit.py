"""The audit log of personal data shown in clear (issue 9: every reveal logged)."""

from collections.abc import Iterable

from django.http import HttpRequest

from .models import PersonalDataAccess
from .registry import run_reveal_log_rows


def log_reveal(user, objects: Iterable, *, field: str, purpose: str, request: HttpRequest | None = None) -> int:
    """Record that `user` saw `field` of each of `objects` in clear; returns the number of rows."""
    path = request.get_full_path()[:300] if request is not None else ""
    rows = [PersonalDataAccess(user=user, model=obj._meta.label_lower, object_id=obj.pk,
                               object_repr=str(obj)[:200], field=field, purpose=purpose, path=path)
            for obj in objects if obj is not None and obj.pk is not None]
    PersonalDataAccess.objects.bulk_create(rows)
    return len(rows)


def audit_rows(queryset=None):
    """Every logged reveal, newest first, as (at, username, full name, record type, record id, record,
    field, how, address): the portal's own log and the logs other apps keep (`registry.reveal_log_rows`)."""
    rows = [(a.at, a.user.username, a.user.get_full_name(), a.model, a.object_id, a.object_repr, a.field,
             a.purpose, a.path)
            for a in (queryset if queryset is not None else PersonalDataAccess.objects.all()).select_related("user")]
    rows.extend(run_reveal_log_rows())
    return sorted(rows, key=lambda row: row[0], reverse=True)
