"""Directives (văn bản chỉ đạo), one dispatch per recipient organisation, difficulty reports and
the reminder log.

A directive is registered by the provincial office and sent to its addressees; where it is to be
deployed downward, a district committee forwards it to its commune committees and a commune to
its hamlet party cells. Each forwarded dispatch links to the one it came from, so the province
sees acknowledgement down to every cell (domain-rules §6.7).

`numbers` holds the document types and the official number rules; `directive` the directive;
`dispatch` the dispatches to organisations and to members by name; `difficulties` the reported
difficulties; `reminders` the reminder log. Callers import from `directives.models`.
"""

from .difficulties import DifficultyReport, DifficultyStatus
from .directive import DEPTH_RANK, Depth, Directive, DirectiveQuerySet, Duties
from .dispatch import Dispatch, DispatchQuerySet, PersonalDispatch
from .numbers import (
    NUMBER_PATTERN,
    STATE_NUMBER_PATTERN,
    STATE_TYPE_BY_ABBREVIATION,
    TYPE_BY_ABBREVIATION,
    DirectiveType,
    IssuerKind,
    normalise_number,
    number_match,
    type_of_number,
    validate_number,
)
from .reminders import Reminder, ReminderChannel, ReminderDelivery, ReminderKind

__all__ = [
    "DEPTH_RANK", "NUMBER_PATTERN", "STATE_NUMBER_PATTERN", "STATE_TYPE_BY_ABBREVIATION", "TYPE_BY_ABBREVIATION",
    "Depth", "DifficultyReport", "DifficultyStatus", "Directive", "DirectiveQuerySet", "DirectiveTask",
    "DirectiveType", "Dispatch", "DispatchQuerySet", "Duties", "FieldKind", "IssuerKind", "PersonalDispatch",
    "Reminder", "ReminderChannel", "ReminderDelivery", "ReminderKind", "TaskField", "TaskReport", "TaskReportStatus",
    "TaskReportValue", "normalise_number", "number_match", "type_of_number", "validate_number",
]

# The tasks of a directive and the recipients' reports on them live in their own package.
from ..assignments.models import (  # noqa: E402, F401
    DirectiveTask,
    FieldKind,
    TaskField,
    TaskReport,
    TaskReportStatus,
    TaskReportValue,
)
