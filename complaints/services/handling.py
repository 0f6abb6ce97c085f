"""Handling of accepted letters: verification, extension, conclusion and its effect on the election,
notice and closing.

Sources (research/domain-rules.md §2, §6.6): Luật Tố cáo 2018 and NĐ 31/2019 for denunciations
(deadlines, extensions); Luật Khiếu nại 2011 for complaints; Công văn 3321-CV/TU for settling every
letter about a nominee before the vote.
"""


from datetime import date

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from accounts.models import User
from common.services import audited_save
from common.text import nfc

from .. import deadlines, rules
from ..models import (
    Complaint,
    ComplaintEvent,
    Complexity,
    Kind,
    Outcome,
    Status,
)
from .intake import grounds_text
from .workflow import complaint_transition


def complaint_accept(*, complaint: Complaint, by: User, accepted_on: date | None = None, internal_note: str = "",
                     message_to_sender: str = "") -> Complaint:
    """Accept (thụ lý) a classified letter with no refusal ground; the resolution deadline runs
    from the acceptance date."""
    if complaint.refusal_grounds:
        raise ValidationError(_("This letter has refusal grounds (%(grounds)s): it cannot be accepted.")
                              % {"grounds": grounds_text(complaint.refusal_grounds)})
    accepted_on = accepted_on or deadlines.today()
    if accepted_on < complaint.received_on or accepted_on > deadlines.today():
        raise ValidationError({"accepted_on": _("The acceptance date must lie between receipt and today.")})
    return complaint_transition(
        complaint=complaint, to=Status.ACCEPTED, by=by, internal_note=internal_note,
        message_to_sender=message_to_sender,
        changes={"accepted_on": accepted_on,
                 "resolution_due": deadlines.resolution_due(complaint.kind, accepted_on,
                                                            complexity=complaint.complexity)})


def complaint_start_verification(*, complaint: Complaint, by: User, internal_note: str = "") -> Complaint:
    return complaint_transition(complaint=complaint, to=Status.VERIFYING, by=by, internal_note=internal_note)


def complaint_set_complexity(*, complaint: Complaint, complexity: str, reason: str = "", by: User) -> Complaint:
    """Record how complex the case is, with the reason (required unless simple). The level sets
    how long a complaint has (Luật Khiếu nại 2011 Điều 28: 45 days when complex) and how often a
    denunciation may be extended (Luật Tố cáo 2018 Điều 30); it cannot fall below the extensions
    already granted. Only the handler, while the letter is being handled."""
    if not rules.is_handler(by, complaint):
        raise PermissionDenied(_("Only the letter's handler may do this."))
    if complaint.status not in deadlines.ACCEPTANCE_STEP + deadlines.RESOLUTION_STEP:
        raise ValidationError(_("The complexity can be recorded only while the letter is being handled."))
    reason = nfc(reason)
    if complexity not in Complexity.values:
        raise ValidationError({"complexity": _("Choose how complex the case is.")})
    if complexity != Complexity.SIMPLE and not reason:
        raise ValidationError({"reason": _("Say why the case is complex.")})
    if complaint.extensions > deadlines.allowed_extensions(complaint.kind, complexity):
        raise ValidationError({"complexity": _(
            "The deadline was already extended %(n)s times: the case cannot be less complex than that "
            "(Luật Tố cáo 2018, Điều 30).") % {"n": complaint.extensions}})
    with transaction.atomic():
        locked = Complaint.objects.select_for_update().get(pk=complaint.pk)
        locked.complexity, locked.complexity_reason = complexity, reason if complexity != Complexity.SIMPLE else ""
        if locked.accepted_on:
            locked.resolution_due = deadlines.resolution_due(locked.kind, locked.accepted_on, complexity=complexity,
                                                             extensions=locked.extensions)
        locked.due_on = deadlines.current_due(locked)
        audited_save(locked, by=by)
        ComplaintEvent.objects.create(
            complaint=locked, from_status=locked.status, to_status=locked.status, by=by,
            internal_note=(_("Complexity: %(level)s. %(reason)s") % {
                "level": Complexity(complexity).label, "reason": reason}).strip())
    complaint.refresh_from_db()
    return complaint


def complaint_extend(*, complaint: Complaint, reason: str, by: User) -> Complaint:
    """Extend a denunciation's resolution deadline by 30 days: never for a simple case, once for a
    complex one, twice for an especially complex one (Luật Tố cáo 2018 Điều 30; NĐ 31/2019)."""
    if complaint.kind != Kind.DENUNCIATION or not deadlines.rules_for(complaint.kind)["max_extensions"]:
        raise ValidationError(_("Only a denunciation's deadline can be extended."))
    allowed = deadlines.allowed_extensions(complaint.kind, complaint.complexity)
    if complaint.extensions >= allowed:
        raise ValidationError(_(
            "This denunciation is recorded as %(level)s: its deadline may be extended %(allowed)s times and "
            "has been extended %(n)s times (Luật Tố cáo 2018, Điều 30: no extension for a simple case, one for "
            "a complex case, two for an especially complex case). If the case is more complex, record that and "
            "its reason first.") % {"level": Complexity(complaint.complexity).label.lower(), "allowed": allowed,
                                    "n": complaint.extensions})
    if not (reason or "").strip():
        raise ValidationError({"reason": _("Say why the deadline is extended.")})
    extensions = complaint.extensions + 1
    return complaint_transition(
        complaint=complaint, to=Status.EXTENDED, by=by, internal_note=reason,
        changes={"extensions": extensions,
                 "resolution_due": deadlines.resolution_due(complaint.kind, complaint.accepted_on,
                                                            complexity=complaint.complexity,
                                                            extensions=extensions)})


