"""What directives gives to the registries of the apps below it (registered in `DirectivesConfig.ready()`):
the work a directive leaves on a recipient's desk, for the home page's "Việc cần làm" (issue 20).
"""

from django.urls import reverse
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from accounts.models import OrganisationKind
from accounts.permissions import user_can
from accounts.registry import PendingItem

from . import selectors, services
from .assignments.selectors import dispatches_with_tasks_owed


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
    the difficulties its organisation raised that were answered lately; for whoever holds reported
    difficulties (the office, a commune or district committee), those waiting for its answer; for
    the Standing Committee, those escalated to it; the directives whose tasks (directives.assignments) it
    still owes a report on, late or not."""
    items = []
    recipient = user_can(user, "dispatch.act")
    if recipient:
        inbox = reverse("directives:inbox")
        work = selectors.inbox_work(user)
        for key, (label, tone) in _labels().items():
            count, first_due = work[key]
            note = _("earliest due date %(date)s") % {"date": date_format(first_due, "SHORT_DATE_FORMAT")} \
                if count and first_due else ""
            items.append(PendingItem(label, count, f"{inbox}?trang-thai={key}", tone, note))
        owed = dispatches_with_tasks_owed(user)
        items.append(PendingItem(_("Directives with task reports overdue"), len(owed["tasks-late"]),
                                 f"{inbox}?trang-thai=tasks-late", "late"))
        items.append(PendingItem(_("Directives with task reports to submit"), len(owed["tasks-due"]),
                                 f"{inbox}?trang-thai=tasks-due", "soon"))
    if user.is_provincial_committee_member:  # addressed by name: receipt only
        count = selectors.personal_inbox(user).filter(acknowledged_at__isnull=True).count()
        items.append(PendingItem(_("Directives addressed to you by name to acknowledge"), count,
                                 f"{reverse('directives:inbox')}#ca-nhan", "soon"))
    kind = user.organisation.kind if user.organisation_id else None
    # Who answers: the office, and the commune and district committees a difficulty is raised to.
    asks_answers = user_can(user, "directive.register") or (recipient and kind in services.DIFFICULTY_HANDLER_KINDS)
    standing = kind == OrganisationKind.STANDING_COMMITTEE
    if recipient or asks_answers or standing:
        difficulties = reverse("directives:difficulties")
        counts = selectors.difficulty_work(user)
        if asks_answers:
            items.append(PendingItem(_("Reported difficulties to answer"), counts["open"],
                                     f"{difficulties}?phai-tra-loi=1", "progress"))
        if standing:
            items.append(PendingItem(_("Difficulties not answered in time, escalated to the Standing Committee"),
                                     counts["escalated"], f"{difficulties}?chuyen-thuong-truc=1", "late"))
    if recipient or user_can(user, "directive.register"):
        items.append(PendingItem(
            _("Difficulties you reported answered in the last %(n)s days")
            % {"n": selectors.ANSWER_NEWS_DAYS}, counts["answered"], f"{difficulties}?tra-loi-gan-day=1", "info"))
    return items
