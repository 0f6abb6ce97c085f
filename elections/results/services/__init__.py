"""Writes for election day: milestones, minutes, recognition, re-runs, acting heads.

The status of a hamlet election is a workflow held as data: `TRANSITIONS` says which moves are
allowed, `hamlet_election_transition` is the only function that changes the status, and it writes
a `StatusChange` row with who and when. The decision gate (`registry.check_decision`) runs on the
commune chairman's decisions (recognition, acting head), never on the record of a meeting held.

Dates that cannot be true (a meeting in the future or before the campaign's window opened, a
decision before the meeting it decides on) are refused; dates that are merely late are accepted and
warned about by `selectors.hamlet_warnings`.

`workflow` holds the transition map and the one transition service; `meeting` the milestones and
the minutes; `decisions` the deadlines and the commune chairman's decisions after the vote.
Callers import from `elections.results.services`.
"""

from .decisions import (
    acting_head_appoint,
    minutes_due,
    recognition_due,
    rerun_schedule,
    result_recognise,
    result_refuse,
)
from .meeting import (
    CandidateRow,
    MinutesData,
    milestones_record,
    minutes_record,
)
from .workflow import (
    GATED,
    TRANSITIONS,
    S,
    can_record,
    hamlet_election_transition,
)

__all__ = [
    "CandidateRow",
    "GATED",
    "MinutesData",
    "S",
    "TRANSITIONS",
    "acting_head_appoint",
    "can_record",
    "hamlet_election_transition",
    "milestones_record",
    "minutes_due",
    "minutes_record",
    "recognition_due",
    "rerun_schedule",
    "result_recognise",
    "result_refuse",
]
