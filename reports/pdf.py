"""The PDF of a progress report, laid out as a Party report (Hướng dẫn 36-HD/VPTW): HTML template
and CSS in templates/reports/pdf/, rendered by WeasyPrint in the worker."""

from collections.abc import Callable
from datetime import date
from pathlib import Path

from django.conf import settings
from django.template.loader import render_to_string
from django.utils import timezone, translation

from .charts import bar_chart
from .models import ReportJob

FONT_FAMILY = "ReportSerif"


def date_line(place: str, day: date) -> str:
    """"Tiền Giang, ngày 05 tháng 9 năm 2024": a leading zero on days below 10 and on months 1-2 (HD 36)."""
    month = f"{day.month:02d}" if day.month <= 2 else str(day.month)
    return f"{place}, ngày {day.day:02d} tháng {month} năm {day.year}"


def fonts() -> dict:
    base = Path(settings.REPORT_FONT_DIR)
    return {style: (base / f"LiberationSerif-{style}.ttf").as_uri()
            for style in ("Regular", "Bold", "Italic", "BoldItalic")}


def report_context(*, job: ReportJob, data) -> dict:
    as_of = timezone.localtime(data.as_of)
    chart = data.concurrency_chart
    return {
        "job": job,
        "data": data,
        "rows": data.rows(),
        "s": settings,
        "fonts": fonts(),
        "font_family": FONT_FAMILY,
        "reference": job.reference or f"Số     -{settings.REPORT_DOCUMENT_TYPE}/{settings.REPORT_ISSUER_SYMBOL}",
        "date_line": date_line(settings.REPORT_PLACE, timezone.localdate(data.as_of)),
        "as_of": as_of,
        "chart": bar_chart(chart, font=FONT_FAMILY, font_size=12) if chart else "",
    }


def render_html(*, job: ReportJob, data) -> str:
    with translation.override("vi"):
        return render_to_string("reports/pdf/report.html", report_context(job=job, data=data))


def render_pdf(*, job: ReportJob, data, on_progress: Callable[[int], None] | None = None) -> bytes:
    from weasyprint import HTML

    html = render_html(job=job, data=data)
    if on_progress:
        on_progress(50)
    document = HTML(string=html, base_url=str(settings.BASE_DIR)).render()
    if on_progress:
        on_progress(85)
    return document.write_pdf()
