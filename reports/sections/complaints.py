"""IV. Complaints and denunciations: received, not processed, settled, being handled and overdue,
by kind and by district. Counts only, asked of the complaints app (`letter_counts`, two
aggregate queries), which never returns a sender's identity."""

from complaints.models import Kind
from complaints.selectors import letter_counts

from .base import Frame

FIELDS = ("received", "not_processed", "resolved", "pending", "overdue")


def compute(frame: Frame) -> dict:
    kinds, groups = letter_counts(user=frame.user, within=frame.root, day=frame.as_of_date)
    empty = dict.fromkeys(FIELDS, 0)
    by_kind = [{**empty, **kinds.get(value, {}), "kind": value, "label": str(label)} for value, label in Kind.choices]
    totals = {name: sum(row[name] for row in by_kind) for name in FIELDS}
    rows = {gid: {name: groups.get(gid, {}).get(name, 0) for name in FIELDS} for gid in frame.group_ids}
    return {"available": True, "totals": totals, "by_kind": by_kind, "rows": rows}
