"""Celery tasks: thin wrappers around reports.services. The job's status is kept by the task
signals in reports/signals.py, not here."""

from celery import shared_task

GENERATE_TASK = "reports.tasks.generate_report"


@shared_task(name=GENERATE_TASK, acks_late=True)
def generate_report(job_id: int) -> str:
    from .services import report_generate

    return report_generate(job_id=job_id)


@shared_task(name="reports.tasks.generate_weekly_report")
def generate_weekly_report() -> list[int]:
    from .services import report_weekly

    return [job.pk for job in report_weekly()]


@shared_task(name="reports.tasks.sweep_report_jobs")
def sweep_report_jobs() -> dict:
    from .services import jobs_sweep

    return jobs_sweep()
