"""Spreadsheets out: the district's template, a list's export and the province overview.

Writing (drop-downs, dd/mm/yyyy, formula neutralisation) is `common.xlsx.write_xlsx`.
"""

from django.utils.translation import gettext as _

from common.xlsx import write_xlsx

from . import rules
from .imports import CHOICES, COLUMNS, GENDER_LABELS, NO, NOMINATED_LABELS, THEORY_LABELS, YES
from .selectors import list_progress

TEMPLATE_KEYS = list(COLUMNS)


def _yes_no(value: bool) -> str:
    return YES if value else NO


def _person_cells(nominee, *, show_citizen_id: bool) -> dict:
    return {
        "full_name": nominee.full_name, "gender": GENDER_LABELS.get(nominee.gender, ""),
        "date_of_birth": nominee.date_of_birth, "ethnicity": nominee.ethnicity,
        "citizen_id": rules.citizen_id_display(nominee, show_citizen_id),
        "is_permanent_resident": _yes_no(nominee.is_permanent_resident), "education": nominee.education,
        "political_theory": THEORY_LABELS.get(nominee.political_theory, ""),
        "is_party_member": _yes_no(nominee.is_party_member), "party_join_date": nominee.party_join_date,
        "party_post": nominee.party_post, "is_cell_secretary": _yes_no(nominee.is_cell_secretary),
        "nominated_by": NOMINATED_LABELS.get(nominee.nominated_by, ""),
        "on_election_team": _yes_no(nominee.on_election_team), "notes": nominee.notes,
    }


def _location_cells(hamlet_election) -> dict:
    hamlet = hamlet_election.hamlet
    return {"hamlet_code": hamlet.code or str(hamlet.pk), "commune_code": hamlet.commune.code,
            "commune": hamlet.commune.name, "hamlet": hamlet.name}


def template_xlsx(nominee_list) -> bytes:
    """One row per nominee already entered, and an empty row for every hamlet still without one,
    with the coded columns as drop-down lists. Only for people who may see citizen IDs."""
    rows = []
    for row in list_progress(nominee_list).rows:
        location = _location_cells(row.hamlet_election)
        people = [_person_cells(n, show_citizen_id=True) for n in row.nominees] or [{}]
        for person in people:
            cells = {**location, **person}
            rows.append([cells.get(key) for key in TEMPLATE_KEYS])
    headers = [COLUMNS[key][0] for key in TEMPLATE_KEYS]
    choices = {TEMPLATE_KEYS.index(key): values for key, values in CHOICES.items()}
    guide = [
        [_("Fill in one row per nominee; leave a hamlet's row empty if it has no nominee yet.")],
        [_("Do not change the hamlet code, commune and hamlet columns.")],
        [_("Dates as dd/mm/yyyy. Citizen ID: 12 digits, typed as text.")],
        [_("Use the drop-down lists for gender, political theory, party member, secretary and nominated by.")],
        [_("Uploading the same file again changes nothing; a nominee is recognised by hamlet and name.")],
    ]
    return write_xlsx([
        (_("Nominees"), headers, rows, choices),
        (_("Guide"), [_("How to fill in this template")], guide),
    ])


def list_xlsx(nominee_list, *, show_citizen_ids: bool) -> bytes:
    """The list as it stands: every hamlet, its nominees, whether the policy holds, exceptions."""
    progress = list_progress(nominee_list)
    keys = TEMPLATE_KEYS
    headers = [COLUMNS[key][0] for key in keys] + [_("Exception"), _("Decision number"), _("Decision date")]
    rows = []
    for row in progress.rows:
        exception = row.open_exception or (row.exceptions[0] if row.exceptions else None)
        extra = ([exception.get_decision_display() + " · " + exception.get_reason_display(),
                  exception.decision_number, exception.decision_date] if exception else ["", "", None])
        location = _location_cells(row.hamlet_election)
        for nominee in row.nominees or [None]:
            person = _person_cells(nominee, show_citizen_id=show_citizen_ids) if nominee else {}
            cells = {**location, **person}
            rows.append([cells.get(key) for key in keys] + extra)
    summary = [
        [_("District"), nominee_list.unit.name], [_("Campaign"), nominee_list.election.name],
        [_("Status"), nominee_list.get_status_display()], [_("Hamlets"), progress.hamlets],
        [_("Hamlets with a nominee"), progress.covered],
        [_("Hamlets whose nominees include the cell secretary"), progress.secretaries],
        [_("Exceptions pending"), progress.exceptions_pending],
    ]
    return write_xlsx([(_("Nominee list"), headers, rows), (_("Summary"), [_("Item"), _("Value")], summary)])


def province_overview_xlsx(overview) -> bytes:
    headers = [_("District"), _("Status"), _("Hamlets"), _("Hamlets with a nominee"),
               _("Hamlets whose nominees include the cell secretary"), _("Concurrency rate (%)"),
               _("Exceptions pending"), _("Exceptions approved"), _("Exceptions refused")]
    rows = [[d.unit.name, d.status_label, d.hamlets, d.covered, d.secretaries, d.concurrency_rate,
             d.exceptions.get("pending", 0), d.exceptions.get("approved", 0), d.exceptions.get("refused", 0)]
            for d in overview.districts]
    reasons = [[label, pending, approved, refused] for label, pending, approved, refused in
               overview.exceptions_by_reason]
    return write_xlsx([
        (_("Districts"), headers, rows),
        (_("Exceptions by reason"), [_("Reason"), _("Pending"), _("Approved"), _("Refused")], reasons),
    ])
