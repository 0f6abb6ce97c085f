"""The results summary spreadsheet: one row per hamlet, in the layout offices send upwards."""

from io import BytesIO

from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import pgettext
from openpyxl import Workbook
from openpyxl.styles import Alignment, Font

from common.numbers import percent
from common.xlsx import neutralise as safe


def results_workbook(election, unit, hamlet_elections) -> bytes:
    wb = Workbook()
    ws = wb.active
    ws.title = _("Results")[:31]
    ws.append([safe(_("RESULTS OF THE ELECTION OF HAMLET AND NEIGHBOURHOOD HEADS"))])
    ws.append([safe(f"{election.name} · {unit.name}")])
    ws.append([_("As of %(date)s") % {"date": date_format(timezone.localtime(), "SHORT_DATETIME_FORMAT")}])
    ws.append([])
    header = [pgettext("row number", "No."), _("District"), _("Commune"), _("Hamlet"),
              _("Household representatives on the roll"), _("Attending"), _("Turnout (%)"), _("Head elected"),
              _("Votes"), _("Votes (% of roll)"),
              _("Cell secretary"), _("Party member"), _("Woman"), _("Status")]
    ws.append(header)
    for cell in ws[5]:
        cell.font = Font(bold=True)
        cell.alignment = Alignment(wrap_text=True, vertical="top")
    ws["A1"].font = Font(bold=True, size=13)
    yes, no = _("Yes"), _("No")
    for number, he in enumerate(hamlet_elections, start=1):
        meeting = he.current_meeting
        winner = meeting.winner if meeting else None
        hamlet = he.hamlet
        ws.append([
            number,
            safe(hamlet.district.name) if hamlet.district_id else "",
            safe(hamlet.commune.name) if hamlet.commune_id else "",
            safe(hamlet.name),
            meeting.roll if meeting else None,
            meeting.attending if meeting else None,
            float(percent(meeting.attending, meeting.roll)) if meeting else None,
            safe(winner.full_name) if winner else "",
            winner.votes if winner else None,
            float(percent(winner.votes, meeting.roll)) if winner else None,
            (yes if winner.is_cell_secretary else no) if winner else "",
            (yes if winner.is_party_member else no) if winner else "",
            (yes if winner.gender == "female" else no) if winner else "",
            str(he.get_status_display()),
        ])
    for column, width in zip("ABCDEFGHIJKLMN", (5, 22, 22, 22, 12, 10, 10, 24, 8, 10, 10, 10, 8, 24), strict=True):
        ws.column_dimensions[column].width = width
    ws.freeze_panes = "A6"
    buffer = BytesIO()
    wb.save(buffer)
    return buffer.getvalue()
