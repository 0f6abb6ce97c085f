"""IV. Complaints and denunciations: received, not processed, settled, being handled and overdue,
by kind and by district. Counts only: this module never reads a sender's identity (the
complaints app keeps it in `ComplainantIdentity`, which nothing here joins). Two aggregate
queries on the complaints app's model (its `complaint_summary` counts today's state without the
breakdowns the report needs)."""

from django.db.models import Count, Q

from .base import Frame, by_group, missing

try:  # the complaints app lands separately; until then the report says "no data yet"
    from complaints.models import Complaint, Kind, Status
except ImportError:  # pragma: no cover - only before the app exists
    Complaint = None

FIELDS = ("received", "not_processed", "resolved", "pending", "overdue")


def compute(frame: Frame) -> dict:
    if Complaint is None:
        return missing()
    day = frame.as_of_date
    letters = frame.scoped(Complaint.objects.filter(received_on__lte=day), "hamlet")
    resolved = Q(status=Status.CLOSED, closed_on__lte=day)
    not_processed = Q(status=Status.NOT_PROCESSED)
    pending = ~resolved & ~not_processed
    aggregates = {
        "received": Count("pk"),
        "not_processed": Count("pk", filter=not_processed),
        "resolved": Count("pk", filter=resolved),
        "pending": Count("pk", filter=pending),
        "overdue": Count("pk", filter=pending & Q(due_on__lt=day)),
    }
    kinds = {row["kind"]: row for row in letters.values("kind").annotate(**aggregates).order_by()}
    empty = dict.fromkeys(FIELDS, 0)
    by_kind = [{**empty, **kinds.get(value, {}), "kind": value, "label": str(label)} for value, label in Kind.choices]
    totals = {name: sum(row[name] for row in by_kind) for name in FIELDS}
    groups = by_group(letters.values(group=frame.group_key("hamlet")).annotate(**aggregates).order_by())
    rows = {gid: {name: groups.get(gid, {}).get(name, 0) for name in FIELDS} for gid in frame.group_ids}
    return {"available": True, "totals": totals, "by_kind": by_kind, "rows": rows}
