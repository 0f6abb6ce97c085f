"""Set-based creation of dispatches: the new rows with the directive's due dates copied, inserted in a
fixed number of queries with their history (an ORM bulk insert, or on PostgreSQL two SQL statements),
so that sending to every cell of a province costs the same few queries as sending to one."""

import datetime
from typing import NamedTuple

from django.db import connection
from django.utils import timezone

from accounts.models import User

from ..models import Directive, Dispatch, Duties


def _ack_due(directive: Directive, delivered: datetime.datetime) -> datetime.date:
    return timezone.localdate(delivered) + datetime.timedelta(days=directive.ack_within_days)


def _new_dispatch(directive: Directive, organisation_id: int, *, parent_id: int | None, by: User, now,
                  for_information: bool = False) -> Dispatch:
    """A dispatch with the directive's due dates copied, where this recipient owes a plan or report
    (the addressees, who receive it straight from the province, or everyone); an addressee "để biết"
    (`for_information`) owes nothing but the acknowledgement of receipt."""
    owes = (parent_id is None or directive.duties == Duties.EVERYONE) and not for_information
    return Dispatch(directive=directive, organisation_id=organisation_id, parent_id=parent_id, sent_by=by,
                    delivered_at=now, ack_due=_ack_due(directive, now), for_information=for_information,
                    plan_due=directive.plan_due if directive.plan_required and owes else None,
                    report_due=directive.report_due if directive.report_required and owes else None)


class _Row(NamedTuple):
    """What the set-based insert needs of a new dispatch (no model instance: see `_bulk_insert_sql`)."""

    organisation_id: int
    parent_id: int | None
    ack_due: datetime.date
    plan_due: datetime.date | None
    report_due: datetime.date | None
    for_information: bool = False


def _new_row(directive: Directive, organisation_id: int, *, parent_id: int | None, by: User, now) -> _Row:
    """`_new_dispatch` as a plain tuple, for PostgreSQL's set-based insert (same due dates)."""
    owes = parent_id is None or directive.duties == Duties.EVERYONE
    return _Row(organisation_id, parent_id, _ack_due(directive, now),
                directive.plan_due if directive.plan_required and owes else None,
                directive.report_due if directive.report_required and owes else None)


def _history_rows_sql(ids: list[int], *, by: User, now, history_type: str) -> None:
    """PostgreSQL: the history rows of dispatches `ids`, copied from the rows themselves in one
    statement (what `bulk_history_create` does, without building a model instance per row)."""
    columns = ", ".join(f.column for f in Dispatch._meta.concrete_fields)
    with connection.cursor() as cursor:
        cursor.execute(
            f"INSERT INTO {Dispatch.history.model._meta.db_table} ({columns}, history_date, history_type, "  # noqa: S608
            f"history_user_id, history_change_reason) SELECT {columns}, %s, %s, %s, NULL "
            f"FROM {Dispatch._meta.db_table} WHERE id = ANY(%s)",
            [now, history_type, getattr(by, "pk", None), ids])


def _bulk_insert_sql(directive: Directive, rows: list, *, by: User, now) -> dict[int, int]:
    """PostgreSQL: `_bulk_insert` in two statements (rows from arrays, then their history); at
    national scale (110,000 dispatches) the ORM's per-row instances cost several times the SQL."""
    with connection.cursor() as cursor:
        cursor.execute(
            "INSERT INTO directives_dispatch (directive_id, organisation_id, parent_id, sent_by_id, delivered_at, "
            "ack_due, plan_due, report_due, for_information, plan_text, plan_file, plan_file_name, "
            "plan_return_reason, report_text, report_file, report_file_name, report_return_reason) "
            "SELECT %s, t.o, t.p, %s, %s, t.a, t.pd, t.rd, t.fi, '', '', '', '', '', '', '', '' "
            "FROM unnest(%s::bigint[], %s::bigint[], %s::date[], %s::date[], %s::date[], %s::boolean[]) "
            "AS t(o, p, a, pd, rd, fi) ON CONFLICT DO NOTHING RETURNING id, organisation_id",
            [directive.pk, getattr(by, "pk", None), now, [r.organisation_id for r in rows],
             [r.parent_id for r in rows], [r.ack_due for r in rows], [r.plan_due for r in rows],
             [r.report_due for r in rows], [r.for_information for r in rows]])
        created = {organisation_id: pk for pk, organisation_id in cursor.fetchall()}
    if created:
        _history_rows_sql(list(created.values()), by=by, now=now, history_type="+")
    return created


def _bulk_insert(directive: Directive, rows: list[Dispatch], *, by: User, now) -> dict[int, int]:
    """Insert `rows` skipping recipients that already have one, write their history in bulk, and
    return {organisation_id: dispatch_id} of the rows actually created. A fixed number of queries."""
    if not rows:
        return {}
    if connection.vendor == "postgresql":
        return _bulk_insert_sql(directive, rows, by=by, now=now)
    Dispatch.objects.bulk_create(rows, ignore_conflicts=True, batch_size=2000)
    # Rows of this call carry its timestamp; a concurrent call's rows (ignored here) carry another.
    wanted = {r.organisation_id for r in rows}
    created = [d for d in Dispatch.objects.filter(directive=directive, delivered_at=now) if d.organisation_id in wanted]
    Dispatch.history.bulk_history_create(created, default_user=by, default_date=now, batch_size=2000)
    return {d.organisation_id: d.pk for d in created}
