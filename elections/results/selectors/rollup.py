"""Results rolled up over a unit's tree, computed in the database (one grouped query per page
whatever the size of the tree): the roll-up table and chart, and the figures the reports read."""

import datetime
from dataclasses import dataclass
from decimal import Decimal

from django.db.models import Count, Exists, F, OuterRef, Q, QuerySet, Subquery, Sum
from django.db.models.functions import Coalesce

from common.choices import Gender
from common.numbers import percent
from territory.models import Level, Unit
from territory.selectors import grouping_unit

from ...models import Election, HamletElection
from ..models import HamletHead, HeadKind, Meeting, ResultStatus
from .scope import hamlet_elections_visible_to

S = ResultStatus
HEADS = Q(status__in=[S.ELECTED, S.RECOGNISED])


@dataclass
class RollupRow:
    unit: Unit | None
    hamlets: int = 0
    held: int = 0
    elected: int = 0
    recognised: int = 0
    rerun: int = 0
    acting: int = 0
    roll: int = 0
    attending: int = 0
    secretaries: int = 0
    party_members: int = 0
    women: int = 0
    reelected: int = 0

    def __post_init__(self):
        self.roll, self.attending = self.roll or 0, self.attending or 0

    @property
    def turnout(self) -> Decimal | None:
        return percent(self.attending, self.roll)

    @property
    def secretary_share(self) -> Decimal | None:
        return percent(self.secretaries, self.elected)

    @property
    def party_share(self) -> Decimal | None:
        return percent(self.party_members, self.elected)

    @property
    def women_share(self) -> Decimal | None:
        return percent(self.women, self.elected)

    @property
    def reelected_share(self) -> Decimal | None:
        return percent(self.reelected, self.elected)

    @property
    def held_share(self) -> Decimal | None:
        return percent(self.held, self.hamlets)


ROLLUP_FIELDS = ("hamlets", "held", "elected", "recognised", "rerun", "acting", "roll", "attending",
                 "secretaries", "party_members", "women", "reelected")


def _rollup_aggregates() -> dict:
    return {
        "hamlets": Count("pk"),
        "held": Count("pk", filter=Q(current_meeting__isnull=False)),
        "elected": Count("pk", filter=HEADS),
        "recognised": Count("pk", filter=Q(status=S.RECOGNISED)),
        "rerun": Count("pk", filter=Q(status__in=[S.RERUN_REQUIRED, S.RERUN_SCHEDULED])),
        "acting": Count("pk", filter=Q(status=S.ACTING_HEAD)),
        "roll": Sum("current_meeting__roll"),
        "attending": Sum("current_meeting__attending"),
        "secretaries": Count("pk", filter=HEADS & Q(current_meeting__winner__is_cell_secretary=True)),
        "party_members": Count("pk", filter=HEADS & Q(current_meeting__winner__is_party_member=True)),
        "women": Count("pk", filter=HEADS & Q(current_meeting__winner__gender=Gender.FEMALE)),
        "reelected": Count("pk", filter=HEADS & Q(current_meeting__winner__is_incumbent=True)),
    }


def rollup(user, election: Election, unit: Unit) -> tuple[list[RollupRow], RollupRow]:
    """Live results of `unit` (province or district) by child unit, and the total: one grouped query
    for the figures and one for the child units. Without a district level, a province's children
    are its communes."""
    if unit.level not in (Level.PROVINCE, Level.DISTRICT):
        raise ValueError("roll-ups are by province or district")
    group = grouping_unit("hamlet", under=unit.level)
    qs = hamlet_elections_visible_to(user, election).within(unit)
    figures = {row.pop("child"): row for row in
               qs.order_by().values(child=group).annotate(**_rollup_aggregates())}
    children = Unit.objects.filter(parent=unit, is_active=True).visible_to(user).order_by("name")
    rows = [RollupRow(child, **figures.get(child.pk, {})) for child in children]
    total = RollupRow(unit, **{name: sum(getattr(r, name) for r in rows) for name in ROLLUP_FIELDS})
    return rows, total


