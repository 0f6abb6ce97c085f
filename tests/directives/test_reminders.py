import datetime

import pytest
from django.utils import timezone

from directives import services
from directives.models import Dispatch, Reminder, ReminderChannel, ReminderDelivery
from directives.reminders import reminders_send
from directives.tasks import send_directive_reminders
from tests.concurrency import race
from tests.conftest import require_postgres

from .conftest import register


def current(tree):
    """A directive issued recently, its plan and report due in the future."""
    today = timezone.localdate()
    return register(tree, issued_on=today - datetime.timedelta(days=10), plan_due=today + datetime.timedelta(days=10),
                    report_due=today + datetime.timedelta(days=30))


def backdate(directive, days):
    Dispatch.objects.filter(directive=directive).update(delivered_at=timezone.now() - datetime.timedelta(days=days))


@pytest.fixture
def late_directive(tree, settings):
    settings.DIRECTIVE_ACK_REMINDER_DAYS = 3
    agency = tree.org("agency")
    agency.email = "sonoivu@example.vn"
    agency.save()
    directive = current(tree)
    backdate(directive, 4)
    return directive


def test_recipients_not_acknowledged_after_the_configured_days_are_reminded(tree, late_directive, mailoutbox,
                                                                             django_capture_on_commit_callbacks):
    services.dispatch_acknowledge(dispatch=Dispatch.objects.get(directive=late_directive,
                                                                organisation=tree.org("district", 1)),
                                  by=tree.user("district", 1))
    with django_capture_on_commit_callbacks(execute=True):
        counts = reminders_send()
    assert counts == {"ack": 2, "plan": 0, "report": 0}
    reminded = set(Reminder.objects.values_list("dispatch__organisation__name", "channel"))
    assert reminded == {(tree.org("district", 0).name, ReminderChannel.PORTAL),
                        (tree.org("agency").name, ReminderChannel.EMAIL)}
    assert len(mailoutbox) == 1 and mailoutbox[0].to == ["sonoivu@example.vn"]
    assert late_directive.number in mailoutbox[0].body


def test_nobody_is_reminded_before_the_configured_days(tree, settings, mailoutbox):
    settings.DIRECTIVE_ACK_REMINDER_DAYS = 3
    directive = current(tree)
    backdate(directive, 2)
    assert reminders_send() == {"ack": 0, "plan": 0, "report": 0}


def test_overdue_plans_and_reports_are_reminded(tree, late_directive):
    after = late_directive.report_due + datetime.timedelta(days=1)
    counts = reminders_send(today=after)
    assert counts == {"ack": 3, "plan": 3, "report": 3}


def test_the_same_reminder_is_never_sent_twice_the_same_day(tree, late_directive, mailoutbox,
                                                            django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        reminders_send()
    with django_capture_on_commit_callbacks(execute=True):
        assert reminders_send() == {"ack": 0, "plan": 0, "report": 0}
    assert Reminder.objects.count() == 3 and len(mailoutbox) == 1
    assert Reminder.history.count() == 3
    tomorrow = timezone.localdate() + datetime.timedelta(days=1)
    assert reminders_send(today=tomorrow)["ack"] == 3


def test_reminders_show_in_the_recipients_inbox(tree, late_directive, client):
    reminders_send()
    client.force_login(tree.user("agency"))
    assert "1 lần nhắc" in client.get("/van-ban/").content.decode()


def test_the_daily_job_is_scheduled_with_celery_beat(settings):
    entry = settings.CELERY_BEAT_SCHEDULE["directives-send-reminders"]
    assert entry["task"] == send_directive_reminders.name
    assert entry["schedule"].hour == {7} and entry["schedule"].minute == {0}


@pytest.mark.celery_worker
@pytest.mark.django_db(transaction=True)
def test_the_reminder_job_runs_on_a_real_worker_and_is_idempotent(celery_worker_app, tree, late_directive,
                                                                    mailoutbox):
    result = send_directive_reminders.delay()
    assert result.get(timeout=30) == {"ack": 3, "plan": 0, "report": 0, "escalated": 0}
    assert Reminder.objects.filter(sent_on=timezone.localdate()).count() == 3
    assert len(mailoutbox) == 1
    again = send_directive_reminders.delay()
    assert again.get(timeout=30) == {"ack": 0, "plan": 0, "report": 0, "escalated": 0}
    assert Reminder.objects.count() == 3 and len(mailoutbox) == 1


def test_a_recipient_is_reminded_once_a_day_across_runs_and_kinds(tree, late_directive, mailoutbox,
                                                                   django_capture_on_commit_callbacks):
    after = late_directive.report_due + datetime.timedelta(days=1)
    with django_capture_on_commit_callbacks(execute=True):
        assert reminders_send(today=after) == {"ack": 3, "plan": 3, "report": 3}
    assert ReminderDelivery.objects.filter(sent_on=after).count() == 3 and len(mailoutbox) == 1
    with django_capture_on_commit_callbacks(execute=True):
        assert reminders_send(today=after) == {"ack": 0, "plan": 0, "report": 0}
    assert len(mailoutbox) == 1


@pytest.mark.django_db(transaction=True)
def test_two_runs_at_the_same_moment_remind_each_recipient_once(tree, late_directive, mailoutbox):
    require_postgres()  # real concurrent transactions
    outcomes = race(reminders_send, reminders_send)
    assert outcomes == ["won", "won"]
    assert Reminder.objects.count() == 3 and Reminder.history.count() == 3
    assert ReminderDelivery.objects.count() == 3
    assert len(mailoutbox) == 1 and mailoutbox[0].to == ["sonoivu@example.vn"]
