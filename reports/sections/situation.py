"""I. Situation: units, hamlets and households, the campaign and its deadlines, hamlet elections
scheduled and held. Three queries, asked of the territory and elections apps."""

from elections.selectors import schedule_by_unit
from territory.models import Level
from territory.selectors import communes_by_unit, hamlets_by_unit

from .base import Frame


def compute(frame: Frame) -> dict:
    hamlet_rows = hamlets_by_unit(within=frame.root, user=frame.user)
    commune_rows = {}
    if frame.root.level in (Level.PROVINCE, Level.DISTRICT):
        commune_rows = communes_by_unit(within=frame.root, user=frame.user)
    election_rows = {}
    if frame.election is not None:
        election_rows = schedule_by_unit(election=frame.election, within=frame.root, day=frame.as_of_date,
                                         user=frame.user)
    fields = ("hamlets", "rural", "urban", "households", "communes", "scheduled", "held")
    rows = {}
    for group_id in frame.group_ids:
        merged = frame.figures_of(group_id, hamlet_rows, commune_rows, election_rows)
        rows[group_id] = {name: merged.get(name, 0) for name in fields}
    totals = {name: sum(r[name] for r in rows.values()) for name in fields}
    if not frame.groups:  # a single hamlet: its own figures
        merged = frame.figures_of(None, hamlet_rows, election_rows)
        totals = {name: merged.get(name, 0) for name in fields}
    if frame.root.level == Level.COMMUNE:
        totals["communes"] = 1
    return {"available": True, "rows": rows, "totals": totals, "campaign": _campaign(frame)}


def _campaign(frame: Frame) -> dict | None:
    election = frame.election
    if election is None:
        return None
    today = frame.as_of_date
    deadlines = [
        ("nomination_deadline", election.nomination_deadline),
        ("election_start", election.election_start),
        ("election_end", election.election_end),
    ]
    return {
        "name": election.name,
        "term": f"{election.term_start_year}-{election.term_end_year}",
        "deadlines": [{"key": k, "date": d, "days_left": (d - today).days} for k, d in deadlines],
    }
