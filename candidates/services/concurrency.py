"""Concurrency exceptions: a district asks that a hamlet's nominees need not include the party cell
secretary, and its standing committee approves or refuses (Đề án 02-ĐA/TU)."""

import datetime

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.models import User
from common.services import audited_save
from common.text import nfc
from elections.models import HamletElection

from .. import rules
from ..models import (
    ConcurrencyException,
    ExceptionDecision,
    Nominee,
    NomineeList,
    NomineeStatus,
)
from ..selectors import (
    list_locked_message,
    needs_exception,
)
from .lists import list_for_hamlet_election


def exception_request(*, by: User, hamlet_election: HamletElection, reason: str,
                      explanation: str) -> ConcurrencyException:
    """A district officer asks that this hamlet's nominees need not include the party cell secretary
    (Đề án 02-ĐA/TU): only a hamlet whose active nominees do not include the secretary needs one."""
    with transaction.atomic():
        nominee_list = list_for_hamlet_election(hamlet_election)
        nominee_list = NomineeList.objects.select_for_update().select_related("election").get(pk=nominee_list.pk)
        if not (by.is_superuser or rules.is_owner(by, nominee_list, action="exception.request")):
            raise PermissionDenied(_("Only officers of the district that owns this list may request an exception."))
        if not nominee_list.is_editable:
            raise ValidationError(list_locked_message(nominee_list, what="request"))
        if not needs_exception(Nominee.objects.filter(hamlet_election=hamlet_election, status=NomineeStatus.ACTIVE)):
            raise ValidationError(_("An exception is needed only for a hamlet whose nominees do not include the "
                                    "party cell secretary."))
        if ConcurrencyException.objects.filter(
                hamlet_election=hamlet_election,
                decision__in=[ExceptionDecision.PENDING, ExceptionDecision.APPROVED]).exists():
            raise ValidationError(_("This hamlet already has a pending or approved exception."))
        exception = ConcurrencyException(hamlet_election=hamlet_election, nominee_list=nominee_list,
                                         reason=reason, explanation=nfc(explanation), requested_by=by)
        audited_save(exception, by=by, exclude=["nominee_list", "hamlet_election"])
    return exception


def exception_decide(*, by: User, exception: ConcurrencyException, decision: str, decision_number: str,
                     decision_date: datetime.date) -> ConcurrencyException:
    """The district standing committee (a district LEADER records it) approves or refuses a request,
    with the decision's number and date (Đề án 02-ĐA/TU: decided case by case)."""
    if decision not in (ExceptionDecision.APPROVED, ExceptionDecision.REFUSED):
        raise ValidationError({"decision": _("Choose approve or refuse.")})
    errors = {}
    decision_number = nfc(decision_number)
    if not decision_number:
        errors["decision_number"] = _("Enter the number of the decision.")
    if not decision_date:
        errors["decision_date"] = _("Enter the date of the decision.")
    elif decision_date > timezone.localdate():
        errors["decision_date"] = _("The decision date is in the future.")
    if errors:
        raise ValidationError(errors)
    with transaction.atomic():
        nominee_list = NomineeList.objects.select_for_update().get(pk=exception.nominee_list_id)
        if not (by.is_superuser or rules.is_owner(by, nominee_list, action="exception.decide")):
            raise PermissionDenied(_("Only a leader of the district that owns this list may decide an exception."))
        if not nominee_list.is_editable:
            raise ValidationError(list_locked_message(nominee_list, what="decide"))
        exception = ConcurrencyException.objects.select_for_update().get(pk=exception.pk)
        if exception.decision != ExceptionDecision.PENDING:
            raise ValidationError(_("This exception has already been decided."))
        exception.decision, exception.decision_number = decision, decision_number
        exception.decision_date = decision_date
        exception.decided_by, exception.decided_at = by, timezone.now()
        audited_save(exception, by=by, clean=False)
    return exception
