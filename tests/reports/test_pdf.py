"""The PDF: HD 36 header lines read back with pdftotext, figures equal to the database's, page 1
as a PNG, and never a complainant's identity."""

import datetime as dt
from pathlib import Path

import pytest

from reports.models import ReportJob
from reports.pdf import date_line, render_pdf
from reports.selectors import report_data
from territory.models import Unit
from tests.reports.conftest import (
    AS_OF,
    IDENTITY_NAME,
    add_complaint,
    elect,
    nominate,
    pdf_png,
    pdf_text,
    request_exception,
    send_directive,
)

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(("day", "expected"), [
    (dt.date(2024, 9, 5), "Tiền Giang, ngày 05 tháng 9 năm 2024"),
    (dt.date(2024, 1, 15), "Tiền Giang, ngày 15 tháng 01 năm 2024"),
    (dt.date(2018, 2, 20), "Tiền Giang, ngày 20 tháng 02 năm 2018"),
    (dt.date(2024, 12, 31), "Tiền Giang, ngày 31 tháng 12 năm 2024"),
])
def test_the_date_line_puts_leading_zeros_on_days_below_10_and_months_1_and_2(day, expected):
    assert date_line("Tiền Giang", day) == expected


@pytest.fixture
def report(tree, tmp_path):
    nominate(tree, 0, secretary=True)
    nominate(tree, 1, secretary=False)
    request_exception(tree, 1, decision="approved")
    nominate(tree, 4, secretary=True)
    elect(tree, 0)
    send_directive(tree)
    add_complaint(tree, 0)
    job = ReportJob.objects.create(unit=tree.province, as_of=AS_OF, number=12, year=2024,
                                   assessment="Công tác chuẩn bị được triển khai đồng bộ.",
                                   proposals="Đề nghị bổ sung kinh phí cho các ấp mới thành lập.")
    data = report_data(user=tree.user("office"), as_of=AS_OF)
    content = render_pdf(job=job, data=data)
    return {"tree": tree, "data": data, "pdf": content, "text": pdf_text(content), "tmp": tmp_path}


def test_the_header_follows_hd_36(report):
    lines = [line.strip() for line in report["text"].splitlines() if line.strip()]
    assert any(line.startswith("TỈNH ỦY TIỀN GIANG") and line.endswith("ĐẢNG CỘNG SẢN VIỆT NAM") for line in lines)
    assert "VĂN PHÒNG" in lines[1]
    assert "Tiền Giang, ngày 05 tháng 9 năm 2024" in report["text"]
    assert "Số 12-BC/VPTU" in report["text"]
    assert "BÁO CÁO" in lines
    assert "tiến độ lãnh đạo cuộc bầu cử Trưởng ấp, Trưởng khu phố" in report["text"]
    assert signature_lines(report["text"]) == ["CHÁNH VĂN PHÒNG"]
    assert "Nơi nhận:" in report["text"] and "- Lưu Văn phòng Tỉnh ủy." in report["text"]


def signature_lines(text: str) -> list[str]:
    """The capitals above the signature: the right-hand column of the closing block, as pdftotext
    lays it out beside "Nơi nhận:" and the recipients."""
    closing = text[text.index("Nơi nhận:"):].splitlines()
    right = [line.split("  ")[-1].strip() for line in closing[:6] if "  " in line.strip()]
    return [line for line in right if line.isupper()]


@pytest.mark.parametrize(("symbol", "deputy", "number", "signer"), [
    ("VPTU", False, "Số 12-BC/VPTU", ["CHÁNH VĂN PHÒNG"]),
    ("VPTU", True, "Số 12-BC/VPTU", ["K/T CHÁNH VĂN PHÒNG", "PHÓ CHÁNH VĂN PHÒNG"]),
    ("TU", False, "Số 12-BC/TU", ["T/L BAN THƯỜNG VỤ", "CHÁNH VĂN PHÒNG"]),
    ("TU", True, "Số 12-BC/TU", ["T/L BAN THƯỜNG VỤ", "K/T CHÁNH VĂN PHÒNG", "PHÓ CHÁNH VĂN PHÒNG"]),
])
def test_the_signer_block_matches_the_number(tree, settings, symbol, deputy, number, signer):
    settings.REPORT_ISSUER_SYMBOL, settings.REPORT_SIGNER_DEPUTY = symbol, deputy
    job = ReportJob.objects.create(unit=tree.province, as_of=AS_OF, number=12, year=2024)
    text = pdf_text(render_pdf(job=job, data=report_data(user=tree.user("office"), as_of=AS_OF)))
    assert number in text
    assert signature_lines(text) == signer
    header = text.split(number, 1)[0]  # the issuer column above the number names the office only on its own reports
    assert ("VĂN PHÒNG" in header.replace("ĐẢNG CỘNG SẢN VIỆT NAM", "")) is symbol.startswith("VP")


def test_sections_follow_the_outline_with_the_office_text(report):
    text = report["text"]
    positions = [text.index(title) for title in ("I. TÌNH HÌNH CHUNG", "II. TRIỂN KHAI", "III. CÔNG TÁC NHÂN SỰ",
                                                  "IV. TIẾP NHẬN", "V. KẾT QUẢ BẦU CỬ", "VI. ĐÁNH GIÁ")]
    assert positions == sorted(positions)
    assert "Công tác chuẩn bị được triển khai đồng bộ." in text
    assert "Đề nghị bổ sung kinh phí cho các ấp mới thành lập." in text
    assert "PHỤ LỤC" in text


def test_figures_equal_the_database(report):
    text = " ".join(report["text"].split())
    hamlets = Unit.objects.filter(level=4).count()
    assert f"{hamlets} ấp, khu phố" in text
    # Nominated in 3 hamlets, 2 of them the cell secretary: 66,7 %.
    assert "66,7%" in text
    assert "Chưa có số liệu" not in text
    # Every hamlet but the one with a recognised head is in the appendix.
    for hamlet in report["tree"].hamlets[1:]:
        assert hamlet.name in text
    appendix = text[text.index("PHỤ LỤC"):]
    assert report["tree"].hamlets[0].name + " " not in appendix


def test_tables_number_their_rows_stt_and_name_every_kind_of_a_level(report):
    appendix = report["text"][report["text"].index("PHỤ LỤC"):]
    heading = next(line for line in appendix.splitlines() if line.lstrip().startswith("STT"))
    assert " ".join(heading.split()) == (
        "STT Ấp, khu phố Xã, phường, thị trấn Huyện, thị xã, thành phố Ngày bầu cử Tình trạng")


def test_no_complainant_identity_appears(report):
    for secret in (IDENTITY_NAME, "Số 7 đường Bí Mật", "0909000111", "082090000777"):
        assert secret not in report["text"]


def test_page_one_renders_as_a_png(report):
    png = pdf_png(report["pdf"], report["tmp"] / "trang-1")
    assert png.exists() and png.stat().st_size > 5000
    Path("/tmp/report-page-1.png").write_bytes(png.read_bytes())  # to look at by hand


def test_a_section_whose_app_has_no_data_says_so(tree):
    from reports.sections.base import missing

    data = report_data(user=tree.user("office"), as_of=AS_OF)
    data.complaints = missing()
    content = render_pdf(job=ReportJob(unit=tree.province, as_of=AS_OF), data=data)
    assert "Chưa có số liệu." in pdf_text(content)
