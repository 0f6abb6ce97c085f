"""Difficulties a recipient reports (khó khăn, vướng mắc): raised to the committee that forwarded the
directive, answered, closed or passed up to the office; the workflow's transitions and who holds one."""

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.models import Organisation, OrganisationKind, User
from accounts.permissions import holds
from common.services import audited_save
from common.workdays import add_working_days

from ..models import DifficultyReport, DifficultyStatus, Dispatch
from .access import _require_office, _require_recipient
from .responses import nfc_text

# Difficulty workflow: action -> (states it may start from, state it leads to).
DIFFICULTY_TRANSITIONS = {
    "answer": ({DifficultyStatus.OPEN, DifficultyStatus.ANSWERED}, DifficultyStatus.ANSWERED),
    "close": ({DifficultyStatus.OPEN, DifficultyStatus.ANSWERED}, DifficultyStatus.CLOSED),
    "pass_up": ({DifficultyStatus.OPEN}, DifficultyStatus.OPEN),
}
# The committees that hold a difficulty raised below them before the office does (a cell's goes
# to its commune committee, a commune's to its district committee); each may pass it up.
DIFFICULTY_HANDLER_KINDS = (OrganisationKind.COMMUNE_COMMITTEE, OrganisationKind.DISTRICT_COMMITTEE)


def _handler_above(dispatch: Dispatch | None) -> Organisation | None:
    """The committee that forwarded `dispatch` (its parent's organisation), where it is one that holds
    difficulties; None for an addressee of the province (the office answers)."""
    parent = dispatch.parent if dispatch is not None and dispatch.parent_id else None
    if parent is None or parent.organisation.kind not in DIFFICULTY_HANDLER_KINDS:
        return None
    return parent.organisation


@transaction.atomic
def difficulty_raise(*, dispatch: Dispatch, text: str, by: User) -> DifficultyReport:
    """A recipient reports a difficulty to the Standing Committee through the office (3321-CV/TU).
    It goes first to the committee that forwarded the directive to it (a cell's commune, a commune's
    district), which may answer it; the answer is due DIFFICULTY_ANSWER_DAYS working days later."""
    _require_recipient(by, dispatch)
    now = timezone.now()
    report = DifficultyReport(dispatch=dispatch, text=nfc_text(text), raised_by=by, raised_at=now,
                              handler=_handler_above(dispatch),
                              answer_due=add_working_days(timezone.localdate(now), settings.DIFFICULTY_ANSWER_DAYS))
    audited_save(report, by=by)
    return report


def is_difficulty_handler(user, report: DifficultyReport) -> bool:
    """Whether `user` holds the difficulty now: an officer or leader of its `handler` committee, or
    (no handler) an editor of the office that registered the directive."""
    if report.handler_id is None:
        return holds(user, "directive.register") and (user.is_superuser
                                                       or report.dispatch.directive.owner_id == user.organisation_id)
    return holds(user, "dispatch.act") and user.organisation_id == report.handler_id


def _difficulty_transition(report: DifficultyReport, action: str, by: User) -> DifficultyReport:
    if report.handler_id is None:
        _require_office(by, report.dispatch.directive)
    elif not is_difficulty_handler(by, report):
        raise PermissionDenied(_("Only the committee now holding this difficulty may answer or pass it on."))
    sources, target = DIFFICULTY_TRANSITIONS[action]
    if report.status not in sources:
        raise ValidationError(_("This difficulty is %(status)s; it cannot be changed any more.")
                              % {"status": report.get_status_display().lower()})
    report.status = target
    return report


@transaction.atomic
def difficulty_answer(*, report: DifficultyReport, answer: str, by: User) -> DifficultyReport:
    """The provincial office answers; the sender sees the answer on their dispatch."""
    report = (DifficultyReport.objects.select_for_update(of=("self",))
              .select_related("dispatch__directive").get(pk=report.pk))
    _difficulty_transition(report, "answer", by)
    report.answer = nfc_text(answer)
    if not report.answer:
        raise ValidationError({"answer": _("Write the answer.")})
    report.answered_at, report.answered_by = timezone.now(), by
    audited_save(report, by=by)
    return report


@transaction.atomic
def difficulty_close(*, report: DifficultyReport, by: User) -> DifficultyReport:
    report = (DifficultyReport.objects.select_for_update(of=("self",))
              .select_related("dispatch__directive").get(pk=report.pk))
    _difficulty_transition(report, "close", by)
    report.closed_at, report.closed_by = timezone.now(), by
    audited_save(report, by=by, clean=False)
    return report


@transaction.atomic
def difficulty_pass_up(*, report: DifficultyReport, by: User) -> DifficultyReport:
    """A commune committee passes a difficulty it cannot answer to its district committee, a
    district committee to the office (issue 21 point 4). The answer stays due on the same day."""
    report = (DifficultyReport.objects.select_for_update(of=("self",))
              .select_related("dispatch__directive", "handler").get(pk=report.pk))
    if report.handler_id is None:
        raise ValidationError(_("This difficulty is already with the Provincial Party Office."))
    _difficulty_transition(report, "pass_up", by)
    held = (Dispatch.objects.select_related("parent__organisation")
            .filter(directive_id=report.dispatch.directive_id, organisation_id=report.handler_id).first())
    report.handler = _handler_above(held)
    audited_save(report, by=by, clean=False)
    return report
