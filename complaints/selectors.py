"""Reads for letters: scoped querysets, the handler's queue, the overview and the summary counts.

Nothing here touches `ComplainantIdentity`: lists, search, exports and counts never carry it.
"""

from dataclasses import dataclass
from datetime import date, timedelta

from django.conf import settings
from django.db.models import Count, Q, QuerySet
from django.db.models.functions import Coalesce

from common.text import search_key
from territory.models import Unit
from territory.selectors import grouping_unit

from . import deadlines, rules
from .models import OPEN_FILTER, Complaint, Status


def complaints_visible_to(user) -> QuerySet:
    """Every letter about a hamlet in `user`'s area (none for organisations that do not read them)."""
    if not rules.can_read(user):
        return Complaint.objects.none()
    qs = Complaint.objects.select_related("hamlet", "hamlet__commune", "hamlet__district", "nominee", "handler")
    return qs.visible_to(user)


def _due_filters():
    today = deadlines.today()
    soon = today + timedelta(days=settings.COMPLAINT_DUE_SOON_DAYS)
    overdue = OPEN_FILTER & Q(due_on__lt=today)
    due_soon = OPEN_FILTER & Q(due_on__gte=today, due_on__lte=soon)
    return overdue, due_soon


@dataclass
class QueueFilters:
    q: str = ""
    status: str = ""
    kind: str = ""
    due: str = ""  # "late", "soon" or ""
    mine: bool = False
    area: int | None = None


def complaint_queue(user, filters: QueueFilters) -> QuerySet:
    """The letters a user works through: open first, nearest deadline first."""
    qs = complaints_visible_to(user)
    if filters.q:
        key = search_key(filters.q)
        qs = qs.filter(Q(search_summary__contains=key) | Q(hamlet__search_name__contains=key))
    if filters.status == "open":
        qs = qs.filter(OPEN_FILTER)
    elif filters.status:
        qs = qs.filter(status=filters.status)
    if filters.kind:
        qs = qs.filter(kind=filters.kind)
    overdue, due_soon = _due_filters()
    if filters.due == "late":
        qs = qs.filter(overdue)
    elif filters.due == "soon":
        qs = qs.filter(due_soon)
    if filters.mine:
        qs = qs.filter(Q(handler=user) | Q(approver=user))
    if filters.area:
        qs = qs.filter(Q(hamlet__district_id=filters.area) | Q(hamlet__commune_id=filters.area))
    return qs.order_by(Coalesce("due_on", "received_on").asc(), "pk")


def _counts(qs: QuerySet) -> dict:
    overdue, due_soon = _due_filters()
    return qs.aggregate(
        received=Count("pk"),
        resolved=Count("pk", filter=Q(status=Status.CLOSED)),
        pending=Count("pk", filter=OPEN_FILTER),
        overdue=Count("pk", filter=overdue),
        due_soon=Count("pk", filter=due_soon),
        not_processed=Count("pk", filter=Q(status=Status.NOT_PROCESSED)),
    )


def due_counts(qs: QuerySet) -> dict:
    """Of the letters `qs`, those open past their deadline ("late") and due within
    COMPLAINT_DUE_SOON_DAYS ("soon"): the queue's `due` filters, counted in one query."""
    overdue, due_soon = _due_filters()
    return qs.order_by().aggregate(late=Count("pk", filter=overdue), soon=Count("pk", filter=due_soon))


def complaint_summary(user) -> dict:
    """Counts for the progress report (one query): received, resolved (closed), pending (open),
    overdue, due_soon, not_processed, over the letters `user` may see."""
    return _counts(complaints_visible_to(user).order_by())


@dataclass
class OverviewRow:
    area: Unit | None
    received: int
    resolved: int
    pending: int
    overdue: int
    due_soon: int
    not_processed: int


def complaint_overview(user) -> tuple[list[OverviewRow], dict]:
    """Counts per district (per commune where the province has no districts), and the totals:
    three queries whatever the size of the province."""
    qs = complaints_visible_to(user).order_by()
    overdue, due_soon = _due_filters()
    grouped = (qs.annotate(area_id=grouping_unit("hamlet")).values("area_id")
               .annotate(received=Count("pk"),
                         resolved=Count("pk", filter=Q(status=Status.CLOSED)),
                         pending=Count("pk", filter=OPEN_FILTER),
                         overdue=Count("pk", filter=overdue),
                         due_soon=Count("pk", filter=due_soon),
                         not_processed=Count("pk", filter=Q(status=Status.NOT_PROCESSED))))
    grouped = list(grouped)
    areas = Unit.objects.in_bulk([row["area_id"] for row in grouped if row["area_id"]])
    rows = [OverviewRow(area=areas.get(row.pop("area_id")), **row) for row in grouped]
    rows.sort(key=lambda r: r.area.path if r.area else "")
    totals = _counts(qs)
    return rows, totals


def letter_counts(*, within: Unit, day: date, user=None) -> tuple[dict[str, dict], dict[int | None, dict]]:
    """For the progress report, the letters received by `day` about hamlets below `within` (those
    `user` also sees, with a user), as of that day: received, not processed, resolved (closed by then), pending
    and overdue, per kind and per grouping unit (`territory.selectors.grouping_unit`). Counts only:
    never the sender's identity. Two queries."""
    letters = Complaint.objects.filter(received_on__lte=day).within(within, user=user)
    resolved = Q(status=Status.CLOSED, closed_on__lte=day)
    not_processed = Q(status=Status.NOT_PROCESSED)
    pending = ~resolved & ~not_processed
    aggregates = {
        "received": Count("pk"),
        "not_processed": Count("pk", filter=not_processed),
        "resolved": Count("pk", filter=resolved),
        "pending": Count("pk", filter=pending),
        "overdue": Count("pk", filter=pending & Q(due_on__lt=day)),
    }
    by_kind = {row.pop("kind"): row for row in letters.values("kind").annotate(**aggregates).order_by()}
    by_unit = {row.pop("group"): row for row in letters.values(group=grouping_unit("hamlet", under=within.level))
               .annotate(**aggregates).order_by()}
    return by_kind, by_unit


def timeline(complaint: Complaint) -> QuerySet:
    return complaint.events.select_related("by").order_by("at", "pk")


def due_reminders() -> dict:
    """Handler -> their open letters that are overdue or due soon (for the daily reminder)."""
    overdue, due_soon = _due_filters()
    qs = (Complaint.objects.filter(overdue | due_soon).filter(handler__isnull=False, handler__is_active=True)
          .select_related("handler", "hamlet__parent").order_by("due_on", "pk"))
    by_handler: dict = {}
    for complaint in qs:
        by_handler.setdefault(complaint.handler, []).append(complaint)
    return by_handler