def results_by_unit(*, election: Election, within: Unit, day: datetime.date, user=None
                    ) -> tuple[dict[int | None, dict], dict[int | None, dict]]:
    """For the progress report, per grouping unit below `within` (those hamlets `user` also sees,
    with a user), as known on `day` from the minutes and the recognition decisions: (meetings
    held, heads elected, re-runs, roll and attendance of the first round; heads recognised,
    acting heads, and the elected heads who are cell secretaries, party members, women,
    re-elected). Two queries."""
    group = grouping_unit("hamlet_election__hamlet", under=within.level)
    meetings = Meeting.objects.filter(hamlet_election__election=election, held_on__lte=day).within(within, user=user)
    by_meetings = {row.pop("group"): row for row in meetings.values(group=group).annotate(
        held=Count("hamlet_election", distinct=True),
        elected=Count("hamlet_election", distinct=True, filter=Q(winner__isnull=False)),
        rerun=Count("hamlet_election", distinct=True, filter=~Q(outcome="")),
        roll=Coalesce(Sum("roll", filter=Q(round=1)), 0),
        attending=Coalesce(Sum("attending", filter=Q(round=1)), 0),
    ).order_by()}
    heads = HamletHead.objects.filter(hamlet_election__election=election, decision_date__lte=day).within(
        within, user=user)
    elected = Q(kind=HeadKind.ELECTED)
    by_heads = {row.pop("group"): row for row in heads.values(group=group).annotate(
        recognised=Count("hamlet_election", distinct=True, filter=elected),
        acting=Count("hamlet_election", distinct=True, filter=Q(kind=HeadKind.ACTING)),
        secretaries=Count("pk", filter=elected & Q(is_cell_secretary=True)),
        party_members=Count("pk", filter=elected & Q(is_party_member=True)),
        women=Count("pk", filter=elected & Q(gender=Gender.FEMALE)),
        reelected=Count("pk", filter=elected & Q(is_reelected=True)),
    ).order_by()}
    return by_meetings, by_heads


def results_by_province(*, elections: QuerySet, day: datetime.date) -> tuple[dict[int, int], dict[int, dict]]:
    """Over the campaigns `elections`, as known on `day`: ({province id: hamlets that held their
    meeting}, {province id: {"recognised" heads, of whom "secretaries"}}). Two queries."""
    province = F("hamlet_election__hamlet__province")
    held = {row["province"]: row["held"] for row in
            Meeting.objects.filter(hamlet_election__election__in=elections, held_on__lte=day)
            .values(province=province).annotate(held=Count("hamlet_election", distinct=True)).order_by()}
    heads = {row.pop("province"): row for row in
             HamletHead.objects.filter(hamlet_election__election__in=elections, kind=HeadKind.ELECTED,
                                       decision_date__lte=day)
             .values(province=province)
             .annotate(recognised=Count("hamlet_election", distinct=True),
                       secretaries=Count("pk", filter=Q(is_cell_secretary=True))).order_by()}
    return held, heads


def hamlets_without_head(*, election: Election, within: Unit, day: datetime.date, user=None) -> list[dict]:
    """Every active hamlet below `within` (that `user` also sees, with a user) whose elected head is
    not recognised by `day`: id, name, commune__name, district__name, election_date, status and
    status_label, in the order of the tree. One query."""
    this_election = HamletElection.objects.filter(election=election, hamlet=OuterRef("pk"))
    done = HamletHead.objects.filter(hamlet_election__election=election, hamlet_election__hamlet=OuterRef("pk"),
                                     kind=HeadKind.ELECTED, decision_date__lte=day)
    rows = (Unit.objects.filter(level=Level.HAMLET, is_active=True).within(within, user=user).exclude(Exists(done))
            .annotate(election_date=Subquery(this_election.values("election_date")[:1]),
                      status=Subquery(this_election.values("status")[:1]))
            .values("id", "name", "commune__name", "district__name", "election_date", "status")
            .order_by("path"))
    labels = {value: str(label) for value, label in ResultStatus.choices}
    return [{**row, "status_label": labels.get(row["status"], "")} for row in rows]


@dataclass
class ChartBar:
    label: str
    y: int
    held: float
    elected: float
    held_share: Decimal
    elected_share: Decimal


def rollup_chart(rows: list[RollupRow], *, width: int = 400, row_height: int = 34) -> tuple[list[ChartBar], int]:
    """Bars for an inline SVG comparing units: share of hamlets that held the election and that
    have an elected head; returns the bars and the chart's height."""
    bars = []
    for i, row in enumerate(rows):
        elected_share = percent(row.elected, row.hamlets)
        bars.append(ChartBar(row.unit.name, i * row_height, float(row.held_share or 0) * width / 100,
                             float(elected_share or 0) * width / 100, row.held_share, elected_share))
    return bars, max(len(rows) * row_height, row_height)
