"""Reads for directives. Every queryset a user reaches goes through `dispatches_visible_to` or
`directives_visible_to`, which narrow with `accounts.scoping.restrict`."""

import datetime

from django.db.models import (
    BooleanField,
    Case,
    Count,
    ExpressionWrapper,
    F,
    IntegerField,
    Q,
    QuerySet,
    When,
)
from django.utils import timezone

from accounts.models import PROVINCE_KINDS, OrganisationKind
from accounts.scoping import restrict, user_scope
from territory.models import Level, Unit

from .models import DifficultyReport, DifficultyStatus, Directive, Dispatch

# Organisations whose users track a subtree (district and commune committees) or the province.
TRACKER_KINDS = (*PROVINCE_KINDS, OrganisationKind.DISTRICT_COMMITTEE, OrganisationKind.COMMUNE_COMMITTEE)
LEVEL_ORDER = [OrganisationKind.STANDING_COMMITTEE, OrganisationKind.AGENCY, OrganisationKind.DISTRICT_COMMITTEE,
               OrganisationKind.COMMUNE_COMMITTEE, OrganisationKind.CELL]


def dispatches_visible_to(user) -> QuerySet:
    """The province sees every dispatch of the directives its office registered; a district or
    commune committee its subtree's (its own included); a cell and an agency only their own."""
    qs = Dispatch.objects.all()
    if user.is_superuser:
        return qs
    if not user.is_active or user.organisation_id is None:
        return qs.none()
    kind = user.organisation.kind
    if kind in PROVINCE_KINDS:
        return restrict(qs, user, via="directive__owner__unit")
    if kind in (OrganisationKind.DISTRICT_COMMITTEE, OrganisationKind.COMMUNE_COMMITTEE):
        return restrict(qs, user, via="organisation__unit")
    if kind == OrganisationKind.CELL:
        return restrict(qs, user, via="organisation__unit").filter(organisation=user.organisation)
    return qs.filter(organisation=user.organisation)  # agencies: no territory, only what is addressed to them


def directives_visible_to(user) -> QuerySet:
    """Directives with at least one dispatch the user sees (the office also sees those not yet sent)."""
    qs = Directive.objects.all()
    if user.is_superuser:
        return qs
    if user.organisation_id and user.organisation.kind in PROVINCE_KINDS:
        return restrict(qs, user, via="owner__unit")
    return qs.filter(pk__in=dispatches_visible_to(user).values("directive_id"))


def with_overdue(qs: QuerySet, today: datetime.date | None = None) -> QuerySet:
    """Annotate `ack_late`, `plan_late`, `report_late` and `is_overdue`: derived, never stored."""
    today = today or timezone.localdate()
    ack = Q(acknowledged_at__isnull=True, ack_due__lt=today)
    plan = Q(plan_due__isnull=False, plan_submitted_at__isnull=True, plan_due__lt=today)
    report = Q(report_due__isnull=False, report_submitted_at__isnull=True, report_due__lt=today)
    return qs.annotate(
        ack_late=ExpressionWrapper(ack, output_field=BooleanField()),
        plan_late=ExpressionWrapper(plan, output_field=BooleanField()),
        report_late=ExpressionWrapper(report, output_field=BooleanField()),
        is_overdue=ExpressionWrapper(ack | plan | report, output_field=BooleanField()),
    )


def overdue_filter(today: datetime.date | None = None) -> Q:
    today = today or timezone.localdate()
    return (Q(acknowledged_at__isnull=True, ack_due__lt=today)
            | Q(plan_due__isnull=False, plan_submitted_at__isnull=True, plan_due__lt=today)
            | Q(report_due__isnull=False, report_submitted_at__isnull=True, report_due__lt=today))


def inbox(user, *, status: str = "") -> QuerySet:
    """Dispatches addressed to the user's own organisation, newest first."""
    if user.organisation_id is None:
        return Dispatch.objects.none()
    qs = dispatches_visible_to(user).filter(organisation=user.organisation)
    today = timezone.localdate()
    if status == "new":
        qs = qs.filter(acknowledged_at__isnull=True)
    elif status == "overdue":
        qs = qs.filter(overdue_filter(today))
    elif status == "pending":
        qs = qs.filter(Q(plan_due__isnull=False, plan_submitted_at__isnull=True)
                       | Q(report_due__isnull=False, report_submitted_at__isnull=True))
    return (qs.select_related("directive")
            .annotate(open_reminders=Count("reminders", filter=Q(reminders__sent_on__gte=today
                                                                 - datetime.timedelta(days=7))))
            .order_by("-delivered_at", "-pk"))


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
    def pct(part, whole):
        return round(100 * part / whole) if whole else None

    row["ack_pct"] = pct(row["acknowledged"], row["total"])
    row["plan_pct"] = pct(row["plans"], row["plans_due"])
    row["report_pct"] = pct(row["reports"], row["reports_due"])
    return row


