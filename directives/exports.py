"""The .xlsx export of a directive's tracking: one row per recipient the user sees."""

from io import BytesIO

from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from openpyxl import Workbook
from openpyxl.styles import Font

from common.xlsx import neutralise as cell


def _when(value):
    if value is None:
        return ""
    if hasattr(value, "hour"):
        value = timezone.localtime(value)
        return date_format(value, "SHORT_DATETIME_FORMAT")
    return date_format(value, "SHORT_DATE_FORMAT")


def dispatches_workbook(directive, dispatches) -> bytes:
    book = Workbook()
    sheet = book.active
    sheet.title = _("Recipients")[:31]
    sheet.append([cell(f"{directive.number} · {directive.summary}")])
    sheet["A1"].font = Font(bold=True)
    headers = [_("Level"), _("Recipient"), _("Forwarded from"), _("Delivered"), _("Acknowledgement due"),
               _("Acknowledged at"), _("Acknowledged by"), _("Plan due"), _("Plan submitted"), _("Report due"),
               _("Report submitted"), _("Overdue")]
    sheet.append(headers)
    for c in sheet[2]:
        c.font = Font(bold=True)
    yes, no = _("Yes"), _("No")
    for d in dispatches:
        sheet.append([cell(str(v)) if isinstance(v, str) else v for v in [
            d.organisation.get_kind_display(), d.organisation.name,
            d.parent.organisation.name if d.parent_id else "", _when(d.delivered_at), _when(d.ack_due),
            _when(d.acknowledged_at), str(d.acknowledged_by or ""), _when(d.plan_due), _when(d.plan_submitted_at),
            _when(d.report_due), _when(d.report_submitted_at), yes if d.is_overdue else no,
        ]])
    sheet.freeze_panes = "A3"
    for column, width in zip("ABCDEFGHIJKL", (22, 45, 35, 17, 14, 17, 25, 12, 17, 12, 17, 10), strict=True):
        sheet.column_dimensions[column].width = width
    out = BytesIO()
    book.save(out)
    return out.getvalue()
