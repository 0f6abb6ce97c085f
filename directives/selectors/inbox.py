"""What a recipient owes and when it is late: the overdue rules (derived, never stored), the inbox of
an organisation with its status filters and pending work, and the dispatches due a reminder."""

import datetime

from django.db.models import BooleanField, Count, ExpressionWrapper, Min, Q, QuerySet
from django.utils import timezone

from ..models import Dispatch
from .visibility import dispatches_visible_to


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
    elif status in ("tasks-due", "tasks-late"):  # task reports still owed (directives.assignments)
        from ..assignments.selectors import dispatches_with_tasks_owed

        qs = qs.filter(pk__in=dispatches_with_tasks_owed(user, today)[status])
    return (qs.select_related("directive")
            .annotate(open_reminders=Count("reminders", filter=Q(reminders__sent_on__gte=today
                                                                 - datetime.timedelta(days=7))))
            .order_by("-delivered_at", "-pk"))


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
