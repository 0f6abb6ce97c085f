"""The national summary: one row per province (a list of 100,000 hamlets would be thousands of
pages), for the central organisation commission and administrators. Every figure is a roll-up
computed in the database, grouped by the denormalised province column: a fixed number of queries
whatever the size of the country."""

from datetime import datetime

from django.conf import settings
from django.db.models import Count, F, Q, Sum
from django.db.models.functions import Coalesce
from django.template.loader import render_to_string
from django.utils import timezone, translation

from accounts.scoping import user_scope
from candidates.models import Nominee, NomineeStatus
from elections.models import Election, HamletHead, HeadKind, Meeting
from territory.models import Level, Unit

FIELDS = ("hamlets", "households", "covered", "held", "recognised", "secretaries")


def can_see_national(user) -> bool:
    return user.is_authenticated and user.is_active and user_scope(user).everything


def national_rows(as_of: datetime | None = None) -> tuple[list[dict], dict]:
    """(one row per province with its figures, the national totals) as of `as_of`: six queries."""
    day = timezone.localdate(as_of or timezone.now())
    active = Election.objects.filter(is_active=True)
    provinces = list(Unit.objects.filter(level=Level.PROVINCE, is_active=True).order_by("code")
                     .values("id", "code", "name"))
    hamlets = {r["province"]: r for r in Unit.objects.filter(level=Level.HAMLET, is_active=True)
               .values("province").annotate(hamlets=Count("pk"), households=Coalesce(Sum("households"), 0))
               .order_by()}
    covered = {r["p"]: r["covered"] for r in Nominee.objects.filter(
        status=NomineeStatus.ACTIVE, hamlet_election__election__in=active)
        .values(p=F("hamlet_election__hamlet__province"))
        .annotate(covered=Count("hamlet_election", distinct=True)).order_by()}
    held = {r["p"]: r["held"] for r in Meeting.objects.filter(
        hamlet_election__election__in=active, held_on__lte=day)
        .values(p=F("hamlet_election__hamlet__province"))
        .annotate(held=Count("hamlet_election", distinct=True)).order_by()}
    heads = {r["p"]: r for r in HamletHead.objects.filter(
        hamlet_election__election__in=active, kind=HeadKind.ELECTED, decision_date__lte=day)
        .values(p=F("hamlet_election__hamlet__province"))
        .annotate(recognised=Count("hamlet_election", distinct=True),
                  secretaries=Count("pk", filter=Q(is_cell_secretary=True))).order_by()}
    rows = []
    for province in provinces:
        pid = province["id"]
        row = {**province, "hamlets": hamlets.get(pid, {}).get("hamlets", 0),
               "households": hamlets.get(pid, {}).get("households", 0), "covered": covered.get(pid, 0),
               "held": held.get(pid, 0), "recognised": heads.get(pid, {}).get("recognised", 0),
               "secretaries": heads.get(pid, {}).get("secretaries", 0)}
        rows.append(_rates(row))
    totals = _rates({name: sum(r[name] for r in rows) for name in FIELDS})
    return rows, totals


def _rates(row: dict) -> dict:
    def pct(part, whole):
        return round(100.0 * part / whole, 1) if whole else None

    row["covered_rate"] = pct(row["covered"], row["hamlets"])
    row["held_rate"] = pct(row["held"], row["hamlets"])
    row["recognised_rate"] = pct(row["recognised"], row["hamlets"])
    row["secretary_rate"] = pct(row["secretaries"], row["recognised"])
    return row


def national_html(as_of: datetime | None = None) -> tuple[str, int]:
    as_of = as_of or timezone.now()
    rows, totals = national_rows(as_of)
    with translation.override("vi"):
        html = render_to_string("reports/pdf/national.html", {
            "rows": rows, "totals": totals, "as_of": timezone.localtime(as_of)})
    return html, len(rows)


def national_pdf(as_of: datetime | None = None) -> tuple[bytes, int]:
    """The national summary as a PDF (a few pages): (bytes, number of provinces)."""
    from weasyprint import HTML

    html, count = national_html(as_of)
    return HTML(string=html, base_url=str(settings.BASE_DIR)).write_pdf(), count
