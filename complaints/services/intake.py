"""Intake of letters: registration, assignment and classification.

Sources (research/domain-rules.md §2, §6.6): QĐ 30-QĐ/TW Điều 32 (kept by QĐ 22-QĐ/TW, HD 02-HD/TW)
for the denunciations the Party does not process; Luật Tố cáo 2018 Điều 25 for anonymous and
false-name letters and for checking a letter that has refusal grounds; Luật Khiếu nại 2011 Điều 8
and 11 for complaints (several complainants speak through a representative; an unsigned complaint
is not accepted).

Nothing here logs or echoes the sender's identity (`sensitive_variables` keeps it out of error
reports).
"""


from datetime import date

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.utils.translation import gettext as _
from django.views.decorators.debug import sensitive_variables

from accounts.models import User
from common.services import audited_save
from common.text import nfc, search_key
from territory.models import Level

from .. import deadlines, rules
from ..models import (
    OVERRIDABLE_GROUNDS,
    Attachment,
    ComplainantIdentity,
    Complaint,
    ComplaintEvent,
    Complexity,
    Kind,
    RefusalGround,
    Status,
)
from ..uploads import check_scan
from .workflow import complaint_transition


@sensitive_variables("sender_name", "sender_address", "sender_phone", "sender_id_number")
def complaint_register(*, by: User, kind: str, channel: str, received_on: date, hamlet, summary: str,
                       content: str = "", forwarded_by: str = "", hamlet_election=None, nominee=None,
                       about_election: bool = False, signatories: int = 1, signed_in_person: bool = True,
                       complexity: str = Complexity.SIMPLE, complexity_reason: str = "",
                       handler=None, approver=None, sender_name: str = "", sender_address: str = "",
                       sender_phone: str = "", sender_id_number: str = "",
                       scans: list[UploadedFile] | tuple = ()) -> Complaint:
    """Record a letter as received: its facts, the sender's identity (encrypted, apart), its scans,
    and its deadlines (acceptance per kind; the election deadline of its hamlet's vote).

    A letter about a nominee belongs to the nominee's hamlet election. A letter about the hamlet's
    election itself (`about_election`: the vote, the roll, the count) names no nominee and belongs to
    the hamlet's election in the active campaign; either way it blocks that election's decision
    until settled (CV 3321-CV/TU). The complexity is recorded with its reason (Luật Tố cáo 2018
    Điều 30, Luật Khiếu nại 2011 Điều 28)."""
    if not rules.can_register(by):
        raise PermissionDenied(_("Your organisation or role does not allow registering letters."))
    errors: dict[str, list[str]] = {}
    if hamlet is None or hamlet.level != Level.HAMLET:
        errors.setdefault("hamlet", []).append(_("Choose a hamlet."))
    elif not rules.covers(by, hamlet):
        raise PermissionDenied(_("This hamlet is outside your area."))
    if nominee is not None:
        if hamlet is not None and nominee.hamlet_election.hamlet_id != hamlet.pk:
            errors.setdefault("nominee", []).append(_("This nominee does not stand in the chosen hamlet."))
        hamlet_election = hamlet_election or nominee.hamlet_election
        if nominee.hamlet_election_id != hamlet_election.pk:
            errors.setdefault("nominee", []).append(_("This nominee does not stand in the chosen hamlet election."))
    elif about_election and hamlet_election is None and hamlet is not None and hamlet.level == Level.HAMLET:
        hamlet_election = deadlines.active_hamlet_election(hamlet)
        if hamlet_election is None:
            errors.setdefault("about_election", []).append(
                _("This hamlet has no election in an active campaign."))
    if hamlet_election is not None and hamlet is not None and hamlet_election.hamlet_id != hamlet.pk:
        errors.setdefault("hamlet_election", []).append(_("This election is not the chosen hamlet's."))
    if complexity not in Complexity.values:
        errors.setdefault("complexity", []).append(_("Choose how complex the case is."))
    elif complexity != Complexity.SIMPLE and not (complexity_reason or "").strip():
        errors.setdefault("complexity_reason", []).append(_("Say why the case is complex."))
    if kind not in Kind.values:
        errors.setdefault("kind", []).append(_("Choose the kind of letter."))
    if received_on is None:
        errors.setdefault("received_on", []).append(_("Give the date of receipt."))
    elif received_on > deadlines.today():
        errors.setdefault("received_on", []).append(_("The date of receipt cannot be in the future."))
    handler = handler or by
    if hamlet is not None and hamlet.level == Level.HAMLET:
        if not (handler.is_superuser and handler == by) and not rules.can_be_handler(handler, hamlet):
            errors.setdefault("handler", []).append(
                _("The handler must be an officer or leader of a committee over this hamlet."))
        if approver is not None and not rules.can_be_approver(approver, hamlet):
            errors.setdefault("approver", []).append(
                _("The approving leader must be a leader of a committee over this hamlet."))
    if channel == "forwarded" and not nfc(forwarded_by):
        errors.setdefault("forwarded_by", []).append(_("Say which body forwarded the letter."))
    checked_scans = []
    for index, scan in enumerate(scans, start=1):
        try:
            checked_scans.append((scan, check_scan(scan)))
        except ValidationError as exc:
            errors.setdefault("scans", []).extend(
                [_("File %(n)s: %(message)s") % {"n": index, "message": m} for m in exc.messages])
    if errors:
        raise ValidationError(errors)

    complaint = Complaint(
        kind=kind, channel=channel, received_on=received_on, forwarded_by=nfc(forwarded_by), hamlet=hamlet,
        hamlet_election=hamlet_election, nominee=nominee, signatories=signatories,
        signed_in_person=signed_in_person, complexity=complexity,
        complexity_reason=(complexity_reason or "").strip() if complexity != Complexity.SIMPLE else "",
        summary=nfc(summary),
        search_summary=search_key(summary), content=(content or "").strip(), handler=handler, approver=approver,
        created_by=by, status=Status.RECEIVED,
    )
    complaint.acceptance_due = deadlines.acceptance_due(kind, received_on)
    complaint.election_due = deadlines.election_due_for(complaint)
    complaint.due_on = deadlines.current_due(complaint)
    identity = ComplainantIdentity(name=nfc(sender_name), address=nfc(sender_address), phone=nfc(sender_phone),
                                   id_number=nfc(sender_id_number))
    with transaction.atomic():
        audited_save(complaint, by=by)
        identity.complaint = complaint
        identity.full_clean()
        identity.save()
        for scan, content_type in checked_scans:
            Attachment.objects.create(complaint=complaint, file=scan, content_type=content_type, size=scan.size,
                                      uploaded_by=by)
        ComplaintEvent.objects.create(complaint=complaint, to_status=Status.RECEIVED, by=by)
    return complaint


