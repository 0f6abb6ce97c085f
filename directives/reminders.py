"""The daily reminder service (run by Celery beat through `directives.tasks`).

Reminds recipients that have not acknowledged after DIRECTIVE_ACK_REMINDER_DAYS days, or whose
plan or report is overdue: a Reminder row (shown in their inbox) and an e-mail where the
organisation has an address. The unique (dispatch, kind, day) constraint means a recipient is
never reminded twice the same day for the same thing, even if the job runs twice.
"""

import datetime
from collections import defaultdict

from django.conf import settings
from django.core import mail
from django.db import transaction
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from .models import Dispatch, Reminder, ReminderChannel, ReminderKind
from .selectors import reminder_candidates


@transaction.atomic
def reminders_send(*, today: datetime.date | None = None) -> dict[str, int]:
    """Record today's reminders and e-mail the organisations that have an address (after commit).
    Returns the number of new reminders per kind."""
    today = today or timezone.localdate()
    candidates = reminder_candidates(today, settings.DIRECTIVE_ACK_REMINDER_DAYS)
    already = set(Reminder.objects.filter(sent_on=today).values_list("dispatch_id", "kind"))
    rows, counts = [], {}
    by_email: dict[str, list[tuple[Dispatch, str]]] = defaultdict(list)
    for kind, qs in candidates.items():
        new = [d for d in qs.select_related("directive", "organisation") if (d.pk, kind) not in already]
        counts[kind] = len(new)
        for dispatch in new:
            email = dispatch.organisation.email
            rows.append(Reminder(dispatch=dispatch, kind=kind, sent_on=today,
                                 channel=ReminderChannel.EMAIL if email else ReminderChannel.PORTAL))
            if email:
                by_email[email].append((dispatch, kind))
    Reminder.objects.bulk_create(rows, ignore_conflicts=True, batch_size=2000)
    if rows:  # their history in one insert too (bulk_create skips django-simple-history's signals)
        created = [r for r in Reminder.objects.filter(sent_on=today) if (r.dispatch_id, r.kind) not in already]
        Reminder.history.bulk_history_create(created, batch_size=2000)
    if by_email:
        transaction.on_commit(lambda: _send_emails(by_email))
    return counts


def _send_emails(by_email: dict[str, list[tuple[Dispatch, str]]]) -> None:
    labels = dict(ReminderKind.choices)
    with translation.override(settings.LANGUAGE_CODE):
        messages = []
        for address, items in by_email.items():
            lines = [f"- {d.directive.number} ({d.directive.summary}): {labels[kind]}" for d, kind in items]
            body = "\n".join([
                _("Dear %(organisation)s,") % {"organisation": items[0][0].organisation},
                "",
                _("The portal reminds you of these directives:"),
                *lines,
                "",
                _("Please sign in to the portal to acknowledge them or submit what is due."),
            ])
            messages.append(mail.EmailMessage(_("Reminder: directives awaiting your action"), body,
                                              settings.DEFAULT_FROM_EMAIL, [address]))
        with mail.get_connection() as connection:
            connection.send_messages(messages)
