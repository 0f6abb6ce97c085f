"""What a recipient sends back on a dispatch: the acknowledgement of receipt, the implementation plan
and the report; and the office's return of a plan or report for completion."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.models import User
from common.services import audited_save
from common.text import nfc

from ..files import check_upload
from ..models import Dispatch
from .access import _require_office, _require_recipient


@transaction.atomic
def dispatch_acknowledge(*, dispatch: Dispatch, by: User) -> Dispatch:
    """Confirm receipt (tiếp nhận): who and when. Acknowledging twice keeps the first record."""
    _require_recipient(by, dispatch)
    dispatch = Dispatch.objects.select_for_update(of=("self",)).get(pk=dispatch.pk)
    if dispatch.acknowledged_at is None:
        dispatch.acknowledged_at, dispatch.acknowledged_by = timezone.now(), by
        audited_save(dispatch, by=by, clean=False)
    return dispatch


def _submit(dispatch: Dispatch, *, what: str, text: str, file, by: User) -> Dispatch:
    _require_recipient(by, dispatch)
    dispatch = Dispatch.objects.select_for_update(of=("self",)).select_related("directive").get(pk=dispatch.pk)
    if dispatch.for_information:
        raise ValidationError(_("Your organisation received this directive for information: nothing is to be "
                                "submitted."))
    if getattr(dispatch, f"{what}_due") is None:
        raise ValidationError(_("This directive does not ask for a plan.") if what == "plan"
                              else _("This directive does not ask for a report."))
    text = nfc_text(text)
    if not text and not file:
        raise ValidationError({f"{what}_text": _("Write the text or attach the file.")})
    if file:
        stored, original = check_upload(file, field=f"{what}_file")
        setattr(dispatch, f"{what}_file", stored)
        setattr(dispatch, f"{what}_file_name", original)
    now = timezone.now()
    setattr(dispatch, f"{what}_text", text)
    setattr(dispatch, f"{what}_submitted_at", now)
    setattr(dispatch, f"{what}_submitted_by", by)
    if dispatch.acknowledged_at is None:
        dispatch.acknowledged_at, dispatch.acknowledged_by = now, by
    audited_save(dispatch, by=by)
    return dispatch


def nfc_text(value: str) -> str:
    """NFC for multi-line text: keeps the line breaks that `nfc` would collapse."""
    return "\n".join(nfc(line) for line in (value or "").strip().splitlines()).strip()


@transaction.atomic
def dispatch_submit_plan(*, dispatch: Dispatch, text: str = "", file=None, by: User) -> Dispatch:
    """The recipient's implementation plan (kế hoạch triển khai), when the directive asks for one."""
    return _submit(dispatch, what="plan", text=text, file=file, by=by)


@transaction.atomic
def dispatch_submit_report(*, dispatch: Dispatch, text: str = "", file=None, by: User) -> Dispatch:
    """The recipient's report on implementation (báo cáo kết quả), when the directive asks for one."""
    return _submit(dispatch, what="report", text=text, file=file, by=by)


@transaction.atomic
def dispatch_return(*, dispatch: Dispatch, what: str, reason: str, by: User) -> Dispatch:
    """The office that registered the directive returns a submitted plan or report for completion
    ("yêu cầu bổ sung", issue 21 point 4), saying what is missing; like a task report
    (`assignments.services.task_report_return`). Until the recipient submits again it counts as not
    submitted (rates, overdue after its due date, reminders); the text and file stay for completing,
    and the dispatch's history keeps each submission and return."""
    if what not in ("plan", "report"):
        raise ValueError(what)
    dispatch = Dispatch.objects.select_for_update(of=("self",)).select_related("directive").get(pk=dispatch.pk)
    _require_office(by, dispatch.directive)
    if getattr(dispatch, f"{what}_submitted_at") is None:
        raise ValidationError(_("No plan has been submitted to return.") if what == "plan"
                              else _("No report has been submitted to return."))
    reason = nfc_text(reason)
    if not reason:
        raise ValidationError({"reason": _("Say what is to be completed.")})
    setattr(dispatch, f"{what}_returned_at", timezone.now())
    setattr(dispatch, f"{what}_returned_by", by)
    setattr(dispatch, f"{what}_return_reason", reason)
    setattr(dispatch, f"{what}_submitted_at", None)
    setattr(dispatch, f"{what}_submitted_by", None)
    audited_save(dispatch, by=by, clean=False)
    return dispatch
