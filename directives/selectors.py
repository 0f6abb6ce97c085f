"""Reads for directives. Every queryset a user reaches goes through `dispatches_visible_to` or
`directives_visible_to`, which narrow with the managers' `visible_to(user)` and add the
organisation's own rules (a cell or an agency sees only what is addressed to it)."""

import datetime

from django.db.models import (
    BooleanField,
    Count,
    ExpressionWrapper,
    Min,
    Q,
    QuerySet,
)
from django.utils import timezone

from accounts.models import OrganisationKind
from accounts.permissions import user_can
from common.numbers import percent
from territory.models import Level, Unit
from territory.scoping import scope_of
from territory.selectors import grouping_unit

from .models import Depth, DifficultyReport, DifficultyStatus, Directive, Dispatch, PersonalDispatch
from .services import FORWARD_TO, is_difficulty_handler, is_recipient

LEVEL_ORDER = [OrganisationKind.STANDING_COMMITTEE, OrganisationKind.AGENCY, OrganisationKind.DISTRICT_COMMITTEE,
               OrganisationKind.COMMUNE_COMMITTEE, OrganisationKind.CELL]


def fan_out_open(user, directive: Directive) -> bool:
    """Whether `user` may fan `directive` out to the lower levels from its tracking page: an editor
    of the registering office, for a directive that goes beyond its addressees."""
    return (user_can(user, "directive.register") and directive.depth != Depth.ADDRESSEES
            and (user.is_superuser or directive.owner_id == user.organisation_id))


def forwarding_open(user, dispatch: Dispatch) -> bool:
    """Whether `user` may forward the dispatch to the level below: a recipient, in a committee that
    forwards (district to communes, commune to cells), for a directive that reaches that level
    (`services.dispatch_forward` enforces the same)."""
    target = FORWARD_TO.get(dispatch.organisation.kind)
    return bool(is_recipient(user, dispatch) and target and not dispatch.for_information
                and dispatch.directive.allows_forwarding_to(target[1]))


def return_open(user, dispatch: Dispatch) -> bool:
    """Whether `user` may return the dispatch's plan or report for completion: an editor of the
    office that registered the directive (`services.dispatch_return` enforces the same)."""
    return user_can(user, "directive.register") and (user.is_superuser
                                                      or dispatch.directive.owner_id == user.organisation_id)


def difficulty_answer_open(user, report: DifficultyReport) -> bool:
    """Whether `user` may answer or close a reported difficulty: whoever holds it now (the commune or
    district committee it was raised to, or the office that registered its directive), while the
    report is not closed."""
    return report.status != DifficultyStatus.CLOSED and is_difficulty_handler(user, report)


def difficulty_pass_up_open(user, report: DifficultyReport) -> bool:
    """Whether `user` may pass an open difficulty up: a commune or district committee holding it."""
    return (report.status == DifficultyStatus.OPEN and report.handler_id is not None
            and is_difficulty_handler(user, report))


def campaign_choices(owner) -> QuerySet:
    """The election campaigns of the registering office's province, which a directive may belong to.
    Reached through the directive's own relation: directives sits beside elections, not above it,
    and never imports it (pyproject.toml, the layers)."""
    campaigns = Directive._meta.get_field("election").related_model.objects
    return campaigns.filter(province=owner.unit) if owner.unit_id else campaigns.none()


def dispatches_visible_to(user) -> QuerySet:
    """The province sees every dispatch of the directives its office registered; a district or
    commune committee its subtree's (its own included); a cell and an agency only their own."""
    qs = Dispatch.objects.all()
    if user.is_superuser:
        return qs
    if not user.is_active or user.organisation_id is None:
        return qs.none()
    kind = user.organisation.kind
    if user.organisation.is_province_level:  # by the directive's owner, whoever it was sent to
        return qs.filter(directive__in=Directive.objects.visible_to(user))
    if kind in (OrganisationKind.DISTRICT_COMMITTEE, OrganisationKind.COMMUNE_COMMITTEE):
        return qs.visible_to(user)
    if kind == OrganisationKind.CELL:
        return qs.visible_to(user).filter(organisation=user.organisation)
    return qs.filter(organisation=user.organisation)  # agencies: no territory, only what is addressed to them


def directives_visible_to(user) -> QuerySet:
    """Directives with at least one dispatch the user sees (the office also sees those not yet sent)."""
    qs = Directive.objects.all()
    if user.is_superuser:
        return qs
    if user.organisation_id and user.organisation.is_province_level:
        return qs.visible_to(user) | qs.filter(pk__in=PersonalDispatch.objects.filter(person=user)
                                                .values("directive_id"))
    return qs.filter(Q(pk__in=dispatches_visible_to(user).values("directive_id"))
                     | Q(pk__in=PersonalDispatch.objects.filter(person=user).values("directive_id")))


def personal_inbox(user) -> QuerySet:
    """The directives addressed to the user by name (a member of the Provincial Party Executive
    Committee), newest first."""
    if not user.is_active:
        return PersonalDispatch.objects.none()
    return (PersonalDispatch.objects.filter(person_id=user.pk).select_related("directive")
            .order_by("-delivered_at", "-pk"))


def personal_counts(directive: Directive) -> dict[str, int]:
    """How many members the directive was addressed to by name and how many acknowledged: one query."""
    return directive.personal_dispatches.aggregate(total=Count("pk"),
                                                   acknowledged=Count("pk", filter=Q(acknowledged_at__isnull=False)))


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


