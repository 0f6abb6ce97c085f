"""The status workflow of a hamlet election held as data: `TRANSITIONS` says which moves are
allowed, `hamlet_election_transition` is the only function that changes the status and writes a
`StatusChange` with who and when, gated by `registry.check_decision` for the chairman's decisions;
and the guards every write on election day passes (who may record, no date in the future)."""

import datetime

from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from accounts.models import User
from accounts.permissions import require, user_can
from common.services import audited_save
from territory.scoping import scope_of

from ... import registry
from ...models import HamletElection
from ..models import (
    ResultStatus,
    StatusChange,
)

S = ResultStatus
TRANSITIONS: dict[str, set[str]] = {
    S.PLANNED: {S.ELECTED, S.RERUN_REQUIRED},
    S.ELECTED: {S.RECOGNISED, S.RERUN_REQUIRED},
    S.RERUN_REQUIRED: {S.RERUN_SCHEDULED, S.ACTING_HEAD},
    S.RERUN_SCHEDULED: {S.ELECTED, S.RERUN_REQUIRED},
    S.ACTING_HEAD: {S.RERUN_SCHEDULED},
    S.RECOGNISED: set(),
}
# The chairman's decisions that an open letter about the hamlet's nominees holds back (CV 3321-CV/TU:
# settle every letter before the decision). The minutes of a meeting already held are always recorded.
GATED = {S.RECOGNISED, S.ACTING_HEAD}


def can_record(user, hamlet_election: HamletElection) -> bool:
    """The user may write this hamlet's results: commune or provincial-office editors, in scope
    (domain-rules §6.4; the permission table's "result.record")."""
    if not user_can(user, "result.record"):
        return False
    return user.is_superuser or scope_of(user).contains(hamlet_election.hamlet)


def _require_recorder(user, hamlet_election: HamletElection) -> None:
    require(user, "result.record")
    if not can_record(user, hamlet_election):
        raise ValidationError(_("This hamlet is outside your area."))


def hamlet_election_transition(*, hamlet_election: HamletElection, to: str, by: User, note: str = "") -> StatusChange:
    """Move the result workflow to `to` if `TRANSITIONS` allows it; log who and when.

    Moving into a state the commune chairman decides (recognised, acting head) first runs every
    decision check (`registry.decision_checks`, e.g. an open letter about the hamlet's nominees, named
    by its reference) and refuses with their messages (CV 3321-CV/TU).
    """
    current = hamlet_election.status
    if to not in TRANSITIONS.get(current, set()):
        raise ValidationError(_("A hamlet election cannot go from “%(from)s” to “%(to)s”.") % {
            "from": ResultStatus(current).label, "to": ResultStatus(to).label})
    if to in GATED:
        registry.check_decision(hamlet_election)
    hamlet_election.status = to
    hamlet_election.status_changed_at = timezone.now()
    audited_save(hamlet_election, by=by, clean=False)
    return StatusChange.objects.create(hamlet_election=hamlet_election, from_status=current, to_status=to,
                                       note=note[:500], by=by)


def _not_in_future(day: datetime.date, message: str) -> list[str]:
    today = timezone.localdate()
    return [message % {"date": date_format(day, "SHORT_DATE_FORMAT"),
                       "today": date_format(today, "SHORT_DATE_FORMAT")}] if day > today else []
