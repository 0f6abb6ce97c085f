"""What directives gives to the registries of the apps below it (registered in `DirectivesConfig.ready()`):
the work a directive leaves on a recipient's desk, for the home page's "Việc cần làm" (issue 20).
"""

from django.urls import reverse
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from accounts.permissions import user_can
from accounts.registry import PendingItem

from . import selectors


def _labels() -> dict[str, tuple[str, str]]:
    return {
        "ack-late": (_("Directives not acknowledged, overdue"), "late"),
        "ack-due": (_("Directives to acknowledge"), "soon"),
        "plan-late": (_("Implementation plans overdue"), "late"),
        "plan-due": (_("Implementation plans to submit"), "soon"),
        "report-late": (_("Reports overdue"), "late"),
        "report-due": (_("Reports to submit"), "soon"),
    }


def pending_work(user) -> list[PendingItem]:
    """A recipient's dispatches not yet acknowledged, plans and reports not yet submitted (each split
    into within the due date and overdue: CV 3321-CV/TU asks every addressee for a plan and a report);
    the difficulties its organisation raised that the office answered lately; for the office, the
    difficulties waiting for its answer. Two queries."""
    items = []
    if user_can(user, "dispatch.act"):
        inbox = reverse("directives:inbox")
        work = selectors.inbox_work(user)
        for key, (label, tone) in _labels().items():
            count, first_due = work[key]
            note = _("earliest due date %(date)s") % {"date": date_format(first_due, "SHORT_DATE_FORMAT")} \
                if count and first_due else ""
            items.append(PendingItem(label, count, f"{inbox}?trang-thai={key}", tone, note))
    asks_answers = user_can(user, "directive.register")
    if user_can(user, "dispatch.act") or asks_answers:
        difficulties = reverse("directives:difficulties")
        counts = selectors.difficulty_work(user)
        if asks_answers:
            items.append(PendingItem(_("Reported difficulties to answer"), counts["open"],
                                     f"{difficulties}?trang-thai=open", "progress"))
        items.append(PendingItem(
            _("Difficulties answered by the Provincial Party Office in the last %(n)s days")
            % {"n": selectors.ANSWER_NEWS_DAYS}, counts["answered"], f"{difficulties}?tra-loi-gan-day=1", "info"))
    return items