def inbox_filters(today: datetime.date | None = None) -> dict[str, Q]:
    """The inbox's status filters (`?trang-thai=`). Besides new, pending and overdue, each duty of a
    recipient (acknowledge, submit the plan, submit the report) is split into "still within its
    due date" (due today included) and "late" (due date passed), the pending work of the home page."""
    today = today or timezone.localdate()
    ack = Q(acknowledged_at__isnull=True)
    plan = Q(plan_due__isnull=False, plan_submitted_at__isnull=True)
    report = Q(report_due__isnull=False, report_submitted_at__isnull=True)
    return {
        "new": ack,
        "pending": plan | report,
        "overdue": overdue_filter(today),
        "ack-due": ack & Q(ack_due__gte=today),
        "ack-late": ack & Q(ack_due__lt=today),
        "plan-due": plan & Q(plan_due__gte=today),
        "plan-late": plan & Q(plan_due__lt=today),
        "report-due": report & Q(report_due__gte=today),
        "report-late": report & Q(report_due__lt=today),
    }


# Inbox filters shown as pending work, with the due date whose earliest value the home page names.
INBOX_WORK = {"ack-due": "ack_due", "ack-late": "ack_due", "plan-due": "plan_due", "plan-late": "plan_due",
              "report-due": "report_due", "report-late": "report_due"}


def _own_dispatches(user) -> QuerySet:
    if user.organisation_id is None:
        return Dispatch.objects.none()
    return dispatches_visible_to(user).filter(organisation=user.organisation)


def inbox_work(user, today: datetime.date | None = None) -> dict[str, tuple[int, datetime.date | None]]:
    """For each filter of INBOX_WORK, over the user's inbox: (dispatches, earliest due date). One query."""
    filters = inbox_filters(today)
    aggregates = {}
    for key, due in INBOX_WORK.items():
        aggregates[f"{key}-n"] = Count("pk", filter=filters[key])
        aggregates[f"{key}-first"] = Min(due, filter=filters[key])
    row = _own_dispatches(user).aggregate(**aggregates)
    return {key: (row[f"{key}-n"], row[f"{key}-first"]) for key in INBOX_WORK}


def inbox(user, *, status: str = "") -> QuerySet:
    """Dispatches addressed to the user's own organisation, newest first, narrowed by one of
    `inbox_filters` (an unknown status shows them all)."""
    qs = _own_dispatches(user)
    today = timezone.localdate()
    wanted = inbox_filters(today).get(status)
    if wanted is not None:
        qs = qs.filter(wanted)
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


# How long an answer to a difficulty stays on the home page of the organisation that raised it
# (there is no "read" mark: an answer is news for a month).
ANSWER_NEWS_DAYS = 30


def answered_recently(user, now: datetime.datetime | None = None) -> Q:
    """Difficulties raised by the user's organisation that the office answered in the last ANSWER_NEWS_DAYS."""
    if user.organisation_id is None:
        return Q(pk__in=[])
    since = (now or timezone.now()) - datetime.timedelta(days=ANSWER_NEWS_DAYS)
    return Q(dispatch__organisation_id=user.organisation_id, answered_at__gte=since)


def held_by(user) -> Q:
    """Difficulties the user's organisation holds now: those raised to its committee (`handler`) or,
    for the office, those with no handler (its own directives' are all it sees at that level)."""
    if user.organisation_id is None:
        return Q(pk__in=[]) if not user.is_superuser else Q(handler__isnull=True)
    if user_can(user, "directive.register"):
        return Q(handler__isnull=True)
    return Q(handler_id=user.organisation_id)


# Open difficulties escalated to the Standing Committee (their answer is overdue).
ESCALATED = Q(status=DifficultyStatus.OPEN, escalated_at__isnull=False)


def difficulties_visible_to(user, *, status: str = "", recent_answers: bool = False, mine: bool = False,
                            escalated: bool = False) -> QuerySet:
    """The office sees every difficulty of its directives; others those about dispatches they see.
    With `recent_answers`, only those of `answered_recently`; with `mine`, the open ones the user's
    organisation holds (`held_by`: to answer or pass up); with `escalated`, the open ones escalated
    to the Standing Committee."""
    qs = DifficultyReport.objects.filter(dispatch__in=dispatches_visible_to(user).values("pk"))
    if status:
        qs = qs.filter(status=status)
    if recent_answers:
        qs = qs.filter(answered_recently(user))
    if mine:
        qs = qs.filter(held_by(user), status=DifficultyStatus.OPEN)
    if escalated:
        qs = qs.filter(ESCALATED)
    return qs.select_related("dispatch__directive", "dispatch__organisation", "raised_by", "answered_by", "handler")


def difficulty_work(user) -> dict[str, int]:
    """The difficulties waiting for the user: "open" (to answer or pass up, for whoever holds them),
    "answered" (`answered_recently`, for the organisation that raised them) and "escalated" (for the
    Standing Committee). One query."""
    return difficulties_visible_to(user).order_by().aggregate(
        open=Count("pk", filter=Q(status=DifficultyStatus.OPEN) & held_by(user)),
        answered=Count("pk", filter=answered_recently(user)), escalated=Count("pk", filter=ESCALATED))


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

