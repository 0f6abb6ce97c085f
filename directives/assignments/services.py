"""Writes for the tasks of a directive: the office defines them, each recipient reports on the
tasks its level owes, the office returns a report for completion. 3321-CV/TU ("Lãnh đạo cuộc bầu
cử Trưởng ấp, Trưởng khu phố", 26/7/2024) gives its recipients five tasks and asks them to report
their implementation; each task says what a recipient reports and by when."""

import datetime
import decimal

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.models import User
from accounts.permissions import holds, require, user_can
from common.services import audited_delete, audited_save
from common.text import nfc

from ..files import check_upload
from ..models import Directive, Dispatch
from .models import (
    TASK_LEVELS,
    DirectiveTask,
    FieldKind,
    TaskField,
    TaskReport,
    TaskReportStatus,
    TaskReportValue,
)
from .rules import parse_number

# Report workflow: action -> (states it may start from, state it leads to). `None`: no report yet.
# Accepting a report is for later (issue 21, point 4); it is one more row here.
TASK_REPORT_TRANSITIONS = {
    "submit": ({None, TaskReportStatus.SUBMITTED, TaskReportStatus.RETURNED}, TaskReportStatus.SUBMITTED),
    "return": ({TaskReportStatus.SUBMITTED}, TaskReportStatus.RETURNED),
}
MAX_NUMBER = decimal.Decimal("99999999999999")


def is_task_office(user, directive: Directive) -> bool:
    """An editor of the office that registered the directive (or a superuser)."""
    return user_can(user, "directive.tasks_define") and (user.is_superuser
                                                          or directive.owner_id == user.organisation_id)


def require_task_office(user, directive: Directive) -> None:
    """Only editors of the office that registered the directive define its tasks or return reports."""
    require(user, "directive.tasks_define")
    if not is_task_office(user, directive):
        raise PermissionDenied(_("Only the office that registered this directive may do this."))


def is_task_reporter(user, dispatch: Dispatch) -> bool:
    """An officer or leader of the receiving organisation."""
    return holds(user, "task.report") and user.organisation_id == dispatch.organisation_id


def _clean_fields(fields: list[dict]) -> list[dict]:
    cleaned, errors = [], []
    for number, spec in enumerate(fields, start=1):
        label = nfc(spec.get("label") or "")
        if not label:
            continue
        if spec.get("kind") not in FieldKind.values:
            errors.append(_("Field %(n)s: choose what kind of answer it takes.") % {"n": number})
            continue
        unit = nfc(spec.get("unit") or "") if spec["kind"] == FieldKind.NUMBER else ""
        cleaned.append({"label": label, "kind": spec["kind"], "required": bool(spec.get("required", True)),
                        "unit": unit})
    if errors:
        raise ValidationError(errors)
    if not cleaned:
        raise ValidationError(_("Give at least one thing the recipients report on this task."))
    return cleaned


@transaction.atomic
def task_define(*, directive: Directive, by: User, title: str, levels, fields: list[dict], description: str = "",
                due: datetime.date | None = None) -> DirectiveTask:
    """Add a task to `directive`, owed by the recipients of `levels`, with the fields they report
    (`fields`: dicts of label, kind, required, unit). 3321-CV/TU: the recipients "xây dựng kế
    hoạch cụ thể" and report on each task; the office tracks them."""
    require_task_office(by, directive)
    directive = Directive.objects.select_for_update().get(pk=directive.pk)
    levels = [k for k in TASK_LEVELS if k in set(levels or ())]
    if not levels:
        raise ValidationError({"levels": _("Choose who reports on this task.")})
    if due is not None and due < directive.issued_on:
        raise ValidationError({"due": _("A task cannot be due before the directive is issued.")})
    fields = _clean_fields(fields)
    position = (directive.tasks.aggregate(n=Max("position"))["n"] or 0) + 1
    task = DirectiveTask(directive=directive, position=position, title=nfc(title or ""),
                         description=(description or "").strip(), levels=levels, due=due, created_by=by,
                         created_at=timezone.now())
    audited_save(task, by=by)
    for number, spec in enumerate(fields, start=1):
        audited_save(TaskField(task=task, position=number, **spec), by=by)
    return task


@transaction.atomic
def task_remove(*, task: DirectiveTask, by: User) -> None:
    """Remove a task, while no recipient has reported on it (a report refers to its fields)."""
    require_task_office(by, task.directive)
    if task.reports.exists():
        raise ValidationError(_("Recipients have already reported on this task; it can no longer be removed."))
    for field in task.fields.all():
        audited_delete(field, by=by)
    audited_delete(task, by=by)


