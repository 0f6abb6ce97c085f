"""The PDF of a progress report, laid out as a Party report (Hướng dẫn 36-HD/VPTW): HTML template
and CSS in templates/reports/pdf/, rendered by WeasyPrint in the worker."""

import logging
from collections.abc import Callable
from contextlib import contextmanager
from datetime import date
from pathlib import Path

from django.conf import settings
from django.template.loader import render_to_string
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from .charts import bar_chart
from .models import ReportJob
from .rules import issued_by_the_office, signer_block

FONT_FAMILY = "ReportSerif"


def date_line(place: str, day: date) -> str:
    """"Tiền Giang, ngày 05 tháng 9 năm 2024": a leading zero on days below 10 and on months 1-2 (HD 36)."""
    month = f"{day.month:02d}" if day.month <= 2 else str(day.month)
    return f"{place}, ngày {day.day:02d} tháng {month} năm {day.year}"


def fonts() -> dict:
    """The four faces of the report's serif, by path (shipped in reports/fonts, SIL OFL 1.1)."""
    base = Path(settings.REPORT_FONT_DIR)
    return {style: (base / f"LiberationSerif-{style}.ttf").as_uri()
            for style in ("Regular", "Bold", "Italic", "BoldItalic")}


class FontWatch(logging.Handler):
    """Collects WeasyPrint's "Font-face … cannot be loaded" warnings while a report renders: such a
    report was laid out in a substitute font (longer, different line breaks) and says so."""

    def __init__(self):
        super().__init__(level=logging.WARNING)
        self.problems: list[str] = []

    def emit(self, record):
        message = record.getMessage()
        if "font" in message.lower():
            self.problems.append(message)

    @contextmanager
    def watching(self):
        from weasyprint import LOGGER

        LOGGER.addHandler(self)
        try:
            yield self
        finally:
            LOGGER.removeHandler(self)


def font_warning(problems: list[str]) -> str:
    if not problems:
        return ""
    return _("The report's serif font could not be loaded from %(folder)s; the PDF was laid out in a "
             "substitute font and may look different (%(detail)s).") % {
        "folder": settings.REPORT_FONT_DIR, "detail": "; ".join(sorted(set(problems)))[:500]}


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
        "signer": signer_block(settings.REPORT_ISSUER_SYMBOL, deputy=settings.REPORT_SIGNER_DEPUTY),
        # The office's name heads only its own reports ("-BC/VPTU"); a committee's ("-BC/TU") names the committee.
        "issuer_name": settings.REPORT_ISSUER_NAME if issued_by_the_office(settings.REPORT_ISSUER_SYMBOL) else "",
        "as_of": as_of,
        "chart": bar_chart(chart, font=FONT_FAMILY, font_size=12) if chart else "",
    }


def render_html(*, job: ReportJob, data) -> str:
    with translation.override("vi"):
        return render_to_string("reports/pdf/report.html", report_context(job=job, data=data))


def render_pdf(*, job: ReportJob, data, on_progress: Callable[[int], None] | None = None,
               warnings: list[str] | None = None) -> bytes:
    """The report's PDF; a font that could not be loaded is added to `warnings` (when given)."""
    from weasyprint import HTML

    html = render_html(job=job, data=data)
    if on_progress:
        on_progress(50)
    with FontWatch().watching() as watch:
        document = HTML(string=html, base_url=str(settings.BASE_DIR)).render()
        if on_progress:
            on_progress(85)
        content = document.write_pdf()
    if warnings is not None and (message := font_warning(watch.problems)):
        warnings.append(message)
    return content
