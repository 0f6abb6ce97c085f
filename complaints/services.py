"""Writes for letters: intake, classification, the handling workflow, its effect on the election.

Sources (research/domain-rules.md §2, §6.6): QĐ 30-QĐ/TW Điều 32 (kept by QĐ 22-QĐ/TW, HD 02-HD/TW)
for the letters the Party does not process; Luật Tố cáo 2018 and NĐ 31/2019 for denunciations
(deadlines, extensions, the denouncer's secrecy); Luật Khiếu nại 2011 for complaints; Công văn
3321-CV/TU for settling every letter about a nominee before the vote.

Nothing here logs or echoes the sender's identity (`sensitive_variables` keeps it out of error
reports).
"""

from datetime import date

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.utils.translation import gettext as _
from django.views.decorators.debug import sensitive_variables

from common.text import nfc, search_key
from territory.models import Level

from . import deadlines, rules
from .models import (
    OVERRIDABLE_GROUNDS,
    Attachment,
    ComplainantIdentity,
    Complaint,
    ComplaintEvent,
    IdentityAccessLog,
    Kind,
    Outcome,
    RefusalGround,
    Status,
)
from .uploads import check_scan

HANDLER, LEADER = "handler", "leader"

# The workflow, as data: from -> {to: who may perform it}.
TRANSITIONS: dict[str, dict[str, str]] = {
    Status.RECEIVED: {Status.CLASSIFIED: HANDLER},
    Status.CLASSIFIED: {Status.ACCEPTED: HANDLER, Status.CHECK_REQUESTED: HANDLER, Status.NOT_PROCESSED: HANDLER},
    Status.CHECK_REQUESTED: {Status.ACCEPTED: LEADER, Status.NOT_PROCESSED: LEADER},
    Status.ACCEPTED: {Status.VERIFYING: HANDLER},
    Status.VERIFYING: {Status.EXTENDED: HANDLER, Status.CONCLUDED: HANDLER},
    Status.EXTENDED: {Status.EXTENDED: HANDLER, Status.CONCLUDED: HANDLER},
    Status.CONCLUDED: {Status.NOTIFIED: HANDLER, Status.CLOSED: HANDLER},
    Status.NOTIFIED: {Status.CLOSED: HANDLER},
    Status.CLOSED: {},
    Status.NOT_PROCESSED: {},
}


def allowed_targets(complaint: Complaint, user) -> list[str]:
    """The states `user` may move `complaint` to now (for showing the right buttons)."""
    return [to for to, who in TRANSITIONS[complaint.status].items() if _may_perform(user, complaint, who)]


def _may_perform(user, complaint: Complaint, who: str) -> bool:
    if who == HANDLER:
        return rules.is_handler(user, complaint)
    return rules.can_be_approver(user, complaint.hamlet)


def _save(complaint: Complaint, by) -> None:
    complaint.full_clean()
    complaint._history_user = by
    complaint.save()


def complaint_transition(*, complaint: Complaint, to: str, by, internal_note: str = "",
                         message_to_sender: str = "", effect: str = "", changes: dict | None = None) -> Complaint:
    """Perform one allowed transition: check the map and the actor, apply `changes`, recompute the
    current deadline, save with history and append the timeline row. Refuses everything else."""
    with transaction.atomic():
        locked = Complaint.objects.select_for_update().get(pk=complaint.pk)
        who = TRANSITIONS[locked.status].get(to)
        if who is None:
            raise ValidationError(_("A letter that is “%(from)s” cannot become “%(to)s”.") % {
                "from": locked.get_status_display(), "to": Status(to).label})
        if not _may_perform(by, locked, who):
            raise PermissionDenied(
                _("Only the letter's handler may do this.") if who == HANDLER
                else _("Only a leader of a committee over this hamlet may do this."))
        for key, value in (changes or {}).items():
            setattr(locked, key, value)
        from_status, locked.status = locked.status, to
        locked.due_on = deadlines.current_due(locked)
        _save(locked, by)
        ComplaintEvent.objects.create(complaint=locked, from_status=from_status, to_status=to, by=by,
                                      internal_note=nfc(internal_note), message_to_sender=nfc(message_to_sender),
                                      effect=effect)
    complaint.refresh_from_db()
    return complaint


# --- intake ----------------------------------------------------------------------------------

