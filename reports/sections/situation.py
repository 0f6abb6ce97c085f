"""I. Situation: units, hamlets and households, the campaign and its deadlines, hamlet elections
scheduled and held. Three queries."""

from django.db.models import Count, F, Q, Sum
from django.db.models.functions import Coalesce

from elections.models import HamletElection
from territory.models import Kind, Level, Unit

from .base import Frame, by_group


def compute(frame: Frame) -> dict:
    key = frame.group_key()
    hamlet_rows = by_group(
        frame.hamlets().values(group=key).annotate(
            hamlets=Count("pk"),
            rural=Count("pk", filter=Q(kind=Kind.HAMLET)),
            urban=Count("pk", filter=Q(kind=Kind.NEIGHBOURHOOD)),
            households=Coalesce(Sum("households"), 0),
        ).order_by()
    )
    commune_key = {Level.PROVINCE: Coalesce("district", "pk"), Level.DISTRICT: F("pk")}.get(frame.root.level)
    commune_rows = {}
    if commune_key is not None:
        communes = frame.scoped(Unit.objects.filter(level=Level.COMMUNE, is_active=True), None)
        commune_rows = by_group(communes.values(group=commune_key).annotate(communes=Count("pk")).order_by())
    election_rows = {}
    if frame.election is not None:
        elections = frame.scoped(HamletElection.objects.filter(election=frame.election), "hamlet")
        election_rows = by_group(
            elections.values(group=frame.group_key("hamlet")).annotate(
                scheduled=Count("pk", filter=Q(election_date__isnull=False)),
                held=Count("pk", filter=Q(election_date__lte=frame.as_of_date)),
            ).order_by()
        )
    fields = ("hamlets", "rural", "urban", "households", "communes", "scheduled", "held")
    rows = {}
    for group_id in frame.group_ids:
        merged = {**hamlet_rows.get(group_id, {}), **commune_rows.get(group_id, {}), **election_rows.get(group_id, {})}
        rows[group_id] = {name: merged.get(name, 0) for name in fields}
    totals = {name: sum(r[name] for r in rows.values()) for name in fields}
    if not frame.groups:  # a single hamlet: its own figures
        merged = {**next(iter(hamlet_rows.values()), {}), **next(iter(election_rows.values()), {})}
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
