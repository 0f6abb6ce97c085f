"""The district nominee list's workflow: starting a list, its allowed transitions held as data
(`TRANSITIONS`), the fingerprint that makes acceptance refer to exactly what was submitted, and
submission, return and acceptance (Công văn 3321-CV/TU)."""

import hashlib

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.models import User
from common.services import audited_save
from common.text import nfc
from elections.models import HamletElection

from .. import rules
from ..models import (
    ConcurrencyException,
    ListStatus,
    Nominee,
    NomineeList,
    NomineeListEvent,
    NomineeStatus,
)
from ..selectors import (
    acceptance_blockers,
    list_progress,
    list_unit_id_for_hamlet,
    list_units,
    nominee_problems,
)

# The allowed transitions of a nominee list: (from, to) -> who may perform it.
TRANSITIONS = {
    (ListStatus.DRAFT, ListStatus.SUBMITTED): "owner",
    (ListStatus.RETURNED, ListStatus.SUBMITTED): "owner",
    (ListStatus.SUBMITTED, ListStatus.RETURNED): "office",
    (ListStatus.SUBMITTED, ListStatus.ACCEPTED): "office",
}

# States from which an upheld complaint returns a list to its district for a replacement.
COMPLAINT_RETURNABLE = (ListStatus.SUBMITTED, ListStatus.ACCEPTED)


NOMINEE_FIELDS = (
    "full_name", "gender", "date_of_birth", "ethnicity", "citizen_id", "is_permanent_resident", "education",
    "political_theory", "is_party_member", "party_join_date", "party_post", "is_cell_secretary",
    "nominated_by", "on_election_team", "notes",
)


# --- lists -----------------------------------------------------------------------------------

def nominee_list_get_or_create(*, election, unit=None, unit_id: int | None = None) -> NomineeList:
    """The list of `unit` (a district, or a commune without district) in `election`; idempotent."""
    unit_id = unit.pk if unit is not None else unit_id
    nominee_list, _created = NomineeList.objects.select_related("election", "unit").get_or_create(
        election=election, unit_id=unit_id)
    return nominee_list


def nominee_list_start(*, election, unit, by: User) -> NomineeList:
    """Start the list of `unit` in `election` on the user's request (idempotent: a started list is
    returned as it is). Only a unit that owns lists in the campaign (a district, or a commune
    without district: Công văn 3321-CV/TU) has one, and only whoever may edit it starts it."""
    if not list_units(election).filter(pk=unit.pk).exists():
        raise ValidationError(_("This unit does not keep a nominee list in this campaign."))
    if not rules.can_start_list(by, NomineeList(election=election, unit=unit)):
        raise PermissionDenied(_("Only officers of the district that owns this list, or of the provincial "
                                 "office, may change it."))
    return nominee_list_get_or_create(election=election, unit=unit)


def list_for_hamlet_election(hamlet_election: HamletElection) -> NomineeList:
    unit_id = list_unit_id_for_hamlet(hamlet_election.hamlet)
    nominee_list, _created = NomineeList.objects.get_or_create(election_id=hamlet_election.election_id,
                                                               unit_id=unit_id)
    return nominee_list


def _require_editable(nominee_list: NomineeList, by: User) -> None:
    if not rules.can_edit_list(by, nominee_list):
        raise PermissionDenied(_("Only officers of the district that owns this list, or of the provincial "
                                 "office, may change it."))
    if not nominee_list.is_editable:
        raise ValidationError(_("The list is %(status)s: it can only be changed while it is a draft or has "
                                "been returned.") % {"status": nominee_list.get_status_display().lower()})


def list_content_hash(nominee_list: NomineeList) -> str:
    """A fingerprint of what the list says: its active nominees and its exceptions (two queries)."""
    digest = hashlib.sha256()
    for row in (Nominee.objects.filter(nominee_list=nominee_list, status=NomineeStatus.ACTIVE)
                .order_by("pk").values_list("pk", "hamlet_election_id", *NOMINEE_FIELDS)):
        digest.update(repr(row).encode())
    for row in (ConcurrencyException.objects.filter(nominee_list=nominee_list).order_by("pk")
                .values_list("pk", "hamlet_election_id", "reason", "explanation", "decision",
                             "decision_number", "decision_date")):
        digest.update(repr(row).encode())
    return digest.hexdigest()


