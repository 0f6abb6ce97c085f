"""Writes for progress reports: requesting a report, retrying it, numbering it, generating its
PDF, sweeping jobs a dead worker left behind, and the weekly report.

A job's status moves queued → running → done | failed; running, done and failed are set from
Celery's task signals (reports/signals.py), so a task that dies still leaves a true record.
"""

import logging
import time
from dataclasses import dataclass
from datetime import datetime, timedelta

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.core.mail import send_mail
from django.db import transaction
from django.db.models import F, Q
from django.utils import timezone
from django.utils.translation import gettext as _
from kombu.exceptions import OperationalError

from accounts.models import Organisation, OrganisationKind, User
from accounts.permissions import require
from elections.models import Election
from territory.models import Level, Unit

from .models import JobStatus, JobTrigger, ReportJob, ReportNotice, ReportSequence

logger = logging.getLogger(__name__)


def minute(moment: datetime) -> datetime:
    """Reports are identified to the minute: two requests in the same minute are one report."""
    return moment.replace(second=0, microsecond=0)


@dataclass
class RequestOutcome:
    job: ReportJob
    created: bool
    enqueued: bool | None = None  # None: not attempted (an existing job, or still inside a transaction)


def report_request(*, by: User | None, as_of: datetime | None = None, assessment: str = "", proposals: str = "",
                   trigger: str = JobTrigger.REQUEST, unit: Unit | None = None) -> RequestOutcome:
    """Create the job for a report of `unit` as of a minute and enqueue its generation after commit.
    A second request for the same unit and minute returns the first job (unique constraint). A
    command-line run (`trigger=COMMAND`) is a draft: it never takes one of the office's numbers, and
    it neither reuses nor blocks the issued report of the same minute."""
    if by is not None:
        require(by, "report.generate")
    unit = unit or _report_unit(by)
    as_of = minute(as_of or timezone.now())
    if as_of > timezone.now():
        raise ValidationError({"as_of": _("A report cannot describe a moment in the future.")})
    outcome = RequestOutcome(job=None, created=False)  # type: ignore[arg-type]
    same_kind = (ReportJob.objects.filter(trigger=JobTrigger.COMMAND) if trigger == JobTrigger.COMMAND
                 else ReportJob.objects.exclude(trigger=JobTrigger.COMMAND))
    with transaction.atomic():
        job, created = same_kind.get_or_create(
            unit=unit, as_of=as_of,
            defaults={"requested_by": by, "trigger": trigger, "assessment": assessment.strip(),
                      "proposals": proposals.strip()},
        )
        outcome.job, outcome.created = job, created
        if created:
            transaction.on_commit(lambda: setattr(outcome, "enqueued", report_enqueue(job)))
    return outcome


def _report_unit(by: User | None) -> Unit:
    if by is not None and by.organisation_id and by.organisation.unit_id:
        return by.organisation.unit
    election = Election.objects.filter(is_active=True).select_related("province").first()
    if election is not None:
        return election.province
    province = Unit.objects.filter(level=Level.PROVINCE).first()
    if province is None:
        raise ValidationError(_("There is no province to report on yet."))
    return province


def report_enqueue(job: ReportJob) -> bool:
    """Hand the job to the queue. When the broker is down the job stays queued (nothing is lost):
    the page says so and offers a retry, and the periodic sweep enqueues it again."""
    from .tasks import generate_report

    try:
        generate_report.apply_async(args=[job.pk], retry=True,
                                    retry_policy={"max_retries": 2, "interval_start": 0, "interval_step": 0.5})
    except OperationalError:
        logger.warning("Report job %s: the task queue is unavailable; left queued.", job.pk)
        ReportJob.objects.filter(pk=job.pk).update(enqueue_error=True)
        return False
    except Exception as error:  # eager mode ran the task here and propagated its failure: record it
        if not generate_report.app.conf.task_always_eager:
            raise
        logger.exception("Report job %s failed while running eagerly.", job.pk)
        job_mark_failed(job_id=job.pk, error=f"{type(error).__name__}: {error}")
        return True
    ReportJob.objects.filter(pk=job.pk, enqueue_error=True).update(enqueue_error=False)
    return True


