"""The tasks a directive gives its recipients (3321-CV/TU gives five: quán triệt conferences,
propaganda, leading the consultation, facilities and security, plans and reports) and each
recipient's report on each task.

A task says what a recipient reports as typed fields (a date, a number, a yes/no, a file, a text),
so that a report's figures roll up in SQL: each answer is one `TaskReportValue` row with one typed
column filled, and "how many attendees in all", "how many said yes", "the earliest date" are a
`Sum`, a `Count` and a `Min` over those rows, per level and per unit, in one query each. A JSON
document per report would need every sum done in Python (or in vendor-specific JSON SQL).
"""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from simple_history.models import HistoricalRecords

from accounts.models import OrganisationKind

# The recipients a task may be owed by (the office and the standing committee receive nothing to report).
TASK_LEVELS = (OrganisationKind.AGENCY, OrganisationKind.DISTRICT_COMMITTEE, OrganisationKind.COMMUNE_COMMITTEE,
               OrganisationKind.CELL)


class DirectiveTask(models.Model):
    directive = models.ForeignKey("directives.Directive", models.CASCADE, related_name="tasks",
                                  verbose_name=_("directive"))
    position = models.PositiveSmallIntegerField(_("No."))
    title = models.CharField(_("task"), max_length=300)
    description = models.TextField(_("what is asked"), blank=True)
    levels = models.JSONField(_("owed by"), default=list,
                              help_text=_("The kinds of recipient that report on this task."))
    due = models.DateField(_("report due"), null=True, blank=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, models.SET_NULL, null=True, blank=True,
                                   related_name="+", verbose_name=_("defined by"))
    created_at = models.DateTimeField(_("defined at"), default=timezone.now)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("task of a directive")
        verbose_name_plural = _("tasks of directives")
        ordering = ["directive_id", "position", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["directive", "position"], name="directive_task_position",
                                    violation_error_message=_("This directive already has a task with this number.")),
        ]

    def __str__(self):
        return f"{self.position}. {self.title}"

    def owed_by(self, kind: str) -> bool:
        return kind in self.levels

    def level_labels(self) -> list[str]:
        labels = dict(OrganisationKind.choices)
        return [str(labels[k]) for k in TASK_LEVELS if k in self.levels]


class FieldKind(models.TextChoices):
    DATE = "date", pgettext_lazy("task field", "Date")
    NUMBER = "number", pgettext_lazy("task field", "Number")
    YES_NO = "yes_no", _("Yes / no")
    FILE = "file", pgettext_lazy("task field", "File")
    TEXT = "text", pgettext_lazy("task field", "Text")


# The column of `TaskReportValue` that holds each kind of answer.
VALUE_COLUMN = {FieldKind.DATE: "value_date", FieldKind.NUMBER: "value_number", FieldKind.YES_NO: "value_bool",
                FieldKind.FILE: "value_file", FieldKind.TEXT: "value_text"}


class TaskField(models.Model):
    """One thing a recipient reports on a task: "conferences held: date, attendees" is two fields."""

    task = models.ForeignKey(DirectiveTask, models.CASCADE, related_name="fields", verbose_name=_("task"))
    position = models.PositiveSmallIntegerField(_("No."))
    label = models.CharField(_("label"), max_length=200)
    kind = models.CharField(_("kind"), max_length=10, choices=FieldKind.choices)
    required = models.BooleanField(_("required"), default=True)
    unit = models.CharField(_("unit"), max_length=40, blank=True, help_text=_("For a number: lượt, cuộc, đồng…"))

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("report field of a task")
        verbose_name_plural = _("report fields of tasks")
        ordering = ["task_id", "position", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["task", "position"], name="task_field_position",
                                    violation_error_message=_("This task already has a field with this number.")),
        ]

    def __str__(self):
        return self.label


class TaskReportStatus(models.TextChoices):
    SUBMITTED = "submitted", pgettext_lazy("task report", "Submitted")
    RETURNED = "returned", _("Returned for completion")
    ACCEPTED = "accepted", pgettext_lazy("task report", "Accepted")


# The states whose figures count as reported (a returned report waits for its completion).
COUNTED = (TaskReportStatus.SUBMITTED, TaskReportStatus.ACCEPTED)


class TaskReport(models.Model):
    """One recipient's report on one task (the current state; its history keeps every change)."""

    dispatch = models.ForeignKey("directives.Dispatch", models.CASCADE, related_name="task_reports",
                                 verbose_name=_("dispatch"))
    task = models.ForeignKey(DirectiveTask, models.CASCADE, related_name="reports", verbose_name=_("task"))
    status = models.CharField(_("status"), max_length=12, choices=TaskReportStatus.choices,
                              default=TaskReportStatus.SUBMITTED)
    submitted_at = models.DateTimeField(_("submitted at"), default=timezone.now)
    submitted_by = models.ForeignKey(settings.AUTH_USER_MODEL, models.SET_NULL, null=True, blank=True,
                                     related_name="+", verbose_name=_("submitted by"))
    returned_at = models.DateTimeField(_("returned at"), null=True, blank=True)
    returned_by = models.ForeignKey(settings.AUTH_USER_MODEL, models.SET_NULL, null=True, blank=True,
                                    related_name="+", verbose_name=_("returned by"))
    return_reason = models.TextField(_("what to complete"), blank=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("task report")
        verbose_name_plural = _("task reports")
        ordering = ["task_id", "dispatch_id"]
        constraints = [
            models.UniqueConstraint(fields=["dispatch", "task"], name="task_report_one_per_recipient",
                                    violation_error_message=_("This recipient has already reported on this task.")),
            models.CheckConstraint(condition=~Q(status=TaskReportStatus.RETURNED) | ~Q(return_reason=""),
                                   name="task_report_returned_has_reason",
                                   violation_error_message=_("Say what is to be completed.")),
        ]

    def __str__(self):
        return f"{self.task} · {self.dispatch.organisation}"


class TaskReportValue(models.Model):
    """One answer of a report: the column of its field's kind (`VALUE_COLUMN`) is filled."""

    report = models.ForeignKey(TaskReport, models.CASCADE, related_name="values", verbose_name=_("task report"))
    field = models.ForeignKey(TaskField, models.CASCADE, related_name="values", verbose_name=_("field"))
    value_date = models.DateField(pgettext_lazy("task field", "Date"), null=True, blank=True)
    value_number = models.DecimalField(pgettext_lazy("task field", "Number"), max_digits=16, decimal_places=2,
                                       null=True, blank=True)
    value_bool = models.BooleanField(_("Yes / no"), null=True, blank=True)
    value_text = models.TextField(pgettext_lazy("task field", "Text"), blank=True)
    value_file = models.FileField(pgettext_lazy("task field", "File"), upload_to="tasks/%Y/%m/", blank=True,
                                  max_length=200)
    value_file_name = models.CharField(_("original file name"), max_length=200, blank=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("answer of a task report")
        verbose_name_plural = _("answers of task reports")
        ordering = ["report_id", "field__position"]
        constraints = [
            models.UniqueConstraint(fields=["report", "field"], name="task_report_value_one_per_field",
                                    violation_error_message=_("This field is already answered.")),
        ]

    def __str__(self):
        return f"{self.field}: {self.display()}"

    def display(self):
        """The answer as shown on a page (numbers and dates formatted by the template)."""
        kind = self.field.kind
        if kind == FieldKind.FILE:
            return self.value_file_name
        return getattr(self, VALUE_COLUMN[kind])
