"""The report's data as an .xlsx workbook: the same figures as the dashboard and the PDF, with
the long list of unfinished hamlets the PDF keeps to its appendix. Never any personal data."""

from io import BytesIO

from django.utils import timezone
from django.utils.translation import gettext as _
from openpyxl import Workbook
from openpyxl.styles import Font

from common.xlsx import neutralise as safe
from directives.assignments.rules import figure

from .selectors import ReportData


def _sheet(workbook, title, header, rows):
    sheet = workbook.create_sheet(title)
    sheet.append([safe(h) for h in header])
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    for row in rows:
        sheet.append([safe(v) for v in row])
    sheet.freeze_panes = "A2"
    for column in sheet.columns:
        sheet.column_dimensions[column[0].column_letter].width = max(12, min(40, len(str(column[0].value)) + 4))
    return sheet


def _task_figure(field: dict) -> str:
    if field["kind"] == "number":
        return f"{field['label']}: {figure(field['total'])}{' ' + field['unit'] if field['unit'] else ''}"
    return _("%(label)s: %(yes)s of %(n)s yes") % {"label": field["label"], "yes": field["yes"],
                                                   "n": field["answered"]}


def report_workbook(data: ReportData) -> bytes:
    workbook = Workbook()
    workbook.remove(workbook.active)
    header = [_("Unit"), _("Communes"), _("Hamlets"), _("Households"), _("Date fixed"), _("Held"),
              _("With nominee"), _("Hamlets whose nominees include the cell secretary"),
              _("Hamlets whose nominees include the cell secretary (%)"), _("Exceptions"),
              _("Exceptions approved"), _("Exceptions refused"), _("Exceptions pending"), _("Nominee list"),
              _("Elected"), _("Re-run"), _("Recognised"), _("Turnout (%)"),
              _("Recognised heads who are the cell secretary"), _("Recognised heads who are the cell secretary (%)"),
              _("Heads who are party members"), _("Heads who are women"),
              _("Recipients"), _("Acknowledged"), _("Plans"), _("Reports"), _("Dispatches overdue"),
              _("Letters received"), _("Not processed"), _("Settled"), _("Being handled"), _("Letters overdue"),
              _("Incidents"), _("Serious incidents"), _("Serious incidents not yet resolved"), _("Incidents resolved")]

    def line(name, s, n, r, d, c):
        return [name, s.get("communes"), s.get("hamlets"), s.get("households"), s.get("scheduled"), r.get("held"),
                n.get("covered"), n.get("secretaries"), n.get("rate"), n.get("exceptions"), n.get("approved"),
                n.get("refused"), n.get("pending"), n.get("list_status"), r.get("elected"), r.get("rerun"),
                r.get("recognised"), r.get("turnout"), r.get("secretaries"), r.get("secretary_rate"),
                r.get("party_members"), r.get("women"),
                d.get("dispatches"), d.get("acknowledged"), d.get("plans"), d.get("reports"), d.get("overdue"),
                c.get("received"), c.get("not_processed"), c.get("resolved"), c.get("pending"), c.get("overdue"),
                *(r.get("incidents", {}).get(k) for k in ("total", "serious", "serious_open", "resolved"))]

    rows = [line(r["name"], r["situation"], r["nomination"], r["results"], r["directives"], r["complaints"])
            for r in data.rows()]

    def totals(section):
        return section.get("totals", {}) if section.get("available") else {}

    rows.append(line(_("Total"), totals(data.situation), totals(data.nomination), totals(data.results),
                     totals(data.directives), totals(data.complaints)))
    _sheet(workbook, _("Summary"), header, rows)
    _sheet(workbook, _("Unfinished hamlets"),
           [_("Hamlet"), _("Commune"), _("District"), _("Election date"), _("State")],
           [[h["name"], h["commune__name"] or "", h["district__name"] or "",
             h["election_date"].strftime("%d/%m/%Y") if h["election_date"] else "", h["status_label"]]
            for h in data.pending_hamlets])
    tasks = data.directives.get("tasks", []) if data.directives.get("available") else []
    _sheet(workbook, _("Tasks of the directives"),
           [_("Directive"), _("No."), _("Task"), _("Level"), _("Owing"), _("Reported"), _("Figures reported")],
           [[t["directive"], t["position"], t["title"], level["label"], level["owing"], level["reported"],
             "; ".join(_task_figure(f) for f in t["fields"])] for t in tasks for level in t["levels"]])
    _sheet(workbook, _("Serious incidents"), [_("Place"), _("Kind of incident"), _("Severity"), _("Day"), _("State")],
           [[i["place"], i["kind"], i["severity"], i["occurred"].strftime("%d/%m/%Y"),
             _("resolved") if i["resolved"] else _("not yet resolved")] for i in data.serious_incidents])
    info = workbook.create_sheet(_("About"))
    info.append([_("Unit"), safe(data.root.name)])
    info.append([_("Figures as of"), timezone.localtime(data.as_of).strftime("%d/%m/%Y %H:%M")])
    if data.election:
        info.append([_("Campaign"), safe(data.election.name)])
    buffer = BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()
