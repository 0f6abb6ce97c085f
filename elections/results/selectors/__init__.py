"""Reads for election day. Every queryset is narrowed by its manager's `visible_to(user)`; roll-ups are
computed in the database, one grouped query per page whatever the size of the tree.

`scope` says which campaign, units and hamlet elections a user reads; `rollup` rolls results up
over a tree for the pages and the reports; `hamlets` reads one commune's hamlets and one hamlet's
election. Callers import from `elections.results.selectors`.
"""

from .hamlets import (
    WORK_FILTERS,
    WORK_STATUSES,
    HamletLine,
    MeetingView,
    ResultDetail,
    commune_hamlets,
    commune_work,
    decision_blockers,
    export_rows,
    hamlet_election_for,
    hamlet_warnings,
    hamlet_work,
    previous_candidates,
    result_detail,
    roll_range_for,
)
from .rollup import (
    HEADS,
    ROLLUP_FIELDS,
    ChartBar,
    RollupRow,
    S,
    hamlets_without_head,
    results_by_province,
    results_by_unit,
    rollup,
    rollup_chart,
)
from .scope import (
    campaign_for,
    hamlet_elections_visible_to,
    home_unit,
    require_viewer,
    unit_for,
)

__all__ = [
    "ChartBar",
    "HEADS",
    "HamletLine",
    "MeetingView",
    "ROLLUP_FIELDS",
    "ResultDetail",
    "RollupRow",
    "S",
    "WORK_FILTERS",
    "WORK_STATUSES",
    "campaign_for",
    "commune_hamlets",
    "commune_work",
    "decision_blockers",
    "export_rows",
    "hamlet_election_for",
    "hamlet_elections_visible_to",
    "hamlet_warnings",
    "hamlet_work",
    "hamlets_without_head",
    "home_unit",
    "previous_candidates",
    "require_viewer",
    "result_detail",
    "results_by_province",
    "results_by_unit",
    "roll_range_for",
    "rollup",
    "rollup_chart",
    "unit_for",
]