def report_retry(*, job: ReportJob, by: User) -> RequestOutcome:
    """Put a failed job, one the queue never took, or a stalled one (its worker silent for
    REPORT_STALL_MINUTES) back in the queue, keeping its number. Never a duplicate: the job keeps its
    row and number, and only one file is ever attached (`report_generate` attaches under a row lock)."""
    require(by, "report.generate")
    outcome = RequestOutcome(job=job, created=False)
    with transaction.atomic():
        locked = ReportJob.objects.select_for_update().get(pk=job.pk)
        if locked.status == JobStatus.DONE or (locked.status == JobStatus.RUNNING and not locked.is_stalled):
            raise ValidationError(_("Only a failed or stalled report, or one still waiting for the queue, "
                                    "can be retried."))
        locked.status, locked.progress, locked.error = JobStatus.QUEUED, 0, ""
        locked.started_at = locked.finished_at = None
        locked.save(update_fields=["status", "progress", "error", "started_at", "finished_at"])
        outcome.job = locked
        transaction.on_commit(lambda: setattr(outcome, "enqueued", report_enqueue(locked)))
    return outcome


def report_generate_inline(job: ReportJob) -> None:
    """Run the generation task in this process (the command's --sync): same task, same signals."""
    from .tasks import generate_report

    try:
        generate_report.apply(args=[job.pk], throw=True)
    except Exception as error:  # the failure signal does not fire when the error propagates
        job_mark_failed(job_id=job.pk, error=f"{type(error).__name__}: {error}")


def number_allocate(*, year: int) -> int:
    """The office's next running number for `year`, allocated under a row lock (no gaps from races)."""
    with transaction.atomic():
        sequence, _created = ReportSequence.objects.select_for_update().get_or_create(year=year)
        ReportSequence.objects.filter(pk=sequence.pk).update(last_number=F("last_number") + 1)
        sequence.refresh_from_db(fields=["last_number"])
        return sequence.last_number


def job_set_progress(job_id: int, percent: int) -> None:
    ReportJob.objects.filter(pk=job_id, status=JobStatus.RUNNING).update(progress=percent, heartbeat_at=timezone.now())


def report_generate(*, job_id: int) -> str:
    """Render the job's PDF and attach it. Running twice for one job finishes it once: a job that
    already has its file is left alone, and the file is attached under a row lock."""
    from .pdf import render_pdf
    from .selectors import report_data

    job = ReportJob.objects.select_related("unit", "requested_by").get(pk=job_id)
    if job.file:
        return "already generated"
    if job.number is None and not job.is_draft:  # only reports issued to the Standing Committee take a number
        with transaction.atomic():
            locked = ReportJob.objects.select_for_update().get(pk=job_id)
            if locked.number is None:
                year = timezone.localtime(locked.as_of).year
                locked.number, locked.year = number_allocate(year=year), year
                locked.save(update_fields=["number", "year"])
            job.number, job.year = locked.number, locked.year
    job_set_progress(job_id, 10)
    if settings.REPORT_TEST_DELAY_SECONDS:  # tests only: time to kill the worker in the middle of a report
        time.sleep(settings.REPORT_TEST_DELAY_SECONDS)
    data = report_data(user=None, as_of=job.as_of, root=job.unit)  # everything inside the job's unit
    job_set_progress(job_id, 40)
    warnings: list[str] = []
    pdf = render_pdf(job=job, data=data, on_progress=lambda p: job_set_progress(job_id, p), warnings=warnings)
    with transaction.atomic():
        locked = ReportJob.objects.select_for_update().get(pk=job_id)
        if locked.file:
            return "already generated"
        stamp = timezone.localtime(locked.as_of).strftime("%Y%m%d-%H%M")
        name = f"du-thao-{stamp}" if locked.is_draft else f"bao-cao-{locked.number}-{stamp}"
        locked.file.save(f"{name}.pdf", ContentFile(pdf), save=False)
        locked.file_size = len(pdf)
        locked.progress = 95
        locked.warning = "\n".join(warnings)
        locked.save(update_fields=["file", "file_size", "progress", "warning"])
        if locked.trigger == JobTrigger.WEEKLY:
            transaction.on_commit(lambda: notify_office(locked))
    return "generated"


