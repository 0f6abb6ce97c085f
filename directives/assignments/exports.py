"""The .xlsx of one task: one row per recipient owing it, with its answers (empty when not reported)."""

from django.utils import timezone
from django.utils.translation import gettext as _

from common.xlsx import write_xlsx

from .models import FieldKind


def _answer(value):
    kind = value.field.kind
    if kind == FieldKind.NUMBER:
        return value.value_number
    if kind == FieldKind.DATE:
        return value.value_date
    if kind == FieldKind.YES_NO:
        return "" if value.value_bool is None else (_("Yes") if value.value_bool else _("No"))
    if kind == FieldKind.FILE:
        return value.value_file_name
    return value.value_text


def task_workbook(task, recipients) -> bytes:
    fields = list(task.fields.all())
    headers = [_("No."), _("Level"), _("Recipient"), _("Status"), _("Submitted at"),
               *[f"{f.label} ({f.unit})" if f.unit else f.label for f in fields]]
    rows = []
    for number, (dispatch, report) in enumerate(recipients, start=1):
        answers = {v.field_id: _answer(v) for v in report.values.all()} if report else {}
        rows.append([number, dispatch.organisation.get_kind_display(), dispatch.organisation.name,
                     report.get_status_display() if report else _("Not reported"),
                     timezone.localtime(report.submitted_at).strftime("%d/%m/%Y %H:%M") if report else "",
                     *[answers.get(f.pk, "") for f in fields]])
    return write_xlsx([(f"{task.position}. {task.title}", headers, rows)])