def rates_by_level(directive: Directive, user, today: datetime.date | None = None) -> list[dict]:
    """Acknowledgement, plan and report rates per level (agencies, districts, communes, cells): one query."""
    today = today or timezone.localdate()
    rows = {r["organisation__kind"]: r for r in dispatches_visible_to(user).filter(directive=directive)
            .values("organisation__kind").annotate(**_rate_aggregates(today)).order_by()}
    labels = dict(OrganisationKind.choices)
    return [_with_percentages({**rows[k], "kind": k, "label": labels[k]}) for k in LEVEL_ORDER if k in rows]


def _child_unit_expression(root_level: int):
    """The unit directly under the user's root unit that a recipient sits in. Under a province:
    the district, or the commune where the province has no district level (after 2025); under a
    district: the commune; under a commune: the hamlet."""
    unit = "organisation__unit__"
    if root_level == Level.PROVINCE:
        whens = [When(**{f"{unit}level": Level.DISTRICT}, then=F("organisation__unit_id")),
                 When(**{f"{unit}district__isnull": False}, then=F(f"{unit}district_id")),
                 When(**{f"{unit}level": Level.COMMUNE}, then=F("organisation__unit_id"))]
        default = F(f"{unit}commune_id")
    elif root_level == Level.DISTRICT:
        whens = [When(**{f"{unit}level": Level.COMMUNE}, then=F("organisation__unit_id"))]
        default = F(f"{unit}commune_id")
    else:
        whens = [When(**{f"{unit}level": Level.HAMLET}, then=F("organisation__unit_id"))]
        default = None
    return Case(*whens, default=default, output_field=IntegerField())


def rates_by_unit(directive: Directive, user, today: datetime.date | None = None) -> list[dict]:
    """Rates per unit one level below the user's own (per district for the province, per commune
    in a province without districts or for a district, per hamlet for a commune): two queries."""
    today = today or timezone.localdate()
    root = user_scope(user).unit or directive.owner.unit
    root_level = root.level if root is not None else Level.PROVINCE
    rows = list(dispatches_visible_to(user).filter(directive=directive, organisation__unit__isnull=False)
                .annotate(child_unit=_child_unit_expression(root_level)).values("child_unit")
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
        row["cells_pct"] = round(100 * row["cells_acknowledged"] / row["cells"]) if row["cells"] else None
        result.append(row)
    return sorted(result, key=lambda r: (r["unit"].code or "", r["unit"].name))


rates_by_district = rates_by_unit


def unacknowledged_cells(directive: Directive, user, unit: Unit) -> QuerySet:
    """Drill-down: the hamlet cells under `unit` that have not acknowledged."""
    return (dispatches_visible_to(user)
            .filter(directive=directive, organisation__kind=OrganisationKind.CELL, acknowledged_at__isnull=True,
                    organisation__unit__path__startswith=unit.path)
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


def difficulties_visible_to(user, *, status: str = "") -> QuerySet:
    """The office sees every difficulty of its directives; others those about dispatches they see."""
    qs = DifficultyReport.objects.filter(dispatch__in=dispatches_visible_to(user).values("pk"))
    if status:
        qs = qs.filter(status=status)
    return qs.select_related("dispatch__directive", "dispatch__organisation", "raised_by", "answered_by")


def difficulty_counts(directive: Directive | None = None, user=None) -> dict:
    """Open / answered / closed counts, for the tracking page and the progress report."""
    qs = difficulties_visible_to(user) if user is not None else DifficultyReport.objects.all()
    if directive is not None:
        qs = qs.filter(dispatch__directive=directive)
    counts = qs.aggregate(**{s: Count("id", filter=Q(status=s)) for s in DifficultyStatus.values})
    counts["total"] = sum(counts.values())
    return counts


def reminder_candidates(today: datetime.date, ack_after_days: int) -> dict[str, QuerySet]:
    """Dispatches to remind today, per reminder kind."""
    ack_cutoff = timezone.now() - datetime.timedelta(days=ack_after_days)
    base = Dispatch.objects.filter(organisation__is_active=True)
    return {
        "ack": base.filter(acknowledged_at__isnull=True, delivered_at__lte=ack_cutoff),
        "plan": base.filter(plan_due__isnull=False, plan_submitted_at__isnull=True, plan_due__lt=today),
        "report": base.filter(report_due__isnull=False, report_submitted_at__isnull=True, report_due__lt=today),
    }


def counts_by_state(qs: QuerySet) -> dict:
    return qs.aggregate(total=Count("id"), acknowledged=Count("id", filter=Q(acknowledged_at__isnull=False)),
                        overdue=Count("id", filter=overdue_filter()))

