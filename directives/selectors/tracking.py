"""How a directive is deployed, for the office that tracks it and for the progress report: rates per
level and per unit, the deployment figures of a campaign, the drill-downs (cells not acknowledged,
overdue dispatches, the export) and the list of directives with their acknowledgement counts."""

import datetime

from django.db.models import Count, Q, QuerySet
from django.utils import timezone

from accounts.models import OrganisationKind
from common.numbers import percent
from territory.models import Level, Unit
from territory.scoping import scope_of
from territory.selectors import grouping_unit

from ..models import DifficultyReport, DifficultyStatus, Directive, Dispatch
from .inbox import overdue_filter, with_overdue
from .visibility import directives_visible_to, dispatches_visible_to

LEVEL_ORDER = [OrganisationKind.STANDING_COMMITTEE, OrganisationKind.AGENCY, OrganisationKind.DISTRICT_COMMITTEE,
               OrganisationKind.COMMUNE_COMMITTEE, OrganisationKind.CELL]


def _rate_aggregates(today: datetime.date) -> dict:
    return {
        "total": Count("id"),
        "acknowledged": Count("id", filter=Q(acknowledged_at__isnull=False)),
        "plans_due": Count("id", filter=Q(plan_due__isnull=False)),
        "plans": Count("id", filter=Q(plan_submitted_at__isnull=False)),
        "reports_due": Count("id", filter=Q(report_due__isnull=False)),
        "reports": Count("id", filter=Q(report_submitted_at__isnull=False)),
        "overdue": Count("id", filter=overdue_filter(today)),
    }


def _with_percentages(row: dict) -> dict:
    row["ack_pct"] = percent(row["acknowledged"], row["total"])
    row["plan_pct"] = percent(row["plans"], row["plans_due"])
    row["report_pct"] = percent(row["reports"], row["reports_due"])
    return row


def rates_by_level(directive: Directive, user, today: datetime.date | None = None) -> list[dict]:
    """Acknowledgement, plan and report rates per level (agencies, districts, communes, cells): one query."""
    today = today or timezone.localdate()
    rows = {r["organisation__kind"]: r for r in dispatches_visible_to(user).filter(directive=directive)
            .values("organisation__kind").annotate(**_rate_aggregates(today)).order_by()}
    labels = dict(OrganisationKind.choices)
    return [_with_percentages({**rows[k], "kind": k, "label": labels[k]}) for k in LEVEL_ORDER if k in rows]


def rates_by_unit(directive: Directive, user, today: datetime.date | None = None) -> list[dict]:
    """Rates per unit one level below the user's own (per district for the province, per commune
    in a province without districts or for a district, per hamlet for a commune): two queries."""
    today = today or timezone.localdate()
    root = scope_of(user).unit or directive.owner.unit
    root_level = root.level if root is not None else Level.PROVINCE
    rows = list(dispatches_visible_to(user).filter(directive=directive, organisation__unit__isnull=False)
                .annotate(child_unit=grouping_unit("organisation__unit", under=root_level)).values("child_unit")
                .annotate(**_rate_aggregates(today),
                          cells=Count("id", filter=Q(organisation__kind=OrganisationKind.CELL)),
                          cells_acknowledged=Count("id", filter=Q(organisation__kind=OrganisationKind.CELL,
                                                                  acknowledged_at__isnull=False)))
                .order_by())
    units = Unit.objects.in_bulk([r["child_unit"] for r in rows if r["child_unit"]])
    result = []
    for row in rows:
        unit = units.get(row["child_unit"])
        if unit is None or unit.level <= root_level:
            continue
        row = _with_percentages({**row, "unit": unit})
        row["cells_pct"] = percent(row["cells_acknowledged"], row["cells"])
        result.append(row)
    return sorted(result, key=lambda r: (r["unit"].code or "", r["unit"].name))


rates_by_district = rates_by_unit


DEPLOYMENT_COUNTS = ("dispatches", "acknowledged", "plans_due", "plans", "reports_due", "reports", "overdue")


