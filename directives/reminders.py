"""The daily reminder service (run by Celery beat through `directives.tasks`).

Reminds recipients that have not acknowledged after DIRECTIVE_ACK_REMINDER_DAYS days, or whose
plan or report is overdue: a Reminder row (shown in their inbox) and an e-mail where the
organisation has an address. A recipient is reminded at most once a day, even when two runs start
at the same moment (`ReminderDelivery`: one unique row per organisation and day).
"""

import datetime
import uuid
from collections import defaultdict

from django.conf import settings
from django.core import mail
from django.db import transaction
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from accounts.models import Organisation, OrganisationKind

from .models import (
    DifficultyReport,
    DifficultyStatus,
    Dispatch,
    Reminder,
    ReminderChannel,
    ReminderDelivery,
    ReminderKind,
)
from .selectors import reminder_candidates


@transaction.atomic
def reminders_send(*, today: datetime.date | None = None) -> dict[str, int]:
    """Record today's reminders and e-mail the organisations that have an address (after commit).
    Returns the number of new reminders per kind.

    A recipient is reminded at most once a day: each run first claims (organisation, day) rows with
    one insert that skips those already taken (`ReminderDelivery`), and reminds only the
    organisations it claimed, so two runs at the same moment never both send."""
    today = today or timezone.localdate()
    candidates = {kind: list(qs.select_related("directive", "organisation"))
                  for kind, qs in reminder_candidates(today, settings.DIRECTIVE_ACK_REMINDER_DAYS).items()}
    organisations = {d.organisation_id for dispatches in candidates.values() for d in dispatches}
    run = uuid.uuid4()
    ReminderDelivery.objects.bulk_create(
        [ReminderDelivery(organisation_id=pk, sent_on=today, run=run) for pk in organisations],
        ignore_conflicts=True, batch_size=2000)
    claimed = set(ReminderDelivery.objects.filter(sent_on=today, run=run).values_list("organisation_id", flat=True))
    rows, counts = [], {}
    by_email: dict[str, list[tuple[Dispatch, str]]] = defaultdict(list)
    for kind, dispatches in candidates.items():
        new = [d for d in dispatches if d.organisation_id in claimed]
        counts[kind] = len(new)
        for dispatch in new:
            email = dispatch.organisation.email
            rows.append(Reminder(dispatch=dispatch, kind=kind, sent_on=today,
                                 channel=ReminderChannel.EMAIL if email else ReminderChannel.PORTAL))
            if email:
                by_email[email].append((dispatch, kind))
    Reminder.objects.bulk_create(rows, ignore_conflicts=True, batch_size=2000)
    if rows:  # their history in one insert too (bulk_create skips django-simple-history's signals)
        created = Reminder.objects.filter(sent_on=today, dispatch__organisation_id__in=claimed)
        Reminder.history.bulk_history_create(list(created), batch_size=2000)
    if by_email:
        transaction.on_commit(lambda: _send_emails(by_email))
    return counts


@transaction.atomic
def difficulties_escalate(*, today: datetime.date | None = None) -> int:
    """Escalate to the Standing Committee, once, every open difficulty whose answer was due before
    `today` (issue 21 point 4): mark it (`escalated_at`) and e-mail the Standing Committee of the
    directive's province where it has an address (after commit). Two runs at the same moment never
    both escalate one: each marks only the rows still unmarked, with its own timestamp. Returns how
    many difficulties this run escalated."""
    today = today or timezone.localdate()
    now = timezone.now()
    marked = DifficultyReport.objects.filter(status=DifficultyStatus.OPEN, answer_due__lt=today,
                                             escalated_at__isnull=True).update(escalated_at=now)
    if not marked:
        return 0
    escalated = list(DifficultyReport.objects.filter(escalated_at=now)
                     .select_related("dispatch__directive__owner", "dispatch__organisation"))
    DifficultyReport.history.bulk_history_create(escalated, update=True, default_date=now)
    provinces = {r.dispatch.directive.owner.unit_id for r in escalated}
    addresses = dict(Organisation.objects.filter(kind=OrganisationKind.STANDING_COMMITTEE, is_active=True,
                                                 unit_id__in=provinces).exclude(email="")
                     .values_list("unit_id", "email"))
    by_email: dict[str, list[DifficultyReport]] = defaultdict(list)
    for report in escalated:
        address = addresses.get(report.dispatch.directive.owner.unit_id)
        if address:
            by_email[address].append(report)
    if by_email:
        transaction.on_commit(lambda: _send_escalations(by_email))
    return len(escalated)


def _send_escalations(by_email: dict[str, list[DifficultyReport]]) -> None:
    with translation.override(settings.LANGUAGE_CODE):
        messages = []
        for address, reports in by_email.items():
            lines = [f"- {r.dispatch.directive.number} · {r.dispatch.organisation}: {r.text[:200]}" for r in reports]
            body = "\n".join([
                _("These difficulties reported on directives were not answered in time:"),
                *lines,
                "",
                _("Please sign in to the portal to follow them up."),
            ])
            messages.append(mail.EmailMessage(_("Difficulties escalated to the Standing Committee"), body,
                                              settings.DEFAULT_FROM_EMAIL, [address]))
        with mail.get_connection() as connection:
            connection.send_messages(messages)


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
