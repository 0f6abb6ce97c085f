"""Nominees: every check a nominee must pass before it is saved (TT 04/2012 Điều 11, NĐ 59/2023,
Đề án 02-ĐA/TU: one person, one nomination; the cell secretary), adding, changing and withdrawing
them, and the withdrawal an upheld complaint forces (CV 3321-CV/TU)."""


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

from .. import rules
from ..models import (
    ListStatus,
    Nominee,
    NomineeList,
    NomineeListEvent,
    NomineeStatus,
    citizen_id_blind_index,
    normalise_citizen_id,
)
from ..selectors import (
    nominee_checks,
)
from .lists import COMPLAINT_RETURNABLE, NOMINEE_FIELDS, _require_editable, list_content_hash, list_for_hamlet_election

# Text fields checked by `common.text.plain_text_problem`: a name (no leading = + - @), or free text.
PLAIN_TEXT_FIELDS = {"full_name": False, "ethnicity": False, "education": True, "party_post": True, "notes": True}


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
