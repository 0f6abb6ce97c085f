"""The report's serif travels with the project: the PDF embeds Liberation Serif from reports/fonts on
any machine, and a report laid out in a substitute font says so."""

from pathlib import Path

import pytest
from django.conf import settings
from django.urls import reverse

from reports import services
from reports.models import JobStatus, ReportJob
from reports.national import national_pdf
from reports.pdf import FONT_FAMILY, fonts, render_pdf
from reports.selectors import report_data
from tests.reports.conftest import AS_OF, nominate, pdf_fonts

pytestmark = pytest.mark.django_db

SHIPPED = Path(settings.BASE_DIR) / "reports" / "fonts"


def test_the_four_faces_and_their_licence_are_in_the_repository():
    assert Path(settings.REPORT_FONT_DIR) == SHIPPED
    for uri in fonts().values():
        path = Path(uri.removeprefix("file://"))
        assert path.parent == SHIPPED and path.stat().st_size > 100_000
    assert "SIL OPEN FONT LICENSE Version 1.1" in (SHIPPED / "LICENSE.txt").read_text()


def test_the_report_embeds_only_the_shipped_serif_under_its_own_family_name(tree):
    nominate(tree, 0)
    warnings: list[str] = []
    content = render_pdf(job=ReportJob(unit=tree.province, as_of=AS_OF),
                         data=report_data(user=tree.user("office"), as_of=AS_OF), warnings=warnings)
    listed = [line.split()[0] for line in pdf_fonts(content).splitlines()[2:]]
    assert listed and all(name.split("+")[-1].startswith(FONT_FAMILY) for name in listed), listed
    assert warnings == []


def test_the_national_summary_embeds_the_shipped_serif(tree):
    content, _count = national_pdf(AS_OF)
    listed = [line.split()[0] for line in pdf_fonts(content).splitlines()[2:]]
    assert listed and all(name.split("+")[-1].startswith(FONT_FAMILY) for name in listed), listed


def test_a_report_laid_out_in_a_substitute_font_is_marked_with_a_warning(
        tree, settings, django_capture_on_commit_callbacks, client):
    settings.REPORT_FONT_DIR = "/nonexistent-font-folder"
    with django_capture_on_commit_callbacks(execute=True):
        job = services.report_request(by=tree.user("office"), as_of=AS_OF).job
    job.refresh_from_db()
    assert job.status == JobStatus.DONE and job.file
    assert "/nonexistent-font-folder" in job.warning
    client.force_login(tree.user("office"))
    page = client.get(reverse("reports:job", args=[job.pk])).content.decode()
    assert "Cảnh báo" in page and "phông" in page


def test_a_report_with_its_own_font_carries_no_warning(tree, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        job = services.report_request(by=tree.user("office"), as_of=AS_OF).job
    job.refresh_from_db()
    assert job.status == JobStatus.DONE and job.warning == ""