def deployment_figures(*, province_id: int, election, within: Unit, as_of: datetime.datetime) -> dict:
    """For the progress report, as of `as_of`, the dispatches of the campaign's directives (those the
    province's office registered outside any election, and those of `election`) delivered to
    organisations in `within` (and, for a province, to its agencies): the counts of dispatches,
    acknowledged, plans and reports due and in, overdue, in total, per organisation kind and per
    grouping unit (`territory.selectors.grouping_unit`); and the difficulties raised and answered.
    Four queries. Whoever reads it, a report shows the whole campaign of its unit."""
    campaign = Q(directive__owner__unit_id=province_id, directive__election__isnull=True)
    if election is not None:
        campaign |= Q(directive__election=election)
    inside = Q(organisation__unit__path__startswith=within.path)
    if within.level == Level.PROVINCE:  # provincial agencies are not attached to a unit
        inside |= Q(organisation__unit__isnull=True, organisation__kind=OrganisationKind.AGENCY)
    dispatches = Dispatch.objects.filter(campaign, inside, delivered_at__lte=as_of)
    day = timezone.localdate(as_of)
    acknowledged = Q(acknowledged_at__lte=as_of)
    plan_in = Q(plan_submitted_at__lte=as_of)
    report_in = Q(report_submitted_at__lte=as_of)
    overdue = ((~acknowledged & Q(ack_due__lt=day)) | (Q(plan_due__lt=day) & ~plan_in)
               | (Q(report_due__lt=day) & ~report_in))
    aggregates = {  # the names are DEPLOYMENT_COUNTS
        "dispatches": Count("pk"),
        "acknowledged": Count("pk", filter=acknowledged),
        "plans_due": Count("pk", filter=Q(plan_due__isnull=False)),
        "plans": Count("pk", filter=plan_in),
        "reports_due": Count("pk", filter=Q(report_due__isnull=False)),
        "reports": Count("pk", filter=report_in),
        "overdue": Count("pk", filter=overdue),
    }
    totals = dispatches.aggregate(directives=Count("directive", distinct=True), **aggregates)
    by_kind = {row["organisation__kind"]: row for row in
               dispatches.values("organisation__kind").annotate(**aggregates).order_by()}
    by_unit = {row.pop("group"): row for row in
               dispatches.annotate(group=grouping_unit("organisation__unit", under=within.level)).values("group")
               .annotate(**aggregates).order_by()}
    difficulties = (DifficultyReport.objects.filter(dispatch__in=dispatches.values("pk"), raised_at__lte=as_of)
                    .aggregate(raised=Count("pk"), answered=Count("pk", filter=Q(answered_at__lte=as_of))))
    return {"totals": totals, "by_kind": by_kind, "by_unit": by_unit, "difficulties": difficulties}


def unacknowledged_cells(directive: Directive, user, unit: Unit) -> QuerySet:
    """Drill-down: the hamlet cells under `unit` that have not acknowledged."""
    return (dispatches_visible_to(user)
            .filter(directive=directive, organisation__kind=OrganisationKind.CELL, acknowledged_at__isnull=True)
            .within(unit)
            .select_related("organisation__unit__commune", "parent__organisation")
            .order_by("organisation__unit__path"))


def overdue_dispatches(directive: Directive, user, *, kind: str = "", today: datetime.date | None = None):
    today = today or timezone.localdate()
    qs = dispatches_visible_to(user).filter(directive=directive).filter(overdue_filter(today))
    if kind:
        qs = qs.filter(organisation__kind=kind)
    return (with_overdue(qs, today).select_related("organisation__unit", "parent__organisation")
            .order_by("organisation__kind", "organisation__unit__path", "organisation__name"))


def tracked_dispatches(directive: Directive, user, today: datetime.date | None = None):
    """Every dispatch of `directive` the user sees, for the export."""
    return (with_overdue(dispatches_visible_to(user).filter(directive=directive), today)
            .select_related("organisation__unit", "parent__organisation", "acknowledged_by")
            .order_by("organisation__kind", "organisation__unit__path", "organisation__name"))


def directive_list(user, *, search: str = "") -> QuerySet:
    """Directives with their acknowledgement counts over what the user sees: one query."""
    visible = dispatches_visible_to(user)
    qs = directives_visible_to(user)
    if search:
        qs = qs.filter(Q(number__icontains=search) | Q(summary__icontains=search))
    # Administrators see every dispatch: no membership test (on 100,000 dispatches the `IN`
    # subquery can outgrow work_mem and turn quadratic).
    seen = Q() if user.is_superuser else Q(dispatches__in=visible.values("pk"))
    return qs.annotate(
        recipients=Count("dispatches", filter=seen, distinct=True),
        acknowledged=Count("dispatches", filter=seen & Q(dispatches__acknowledged_at__isnull=False), distinct=True),
        open_difficulties=Count("dispatches__difficulties",
                                filter=Q(dispatches__difficulties__status=DifficultyStatus.OPEN), distinct=True),
    ).order_by("-issued_on", "-pk")
