"""V. Results: hamlets that held their meeting, elected a head, must re-run, had the head
recognised; turnout of household representatives; the composition of the elected heads
(cell secretaries, party members, women, re-elected). Two queries, dated by the minutes and
the recognition decisions so the figures are those known at the report's moment."""

from django.db.models import Count, Q, Sum
from django.db.models.functions import Coalesce

from .base import Frame, by_group, missing, pct

try:  # the results part of the elections app lands separately
    from elections.models import HamletHead, HeadKind, Meeting
except ImportError:  # pragma: no cover - only before the models exist
    Meeting = None


def compute(frame: Frame) -> dict:
    if Meeting is None or frame.election is None:
        return missing()
    day = frame.as_of_date
    via = "hamlet_election__hamlet"
    meetings = frame.scoped(Meeting.objects.filter(hamlet_election__election=frame.election, held_on__lte=day), via)
    meeting_rows = by_group(
        meetings.values(group=frame.group_key(via)).annotate(
            held=Count("hamlet_election", distinct=True),
            elected=Count("hamlet_election", distinct=True, filter=Q(winner__isnull=False)),
            rerun=Count("hamlet_election", distinct=True, filter=~Q(outcome="")),
            roll=Coalesce(Sum("roll", filter=Q(round=1)), 0),
            attending=Coalesce(Sum("attending", filter=Q(round=1)), 0),
        ).order_by()
    )
    heads = frame.scoped(HamletHead.objects.filter(hamlet_election__election=frame.election,
                                                   decision_date__lte=day), via)
    elected = Q(kind=HeadKind.ELECTED)
    head_rows = by_group(
        heads.values(group=frame.group_key(via)).annotate(
            recognised=Count("hamlet_election", distinct=True, filter=elected),
            acting=Count("hamlet_election", distinct=True, filter=Q(kind=HeadKind.ACTING)),
            secretaries=Count("pk", filter=elected & Q(is_cell_secretary=True)),
            party_members=Count("pk", filter=elected & Q(is_party_member=True)),
            women=Count("pk", filter=elected & Q(gender="female")),
            reelected=Count("pk", filter=elected & Q(is_reelected=True)),
        ).order_by()
    )
    fields = ("held", "elected", "rerun", "roll", "attending", "recognised", "acting", "secretaries",
              "party_members", "women", "reelected")
    rows = {}
    for group_id in frame.group_ids or [None]:
        if group_id is None:
            source = {**next(iter(meeting_rows.values()), {}), **next(iter(head_rows.values()), {})}
        else:
            source = {**meeting_rows.get(group_id, {}), **head_rows.get(group_id, {})}
        rows[group_id] = _rates({name: source.get(name, 0) for name in fields})
    totals = _rates({name: sum(r[name] for r in rows.values()) for name in fields})
    if not frame.groups:
        rows = {}
    return {"available": True, "rows": rows, "totals": totals}


def _rates(row: dict) -> dict:
    row["turnout"] = pct(row["attending"], row["roll"])
    row["secretary_rate"] = pct(row["secretaries"], row["recognised"])
    row["party_rate"] = pct(row["party_members"], row["recognised"])
    row["women_rate"] = pct(row["women"], row["recognised"])
    return row
