"""The concurrency rate in every report (Đề án 02-ĐA/TU): before the vote, the hamlets whose
nominees include the cell secretary (a second candidate beside the secretary changes nothing);
after it, the recognised heads who are the secretary. Both shown, labelled apart."""

import datetime as dt
import io
from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils.html import strip_tags
from openpyxl import load_workbook

from candidates.models import Nominee
from reports.models import ReportJob
from reports.pdf import render_pdf
from reports.selectors import report_data
from tests.reports.conftest import AS_OF, BEFORE, elect, nominate, pdf_text

pytestmark = pytest.mark.django_db

NOMINATED = "Ấp, khu phố có Bí thư chi bộ trong danh sách giới thiệu"
RECOGNISED = "Trưởng ấp, Trưởng khu phố được công nhận là Bí thư chi bộ"


@pytest.fixture
def progress(tree):
    """Hamlet 0: the secretary and a second candidate; hamlet 1: one non-secretary; hamlet 4: the
    secretary. After the vote: hamlet 0's head is the secretary, hamlet 1's is not."""
    first = nominate(tree, 0, secretary=True)
    second = Nominee.objects.create(
        hamlet_election=first.hamlet_election, nominee_list=first.nominee_list, full_name="Lê Văn Thứ Hai",
        search_name="le van thu hai", gender="male", date_of_birth=dt.date(1980, 1, 1), citizen_id="082080000456",
        is_party_member=False, is_cell_secretary=False)
    Nominee.objects.filter(pk=second.pk).update(created_at=BEFORE)
    nominate(tree, 1, secretary=False)
    nominate(tree, 4, secretary=True)
    elect(tree, 0, secretary=True)
    elect(tree, 1, secretary=False)
    return tree


def test_a_hamlet_counts_once_and_both_rates_are_computed(progress):
    data = report_data(user=progress.user("office"), as_of=AS_OF)
    nomination, results = data.nomination["totals"], data.results["totals"]
    assert (nomination["covered"], nomination["secretaries"], nomination["nominees"]) == (3, 2, 4)
    assert nomination["rate"] == Decimal("66.7")
    assert (results["recognised"], results["secretaries"], results["secretary_rate"]) == (2, 1, Decimal("50.0"))
    first, second = data.rows()
    assert first["nomination"]["rate"] == Decimal("50.0") and second["nomination"]["rate"] == Decimal("100.0")


def test_the_dashboard_shows_both_figures_labelled_apart(client, progress):
    client.force_login(progress.user("office"))
    page = client.get(reverse("reports:dashboard")).content.decode()
    assert NOMINATED in page and RECOGNISED in page
    nominated = strip_tags(page[page.index('id="secretary-nominated"'):].split("</dd>")[0])  # figures are links
    recognised = strip_tags(page[page.index('id="secretary-recognised"'):].split("</dd>")[0])
    assert "2 / 3" in nominated and "66,7" in nominated
    assert "1 / 2" in recognised and "50,0" in recognised


def test_the_workbook_has_both_figures_in_their_own_columns(client, progress):
    client.force_login(progress.user("office"))
    sheet = load_workbook(io.BytesIO(client.get(reverse("reports:xlsx")).content)).worksheets[0]
    header = [cell.value for cell in sheet[1]]
    total = [cell.value for cell in sheet[sheet.max_row]]
    nominated, recognised = header.index(NOMINATED), header.index(RECOGNISED)
    assert (total[nominated], total[nominated + 1]) == (2, 66.7)
    assert (total[recognised], total[recognised + 1]) == (1, 50.0)


def test_the_pdf_states_both_in_the_nomination_section(progress):
    job = ReportJob.objects.create(unit=progress.province, as_of=AS_OF, number=3, year=2024)
    text = " ".join(pdf_text(render_pdf(job=job, data=report_data(user=progress.user("office"), as_of=AS_OF)))
                    .split())
    section = text[text.index("III. CÔNG TÁC NHÂN SỰ"):text.index("IV. TIẾP NHẬN")]
    assert "66,7%" in section and "50,0%" in section