def job_mark_running(*, job_id: int, task_id: str) -> None:
    ReportJob.objects.filter(pk=job_id, file="").update(
        status=JobStatus.RUNNING, started_at=timezone.now(), heartbeat_at=timezone.now(), finished_at=None,
        task_id=task_id or "", error="",
        attempts=F("attempts") + 1, enqueue_error=False,
    )


def job_mark_finished(*, job_id: int) -> None:
    now = timezone.now()
    ReportJob.objects.filter(pk=job_id).exclude(file="").exclude(status=JobStatus.DONE).update(
        status=JobStatus.DONE, progress=100, finished_at=now)
    # A run that produced no file and no error is not a report.
    ReportJob.objects.filter(pk=job_id, file="", status=JobStatus.RUNNING).update(
        status=JobStatus.FAILED, finished_at=now, error=_("The task ended without producing a file."))


def job_mark_failed(*, job_id: int, error: str) -> None:
    ReportJob.objects.filter(pk=job_id).exclude(status=JobStatus.DONE).update(
        status=JobStatus.FAILED, finished_at=timezone.now(), error=error[:2000])


def jobs_sweep(*, now: datetime | None = None) -> dict:
    """Jobs a dead worker left "running" past the threshold become failed (with the reason); jobs
    the queue never took are enqueued again. Run periodically by beat."""
    now = now or timezone.now()
    stale = now - timedelta(minutes=settings.REPORT_STALE_MINUTES)
    failed = ReportJob.objects.filter(status=JobStatus.RUNNING, started_at__lt=stale).update(
        status=JobStatus.FAILED, finished_at=now,
        error=_("The worker stopped before finishing (no sign of life for %(minutes)s minutes). Retry the report.")
        % {"minutes": settings.REPORT_STALE_MINUTES},
    )
    waiting = now - timedelta(minutes=settings.REPORT_SWEEP_MINUTES)
    never_taken = Q(enqueue_error=True, requested_at__lt=waiting) | Q(requested_at__lt=stale)
    requeued = 0
    for job in ReportJob.objects.filter(never_taken, status=JobStatus.QUEUED)[:50]:
        requeued += bool(report_enqueue(job))
    return {"failed": failed, "requeued": requeued}


def report_weekly() -> list[ReportJob]:
    """The weekly report of every province with an active campaign; the office is told when it is ready."""
    jobs = []
    for election in Election.objects.filter(is_active=True).select_related("province"):
        jobs.append(report_request(by=None, trigger=JobTrigger.WEEKLY, unit=election.province).job)
    return jobs


def notify_office(job: ReportJob) -> None:
    """A notice on the archive page and an e-mail to the provincial office's address."""
    label = job.reference or f"#{job.pk}"
    day = timezone.localtime(job.as_of).strftime("%d/%m/%Y %H:%M")
    message = _("The weekly progress report %(ref)s (as of %(day)s) is ready in the archive.") % {
        "ref": label, "day": day}
    ReportNotice.objects.create(job=job, message=message)
    addresses = list(Organisation.objects.filter(kind=OrganisationKind.PROVINCIAL_OFFICE, unit=job.unit, is_active=True)
                     .exclude(email="").values_list("email", flat=True))
    if addresses:
        send_mail(_("Weekly progress report %(ref)s") % {"ref": label}, message, None, addresses, fail_silently=True)
