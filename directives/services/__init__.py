"""Writes for directives: registration, dispatch, forwarding, fan-out, acknowledgement, plans,
reports and difficulty reports. Each function enforces its rule and records who and when.

`access` says who may act (the registering office, the receiving organisation); `bulk` creates
dispatches set-based with their history; `sending` registers a directive and sends it down (to
addressees, members by name, forwarding, fan-out); `responses` the recipient's acknowledgement,
plan and report and the office's return of them; `difficulties` the difficulty workflow. Callers
import from `directives.services`.
"""

from .access import _require_office, _require_recipient, is_recipient
from .difficulties import (
    DIFFICULTY_HANDLER_KINDS,
    DIFFICULTY_TRANSITIONS,
    difficulty_answer,
    difficulty_close,
    difficulty_pass_up,
    difficulty_raise,
    is_difficulty_handler,
)
from .responses import dispatch_acknowledge, dispatch_return, dispatch_submit_plan, dispatch_submit_report, nfc_text
from .sending import (
    ADDRESSEE_KINDS,
    FORWARD_TO,
    addressee_choices,
    directive_address_members,
    directive_dispatch,
    directive_fan_out,
    directive_register,
    dispatch_forward,
    member_choices,
    personal_acknowledge,
)

__all__ = [
    "ADDRESSEE_KINDS", "DIFFICULTY_HANDLER_KINDS", "DIFFICULTY_TRANSITIONS", "FORWARD_TO", "_require_office",
    "_require_recipient", "addressee_choices", "difficulty_answer", "difficulty_close", "difficulty_pass_up",
    "difficulty_raise", "directive_address_members", "directive_dispatch", "directive_fan_out", "directive_register",
    "dispatch_acknowledge", "dispatch_forward", "dispatch_return", "dispatch_submit_plan", "dispatch_submit_report",
    "is_difficulty_handler", "is_recipient", "member_choices", "nfc_text", "personal_acknowledge",
]
