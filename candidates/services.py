"""Writes for nomination: nominees, the district nominee list's workflow, concurrency exceptions.

Every rule is enforced here, once; views, the admin, the import and the management command all
call these functions. Sources: TT 04/2012 Điều 11 and NĐ 59/2023 (eligibility), Đề án 02-ĐA/TU
and Công văn 3321-CV/TU (the secretary also serves as hamlet head, exceptions decided by the
district standing committee; complaints settled before the list is final).
"""

import datetime
import hashlib

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.crypto import blind_indexes
from accounts.models import User
from accounts.permissions import holds
from accounts.selectors import secretaries_by_hamlet, secretary_in_office
from common.services import audited_save
from common.text import nfc, nfc_text, plain_text_problem, search_key
from elections.models import Election, HamletElection
from territory.scoping import scope_of

from . import rules
from .models import (
    ConcurrencyException,
    ExceptionDecision,
    ListStatus,
    Nominee,
    NomineeList,
    NomineeListEvent,
    NomineeStatus,
    citizen_id_blind_index,
    normalise_citizen_id,
)
from .selectors import (
    acceptance_blockers,
    list_locked_message,
    list_progress,
    list_unit_id_for_hamlet,
    list_units,
    needs_exception,
    nominee_checks,
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

# Text fields checked by `common.text.plain_text_problem`: a name (no leading = + - @), or free text.
PLAIN_TEXT_FIELDS = {"full_name": False, "ethnicity": False, "education": True, "party_post": True, "notes": True}

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


# --- nominees --------------------------------------------------------------------------------

def nominee_validate(nominee: Nominee) -> dict[str, list[str]]:
    """Every problem of an (unsaved or changed) nominee, field -> messages; empty when it may be saved."""
    nominee.full_name = nfc(nominee.full_name)
    nominee.search_name = search_key(nominee.full_name)
    nominee.ethnicity = nfc(nominee.ethnicity)
    nominee.citizen_id = normalise_citizen_id(nominee.citizen_id)
    nominee.education, nominee.party_post = nfc(nominee.education), nfc(nominee.party_post)
    nominee.notes = nfc_text(nominee.notes)
    nominee.citizen_id_index = citizen_id_blind_index(nominee.citizen_id)
    if not nominee.is_party_member:
        nominee.party_join_date = None
    errors: dict[str, list[str]] = {}
    try:
        nominee.full_clean(exclude=["nominee_list", "hamlet_election"], validate_unique=False,
                           validate_constraints=False)
    except ValidationError as exc:
        errors = {k: list(v) for k, v in exc.message_dict.items()}
    for field, free_text in PLAIN_TEXT_FIELDS.items():
        problem = plain_text_problem(getattr(nominee, field), free_text=free_text)
        if problem:
            errors.setdefault(field, []).append(problem)
    elsewhere = nominee_nominated_elsewhere(nominee)
    if elsewhere is not None:
        errors.setdefault("citizen_id", []).append(_(
            "This person (same citizen ID) is already nominated in %(hamlet)s, %(commune)s.") % {
            "hamlet": elsewhere.hamlet_election.hamlet.name, "commune": elsewhere.hamlet_election.hamlet.commune.name})
    today = timezone.localdate()
    if nominee.date_of_birth and nominee.date_of_birth > today:
        errors.setdefault("date_of_birth", []).append(_("The date of birth is in the future."))
    if nominee.party_join_date and nominee.date_of_birth and nominee.party_join_date <= nominee.date_of_birth:
        errors.setdefault("party_join_date", []).append(_("The date of joining the Party is before the birth date."))
    if nominee.is_cell_secretary and not nominee.is_party_member:
        errors.setdefault("is_cell_secretary", []).append(_("A party cell secretary must be a party member."))
    others = Nominee.objects.filter(hamlet_election_id=nominee.hamlet_election_id, status=NomineeStatus.ACTIVE)
    if nominee.pk:
        others = others.exclude(pk=nominee.pk)
    other_rows = list(others.values_list("search_name", "is_cell_secretary"))
    if any(name == nominee.search_name for name, _sec in other_rows):
        errors.setdefault("full_name", []).append(_("This hamlet already has an active nominee with this name."))
    if nominee.is_cell_secretary and any(sec for _name, sec in other_rows):
        errors.setdefault("is_cell_secretary", []).append(
            _("Another nominee of this hamlet is already marked as the party cell secretary."))
    he = nominee.hamlet_election
    problems = rules.eligibility_problems(
        election_date=he.election_date, window_start=he.election.election_start,
        window_end=he.election.election_end, date_of_birth=nominee.date_of_birth,
        is_permanent_resident=nominee.is_permanent_resident, on_election_team=nominee.on_election_team,
        active_count_other=len(other_rows),
    )
    for field, message in problems.items():
        errors.setdefault(field, []).append(message)
    day = rules.secretary_day(he.election_date, he.election.election_end)
    secretary = secretary_in_office(secretaries_by_hamlet([he.hamlet_id]).get(he.hamlet_id, []), day)
    mismatch = rules.secretary_problem(is_cell_secretary=nominee.is_cell_secretary,
                                       search_name=nominee.search_name, secretary=secretary, day=day)
    if mismatch:
        errors.setdefault("is_cell_secretary", []).append(mismatch)
    return errors


def nominee_nominated_elsewhere(nominee: Nominee) -> Nominee | None:
    """The active nominee of the same campaign with the same citizen ID, if any: one person, one
    nomination (TT 04/2012 Điều 11: a nominee permanently resides in the hamlet, and a person has one
    permanent residence, Luật Cư trú 2020 [M]). Compared by blind index, never in clear; withdrawn
    nominees do not count."""
    if not nominee.citizen_id:
        return None
    same = (Nominee.objects.filter(hamlet_election__election_id=nominee.hamlet_election.election_id,
                                   status=NomineeStatus.ACTIVE,
                                   citizen_id_index__in=blind_indexes(normalise_citizen_id(nominee.citizen_id)))
            .select_related("hamlet_election__hamlet__commune"))
    if nominee.pk:
        same = same.exclude(pk=nominee.pk)
    return same.order_by("pk").first()


def nominee_check_eligibility(*, nominee: Nominee) -> list[str]:
    """The eligibility messages for `nominee` (age on election day, residence, election team, number)."""
    others = Nominee.objects.filter(hamlet_election_id=nominee.hamlet_election_id, status=NomineeStatus.ACTIVE)
    if nominee.pk:
        others = others.exclude(pk=nominee.pk)
    he = nominee.hamlet_election
    return list(rules.eligibility_problems(
        election_date=he.election_date, window_start=he.election.election_start,
        window_end=he.election.election_end, date_of_birth=nominee.date_of_birth,
        is_permanent_resident=nominee.is_permanent_resident, on_election_team=nominee.on_election_team,
        active_count_other=others.count(),
    ).values())


def nominee_warnings(nominee: Nominee) -> list[str]:
    """What was accepted about a saved nominee without being verified: an age that depends on the
    hamlet's election date not set yet (TT 04/2012 Điều 11), a secretary the cell has not recorded
    (Đề án 02-ĐA/TU). The pages show them after a save; the import may too."""
    return nominee_checks([nominee])[nominee.pk].warnings


def _save_nominee(nominee: Nominee, by: User) -> Nominee:
    # The campaign's row is the lock that keeps two districts from nominating one person at once.
    list(Election.objects.select_for_update().filter(pk=nominee.hamlet_election.election_id).values_list("pk"))
    errors = nominee_validate(nominee)
    if errors:
        raise ValidationError(errors)
    audited_save(nominee, by=by, clean=False)
    return nominee


def nominee_create(*, by: User, hamlet_election: HamletElection, **fields) -> Nominee:
    """Add a nominee to a hamlet while the district's list is a draft or returned."""
    unknown = set(fields) - set(NOMINEE_FIELDS)
    if unknown:
        raise TypeError(f"unknown nominee fields: {sorted(unknown)}")
    with transaction.atomic():
        nominee_list = list_for_hamlet_election(hamlet_election)
        nominee_list = NomineeList.objects.select_for_update().select_related("election").get(pk=nominee_list.pk)
        _require_editable(nominee_list, by)
        nominee = Nominee(hamlet_election=hamlet_election, nominee_list=nominee_list, created_by=by, **fields)
        return _save_nominee(nominee, by)


def nominee_update(*, by: User, nominee: Nominee, **changes) -> Nominee:
    """Change a nominee's details while the district's list is a draft or returned."""
    unknown = set(changes) - set(NOMINEE_FIELDS)
    if unknown:
        raise TypeError(f"unknown nominee fields: {sorted(unknown)}")
    with transaction.atomic():
        nominee_list = NomineeList.objects.select_for_update().select_related("election").get(
            pk=nominee.nominee_list_id)
        _require_editable(nominee_list, by)
        if not nominee.is_active:
            raise ValidationError(_("A withdrawn nominee cannot be changed."))
        for key, value in changes.items():
            setattr(nominee, key, value)
        return _save_nominee(nominee, by)


def nominee_withdraw(*, nominee: Nominee, reason: str, by: User) -> Nominee:
    """Withdraw a nominee (with the reason) while the district's list is a draft or returned.

    Used by the complaints app when a complaint about the nominee is upheld.
    """
    reason = nfc(reason)
    if not reason:
        raise ValidationError({"reason": _("Say why the nominee is withdrawn.")})
    with transaction.atomic():
        nominee_list = NomineeList.objects.select_for_update().select_related("election").get(
            pk=nominee.nominee_list_id)
        _require_editable(nominee_list, by)
        nominee = Nominee.objects.select_for_update().get(pk=nominee.pk)
        if not nominee.is_active:
            raise ValidationError(_("This nominee has already been withdrawn."))
        nominee.status = NomineeStatus.WITHDRAWN
        nominee.withdrawn_reason, nominee.withdrawn_by, nominee.withdrawn_at = reason, by, timezone.now()
        audited_save(nominee, by=by, clean=False)
    return nominee


def nominee_withdraw_for_upheld_complaint(*, nominee: Nominee, reason: str, by: User) -> Nominee:
    """A substantiated complaint or denunciation about a nominee withdraws them and, when the
    district's list was already submitted or accepted, returns the list to the district for a
    replacement (CV 3321-CV/TU: settle every letter about nominated people before the vote).

    The complaints app has checked that `by` handles the letter; here `by` must still be an officer
    or leader whose territory holds the hamlet.
    """
    reason = nfc(reason)
    if not reason:
        raise ValidationError({"reason": _("Say why the nominee is withdrawn.")})
    with transaction.atomic():
        nominee = Nominee.objects.select_for_update().select_related("hamlet_election__hamlet").get(pk=nominee.pk)
        hamlet = nominee.hamlet_election.hamlet
        if not (by.is_superuser or (holds(by, "nominee.withdraw") and scope_of(by).contains(hamlet))):
            raise PermissionDenied(_("Your organisation or role does not allow this action."))
        if not nominee.is_active:
            raise ValidationError(_("This nominee has already been withdrawn."))
        locked = NomineeList.objects.select_for_update().get(pk=nominee.nominee_list_id)
        if locked.status in COMPLAINT_RETURNABLE:
            from_status, now = locked.status, timezone.now()
            locked.status, locked.return_reason, locked.decided_at, locked.decided_by = (
                ListStatus.RETURNED, reason, now, by)
            audited_save(locked, by=by, clean=False)
            NomineeListEvent.objects.create(nominee_list=locked, from_status=from_status, to_status=locked.status,
                                            reason=reason, content_hash=list_content_hash(locked), by=by)
        nominee.status = NomineeStatus.WITHDRAWN
        nominee.withdrawn_reason, nominee.withdrawn_by, nominee.withdrawn_at = reason, by, timezone.now()
        audited_save(nominee, by=by, clean=False)
    return nominee


# --- concurrency exceptions ------------------------------------------------------------------

def exception_request(*, by: User, hamlet_election: HamletElection, reason: str,
                      explanation: str) -> ConcurrencyException:
    """A district officer asks that this hamlet's nominees need not include the party cell secretary
    (Đề án 02-ĐA/TU): only a hamlet whose active nominees do not include the secretary needs one."""
    with transaction.atomic():
        nominee_list = list_for_hamlet_election(hamlet_election)
        nominee_list = NomineeList.objects.select_for_update().select_related("election").get(pk=nominee_list.pk)
        if not (by.is_superuser or rules.is_owner(by, nominee_list, action="exception.request")):
            raise PermissionDenied(_("Only officers of the district that owns this list may request an exception."))
        if not nominee_list.is_editable:
            raise ValidationError(list_locked_message(nominee_list, what="request"))
        if not needs_exception(Nominee.objects.filter(hamlet_election=hamlet_election, status=NomineeStatus.ACTIVE)):
            raise ValidationError(_("An exception is needed only for a hamlet whose nominees do not include the "
                                    "party cell secretary."))
        if ConcurrencyException.objects.filter(
                hamlet_election=hamlet_election,
                decision__in=[ExceptionDecision.PENDING, ExceptionDecision.APPROVED]).exists():
            raise ValidationError(_("This hamlet already has a pending or approved exception."))
        exception = ConcurrencyException(hamlet_election=hamlet_election, nominee_list=nominee_list,
                                         reason=reason, explanation=nfc(explanation), requested_by=by)
        audited_save(exception, by=by, exclude=["nominee_list", "hamlet_election"])
    return exception


def exception_decide(*, by: User, exception: ConcurrencyException, decision: str, decision_number: str,
                     decision_date: datetime.date) -> ConcurrencyException:
    """The district standing committee (a district LEADER records it) approves or refuses a request,
    with the decision's number and date (Đề án 02-ĐA/TU: decided case by case)."""
    if decision not in (ExceptionDecision.APPROVED, ExceptionDecision.REFUSED):
        raise ValidationError({"decision": _("Choose approve or refuse.")})
    errors = {}
    decision_number = nfc(decision_number)
    if not decision_number:
        errors["decision_number"] = _("Enter the number of the decision.")
    if not decision_date:
        errors["decision_date"] = _("Enter the date of the decision.")
    elif decision_date > timezone.localdate():
        errors["decision_date"] = _("The decision date is in the future.")
    if errors:
        raise ValidationError(errors)
    with transaction.atomic():
        nominee_list = NomineeList.objects.select_for_update().get(pk=exception.nominee_list_id)
        if not (by.is_superuser or rules.is_owner(by, nominee_list, action="exception.decide")):
            raise PermissionDenied(_("Only a leader of the district that owns this list may decide an exception."))
        if not nominee_list.is_editable:
            raise ValidationError(list_locked_message(nominee_list, what="decide"))
        exception = ConcurrencyException.objects.select_for_update().get(pk=exception.pk)
        if exception.decision != ExceptionDecision.PENDING:
            raise ValidationError(_("This exception has already been decided."))
        exception.decision, exception.decision_number = decision, decision_number
        exception.decision_date = decision_date
        exception.decided_by, exception.decided_at = by, timezone.now()
        audited_save(exception, by=by, clean=False)
    return exception
