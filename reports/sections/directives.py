"""II. Directive deployment: acknowledgement, plans and reports by level and by district;
difficulties raised and answered. Four aggregate queries, read-only on the directives app's
models (its selectors count per directive and as of today; the report counts every directive of
the campaign as of its own moment)."""

from django.db.models import Case, Count, F, IntegerField, Q, When

from accounts.models import OrganisationKind
from territory.models import Level

from .base import Frame, by_group, missing, pct

try:  # the directives app lands separately; until then the report says "no data yet"
    from directives.models import DifficultyReport, Dispatch
except ImportError:  # pragma: no cover - only before the app exists
    Dispatch = None

LEVELS = (OrganisationKind.AGENCY, OrganisationKind.DISTRICT_COMMITTEE, OrganisationKind.COMMUNE_COMMITTEE,
          OrganisationKind.CELL)


def compute(frame: Frame) -> dict:
    if Dispatch is None:
        return missing()
    dispatches = _dispatches(frame)
    aggregates = _aggregates(frame)
    totals = dispatches.aggregate(directives=Count("directive", distinct=True), **aggregates)
    level_rows = {r["organisation__kind"]: r for r in
                  dispatches.values("organisation__kind").annotate(**aggregates).order_by()}
    labels = dict(OrganisationKind.choices)
    by_level = [_rates({**level_rows[k], "kind": k, "label": str(labels[k])}) for k in LEVELS if k in level_rows]
    group_rows = by_group(dispatches.annotate(group=_group_expression(frame)).values("group")
                          .annotate(**aggregates).order_by())
    empty = dict.fromkeys(aggregates, 0)
    rows = {gid: _rates({**empty, **group_rows.get(gid, {})}) for gid in frame.group_ids}
    difficulties = DifficultyReport.objects.filter(dispatch__in=dispatches.values("pk"),
                                                   raised_at__lte=frame.as_of).aggregate(
        raised=Count("pk"), answered=Count("pk", filter=Q(answered_at__lte=frame.as_of)))
    return {"available": True, "totals": _rates(totals), "by_level": by_level, "rows": rows,
            "difficulties": {**difficulties, "open": difficulties["raised"] - difficulties["answered"]}}


def _dispatches(frame: Frame):
    province_id = frame.root.province_id or frame.root.pk
    campaign = Q(directive__owner__unit_id=province_id, directive__election__isnull=True)
    if frame.election is not None:
        campaign |= Q(directive__election=frame.election)
    qs = Dispatch.objects.filter(campaign, delivered_at__lte=frame.as_of)
    inside = Q(organisation__unit__path__startswith=frame.root.path)
    if frame.root.level == Level.PROVINCE:  # provincial agencies are not attached to a unit
        inside |= Q(organisation__unit__isnull=True, organisation__kind=OrganisationKind.AGENCY)
    return qs.filter(inside)


def _aggregates(frame: Frame) -> dict:
    moment, day = frame.as_of, frame.as_of_date
    acknowledged = Q(acknowledged_at__lte=moment)
    plan_in = Q(plan_submitted_at__lte=moment)
    report_in = Q(report_submitted_at__lte=moment)
    overdue = ((~acknowledged & Q(ack_due__lt=day)) | (Q(plan_due__lt=day) & ~plan_in)
               | (Q(report_due__lt=day) & ~report_in))
    return {
        "dispatches": Count("pk"),
        "acknowledged": Count("pk", filter=acknowledged),
        "plans_due": Count("pk", filter=Q(plan_due__isnull=False)),
        "plans": Count("pk", filter=plan_in),
        "reports_due": Count("pk", filter=Q(report_due__isnull=False)),
        "reports": Count("pk", filter=report_in),
        "overdue": Count("pk", filter=overdue),
    }


def _group_expression(frame: Frame):
    """The child unit of the report's unit that a recipient organisation sits in."""
    unit = "organisation__unit__"
    if frame.root.level == Level.PROVINCE:
        whens = [When(**{f"{unit}level": Level.DISTRICT}, then=F("organisation__unit_id")),
                 When(**{f"{unit}district__isnull": False}, then=F(f"{unit}district_id")),
                 When(**{f"{unit}level": Level.COMMUNE}, then=F("organisation__unit_id"))]
        default = F(f"{unit}commune_id")
    elif frame.root.level == Level.DISTRICT:
        whens = [When(**{f"{unit}level": Level.COMMUNE}, then=F("organisation__unit_id"))]
        default = F(f"{unit}commune_id")
    else:
        whens = [When(**{f"{unit}level": Level.HAMLET}, then=F("organisation__unit_id"))]
        default = None
    return Case(*whens, default=default, output_field=IntegerField())


def _rates(row: dict) -> dict:
    row["ack_rate"] = pct(row.get("acknowledged"), row.get("dispatches"))
    row["plan_rate"] = pct(row.get("plans"), row.get("plans_due"))
    row["report_rate"] = pct(row.get("reports"), row.get("reports_due"))
    return row