def _parse(field: TaskField, raw, key: str):
    """One answer as its column's value, or None when not given; ValidationError naming `key`."""
    if field.kind == FieldKind.YES_NO:
        if raw in (None, ""):
            return None
        if isinstance(raw, bool):
            return raw
        return str(raw).lower() in ("1", "true", "yes", "co", "có")
    if raw is None or (isinstance(raw, str) and not raw.strip()):
        return None
    if field.kind == FieldKind.NUMBER:
        number = raw if isinstance(raw, decimal.Decimal | int) else parse_number(raw)
        if number is None:
            raise ValidationError({key: _("Write a number.")})
        number = decimal.Decimal(number)
        if number < 0 or number > MAX_NUMBER:
            raise ValidationError({key: _("Write a number from 0 up.")})
        return number.quantize(decimal.Decimal("0.01"))
    if field.kind == FieldKind.DATE:
        if not isinstance(raw, datetime.date):
            raise ValidationError({key: _("Write a date as dd/mm/yyyy.")})
        return raw
    if field.kind == FieldKind.TEXT:
        return "\n".join(nfc(line) for line in str(raw).strip().splitlines()).strip() or None
    return raw  # a file: checked by the caller


def field_key(field: TaskField) -> str:
    """The name an answer goes by in the service's `values` and in the form."""
    return f"field_{field.pk}"


@transaction.atomic
def task_report_submit(*, dispatch: Dispatch, task: DirectiveTask, values: dict, by: User) -> TaskReport:
    """A recipient reports on a task its level owes (3321-CV/TU: "báo cáo tình hình thực hiện").
    `values` maps `field_key(field)` to the answer (a Decimal or text for a number, a date, a bool,
    a text, an uploaded file). Every required field must be answered (a file already sent counts);
    every error is given at once. Submitting again replaces the answers, and completes a report
    returned for completion. Reporting counts as acknowledging receipt."""
    if not is_task_reporter(by, dispatch):
        raise PermissionDenied(_("Only officers and leaders of the receiving organisation may do this."))
    dispatch = Dispatch.objects.select_for_update(of=("self",)).select_related("organisation").get(pk=dispatch.pk)
    if (task.directive_id != dispatch.directive_id or dispatch.for_information
            or not task.owed_by(dispatch.organisation.kind)):
        raise ValidationError(_("Your organisation does not report on this task."))
    report = TaskReport.objects.select_for_update().filter(dispatch=dispatch, task=task).first()
    _check_transition(report, "submit")
    fields = list(task.fields.all())
    existing = {v.field_id: v for v in report.values.all()} if report else {}
    errors, parsed = {}, {}
    for field in fields:
        key = field_key(field)
        try:
            value = _parse(field, values.get(key), key)
            if field.kind == FieldKind.FILE and value is not None:
                value = check_upload(value, field=key)
        except ValidationError as exc:
            errors.update(exc.message_dict)
            continue
        kept_file = field.kind == FieldKind.FILE and value is None and existing.get(field.pk) \
            and existing[field.pk].value_file
        if value is None and field.required and not kept_file:
            errors[key] = [_("This field is required.")]
        parsed[field.pk] = value
    if errors:
        raise ValidationError(errors)
    now = timezone.now()
    if report is None:
        report = TaskReport(dispatch=dispatch, task=task)
    report.status, report.submitted_at, report.submitted_by = TaskReportStatus.SUBMITTED, now, by
    audited_save(report, by=by, clean=False)
    for field in fields:
        value = parsed[field.pk]
        row = existing.get(field.pk) or TaskReportValue(report=report, field=field)
        if field.kind == FieldKind.FILE:
            if value is None:
                continue  # nothing new: the file sent before, if any, is kept
            row.value_file, row.value_file_name = value
        elif field.kind == FieldKind.NUMBER:
            row.value_number = value
        elif field.kind == FieldKind.DATE:
            row.value_date = value
        elif field.kind == FieldKind.YES_NO:
            row.value_bool = value
        else:
            row.value_text = value or ""
        audited_save(row, by=by, clean=False)
    if dispatch.acknowledged_at is None:
        dispatch.acknowledged_at, dispatch.acknowledged_by = now, by
        audited_save(dispatch, by=by, clean=False)
    return report


def _check_transition(report: TaskReport | None, action: str) -> None:
    sources, _target = TASK_REPORT_TRANSITIONS[action]
    status = report.status if report is not None else None
    if status not in sources:
        raise ValidationError(_("This report is %(status)s; it cannot be changed any more.")
                              % {"status": report.get_status_display().lower()})


@transaction.atomic
def task_report_return(*, report: TaskReport, reason: str, by: User) -> TaskReport:
    """The office returns a submitted report for completion, saying what is missing; the recipient
    completes it and submits again (submitted → returned → submitted)."""
    report = TaskReport.objects.select_for_update().select_related("task__directive").get(pk=report.pk)
    require_task_office(by, report.task.directive)
    _check_transition(report, "return")
    reason = "\n".join(nfc(line) for line in (reason or "").strip().splitlines()).strip()
    if not reason:
        raise ValidationError({"reason": _("Say what is to be completed.")})
    report.status, report.return_reason = TaskReportStatus.RETURNED, reason
    report.returned_at, report.returned_by = timezone.now(), by
    audited_save(report, by=by, clean=False)
    return report