def complaint_assign(*, complaint: Complaint, handler, approver=None, by: User) -> Complaint:
    """A leader of a committee over the hamlet sets the handler (and the approving leader)."""
    if not rules.can_assign(by, complaint):
        raise PermissionDenied(_("Only a leader of a committee over this hamlet may assign letters."))
    if not complaint.is_open:
        raise ValidationError(_("This letter is settled; it can no longer be reassigned."))
    errors = {}
    if not rules.can_be_handler(handler, complaint.hamlet):
        errors["handler"] = _("The handler must be an officer or leader of a committee over this hamlet.")
    if approver is not None and not rules.can_be_approver(approver, complaint.hamlet):
        errors["approver"] = _("The approving leader must be a leader of a committee over this hamlet.")
    if errors:
        raise ValidationError(errors)
    with transaction.atomic():
        complaint.handler, complaint.approver = handler, approver or complaint.approver
        audited_save(complaint, by=by)
        ComplaintEvent.objects.create(
            complaint=complaint, from_status=complaint.status, to_status=complaint.status, by=by,
            internal_note=_("Assigned to %(handler)s.") % {"handler": handler})
    return complaint


# --- classification --------------------------------------------------------------------------

def refusal_grounds(complaint: Complaint, *, false_name: bool = False, already_concluded: bool = False,
                    outside_remit: bool = False) -> list[str]:
    """The grounds for not processing this letter, by its kind. The first ones are read from the
    letter itself, false name, already concluded and outside our remit are the officer's findings.

    - Every kind: no name (anonymous) or a false name (Luật Tố cáo 2018 Điều 25; DESIGN §4:
      recorded and closed as not processed), already concluded with no new evidence, outside our remit.
    - Denunciation (tố cáo): also no clear address, two or more signatories, not signed in person
      (QĐ 30-QĐ/TW Điều 32 k5 đ5.1.1, kept by QĐ 22-QĐ/TW and HD 02-HD/TW).
    - Complaint (khiếu nại): also no signature at all (Luật Khiếu nại 2011 Điều 11 k6). A complaint
      signed by several people is handled through the representative they name (Điều 8 k4), whose
      details are the sender's identity; one signed for the complainant by someone else is too.
    - Petition and feedback (kiến nghị, phản ánh): processed whoever signed them.
    """
    identity = getattr(complaint, "identity", None)
    denunciation = complaint.kind == Kind.DENUNCIATION
    grounds = []
    if identity is None or not identity.is_named:
        grounds.append(RefusalGround.ANONYMOUS)
    if false_name:
        grounds.append(RefusalGround.FALSE_NAME)
    if denunciation and (identity is None or not identity.has_address):
        grounds.append(RefusalGround.NO_ADDRESS)
    if denunciation and complaint.signatories >= 2:
        grounds.append(RefusalGround.MULTIPLE_SIGNATORIES)
    if (denunciation and (complaint.signatories == 0 or not complaint.signed_in_person)) or (
            complaint.kind == Kind.COMPLAINT and complaint.signatories == 0):
        grounds.append(RefusalGround.NOT_SIGNED)
    if already_concluded:
        grounds.append(RefusalGround.ALREADY_CONCLUDED)
    if outside_remit:
        grounds.append(RefusalGround.OUTSIDE_REMIT)
    return [str(g) for g in grounds]


