"""Reads for directives. Every queryset a user reaches goes through `dispatches_visible_to` or
`directives_visible_to`, which narrow with the managers' `visible_to(user)` and add the
organisation's own rules (a cell or an agency sees only what is addressed to it).

`visibility` holds that scoping; `actions` whether an action is open to a user; `inbox` the overdue
rules, a recipient's inbox and the reminders due; `tracking` the deployment rates and figures and
their drill-downs; `difficulties` the reported difficulties. Callers import from `directives.selectors`.
"""

from .actions import fan_out_open, forwarding_open, return_open
from .difficulties import (
    ANSWER_NEWS_DAYS,
    ESCALATED,
    answered_recently,
    difficulties_visible_to,
    difficulty_answer_open,
    difficulty_counts,
    difficulty_pass_up_open,
    difficulty_work,
    held_by,
)
from .inbox import (
    INBOX_WORK,
    counts_by_state,
    inbox,
    inbox_filters,
    inbox_work,
    overdue_filter,
    reminder_candidates,
    with_overdue,
)
from .tracking import (
    DEPLOYMENT_COUNTS,
    LEVEL_ORDER,
    deployment_figures,
    directive_list,
    overdue_dispatches,
    rates_by_district,
    rates_by_level,
    rates_by_unit,
    tracked_dispatches,
    unacknowledged_cells,
)
from .visibility import (
    campaign_choices,
    directives_visible_to,
    dispatches_visible_to,
    personal_counts,
    personal_inbox,
)

__all__ = [
    "ANSWER_NEWS_DAYS", "DEPLOYMENT_COUNTS", "ESCALATED", "INBOX_WORK", "LEVEL_ORDER", "answered_recently",
    "campaign_choices", "counts_by_state", "deployment_figures", "difficulties_visible_to", "difficulty_answer_open",
    "difficulty_counts", "difficulty_pass_up_open", "difficulty_work", "directive_list", "directives_visible_to",
    "dispatches_visible_to", "fan_out_open", "forwarding_open", "held_by", "inbox", "inbox_filters", "inbox_work",
    "overdue_dispatches", "overdue_filter", "personal_counts", "personal_inbox", "rates_by_district",
    "rates_by_level", "rates_by_unit", "reminder_candidates", "return_open", "tracked_dispatches",
    "unacknowledged_cells", "with_overdue",
]
