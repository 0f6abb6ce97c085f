"""III. Nomination and the secretary-concurrency policy (Đề án 02-ĐA/TU): nominee lists by state,
hamlets covered, the share of hamlets whose nominee is the party cell secretary, and the
exceptions by reason and decision. Four queries, read-only on the candidates app's models."""

from django.db.models import Count, Q

from territory.models import Level

from .base import Frame, by_group, missing, pct

try:  # the candidates app lands separately; until then the report says "no data yet"
    from candidates.models import (
        ConcurrencyException,
        ExceptionDecision,
        ExceptionReason,
        ListStatus,
        Nominee,
        NomineeList,
        NomineeStatus,
    )
except ImportError:  # pragma: no cover - only before the app exists
    NomineeList = None


def compute(frame: Frame) -> dict:
    if NomineeList is None or frame.election is None:
        return missing()
    as_of = frame.as_of
    lists = _lists(frame)
    nominees = frame.scoped(Nominee.objects.filter(hamlet_election__election=frame.election), "hamlet_election__hamlet")
    nominees = nominees.filter(Q(created_at__lte=as_of),
                               Q(status=NomineeStatus.ACTIVE) | Q(withdrawn_at__gt=as_of))
    covered = by_group(
        nominees.values(group=frame.group_key("hamlet_election__hamlet")).annotate(
            covered=Count("hamlet_election", distinct=True),
            secretaries=Count("hamlet_election", distinct=True, filter=Q(is_cell_secretary=True)),
            nominees=Count("pk"),
            women=Count("pk", filter=Q(gender="female")),
            party_members=Count("pk", filter=Q(is_party_member=True)),
        ).order_by()
    )
    exceptions = frame.scoped(ConcurrencyException.objects.filter(hamlet_election__election=frame.election,
                                                                  requested_at__lte=as_of),
                              "hamlet_election__hamlet")
    approved = Q(decision=ExceptionDecision.APPROVED, decided_at__lte=as_of)
    refused = Q(decision=ExceptionDecision.REFUSED, decided_at__lte=as_of)
    exception_rows = by_group(
        exceptions.values(group=frame.group_key("hamlet_election__hamlet")).annotate(
            exceptions=Count("pk"), approved=Count("pk", filter=approved), refused=Count("pk", filter=refused),
        ).order_by()
    )
    reason_rows = exceptions.values("reason").annotate(
        total=Count("pk"), approved=Count("pk", filter=approved), refused=Count("pk", filter=refused),
    ).order_by()
    reason_counts = {row["reason"]: row for row in reason_rows}
    by_reason = []
    for value, label in ExceptionReason.choices:
        row = reason_counts.get(value, {"total": 0, "approved": 0, "refused": 0})
        by_reason.append({"reason": value, "label": str(label), "total": row["total"], "approved": row["approved"],
                          "refused": row["refused"], "pending": row["total"] - row["approved"] - row["refused"]})

    fields = ("covered", "secretaries", "nominees", "women", "party_members", "exceptions", "approved", "refused")
    rows = {}
    for group_id in frame.group_ids or [None]:
        source = ({**covered.get(group_id, {}), **exception_rows.get(group_id, {})} if group_id is not None
                  else {**next(iter(covered.values()), {}), **next(iter(exception_rows.values()), {})})
        row = {name: source.get(name, 0) for name in fields}
        row["pending"] = row["exceptions"] - row["approved"] - row["refused"]
        row["rate"] = pct(row["secretaries"], row["covered"])
        row["list_status"] = lists["by_unit"].get(group_id, "")
        rows[group_id] = row
    totals = {name: sum(r[name] for r in rows.values()) for name in (*fields, "pending")}
    totals["rate"] = pct(totals["secretaries"], totals["covered"])
    if not frame.groups:
        rows = {}
    return {"available": True, "rows": rows, "totals": totals, "by_reason": by_reason, "lists": lists["by_status"]}


def _lists(frame: Frame) -> dict:
    """Lists by state. A list belongs to a district (or a commune where there are no districts);
    below that level the report shows the state of the one list that covers its unit."""
    ancestor_ids = [int(x) for x in frame.root.path.strip("/").split("/") if x]
    qs = NomineeList.objects.filter(election=frame.election).filter(
        Q(unit__path__startswith=frame.root.path) | Q(unit_id__in=ancestor_ids)
    )
    if frame.root.level == Level.PROVINCE:
        qs = frame.scoped(qs, "unit")
    rows = list(qs.values("unit_id", "status"))
    by_status = []
    for value, label in ListStatus.choices:
        by_status.append({"status": value, "label": str(label), "count": sum(r["status"] == value for r in rows)})
    by_unit = {r["unit_id"]: r["status"] for r in rows}
    if frame.root.level != Level.PROVINCE:  # one covering list: shown on every row
        covering = next(iter(by_unit.values()), "")
        by_unit = dict.fromkeys([*frame.group_ids, None], covering)
    labels = dict(ListStatus.choices)
    by_unit = {k: str(labels.get(v, "")) for k, v in by_unit.items()}
    return {"by_status": by_status, "by_unit": by_unit}
