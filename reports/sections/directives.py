"""II. Directive deployment: acknowledgement, plans and reports by level and by district;
difficulties raised and answered; the tasks of the directives (3321-CV/TU's five: conferences,
propaganda, consultation, security, plans), recipients reporting over those owing by level, and
their figures. Eight aggregate queries, asked of the directives app (`deployment_figures` and
`campaign_task_figures`: every directive of the campaign as of the report's moment)."""

from accounts.models import OrganisationKind
from common.numbers import percent
from directives.assignments.selectors import campaign_task_figures
from directives.selectors import DEPLOYMENT_COUNTS, deployment_figures

from .base import Frame

LEVELS = (OrganisationKind.AGENCY, OrganisationKind.DISTRICT_COMMITTEE, OrganisationKind.COMMUNE_COMMITTEE,
          OrganisationKind.CELL)


def compute(frame: Frame) -> dict:
    figures = deployment_figures(province_id=frame.root.province_id or frame.root.pk, election=frame.election,
                                 within=frame.root, as_of=frame.as_of)
    level_rows = figures["by_kind"]
    labels = dict(OrganisationKind.choices)
    by_level = [_rates({**level_rows[k], "kind": k, "label": str(labels[k])}) for k in LEVELS if k in level_rows]
    empty = dict.fromkeys(DEPLOYMENT_COUNTS, 0)
    rows = {gid: _rates({**empty, **figures["by_unit"].get(gid, {})}) for gid in frame.group_ids}
    difficulties = figures["difficulties"]
    tasks = campaign_task_figures(province_id=frame.root.province_id or frame.root.pk, election=frame.election,
                                  within=frame.root, as_of=frame.as_of)
    return {"available": True, "totals": _rates(figures["totals"]), "by_level": by_level, "rows": rows,
            "difficulties": {**difficulties, "open": difficulties["raised"] - difficulties["answered"]},
            "tasks": tasks}


def _rates(row: dict) -> dict:
    row["ack_rate"] = percent(row.get("acknowledged"), row.get("dispatches"))
    row["plan_rate"] = percent(row.get("plans"), row.get("plans_due"))
    row["report_rate"] = percent(row.get("reports"), row.get("reports_due"))
    return row
