"""Report job status from Celery's task signals (the paperless-ngx way): the worker records that a
generation started, finished or failed whatever the task's code did, so a crash is visible."""

from celery.signals import task_failure, task_postrun, task_prerun

from .tasks import GENERATE_TASK


def _job_id(args, kwargs):
    if args:
        return args[0]
    return (kwargs or {}).get("job_id")


@task_prerun.connect(dispatch_uid="reports_job_prerun")
def job_started(sender=None, task_id=None, task=None, args=None, kwargs=None, **extra):
    if getattr(task, "name", None) != GENERATE_TASK:
        return
    from .services import job_mark_running

    job_mark_running(job_id=_job_id(args, kwargs), task_id=task_id)


@task_postrun.connect(dispatch_uid="reports_job_postrun")
def job_ended(sender=None, task_id=None, task=None, args=None, kwargs=None, state=None, **extra):
    if getattr(task, "name", None) != GENERATE_TASK or state != "SUCCESS":
        return
    from .services import job_mark_finished

    job_mark_finished(job_id=_job_id(args, kwargs))


@task_failure.connect(dispatch_uid="reports_job_failure")
def job_failed(sender=None, task_id=None, exception=None, args=None, kwargs=None, **extra):
    if getattr(sender, "name", None) != GENERATE_TASK:
        return
    from .services import job_mark_failed

    job_mark_failed(job_id=_job_id(args, kwargs), error=f"{type(exception).__name__}: {exception}")