def grounds_text(grounds: list[str]) -> str:
    return "; ".join(str(RefusalGround(g).label) for g in grounds)


def complaint_classify(*, complaint: Complaint, by: User, false_name: bool = False, already_concluded: bool = False,
                       outside_remit: bool = False, forwarded_to: str = "", request_check: bool = False,
                       justification: str = "", internal_note: str = "", message_to_sender: str = "") -> Complaint:
    """Classify a received letter. With any refusal ground it is not processed, with the reasons
    recorded, unless the handler asks (with a written justification) that its clear, verifiable
    content be checked anyway, which a leader must then approve (Luật Tố cáo 2018 Điều 25)."""
    grounds = refusal_grounds(complaint, false_name=false_name, already_concluded=already_concluded,
                              outside_remit=outside_remit)
    forwarded_to, justification = nfc(forwarded_to), (justification or "").strip()
    if outside_remit and not forwarded_to:
        raise ValidationError({"forwarded_to": _("Say where the letter is forwarded to.")})
    if request_check:
        if not grounds:
            raise ValidationError(_("This letter has no refusal ground: accept it instead."))
        if set(grounds) - OVERRIDABLE_GROUNDS:
            raise ValidationError(_("A letter already concluded or outside our remit cannot be sent for checking."))
        if not justification:
            raise ValidationError({"justification": _("Explain why the content is clear and can be verified.")})
    with transaction.atomic():
        complaint_transition(complaint=complaint, to=Status.CLASSIFIED, by=by, internal_note=internal_note,
                             changes={"refusal_grounds": grounds, "forwarded_to": forwarded_to})
        if grounds and request_check:
            complaint_transition(complaint=complaint, to=Status.CHECK_REQUESTED, by=by, internal_note=justification,
                                 changes={"check_justification": justification, "check_requested_by": by})
        elif grounds:
            reason = grounds_text(grounds)
            if forwarded_to:
                reason += " — " + _("forwarded to %(body)s") % {"body": forwarded_to}
            complaint_transition(complaint=complaint, to=Status.NOT_PROCESSED, by=by, internal_note=reason,
                                 message_to_sender=message_to_sender, changes={"closed_on": deadlines.today()})
    return complaint


def complaint_decide_check(*, complaint: Complaint, approve: bool, by: User, note: str = "") -> Complaint:
    """A leader (not the officer who asked) approves or refuses checking a letter that has refusal
    grounds; approving accepts it for checking and makes the leader its approver."""
    if complaint.check_requested_by_id == by.pk:
        raise PermissionDenied(_("The officer who asked for the check cannot approve it."))
    if approve:
        accepted_on = deadlines.today()
        return complaint_transition(
            complaint=complaint, to=Status.ACCEPTED, by=by, internal_note=note,
            changes={"approver": by, "accepted_on": accepted_on,
                     "resolution_due": deadlines.resolution_due(complaint.kind, accepted_on,
                                                                complexity=complaint.complexity)})
    reason = grounds_text(complaint.refusal_grounds)
    return complaint_transition(complaint=complaint, to=Status.NOT_PROCESSED, by=by,
                                internal_note=(note or reason), changes={"closed_on": deadlines.today()})
