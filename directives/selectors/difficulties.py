"""Reads of reported difficulties: who may answer or pass one up, which ones a user sees, holds or
should hear about (recent answers, escalations), and their counts."""

import datetime

from django.db.models import Count, Q, QuerySet
from django.utils import timezone

from accounts.permissions import user_can

from ..models import DifficultyReport, DifficultyStatus, Directive
from ..services import is_difficulty_handler
from .visibility import dispatches_visible_to


def difficulty_answer_open(user, report: DifficultyReport) -> bool:
    """Whether `user` may answer or close a reported difficulty: whoever holds it now (the commune or
    district committee it was raised to, or the office that registered its directive), while the
    report is not closed."""
    return report.status != DifficultyStatus.CLOSED and is_difficulty_handler(user, report)


def difficulty_pass_up_open(user, report: DifficultyReport) -> bool:
    """Whether `user` may pass an open difficulty up: a commune or district committee holding it."""
    return (report.status == DifficultyStatus.OPEN and report.handler_id is not None
            and is_difficulty_handler(user, report))


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
