"""Writes for letters: intake, classification, the handling workflow, its effect on the election.

`workflow` holds the transition map and the one transition service; `intake` registration,
assignment and classification; `handling` acceptance to closing; `confidentiality` the sender's
identity, the scans and the handlers' reminders. Callers import from `complaints.services`.
"""

from .confidentiality import handlers_remind, identity_reveal, scan_open
from .handling import (
    complaint_accept,
    complaint_apply_conclusion,
    complaint_close,
    complaint_conclude,
    complaint_extend,
    complaint_notify,
    complaint_set_complexity,
    complaint_start_verification,
)
from .intake import (
    complaint_assign,
    complaint_classify,
    complaint_decide_check,
    complaint_register,
    grounds_text,
    refusal_grounds,
)
from .workflow import HANDLER, LEADER, TRANSITIONS, allowed_targets, available_actions, complaint_transition

__all__ = [
    "HANDLER", "LEADER", "TRANSITIONS", "allowed_targets", "available_actions", "complaint_accept",
    "complaint_apply_conclusion", "complaint_assign", "complaint_classify", "complaint_close", "complaint_conclude",
    "complaint_decide_check", "complaint_extend", "complaint_notify", "complaint_register",
    "complaint_set_complexity", "complaint_start_verification", "complaint_transition", "grounds_text",
    "handlers_remind", "identity_reveal", "refusal_grounds", "scan_open",
]
