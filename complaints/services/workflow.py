"""The letter workflow as data (research/domain-rules.md §2, §6.6) and the one service that performs a
transition: it checks the map and the actor, recomputes the deadline, saves with history and appends
the timeline row."""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from accounts.models import User
from common.services import audited_save
from common.text import nfc

from .. import deadlines, rules
from ..models import Complaint, ComplaintEvent, Kind, Status

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


def available_actions(complaint: Complaint, user) -> list[str]:
    """The steps `user` may take on `complaint` now, in the order the letter's page offers them: the
    transitions the map allows this user, narrowed by the state of the letter (no acceptance with
    refusal grounds, no approving one's own check request, a denunciation's extensions as many as its
    complexity allows, no closing while the conclusion's effect is pending)."""
    targets = set(allowed_targets(complaint, user))
    keys = []
    if Status.CLASSIFIED in targets:
        keys.append("phan-loai")
    if complaint.status == Status.CHECK_REQUESTED and Status.ACCEPTED in targets \
            and complaint.check_requested_by_id != user.pk:
        keys.append("duyet-kiem-tra")
    if complaint.status == Status.CLASSIFIED and Status.ACCEPTED in targets and not complaint.refusal_grounds:
        keys.append("thu-ly")
    if Status.VERIFYING in targets:
        keys.append("xac-minh")
    if Status.CONCLUDED in targets:
        keys.append("ket-luan")
    if Status.EXTENDED in targets and complaint.kind == Kind.DENUNCIATION \
            and complaint.extensions < deadlines.allowed_extensions(complaint.kind, complaint.complexity):
        keys.append("gia-han")
    if complaint.status in deadlines.ACCEPTANCE_STEP + deadlines.RESOLUTION_STEP and rules.is_handler(user, complaint):
        keys.append("muc-do")
    if complaint.effect_pending and rules.can_register(user):
        keys.append("ap-dung")
    if Status.NOTIFIED in targets:
        keys.append("thong-bao")
    if Status.CLOSED in targets and not complaint.effect_pending and (
            complaint.status == Status.NOTIFIED or complaint.refusal_grounds):
        keys.append("dong")
    if complaint.is_open and rules.can_assign(user, complaint):
        keys.append("phan-cong")
    return keys


def complaint_transition(*, complaint: Complaint, to: str, by: User, internal_note: str = "",
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
        # The hamlet's election date may have been set or moved since the letter arrived.
        locked.election_due = deadlines.election_due_for(locked)
        locked.due_on = deadlines.current_due(locked)
        audited_save(locked, by=by)
        ComplaintEvent.objects.create(complaint=locked, from_status=from_status, to_status=to, by=by,
                                      internal_note=nfc(internal_note), message_to_sender=nfc(message_to_sender),
                                      effect=effect)
    complaint.refresh_from_db()
    return complaint
