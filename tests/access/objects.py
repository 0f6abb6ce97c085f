"""The object each URL takes, in the user's territory ("own") or outside it, and the POST data."""

from tests.access.rules import LOCAL

DISPATCH_OF = {"agency": "dispatch_agency", "commune": "dispatch_commune", "cell": "dispatch_cell"}


def dispatch_kind(user_key):
    return DISPATCH_OF.get(user_key.split(".")[0], "dispatch_district")


PARAMS = {
    "hamlet": lambda w, place, user: {"pk": w.pk("hamlet", place)},
    "election": lambda w, place, user: {"pk": w.pk("election", place)},
    "election_pk": lambda w, place, user: {"election_pk": w.pk("election", place)},
    "election_unit": lambda w, place, user: {"election_pk": w.pk("election", place),
                                             "unit_pk": w.pk("district", place)},
    "unit": lambda w, place, user: {"unit_id": w.pk("district", place)},
    "province_unit": lambda w, place, user: {"unit_id": w.pk("province", place)},
    "commune_unit": lambda w, place, user: {"unit_id": w.pk("commune", place)},
    "hamlet_election": lambda w, place, user: {"pk": w.pk("hamlet_election", place)},
    "hamlet_pk": lambda w, place, user: {"hamlet_pk": w.pk("hamlet_election", place)},
    "list": lambda w, place, user: {"pk": w.pk("list", place)},
    "nominee": lambda w, place, user: {"pk": w.pk("nominee", place)},
    "exception": lambda w, place, user: {"pk": w.pk("exception", place)},
    "complaint": lambda w, place, user: {"pk": w.pk("complaint", place)},
    "scan": lambda w, place, user: {"pk": w.pk("complaint", place), "scan_pk": w.pk("scan", place)},
    "complaint_action": lambda w, place, user: {"pk": w.pk("complaint", place), "action": "phan-loai"},
    "dispatch": lambda w, place, user: {"pk": w.pk(dispatch_kind(user), place)},
    "dispatch_file": lambda w, place, user: {"kind": "ke-hoach", "pk": w.pk(dispatch_kind(user), place)},
    # A cell's dispatch and its report file, opened by every level (not only by the cell itself).
    "cell_dispatch": lambda w, place, user: {"pk": w.pk("dispatch_cell", place)},
    "cell_report_file": lambda w, place, user: {"kind": "bao-cao", "pk": w.pk("dispatch_cell", place)},
    "fileless_directive_file": lambda w, place, user: {"kind": "van-ban", "pk": w.pk("fileless_directive", place)},
    "directive": lambda w, place, user: {"pk": w.pk("directive", place)},
    "directive_unit": lambda w, place, user: {"pk": w.pk("directive", place), "unit_pk": w.pk("district", place)},
    "difficulty": lambda w, place, user: {"pk": w.pk("difficulty", place)},
    "task": lambda w, place, user: {"pk": w.pk("task", place)},
    "dispatch_task": lambda w, place, user: {"pk": w.pk(dispatch_kind(user), place), "task_pk": w.pk("task", place)},
    "task_report": lambda w, place, user: {"pk": w.pk("task_report", place)},
    "task_file": lambda w, place, user: {"kind": "nhiem-vu", "pk": w.pk("task_file", place)},
    "job": lambda w, place, user: {"pk": w.pk("job", place)},
    "incident": lambda w, place, user: {"pk": w.pk("incident", place)},
    "cell": lambda w, place, user: {"pk": w.pk("cell", place)},
    "cell_secretary": lambda w, place, user: {"pk": w.pk("cell_secretary", place)},
}
# The object each URL takes (URL names without parameters are absent).
PARAM_OF = {
    "territory:unit": "hamlet",
    "elections:detail": "election", "elections:sync": "election",
    "elections:results_unit": "unit", "elections:results_export": "unit",
    **{f"elections:{n}": "hamlet_election" for n in ("result_detail", "result_milestones", "result_minutes",
                                                     "result_decision", "result_rerun", "result_acting_head")},
    **{f"candidates:{n}": "election_pk" for n in ("province", "province_export", "search")},
    "candidates:list_start": "election_unit",
    **{f"candidates:{n}": "list" for n in ("list", "submit", "return", "accept", "template", "upload", "export")},
    "candidates:hamlet": "hamlet_election",
    "candidates:nominee_create": "hamlet_pk", "candidates:exception_request": "hamlet_pk",
    "candidates:nominee_edit": "nominee", "candidates:nominee_withdraw": "nominee",
    "candidates:exception_decide": "exception",
    "complaints:detail": "complaint", "complaints:identity": "complaint", "complaints:scan": "scan",
    "complaints:act": "complaint_action",
    **{f"directives:{n}": "dispatch" for n in ("dispatch", "acknowledge", "forward", "plan", "report",
                                               "raise_difficulty", "return_plan", "return_report")},
    "directives:download": "dispatch_file",
    **{f"directives:{n}": "directive" for n in ("tracking", "fan_out", "overdue", "export",
                                                "personal_acknowledge")},
    "directives:unacknowledged": "directive_unit",
    "directives:difficulty": "difficulty",
    "directives:tasks": "directive",
    **{f"directives:{n}": "task" for n in ("task", "task_remove", "task_export")},
    "directives:task_report": "dispatch_task", "directives:task_return": "task_report",
    "elections:incident": "incident",
    **{f"reports:{n}": "job" for n in ("job", "job_status", "retry", "download", "job_xlsx")},
    "cell_secretary": "cell", "cell_secretary_edit": "cell_secretary",
}
# Valid POST data where a form would otherwise refuse the request before the permission check.
POST_DATA = {
    "directives:plan": {"text": "Kế hoạch triển khai."},
    "directives:report": {"text": "Báo cáo kết quả."},
    "directives:raise_difficulty": {"text": "Thiếu kinh phí tổ chức."},
    "directives:task_return": {"reason": "Bổ sung số lượt tham dự."},
    "directives:return_plan": {"reason": "Bổ sung phân công nhiệm vụ."},
    "directives:return_report": {"reason": "Bổ sung số liệu."},
    "candidates:exception_decide": {"decision": "approved", "decision_number": "12-QĐ/HU",
                                    "decision_date": "01/09/2024"},
    "candidates:return": {"reason": "Thiếu hồ sơ."},
}
# Kinds of object that belong to the whole province (the sibling district's is the same object).
PROVINCE_WIDE = {"election", "election_pk", "directive", "province_unit", "fileless_directive_file", "task"}


def outside_place(user_key: str, params: str) -> str:
    """The place whose object lies outside the user's territory."""
    kind = user_key.split(".")[0]
    if kind in LOCAL and params not in PROVINCE_WIDE:
        return "sibling"
    return "foreign"


def hidden_places(user_key: str) -> tuple:
    """Places whose markers must never reach this user."""
    kind = user_key.split(".")[0]
    if user_key == "admin":
        return ()
    if kind in LOCAL or kind == "agency":
        return ("sibling", "foreign")
    return ("foreign",)