@sensitive_variables("sender_name", "sender_address", "sender_phone", "sender_id_number")
def complaint_register(*, by, kind: str, channel: str, received_on: date, hamlet, summary: str,
                       content: str = "", forwarded_by: str = "", hamlet_election=None, nominee=None,
                       signatories: int = 1, signed_in_person: bool = True, is_complex: bool = False,
                       handler=None, approver=None, sender_name: str = "", sender_address: str = "",
                       sender_phone: str = "", sender_id_number: str = "",
                       scans: list[UploadedFile] | tuple = ()) -> Complaint:
    """Record a letter as received: its facts, the sender's identity (encrypted, apart), its scans,
    and its deadlines (acceptance per kind; the election deadline of its campaign)."""
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
    if hamlet_election is not None and hamlet is not None and hamlet_election.hamlet_id != hamlet.pk:
        errors.setdefault("hamlet_election", []).append(_("This election is not the chosen hamlet's."))
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
        signed_in_person=signed_in_person, is_complex=is_complex, summary=nfc(summary),
        search_summary=search_key(summary), content=(content or "").strip(), handler=handler, approver=approver,
        created_by=by, status=Status.RECEIVED,
    )
    complaint.acceptance_due = deadlines.acceptance_due(kind, received_on)
    complaint.election_due = deadlines.election_due_for(complaint)
    complaint.due_on = deadlines.current_due(complaint)
    identity = ComplainantIdentity(name=nfc(sender_name), address=nfc(sender_address), phone=nfc(sender_phone),
                                   id_number=nfc(sender_id_number))
    with transaction.atomic():
        _save(complaint, by)
        identity.complaint = complaint
        identity.full_clean()
        identity.save()
        for scan, content_type in checked_scans:
            Attachment.objects.create(complaint=complaint, file=scan, content_type=content_type, size=scan.size,
                                      uploaded_by=by)
        ComplaintEvent.objects.create(complaint=complaint, to_status=Status.RECEIVED, by=by)
    return complaint


def complaint_assign(*, complaint: Complaint, handler, approver=None, by) -> Complaint:
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
        _save(complaint, by)
        ComplaintEvent.objects.create(
            complaint=complaint, from_status=complaint.status, to_status=complaint.status, by=by,
            internal_note=_("Assigned to %(handler)s.") % {"handler": handler})
    return complaint


# --- classification --------------------------------------------------------------------------

def refusal_grounds(complaint: Complaint, *, false_name: bool = False, already_concluded: bool = False,
                    outside_remit: bool = False) -> list[str]:
    """The Party's grounds for not processing this letter (QĐ 30-QĐ/TW Điều 32 k5 đ5.1.1): the
    first five are read from the letter itself, the last three are the officer's findings."""
    identity = getattr(complaint, "identity", None)
    grounds = []
    if identity is None or not identity.is_named:
        grounds.append(RefusalGround.ANONYMOUS)
    if false_name:
        grounds.append(RefusalGround.FALSE_NAME)
    if identity is None or not identity.has_address:
        grounds.append(RefusalGround.NO_ADDRESS)
    if complaint.signatories >= 2:
        grounds.append(RefusalGround.MULTIPLE_SIGNATORIES)
    if complaint.signatories == 0 or not complaint.signed_in_person:
        grounds.append(RefusalGround.NOT_SIGNED)
    if already_concluded:
        grounds.append(RefusalGround.ALREADY_CONCLUDED)
    if outside_remit:
        grounds.append(RefusalGround.OUTSIDE_REMIT)
    return [str(g) for g in grounds]


def grounds_text(grounds: list[str]) -> str:
    return "; ".join(str(RefusalGround(g).label) for g in grounds)


def complaint_classify(*, complaint: Complaint, by, false_name: bool = False, already_concluded: bool = False,
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


def complaint_decide_check(*, complaint: Complaint, approve: bool, by, note: str = "") -> Complaint:
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
                                                                is_complex=complaint.is_complex)})
    reason = grounds_text(complaint.refusal_grounds)
    return complaint_transition(complaint=complaint, to=Status.NOT_PROCESSED, by=by,
                                internal_note=(note or reason), changes={"closed_on": deadlines.today()})


# --- handling --------------------------------------------------------------------------------

def complaint_accept(*, complaint: Complaint, by, accepted_on: date | None = None, internal_note: str = "",
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
                                                            is_complex=complaint.is_complex)})


def complaint_start_verification(*, complaint: Complaint, by, internal_note: str = "") -> Complaint:
    return complaint_transition(complaint=complaint, to=Status.VERIFYING, by=by, internal_note=internal_note)


def complaint_extend(*, complaint: Complaint, reason: str, by) -> Complaint:
    """Extend a denunciation's resolution deadline by 30 days, at most twice (NĐ 31/2019)."""
    rule = deadlines.rules_for(complaint.kind)
    if complaint.kind != Kind.DENUNCIATION or not rule["max_extensions"]:
        raise ValidationError(_("Only a denunciation's deadline can be extended."))
    if complaint.extensions >= rule["max_extensions"]:
        raise ValidationError(_("The deadline has already been extended %(n)s times, the most allowed.")
                              % {"n": complaint.extensions})
    if not (reason or "").strip():
        raise ValidationError({"reason": _("Say why the deadline is extended.")})
    extensions = complaint.extensions + 1
    return complaint_transition(
        complaint=complaint, to=Status.EXTENDED, by=by, internal_note=reason,
        changes={"extensions": extensions,
                 "resolution_due": deadlines.resolution_due(complaint.kind, complaint.accepted_on,
                                                            is_complex=complaint.is_complex,
                                                            extensions=extensions)})


