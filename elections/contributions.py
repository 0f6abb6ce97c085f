"""What elections gives to the registries of the apps below it (registered in `ElectionsConfig.ready()`):
the commune's election-day work for the home page's "Việc cần làm" (issue 20)."""

from django.urls import reverse
from django.utils.translation import gettext as _

from accounts.permissions import user_can
from accounts.registry import PendingItem
from territory.models import Level
from territory.scoping import scope_of

from .incidents.selectors import incidents_filtered
from .results import selectors
from .results.models import ResultStatus


def pending_work(user) -> list[PendingItem]:
    """For a commune committee that records results: its hamlets whose meeting day has passed with no
    minutes recorded, those whose failed election needs a re-run scheduled (domain-rules §1.6), and
    the elected heads awaiting the chairman's recognition, within its time limit or overdue
    (NĐ 59/2023 Điều 8). Two queries."""
    if not user_can(user, "result.record"):
        return []
    commune = scope_of(user).unit
    if commune is None or commune.level != Level.COMMUNE:
        return []
    election = selectors.campaign_for(user)
    if election is None:
        return []
    counts = selectors.commune_work(user, election, commune)
    page = f"{reverse('elections:results_unit', args=[commune.pk])}?chien-dich={election.pk}&trang-thai="
    return [
        PendingItem(_("Minutes of hamlet meetings to record"), counts["minutes"], f"{page}minutes", "soon"),
        PendingItem(_("Re-runs to schedule"), counts[ResultStatus.RERUN_REQUIRED],
                    f"{page}{ResultStatus.RERUN_REQUIRED.value}", "soon"),
        PendingItem(_("Elected heads awaiting recognition"), counts["recognition"], f"{page}recognition", "soon"),
        PendingItem(_("Recognition overdue"), counts["recognition-late"], f"{page}recognition-late", "late"),
    ]


def incident_work(user) -> list[PendingItem]:
    """For the committees that handle incidents (issue 21): the serious incidents in their territory
    not yet resolved, the same rows as the incident list's "serious, not yet resolved" filter. One query."""
    if not user_can(user, "incident.handle"):
        return []
    count = incidents_filtered(user, serious_open=True).count()
    return [PendingItem(_("Serious incidents not yet resolved"), count,
                        f"{reverse('elections:incidents')}?serious_open=on", "late")]
