"""Progress reports: the generation job (one row per report, its status kept from Celery's task
signals), the office's running numbers, and notices shown on the archive page."""

from datetime import timedelta

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from territory.scoping import ScopedQuerySet


class JobStatus(models.TextChoices):
    QUEUED = "queued", _("Queued")
    RUNNING = "running", _("Running")
    DONE = "done", _("Done")
    FAILED = "failed", _("Failed")


class JobTrigger(models.TextChoices):
    REQUEST = "request", _("Requested")
    WEEKLY = "weekly", _("Weekly")
    COMMAND = "command", _("Command line")


class ReportJobQuerySet(ScopedQuerySet):
    unit_path = "unit"


class ReportJob(models.Model):
    """One progress report: the data as of a moment, rendered to a PDF in the background."""

    unit = models.ForeignKey("territory.Unit", models.PROTECT, related_name="report_jobs",
                             verbose_name=_("territorial unit"))
    as_of = models.DateTimeField(_("as of"), help_text=_("The moment the figures describe (to the minute)."))
    trigger = models.CharField(_("trigger"), max_length=16, choices=JobTrigger.choices, default=JobTrigger.REQUEST)
    requested_by = models.ForeignKey(settings.AUTH_USER_MODEL, models.SET_NULL, null=True, blank=True,
                                     related_name="report_jobs", verbose_name=_("requested by"))
    requested_at = models.DateTimeField(_("requested at"), auto_now_add=True)
    assessment = models.TextField(_("assessment"), blank=True)
    proposals = models.TextField(_("difficulties and proposals"), blank=True)
    status = models.CharField(_("status"), max_length=16, choices=JobStatus.choices, default=JobStatus.QUEUED)
    progress = models.PositiveSmallIntegerField(_("progress (%)"), default=0)
    task_id = models.CharField(_("task id"), max_length=64, blank=True)
    attempts = models.PositiveSmallIntegerField(_("attempts"), default=0)
    enqueue_error = models.BooleanField(_("queue unavailable"), default=False)
    started_at = models.DateTimeField(_("started at"), null=True, blank=True)
    heartbeat_at = models.DateTimeField(_("last sign of life"), null=True, blank=True,
                                        help_text=_("When the worker last reported progress."))
    finished_at = models.DateTimeField(_("finished at"), null=True, blank=True)
    error = models.TextField(_("error"), blank=True)
    warning = models.TextField(_("warning"), blank=True,
                               help_text=_("Made, but with a defect the reader should know of (a substitute font)."))
    number = models.PositiveIntegerField(_("number"), null=True, blank=True)
    year = models.PositiveSmallIntegerField(_("year"), null=True, blank=True)
    file = models.FileField(_("file"), upload_to="reports/%Y/", blank=True)
    file_size = models.PositiveIntegerField(_("size (bytes)"), null=True, blank=True)

    objects = ReportJobQuerySet.as_manager()

    class Meta:
        verbose_name = _("progress report")
        verbose_name_plural = _("progress reports")
        ordering = ["-as_of", "-pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["unit", "as_of"], condition=~Q(trigger="command"), name="report_job_one_issued_per_moment",
                violation_error_message=_("A report for this moment has already been requested."),
            ),
            models.UniqueConstraint(
                fields=["year", "number"], condition=Q(number__isnull=False), name="report_job_unique_number",
                violation_error_message=_("This report number is already used this year."),
            ),
            models.CheckConstraint(condition=Q(progress__lte=100), name="report_job_progress_percent",
                                   violation_error_message=_("Progress is a percentage.")),
        ]
        indexes = [models.Index(fields=["status", "started_at"], name="report_job_status_started")]

    def __str__(self):
        return self.reference or f"#{self.pk}"

    @property
    def reference(self) -> str:
        """The official number and symbol, e.g. "Số 12-BC/VPTU" (empty until numbered)."""
        if self.number is None:
            return ""
        return f"Số {self.number}-{settings.REPORT_DOCUMENT_TYPE}/{settings.REPORT_ISSUER_SYMBOL}"

    @property
    def is_draft(self) -> bool:
        """A command-line run: laid out like the issued report, but never numbered or sent."""
        return self.trigger == JobTrigger.COMMAND

    @property
    def is_stalled(self) -> bool:
        """Running, but the worker has not reported progress for REPORT_STALL_MINUTES (it was probably
        killed): shown as stalled, with a retry."""
        if self.status != JobStatus.RUNNING:
            return False
        last = self.heartbeat_at or self.started_at
        return last is not None and timezone.now() - last > timedelta(minutes=settings.REPORT_STALL_MINUTES)

    @property
    def is_finished(self) -> bool:
        return self.status in (JobStatus.DONE, JobStatus.FAILED)

    @property
    def duration(self):
        if self.started_at and self.finished_at:
            return self.finished_at - self.started_at
        return None


class ReportSequence(models.Model):
    """The office's running number of reports, per year; allocated under a row lock."""

    year = models.PositiveSmallIntegerField(_("year"), unique=True)
    last_number = models.PositiveIntegerField(_("last number"), default=0)

    class Meta:
        verbose_name = _("report number sequence")
        verbose_name_plural = _("report number sequences")

    def __str__(self):
        return f"{self.year}: {self.last_number}"


class ReportNoticeQuerySet(ScopedQuerySet):
    unit_path = "job__unit"


class ReportNotice(models.Model):
    """A message for the office on the archive page (e.g. "the weekly report is ready")."""

    job = models.ForeignKey(ReportJob, models.CASCADE, related_name="notices", verbose_name=_("report"))
    message = models.CharField(_("message"), max_length=300)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    objects = ReportNoticeQuerySet.as_manager()

    class Meta:
        verbose_name = _("report notice")
        verbose_name_plural = _("report notices")
        ordering = ["-created_at", "-pk"]

    def __str__(self):
        return self.message
