"""III. Nomination and the secretary-concurrency policy (Đề án 02-ĐA/TU): nominee lists by state,
hamlets covered, the share of hamlets whose nominees include the party cell secretary (a hamlet
counts once whatever its number of nominees; the share after the vote, of recognised heads who
are the secretary, is the results section's), and the exceptions by reason and decision. Four
queries, all asked of the candidates app's selectors."""

from candidates import selectors as candidates
from candidates.models import ListStatus
from common.numbers import percent
from territory.models import Level

from .base import Frame, missing


def compute(frame: Frame) -> dict:
    if frame.election is None:
        return missing()
    asked = {"user": frame.user, "election": frame.election, "within": frame.root}
    lists = _lists(frame)
    covered = candidates.concurrency_by_unit(**asked, as_of=frame.as_of)
    exception_rows, by_reason = candidates.exceptions_by_unit(**asked, as_of=frame.as_of)

    fields = ("covered", "secretaries", "nominees", "women", "party_members", "exceptions", "approved", "refused")
    rows = {}
    for group_id in frame.group_ids or [None]:
        source = frame.figures_of(group_id, covered, exception_rows)
        row = {name: source.get(name, 0) for name in fields}
        row["pending"] = row["exceptions"] - row["approved"] - row["refused"]
        row["rate"] = percent(row["secretaries"], row["covered"])
        row["list_status"] = lists["by_unit"].get(group_id, "")
        rows[group_id] = row
    totals = {name: sum(r[name] for r in rows.values()) for name in (*fields, "pending")}
    totals["rate"] = percent(totals["secretaries"], totals["covered"])
    if not frame.groups:
        rows = {}
    return {"available": True, "rows": rows, "totals": totals, "by_reason": by_reason, "lists": lists["by_status"],
            "list_pages": lists["pages"]}


def _lists(frame: Frame) -> dict:
    """Lists by state. A list belongs to a district (or a commune where there are no districts);
    below that level the report shows the state of the one list that covers its unit."""
    rows = candidates.lists_covering(user=frame.user, election=frame.election, within=frame.root)
    by_status = []
    for value, label in ListStatus.choices:
        by_status.append({"status": value, "label": str(label), "count": sum(r["status"] == value for r in rows)})
    by_unit = {r["unit_id"]: r["status"] for r in rows}
    pages = {r["unit_id"]: {"id": r["id"], "path": r["unit__path"]} for r in rows}  # for the dashboard's links
    if frame.root.level != Level.PROVINCE:  # one covering list: shown on every row
        covering = next(iter(by_unit.values()), "")
        by_unit = dict.fromkeys([*frame.group_ids, None], covering)
    labels = dict(ListStatus.choices)
    by_unit = {k: str(labels.get(v, "")) for k, v in by_unit.items()}
    return {"by_status": by_status, "by_unit": by_unit, "pages": pages}
