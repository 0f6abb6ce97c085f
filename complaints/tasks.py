"""Celery tasks: thin wrappers around services."""

from celery import shared_task

from . import services


@shared_task(name="complaints.remind_handlers")
def remind_handlers() -> int:
    """Daily (CELERY_BEAT_SCHEDULE "complaints-remind-handlers"): remind handlers of letters overdue
    or due within COMPLAINT_DUE_SOON_DAYS; never twice a day for the same handler."""
    return services.handlers_remind()
