"""The national summary: one row per province (a list of 100,000 hamlets would be thousands of
pages), for the central organisation commission and administrators. Every figure is a roll-up
computed in the database by the app that owns it, grouped by the denormalised province column: a
fixed number of queries whatever the size of the country."""

from datetime import datetime

from django.conf import settings
from django.template.loader import render_to_string
from django.utils import timezone, translation

from candidates.selectors import covered_by_province
from common.numbers import percent
from elections.models import Election
from elections.results.selectors import results_by_province
from territory.models import Level, Unit
from territory.selectors import hamlets_by_province

from .pdf import FONT_FAMILY, fonts

FIELDS = ("hamlets", "households", "covered", "held", "recognised", "secretaries")


def national_rows(as_of: datetime | None = None) -> tuple[list[dict], dict]:
    """(one row per province with its figures, the national totals) as of `as_of`: six queries."""
    day = timezone.localdate(as_of or timezone.now())
    active = Election.objects.filter(is_active=True)
    provinces = list(Unit.objects.filter(level=Level.PROVINCE, is_active=True).order_by("code")
                     .values("id", "code", "name"))
    hamlets = hamlets_by_province()
    covered = covered_by_province(elections=active)
    held, heads = results_by_province(elections=active, day=day)
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
    row["covered_rate"] = percent(row["covered"], row["hamlets"])
    row["held_rate"] = percent(row["held"], row["hamlets"])
    row["recognised_rate"] = percent(row["recognised"], row["hamlets"])
    row["secretary_rate"] = percent(row["secretaries"], row["recognised"])
    return row


def national_html(as_of: datetime | None = None) -> tuple[str, int]:
    as_of = as_of or timezone.now()
    rows, totals = national_rows(as_of)
    with translation.override("vi"):
        html = render_to_string("reports/pdf/national.html", {
            "rows": rows, "totals": totals, "as_of": timezone.localtime(as_of),
            "fonts": fonts(), "font_family": FONT_FAMILY})
    return html, len(rows)


def national_pdf(as_of: datetime | None = None) -> tuple[bytes, int]:
    """The national summary as a PDF (a few pages): (bytes, number of provinces)."""
    from weasyprint import HTML

    html, count = national_html(as_of)
    return HTML(string=html, base_url=str(settings.BASE_DIR)).write_pdf(), count