def complaint_conclude(*, complaint: Complaint, outcome: str, conclusion_number: str, conclusion_date: date,
                       by, internal_note: str = "", message_to_sender: str = "") -> Complaint:
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


def complaint_apply_conclusion(*, complaint: Complaint, by) -> Complaint:
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
        _save(complaint, by)
        ComplaintEvent.objects.create(complaint=complaint, from_status=complaint.status,
                                      to_status=complaint.status, by=by, effect="\n".join(notes))
    return complaint


def _reason(exc: Exception) -> str:
    if isinstance(exc, ValidationError):
        return " ".join(exc.messages)
    return str(exc) or _("not allowed")


def complaint_notify(*, complaint: Complaint, notified_on: date | None = None, message_to_sender: str,
                     by, internal_note: str = "") -> Complaint:
    """Record that the sender was told the outcome (never anything about other people)."""
    notified_on = notified_on or deadlines.today()
    if not (message_to_sender or "").strip():
        raise ValidationError({"message_to_sender": _("Write what was sent to the sender.")})
    if notified_on > deadlines.today() or (complaint.conclusion_date and notified_on < complaint.conclusion_date):
        raise ValidationError({"notified_on": _("The notice date must lie between the conclusion and today.")})
    return complaint_transition(complaint=complaint, to=Status.NOTIFIED, by=by, internal_note=internal_note,
                                message_to_sender=message_to_sender, changes={"notified_on": notified_on})


def complaint_close(*, complaint: Complaint, by, internal_note: str = "") -> Complaint:
    """Close a letter settled conclusively: after notifying the sender, or straight after the
    conclusion when there is nobody to notify (an anonymous letter checked on approval)."""
    if complaint.status == Status.CONCLUDED and not complaint.refusal_grounds:
        raise ValidationError(_("Notify the sender of the conclusion before closing the letter."))
    if complaint.effect_pending:
        raise ValidationError(_("The conclusion has not yet been applied to the nominee list."))
    return complaint_transition(complaint=complaint, to=Status.CLOSED, by=by, internal_note=internal_note,
                                changes={"closed_on": deadlines.today()})


# --- confidentiality -------------------------------------------------------------------------

def identity_reveal(*, complaint: Complaint, by, via: str = IdentityAccessLog.Via.PAGE) -> ComplainantIdentity:
    """The sender's identity for the handler or the approving leader, and a log row of the viewing."""
    if not rules.can_view_identity(by, complaint):
        raise PermissionDenied(_("Only the letter's handler and its approving leader may see the sender."))
    identity, _created = ComplainantIdentity.objects.get_or_create(complaint=complaint)
    IdentityAccessLog.objects.create(complaint=complaint, user=by, via=via)
    return identity


def identity_log_admin_view(*, complaint: Complaint, by) -> None:
    IdentityAccessLog.objects.create(complaint=complaint, user=by, via=IdentityAccessLog.Via.ADMIN)


def scan_open(*, attachment: Attachment, by) -> Attachment:
    """A scan shows the sender's handwriting: the same people as the identity, logged the same way."""
    if not rules.can_view_identity(by, attachment.complaint):
        raise PermissionDenied(_("Only the letter's handler and its approving leader may open its scans."))
    IdentityAccessLog.objects.create(complaint=attachment.complaint, user=by, via=IdentityAccessLog.Via.ATTACHMENT)
    return attachment


# --- reminders -------------------------------------------------------------------------------

def handlers_remind() -> int:
    """E-mail each handler the list of their overdue and due-soon letters, once a day at most
    (a `HandlerReminder` row per handler and day). References, hamlets and deadlines only: never
    the sender. Returns how many handlers were reminded."""
    from django.conf import settings
    from django.core.mail import send_mail
    from django.db import IntegrityError
    from django.template.loader import render_to_string
    from django.utils import translation

    from .models import HandlerReminder
    from .selectors import due_reminders

    sent = 0
    today = deadlines.today()
    with translation.override(settings.LANGUAGE_CODE):
        for handler, letters in due_reminders().items():
            try:
                with transaction.atomic():
                    HandlerReminder.objects.create(handler=handler, sent_on=today, complaints=len(letters))
            except IntegrityError:
                continue  # already reminded today
            rows = [(c, deadlines.urgency(c.due_on, on=today)) for c in letters]
            if handler.email:
                body = render_to_string("complaints/email/reminder.txt", {"handler": handler, "rows": rows})
                transaction.on_commit(lambda to=handler.email, body=body: send_mail(
                    _("Letters due for handling"), body, None, [to]))
            sent += 1
    return sent
