"""The .xlsx export of the overview: counts per district and the register of letters, never the
sender's identity (the query below does not even join it)."""

from io import BytesIO

from django.utils.translation import gettext as _
from openpyxl import Workbook
from openpyxl.styles import Font

from common.xlsx import neutralise as safe

from . import selectors


def overview_workbook(user) -> bytes:
    rows, totals = selectors.complaint_overview(user)
    book = Workbook()
    sheet = book.active
    sheet.title = _("By district")[:31]
    headers = [_("District / commune"), _("Received"), _("Resolved"), _("Pending"), _("Overdue"),
               _("Due soon"), _("Not processed")]
    sheet.append(headers)
    for row in rows:
        sheet.append([safe(row.area.name if row.area else "—"), row.received, row.resolved, row.pending,
                      row.overdue, row.due_soon, row.not_processed])
    sheet.append([_("Total"), totals["received"], totals["resolved"], totals["pending"], totals["overdue"],
                  totals["due_soon"], totals["not_processed"]])
    for cell in sheet[1]:
        cell.font = Font(bold=True)

    register = book.create_sheet(_("Letters")[:31])
    register.append([_("Reference"), _("Received on"), _("Kind"), _("Channel"), _("Hamlet"), _("Commune"),
                     _("District"), _("Nominee concerned"), _("Gist of the letter"), _("Status"), _("Due on"),
                     _("Conclusion"), _("Conclusion number")])
    for cell in register[1]:
        cell.font = Font(bold=True)
    letters = selectors.complaints_visible_to(user).order_by("hamlet__path", "received_on", "pk")
    for c in letters:
        register.append([
            c.reference, c.received_on, c.get_kind_display(), c.get_channel_display(), safe(c.hamlet.name),
            safe(c.hamlet.commune.name if c.hamlet.commune_id else ""),
            safe(c.hamlet.district.name if c.hamlet.district_id else ""),
            safe(c.nominee.full_name if c.nominee_id else ""), safe(c.summary), c.get_status_display(),
            c.due_on, c.get_outcome_display() if c.outcome else "", safe(c.conclusion_number),
        ])
    for column in ("B", "K"):
        for cell in register[column][1:]:
            cell.number_format = "DD/MM/YYYY"
    buffer = BytesIO()
    book.save(buffer)
    return buffer.getvalue()
