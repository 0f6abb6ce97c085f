"""The directive walk-through in Chromium: the office registers a directive for the district
committees, to be deployed down to the cells; a district acknowledges and forwards, a commune
forwards, a cell acknowledges, reports and raises a difficulty; the office sees the rates move
and answers the difficulty."""

import datetime
import re

import pytest
from playwright.sync_api import expect

from tests.browser.helpers import log_in
from tests.trees import build_tree

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]



def open_from_inbox(page, base, number):
    page.goto(f"{base}/van-ban/")
    page.get_by_role("link", name=number).click()
    expect(page.locator("h1")).to_contain_text(number)


def level_row(page, kind):
    return page.locator(f'#rates-by-level tr[data-level="{kind}"]')


def test_a_directive_goes_down_to_a_cell_and_the_office_watches_it(live_server, page):
    tree = build_tree()
    office, district, commune, cell = (tree.user("office"), tree.user("district", 0), tree.user("commune", 0),
                                       tree.user("cell", 0))
    base = live_server.url
    due = (datetime.date.today() + datetime.timedelta(days=30)).strftime("%d/%m/%Y")

    # The office registers the directive for every district committee, to be deployed to the cells.
    log_in(page, base, office)
    page.get_by_role("link", name="Văn bản chỉ đạo").click()
    page.get_by_role("link", name="Vào sổ văn bản").click()
    page.get_by_label("Số và ký hiệu").fill("Số 15-KH/TU")
    page.get_by_label("Loại văn bản").select_option(label="Kế hoạch")
    page.get_by_label("Ngày ban hành").fill(datetime.date.today().strftime("%d/%m/%Y"))
    page.get_by_label("Cơ quan ban hành").fill("Tỉnh ủy Thử Nghiệm, Ban Thường vụ")
    page.get_by_label("Trích yếu").fill("Triển khai bầu cử Trưởng ấp, Trưởng khu phố")
    page.get_by_label("Toàn văn").fill("Các cấp ủy triển khai đến chi bộ ấp, khu phố.")
    page.get_by_label("Nơi nhận phải báo cáo").check()
    page.get_by_label("Hạn nộp báo cáo").fill(due)
    page.get_by_label("Phạm vi triển khai").select_option(label="Triển khai đến chi bộ ấp, khu phố")
    page.get_by_label("Tất cả Huyện ủy, Thành ủy, Thị ủy").check()
    page.get_by_role("button", name="Vào sổ và gửi").click()
    expect(page.locator(".message--success")).to_contain_text("15-KH/TU")
    expect(level_row(page, "district_committee")).to_contain_text("0/2")
    tracking_url = page.url

    # A district committee acknowledges and forwards to its communes.
    log_in(page, base, district)
    open_from_inbox(page, base, "15-KH/TU")
    page.get_by_role("button", name="Xác nhận đã nhận").click()
    expect(page.locator(".message--success")).to_contain_text("Đã xác nhận")
    page.get_by_role("button", name="Chuyển tiếp xuống cấp dưới").click()
    expect(page.locator(".message--success")).to_contain_text("2 đơn vị cấp dưới")

    # A commune committee forwards to its cells.
    log_in(page, base, commune)
    open_from_inbox(page, base, "15-KH/TU")
    page.get_by_role("button", name="Chuyển tiếp xuống cấp dưới").click()
    expect(page.locator(".message--success")).to_contain_text("2 đơn vị cấp dưới")

    # A cell acknowledges, submits its report and raises a difficulty.
    log_in(page, base, cell)
    open_from_inbox(page, base, "15-KH/TU")
    page.get_by_role("button", name="Xác nhận đã nhận").click()
    page.get_by_role("link", name="Nộp báo cáo").click()
    page.get_by_label("Nội dung").fill("Chi bộ đã họp, phân công đảng viên tuyên truyền đến từng hộ.")
    page.get_by_role("button", name="Gửi báo cáo").click()
    expect(page.locator(".message--success")).to_contain_text("Đã nộp báo cáo")
    page.get_by_label("Khó khăn, vướng mắc cần phản ánh").fill("Ấp chưa có kinh phí in phiếu bầu.")
    page.get_by_role("button", name="Gửi khó khăn, vướng mắc").click()
    expect(page.locator(".message--success")).to_contain_text("hạn trả lời")  # to its commune first

    # The commune and the district pass it up to the office (issue 21 point 4).
    for holder in (commune, district):
        log_in(page, base, holder)
        page.goto(f"{base}/van-ban/kho-khan/?phai-tra-loi=1")
        page.get_by_role("row", name=re.compile("Ấp chưa có kinh phí")).get_by_role("link").click()
        page.get_by_role("button", name="Chuyển lên cấp trên").click()
        expect(page.locator(".message--success")).to_contain_text("Đã chuyển lên")

    # The office sees the rates move at each level and answers the difficulty.
    log_in(page, base, office)
    page.goto(tracking_url)
    expect(level_row(page, "district_committee")).to_contain_text("1/2")
    expect(level_row(page, "commune_committee")).to_contain_text("1/2")
    expect(level_row(page, "cell")).to_contain_text("1/2")
    expect(page.locator("#rates-by-district")).to_contain_text(tree.districts[0].name)
    page.get_by_role("link", name="Xem tất cả").click()
    page.get_by_role("row", name=re.compile("Ấp chưa có kinh phí")).get_by_role("link").click()
    page.get_by_label("Trả lời").fill("Văn phòng đề nghị Huyện ủy hỗ trợ kinh phí in phiếu.")
    page.get_by_role("button", name="Gửi trả lời").click()
    expect(page.locator(".message--success")).to_contain_text("Đã gửi trả lời")

    # The cell sees the answer.
    log_in(page, base, cell)
    open_from_inbox(page, base, "15-KH/TU")
    expect(page.locator("main")).to_contain_text("hỗ trợ kinh phí in phiếu")
