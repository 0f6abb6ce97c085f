"""The nomination journey in Chromium: template download, upload with errors, fix, exception,
leader's decision, submission, return with a reason, correction, acceptance, province rate."""

import datetime

import openpyxl
import pytest

from candidates.imports import COLUMNS
from candidates.models import ListStatus, NomineeList
from elections.services import election_create
from tests.browser.helpers import log_in
from tests.trees import build_tree

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
KEYS = list(COLUMNS)



def person(sheet, row, n, **overrides):
    values = {"full_name": f"Nguyễn Văn Bình {n}", "gender": "Nam", "date_of_birth": "12/05/1975",
              "citizen_id": f"08207500{n:04d}", "political_theory": "Trung cấp", "is_party_member": "Có",
              "party_join_date": "03/02/2000", "is_cell_secretary": "Có",
              "nominated_by": "Ban công tác Mặt trận ấp", "is_permanent_resident": "Có", "on_election_team": "Không"}
    values.update(overrides)
    for key, value in values.items():
        sheet.cell(row=row, column=KEYS.index(key) + 1).value = value


def test_district_and_office_walk_the_nomination_journey(live_server, page, tmp_path):
    tree = build_tree()
    officer, leader = tree.user("district", 0, "officer"), tree.user("district", 0, "leader")
    office = tree.user("office", 0, "officer")
    election = election_create(by=office, name="Bầu cử Trưởng ấp, Trưởng khu phố nhiệm kỳ 2024-2029",
                               province=tree.province, term_start_year=2024, term_end_year=2029, term_months=60,
                               nomination_deadline=datetime.date(2024, 9, 30),
                               election_start=datetime.date(2024, 10, 1), election_end=datetime.date(2024, 11, 30))
    page.on("dialog", lambda dialog: dialog.accept())

    # The district officer starts the district's list (nothing is created by opening the page), then
    # downloads its template.
    log_in(page, live_server.url, officer)
    page.get_by_role("link", name="Giới thiệu nhân sự").first.click()
    assert not NomineeList.objects.exists()
    page.get_by_role("button", name="Lập danh sách").click()
    page.wait_for_url("**/nhan-su/danh-sach/*/")
    list_url = page.url
    with page.expect_download() as download:
        page.get_by_role("link", name="Tải tệp mẫu (.xlsx)").first.click()
    template = tmp_path / "mau.xlsx"
    download.value.save_as(template)

    # Fills it in with one mistake (an impossible date) and a non-secretary in the second hamlet.
    workbook = openpyxl.load_workbook(template)
    sheet = workbook.worksheets[0]
    person(sheet, 2, 1)
    person(sheet, 3, 2, full_name="Trần Thị Hoa", gender="Nữ", is_cell_secretary="Không", party_post="Đảng viên")
    person(sheet, 4, 3, date_of_birth="31/02/1980")
    person(sheet, 5, 4)
    filled = tmp_path / "da-dien.xlsx"
    workbook.save(filled)

    page.get_by_role("link", name="Tải lên tệp mẫu đã điền").click()
    page.locator("input[name=file]").set_input_files(str(filled))
    page.get_by_role("button", name="Tải lên").click()
    errors = page.locator("#import-errors")
    assert "Dòng 4" in errors.inner_text() and "Ngày sinh" in errors.inner_text()
    assert not NomineeList.objects.get().nominees.exists()

    # Fixes the date and uploads again: everything is saved.
    sheet.cell(row=4, column=KEYS.index("date_of_birth") + 1).value = "28/02/1980"
    workbook.save(filled)
    page.locator("input[name=file]").set_input_files(str(filled))
    page.get_by_role("button", name="Tải lên").click()
    page.wait_for_url(list_url)
    assert "thêm 4" in page.locator(".messages").inner_text()
    assert "4 / 4" in page.locator("#list-progress").inner_text()

    # Files an exception for the hamlet whose nominee is not the cell secretary.
    page.get_by_role("link", name="Ấp 99-1").click()
    page.get_by_role("link", name="Đề nghị xem xét trường hợp không kiêm nhiệm").click()
    page.locator("select[name=reason]").select_option("health")
    page.locator("textarea[name=explanation]").fill("Bí thư chi bộ đang điều trị bệnh dài ngày.")
    page.get_by_role("button", name="Lưu").click()
    assert "Đang xem xét" in page.locator(".exception").inner_text()
    hamlet_url = page.url

    # The district leader approves it with the decision's number and date.
    log_in(page, live_server.url, leader)
    page.goto(hamlet_url)
    page.locator(".decide-form input[value=approved]").check()
    page.locator(".decide-form input[name=decision_number]").fill("25-QĐ/HU")
    page.locator(".decide-form input[name=decision_date]").fill("20/09/2024")
    page.get_by_role("button", name="Ghi quyết định").click()
    assert "Đồng ý" in page.locator(".exception").inner_text()
    assert "25-QĐ/HU" in page.locator(".exception").inner_text()

    # The officer submits the list.
    log_in(page, live_server.url, officer)
    page.goto(list_url)
    page.get_by_role("button", name="Gửi danh sách").click()
    assert "Đã gửi danh sách" in page.locator(".messages").inner_text()
    assert NomineeList.objects.get().status == ListStatus.SUBMITTED

    # The provincial office returns it with a reason.
    log_in(page, live_server.url, office)
    page.goto(f"{live_server.url}/nhan-su/")
    page.wait_for_url(f"**/nhan-su/dot/{election.pk}/")
    page.locator("#waiting").get_by_role("link", name="Xem xét").click()
    page.get_by_role("link", name="Trả lại danh sách").click()
    page.locator("textarea[name=reason]").fill("Bổ sung trình độ học vấn của ông Nguyễn Văn Bình 1.")
    page.get_by_role("button", name="Lưu").click()
    assert "Bị trả lại" in page.locator("h1").inner_text()

    # The district sees the reason, corrects the nominee and submits again.
    log_in(page, live_server.url, officer)
    page.goto(list_url)
    assert "Bổ sung trình độ học vấn" in page.locator(".message--warning").filter(has_text="Bổ sung").inner_text()
    page.get_by_role("link", name="Ấp 99-0").click()
    page.get_by_role("link", name="Sửa").click()
    page.locator("input[name=education]").fill("12/12")
    page.get_by_role("button", name="Lưu").click()
    assert "12/12" in page.locator(".nominee").inner_text()
    page.goto(list_url)
    page.get_by_role("button", name="Gửi danh sách").click()
    assert NomineeList.objects.get().status == ListStatus.SUBMITTED

    # The office accepts it; the province page shows the district's concurrency rate.
    log_in(page, live_server.url, office)
    page.goto(list_url)
    page.get_by_role("button", name="Chấp nhận danh sách").click()
    assert "Đã chấp nhận" in page.locator("h1").inner_text()
    page.goto(f"{live_server.url}/nhan-su/dot/{election.pk}/")
    row = page.locator(f"#districts tr[data-unit='{tree.districts[0].code}']")
    assert "75,0%" in row.inner_text() and "Đã chấp nhận" in row.inner_text()
    assert NomineeList.objects.get().events.count() == 4