def _transition(*, nominee_list: NomineeList, to: str, by: User, reason: str = "") -> NomineeList:
    """Perform one allowed transition under a row lock, record who/when and the event."""
    with transaction.atomic():
        locked = NomineeList.objects.select_for_update().select_related("election", "unit").get(pk=nominee_list.pk)
        who = TRANSITIONS.get((locked.status, to))
        if who is None:
            raise ValidationError(_("A list that is %(from)s cannot become %(to)s.") % {
                "from": locked.get_status_display().lower(), "to": ListStatus(to).label.lower()})
        allowed = by.is_superuser or (
            rules.is_owner(by, locked) if who == "owner" else rules.is_office(by, locked.election))
        if not allowed:
            raise PermissionDenied(_("Your organisation or role does not allow this action."))
        now = timezone.now()
        content_hash = list_content_hash(locked)
        if to == ListStatus.SUBMITTED:
            if not Nominee.objects.filter(nominee_list=locked, status=NomineeStatus.ACTIVE).exists():
                raise ValidationError(_("The list has no nominee yet."))
            problems = nominee_problems(list_progress(locked))
            if problems:
                raise ValidationError(problems)
            locked.content_hash, locked.submitted_at, locked.submitted_by = content_hash, now, by
            locked.return_reason = ""
        elif to == ListStatus.RETURNED:
            reason = nfc(reason)
            if not reason:
                raise ValidationError({"reason": _("Say why the list is returned.")})
            locked.return_reason, locked.decided_at, locked.decided_by = reason, now, by
        elif to == ListStatus.ACCEPTED:
            if content_hash != locked.content_hash:
                raise ValidationError(_("The list changed after it was submitted; return it so the district "
                                        "can submit it again."))
            problems = acceptance_blockers(locked)
            if problems:
                raise ValidationError(problems)
            locked.decided_at, locked.decided_by = now, by
        from_status, locked.status = locked.status, to
        audited_save(locked, by=by, clean=False)
        NomineeListEvent.objects.create(nominee_list=locked, from_status=from_status, to_status=to,
                                        reason=reason, content_hash=content_hash, by=by)
    return locked


def nominee_list_submit(*, nominee_list: NomineeList, by: User) -> NomineeList:
    """The district (officer or leader) sends its list to the provincial office; it is then frozen.
    Refused while a nominee is refused by the rules as they stand now: under 21 on the hamlet's
    election date set since (TT 04/2012 Điều 11), or not the secretary the hamlet's cell recorded
    (Đề án 02-ĐA/TU). What is only unverified (`selectors.list_warnings`) does not stop it."""
    return _transition(nominee_list=nominee_list, to=ListStatus.SUBMITTED, by=by)


def nominee_list_return(*, nominee_list: NomineeList, reason: str, by: User) -> NomineeList:
    """The provincial office sends a submitted list back to the district, with the reason."""
    return _transition(nominee_list=nominee_list, to=ListStatus.RETURNED, by=by, reason=reason)


def nominee_list_accept(*, nominee_list: NomineeList, by: User) -> NomineeList:
    """The provincial office accepts a submitted list when it is unchanged since submission, every
    active hamlet has a nominee, every hamlet whose nominees do not include the cell secretary has
    an approved exception (Đề án 02-ĐA/TU), no nominee is refused by the rules as they stand now
    (TT 04/2012 Điều 11) and every registered gate passes (e.g. no open complaint, CV 3321-CV/TU):
    `selectors.acceptance_blockers`, the same list the page shows before anyone clicks."""
    return _transition(nominee_list=nominee_list, to=ListStatus.ACCEPTED, by=by)
