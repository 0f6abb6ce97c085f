"""Reads for progress reports. `report_data` gathers, as of a moment, everything the report says,
in a fixed number of queries whatever the size of the province; the dashboard, the PDF and the
.xlsx export all read it, so they never disagree."""

from dataclasses import dataclass, field
from datetime import datetime

from django.db.models import QuerySet
from django.http import Http404
from django.utils import timezone

from accounts.permissions import user_can
from elections.incidents.selectors import serious_incidents
from elections.incidents.services import place_name
from elections.models import Election
from elections.results.selectors import hamlets_without_head
from territory.models import Level, Unit
from territory.scoping import scope_of

from .models import JobStatus, ReportJob, ReportNotice
from .sections import complaints, directives, nomination, results, situation
from .sections.base import Frame

# Order matters: the PDF numbers its sections in this order.
SECTIONS = {
    "situation": situation.compute,
    "directives": directives.compute,
    "nomination": nomination.compute,
    "complaints": complaints.compute,
    "results": results.compute,
}


@dataclass
class ReportData:
    as_of: datetime
    root: Unit
    election: Election | None
    groups: list[dict]
    situation: dict = field(default_factory=dict)
    directives: dict = field(default_factory=dict)
    nomination: dict = field(default_factory=dict)
    complaints: dict = field(default_factory=dict)
    results: dict = field(default_factory=dict)
    pending_hamlets: list[dict] = field(default_factory=list)
    serious_incidents: list[dict] = field(default_factory=list)

    @property
    def group_level(self) -> int | None:
        return self.groups[0]["level"] if self.groups else None

    def rows(self) -> list[dict]:
        """One row per child unit with every section's figures for it (keys: the section names)."""
        out = []
        for group in self.groups:
            row = {"id": group["id"], "name": group["name"], "level": group["level"]}
            for name in SECTIONS:
                section = getattr(self, name)
                row[name] = section.get("rows", {}).get(group["id"], {}) if section.get("available") else {}
            out.append(row)
        return out

    @property
    def pending_count(self) -> int:
        """Hamlets without a recognised head (the size of the appendix's list)."""
        recognised = self.results.get("totals", {}).get("recognised", 0) if self.results.get("available") else 0
        return max(self.situation.get("totals", {}).get("hamlets", 0) - recognised, 0)

    @property
    def concurrency_chart(self) -> list[tuple[str, float | None]]:
        """(unit name, share of covered hamlets whose nominees include the cell secretary) per child unit."""
        if not self.nomination.get("available"):
            return []
        return [(row["name"], row["nomination"].get("rate")) for row in self.rows()]


def report_root(user, unit_id=None) -> Unit:
    """The unit a report or dashboard describes: the one asked for if the user may see it, else
    the user's own unit; administrators default to the province with the active campaign."""
    if unit_id:
        return Unit.objects.filter(is_active=True).get_visible_or_404(user, pk=unit_id)
    scope = scope_of(user)
    if scope.unit is not None:
        return scope.unit
    if scope.everything:
        election = Election.objects.filter(is_active=True).select_related("province").first()
        province = election.province if election else Unit.objects.filter(level=Level.PROVINCE).first()
        if province is not None:
            return province
    raise Http404("No territory to report on.")


def report_data(*, user, as_of: datetime | None = None, root: Unit | None = None,
                with_pending: bool = True) -> ReportData:
    """Every figure of the progress report for `root` (default: the user's unit) as of `as_of`,
    over what `user` sees inside `root`; `user=None` for a report job, which reads all of `root`
    (the requester's permission was checked when the job was created; the weekly report has none).
    `with_pending=False` skips the lists of unfinished hamlets and of serious incidents (the dashboard
    shows only their size)."""
    as_of = as_of or timezone.now()
    root = root or report_root(user)
    election = (Election.objects.filter(province_id=root.province_id or root.pk, is_active=True)
                .order_by("-election_start").first())
    groups = list(Unit.objects.filter(parent=root, is_active=True).order_by("code", "name")
                  .values("id", "name", "level", "kind"))
    frame = Frame(user=user, as_of=as_of, root=root, election=election, groups=groups)
    data = ReportData(as_of=as_of, root=root, election=election, groups=groups)
    for name, compute in SECTIONS.items():
        setattr(data, name, compute(frame))
    if with_pending:
        data.pending_hamlets = pending_hamlets(frame)
        data.serious_incidents = serious_incident_lines(frame)
    return data


# The report names at most this many serious incidents (the latest); its sentence counts them all.
SERIOUS_INCIDENTS_LISTED = 100


def serious_incident_lines(frame: Frame) -> list[dict]:
    """The serious incidents of the report's unit known at its moment, latest first (one query):
    place (hamlet, commune), kind, severity, day, and whether resolved by then. Never the free text
    (description, reporter, handler), which may name people."""
    return [{"place": place_name(i.hamlet), "kind": i.get_kind_display(), "severity": i.get_severity_display(),
             "occurred": timezone.localdate(i.occurred_at),
             "resolved": i.resolved_at is not None and i.resolved_at <= frame.as_of}
            for i in serious_incidents(within=frame.root, user=frame.user, as_of=frame.as_of,
                                       limit=SERIOUS_INCIDENTS_LISTED)]


def pending_hamlets(frame: Frame) -> list[dict]:
    """Every hamlet of the report's unit whose head is not yet recognised as of the moment (one
    query): name, commune, district, planned date and result state."""
    if frame.election is None:
        return []
    return hamlets_without_head(election=frame.election, within=frame.root, day=frame.as_of_date, user=frame.user)


# --- Jobs and the archive -------------------------------------------------------------------


def home_shows_dashboard(user) -> bool:
    """The home page of a party committee is its progress dashboard (`report.dashboard`);
    administrators keep the plain welcome page, which leads everywhere."""
    return user_can(user, "report.dashboard") and not user.is_superuser


def can_see_national(user) -> bool:
    """The national summary (`report.national`: the central organisation commission and
    administrators); its figures cover every province, so the reader must also see the whole
    territory (an organisation still active)."""
    return user_can(user, "report.national") and scope_of(user).everything


def dashboard_trail(user, root: Unit) -> list[Unit]:
    """The units from the top of the user's territory down to `root`: the dashboard's breadcrumbs."""
    scope = scope_of(user)
    return [unit for unit in root.ancestors() if scope.contains(unit)] + [root]


def job_file_ready(job: ReportJob) -> bool:
    """A report's PDF can be downloaded once the job is done and its file is kept."""
    return job.status == JobStatus.DONE and bool(job.file)


def can_use_archive(user) -> bool:
    """Reports and their archive: province-level organisations (office, standing committee) and admins."""
    return user_can(user, "report.archive")


def can_request_report(user) -> bool:
    """Asking for a report: editors of the provincial office, and admins."""
    return user_can(user, "report.generate")


def jobs_visible_to(user) -> QuerySet:
    """Report jobs in the archive: every report of a unit inside the user's scope."""
    return ReportJob.objects.select_related("requested_by", "unit").visible_to(user)


def done_jobs_visible_to(user) -> QuerySet:
    return jobs_visible_to(user).filter(status=JobStatus.DONE)


def recent_notices(user, limit: int = 5) -> list:
    return list(ReportNotice.objects.select_related("job").visible_to(user)[:limit])
