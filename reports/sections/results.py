"""V. Results: hamlets that held their meeting, elected a head, must re-run, had the head
recognised; turnout of household representatives; the composition of the elected heads
(cell secretaries, party members, women, re-elected). Two queries, dated by the minutes and
the recognition decisions so the figures are those known at the report's moment; asked of
`elections.results.selectors.results_by_unit`. And the election-period incidents (issue 21): all,
serious, serious not yet resolved, resolved, per unit and in total, from one grouped query
(`elections.incidents.selectors.incidents_by_unit`) as known at the report's moment."""

from dataclasses import asdict

from common.numbers import percent
from elections.incidents.selectors import IncidentFigures, incidents_by_unit
from elections.results.selectors import results_by_unit

from .base import Frame, missing


def compute(frame: Frame) -> dict:
    if frame.election is None:
        return missing()
    meeting_rows, head_rows = results_by_unit(election=frame.election, within=frame.root, day=frame.as_of_date,
                                              user=frame.user)
    fields = ("held", "elected", "rerun", "roll", "attending", "recognised", "acting", "secretaries",
              "party_members", "women", "reelected")
    rows = {}
    for group_id in frame.group_ids or [None]:
        source = frame.figures_of(group_id, meeting_rows, head_rows)
        rows[group_id] = _rates({name: source.get(name, 0) for name in fields})
    totals = _rates({name: sum(r[name] for r in rows.values()) for name in fields})
    if not frame.groups:
        rows = {}
    incidents = incidents_by_unit(within=frame.root, user=frame.user, as_of=frame.as_of)
    for group_id, row in rows.items():
        row["incidents"] = asdict(incidents.get(group_id, IncidentFigures()))
    # The total counts every incident in the unit, whichever group (or none) it falls in.
    totals["incidents"] = {name: sum(getattr(f, name) for f in incidents.values())
                           for name in asdict(IncidentFigures())}
    return {"available": True, "rows": rows, "totals": totals}


def _rates(row: dict) -> dict:
    row["turnout"] = percent(row["attending"], row["roll"])
    row["secretary_rate"] = percent(row["secretaries"], row["recognised"])
    row["party_rate"] = percent(row["party_members"], row["recognised"])
    row["women_rate"] = percent(row["women"], row["recognised"])
    return row
