"""The sender's secrecy (Luật Tố cáo 2018, NĐ 31/2019): who may see the identity and the scans, each
viewing logged; and the daily reminder to handlers, which never names the sender."""

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.mail import send_mail
from django.db import IntegrityError, transaction
from django.template.loader import render_to_string
from django.utils import translation
from django.utils.translation import gettext as _
from django.views.decorators.debug import sensitive_variables

from accounts.models import User
from common.text import nfc

from .. import deadlines, rules
from ..models import Attachment, ComplainantIdentity, Complaint, HandlerReminder, IdentityAccessLog
from ..selectors import due_reminders


@sensitive_variables("identity")
def identity_reveal(*, complaint: Complaint, by: User, via: str = IdentityAccessLog.Via.PAGE,
                    reason: str = "") -> ComplainantIdentity:
    """The sender's identity, and one log row of the viewing (Luật Tố cáo 2018: the denouncer's name,
    address and handwriting are kept secret; NĐ 13/2023 on personal data).

    The letter's handler and its approving leader see it from the portal. Nobody else does, a
    superuser included, except an administrator holding `complaints.view_identity` who asks through
    the administration and writes down why (the reason is logged with the viewing)."""
    reason = nfc(reason)
    if via == IdentityAccessLog.Via.ADMIN and not rules.can_view_identity(by, complaint):
        if not rules.can_reveal_as_administrator(by):
            raise PermissionDenied(_("Only the letter's handler and its approving leader may see the sender."))
        if not reason:
            raise ValidationError({"reason": _("Say why you need to see the sender: it is recorded.")})
    elif not rules.can_view_identity(by, complaint):
        raise PermissionDenied(_("Only the letter's handler and its approving leader may see the sender."))
    with transaction.atomic():
        identity, _created = ComplainantIdentity.objects.get_or_create(complaint=complaint)
        IdentityAccessLog.objects.create(complaint=complaint, user=by, via=via, reason=reason)
    return identity


def scan_open(*, attachment: Attachment, by: User) -> Attachment:
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