def complaint_conclude(*, complaint: Complaint, outcome: str, conclusion_number: str, conclusion_date: date,
                       by: User, internal_note: str = "", message_to_sender: str = "") -> Complaint:
    """Record the conclusion (number and date). A substantiated conclusion about a nominee withdraws
    them and returns the district's list for a replacement (CV 3321-CV/TU: settle before the vote)."""
    errors = {}
    if outcome not in Outcome.values:
        errors["outcome"] = _("Choose the conclusion.")
    if not nfc(conclusion_number):
        errors["conclusion_number"] = _("Give the conclusion's number.")
    if conclusion_date is None:
        errors["conclusion_date"] = _("Give the conclusion's date.")
    elif conclusion_date > deadlines.today() or (complaint.accepted_on and conclusion_date < complaint.accepted_on):
        errors["conclusion_date"] = _("The conclusion date must lie between acceptance and today.")
    if errors:
        raise ValidationError(errors)
    with transaction.atomic():
        complaint_transition(complaint=complaint, to=Status.CONCLUDED, by=by, internal_note=internal_note,
                             message_to_sender=message_to_sender,
                             changes={"outcome": outcome, "conclusion_number": nfc(conclusion_number),
                                      "conclusion_date": conclusion_date})
        if outcome == Outcome.SUBSTANTIATED and complaint.nominee_id:
            complaint_apply_conclusion(complaint=complaint, by=by)
    return complaint


def complaint_apply_conclusion(*, complaint: Complaint, by: User) -> Complaint:
    """Withdraw the nominee of a substantiated letter and, if their list was submitted or accepted,
    return it to the district for a replacement (the candidates app's service does both in one
    transaction). A refusal is recorded and left pending, so that someone it allows, e.g. the
    provincial office, can apply the conclusion from the letter's page."""
    from candidates import services as candidate_services
    from candidates.models import ListStatus, Nominee

    if complaint.outcome != Outcome.SUBSTANTIATED or not complaint.nominee_id:
        raise ValidationError(_("Only a substantiated conclusion about a nominee changes the nominee list."))
    nominee = Nominee.objects.select_related("nominee_list__unit").get(pk=complaint.nominee_id)
    reason = _("Letter %(ref)s substantiated (conclusion %(number)s of %(date)s).") % {
        "ref": complaint.reference, "number": complaint.conclusion_number,
        "date": f"{complaint.conclusion_date:%d/%m/%Y}"}
    notes, pending = [], False
    nominee_list = nominee.nominee_list
    if nominee.is_active:
        list_was_final = nominee_list.status in (ListStatus.SUBMITTED, ListStatus.ACCEPTED)
        try:
            with transaction.atomic():
                candidate_services.nominee_withdraw_for_upheld_complaint(nominee=nominee, reason=reason, by=by)
            if list_was_final:
                notes.append(_("The nominee list of %(unit)s was returned for a replacement.")
                             % {"unit": nominee_list.unit})
            notes.append(_("%(name)s was withdrawn.") % {"name": nominee.full_name})
        except (ValidationError, PermissionDenied) as exc:
            pending = True
            notes.append(_("The nominee was not withdrawn: %(why)s") % {"why": _reason(exc)})
    with transaction.atomic():
        complaint.effect_pending = pending
        audited_save(complaint, by=by)
        ComplaintEvent.objects.create(complaint=complaint, from_status=complaint.status,
                                      to_status=complaint.status, by=by, effect="\n".join(notes))
    return complaint


def _reason(exc: Exception) -> str:
    if isinstance(exc, ValidationError):
        return " ".join(exc.messages)
    return str(exc) or _("not allowed")


def complaint_notify(*, complaint: Complaint, notified_on: date | None = None, message_to_sender: str,
                     by: User, internal_note: str = "") -> Complaint:
    """Record that the sender was told the outcome (never anything about other people)."""
    notified_on = notified_on or deadlines.today()
    if not (message_to_sender or "").strip():
        raise ValidationError({"message_to_sender": _("Write what was sent to the sender.")})
    if notified_on > deadlines.today() or (complaint.conclusion_date and notified_on < complaint.conclusion_date):
        raise ValidationError({"notified_on": _("The notice date must lie between the conclusion and today.")})
    return complaint_transition(complaint=complaint, to=Status.NOTIFIED, by=by, internal_note=internal_note,
                                message_to_sender=message_to_sender, changes={"notified_on": notified_on})


def complaint_close(*, complaint: Complaint, by: User, internal_note: str = "") -> Complaint:
    """Close a letter settled conclusively: after notifying the sender, or straight after the
    conclusion when there is nobody to notify (an anonymous letter checked on approval)."""
    if complaint.status == Status.CONCLUDED and not complaint.refusal_grounds:
        raise ValidationError(_("Notify the sender of the conclusion before closing the letter."))
    if complaint.effect_pending:
        raise ValidationError(_("The conclusion has not yet been applied to the nominee list."))
    return complaint_transition(complaint=complaint, to=Status.CLOSED, by=by, internal_note=internal_note,
                                changes={"closed_on": deadlines.today()})
