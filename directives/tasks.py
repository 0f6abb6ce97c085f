"""Celery tasks: thin wrappers around the directive services."""

from celery import shared_task

from .reminders import difficulties_escalate, reminders_send


@shared_task(name="directives.send_directive_reminders")
def send_directive_reminders() -> dict[str, int]:
    """Once a day (Celery beat, see CELERY_BEAT_SCHEDULE): remind late recipients, and escalate the
    difficulties not answered in time to the Standing Committee (once each)."""
    return {**reminders_send(), "escalated": difficulties_escalate()}
