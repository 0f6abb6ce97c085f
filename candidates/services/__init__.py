"""Writes for nomination: nominees, the district nominee list's workflow, concurrency exceptions.

Every rule is enforced here, once; views, the admin, the import and the management command all
call these functions. Sources: TT 04/2012 Điều 11 and NĐ 59/2023 (eligibility), Đề án 02-ĐA/TU
and Công văn 3321-CV/TU (the secretary also serves as hamlet head, exceptions decided by the
district standing committee; complaints settled before the list is final).

`lists` holds the list's workflow; `nominees` the checks on a nominee and its writes; `concurrency`
the exceptions to the concurrency policy. Callers import from `candidates.services`.
"""

from .concurrency import (
    exception_decide,
    exception_request,
)
from .lists import (
    COMPLAINT_RETURNABLE,
    NOMINEE_FIELDS,
    TRANSITIONS,
    list_content_hash,
    list_for_hamlet_election,
    nominee_list_accept,
    nominee_list_get_or_create,
    nominee_list_return,
    nominee_list_start,
    nominee_list_submit,
)
from .nominees import (
    PLAIN_TEXT_FIELDS,
    nominee_check_eligibility,
    nominee_create,
    nominee_nominated_elsewhere,
    nominee_update,
    nominee_validate,
    nominee_warnings,
    nominee_withdraw,
    nominee_withdraw_for_upheld_complaint,
)

__all__ = [
    "COMPLAINT_RETURNABLE",
    "NOMINEE_FIELDS",
    "PLAIN_TEXT_FIELDS",
    "TRANSITIONS",
    "exception_decide",
    "exception_request",
    "list_content_hash",
    "list_for_hamlet_election",
    "nominee_check_eligibility",
    "nominee_create",
    "nominee_list_accept",
    "nominee_list_get_or_create",
    "nominee_list_return",
    "nominee_list_start",
    "nominee_list_submit",
    "nominee_nominated_elsewhere",
    "nominee_update",
    "nominee_validate",
    "nominee_warnings",
    "nominee_withdraw",
    "nominee_withdraw_for_upheld_complaint",
]
