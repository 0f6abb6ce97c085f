"""The tasks of a directive in Chromium (issue 21): the office registers a directive and lists its
three tasks; two district committees and a commune committee report them, one district completing
its report after the office returned it; the office sees the figures on the tracking page and in
the progress report's PDF."""

import datetime
from pathlib import Path

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from directives.models import Dispatch, TaskReport
from tests.browser.helpers import log_in
from tests.reports.conftest import pdf_text
from tests.trees import build_tree

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

TASKS = [
    ("Quán triệt, triển khai", ["Huyện ủy, Thành ủy, Thị ủy", "Đảng ủy xã, phường, thị trấn"],
     [("Ngày tổ chức hội nghị", "date", ""), ("Cán bộ tham dự", "number", "lượt")]),
    ("Tuyên truyền tiêu chuẩn Trưởng ấp", ["Huyện ủy, Thành ủy, Thị ủy"], [("Băng rôn, khẩu hiệu", "number", "cái")]),
    ("Bảo đảm an ninh, trật tự", ["Huyện ủy, Thành ủy, Thị ủy"], [("Có kế hoạch bảo vệ an ninh", "yes_no", "")]),
]


def add_task(page, title, levels, fields, due):
    page.get_by_label("Nhiệm vụ").fill(title)
    for level in levels:
        page.get_by_label(level, exact=True).check()
    page.get_by_label("Hạn nộp báo cáo").fill(due)
    for index, (label, kind, unit) in enumerate(fields):
        page.locator(f'[name="truong-{index}-label"]').fill(label)
        page.locator(f'[name="truong-{index}-kind"]').select_option(kind)
        page.locator(f'[name="truong-{index}-unit"]').fill(unit)
    page.get_by_role("button", name="Thêm nhiệm vụ").click()
    expect(page.locator(".message--success")).to_contain_text("Đã thêm nhiệm vụ")


def report_task(page, base, number, title, answers):
    page.goto(f"{base}/van-ban/")
    page.get_by_role("link", name=number).click()
    page.locator("#tasks-owed tr", has_text=title).get_by_role("link").click()
    for label, value in answers.items():
        field = page.get_by_label(label)
        if field.evaluate("e => e.tagName") == "SELECT":
            field.select_option(label=value)
        else:
            field.fill(value)
    page.get_by_role("button", name="Gửi báo cáo nhiệm vụ").click()
    expect(page.locator(".message--success")).to_contain_text("Đã gửi báo cáo nhiệm vụ")


def test_the_office_lists_three_tasks_and_reads_their_figures(live_server, page):
    tree = build_tree(name="Tỉnh Tiền Giang", code="82")
    office, district0, district1, commune = (tree.user("office"), tree.user("district", 0), tree.user("district", 1),
                                             tree.user("commune", 0))
    base = live_server.url
    today = datetime.date.today().strftime("%d/%m/%Y")
    due = (datetime.date.today() + datetime.timedelta(days=20)).strftime("%d/%m/%Y")

    # The office registers the directive for both districts, deployed down to the communes...
    log_in(page, base, office)
    page.goto(f"{base}/van-ban/dang-ky/")
    page.get_by_label("Số và ký hiệu").fill("16-KH/TU")
    page.get_by_label("Loại văn bản").select_option(label="Kế hoạch")
    page.get_by_label("Ngày ban hành").fill(today)
    page.get_by_label("Cơ quan ban hành").fill("Tỉnh ủy Tiền Giang, Ban Thường vụ")
    page.get_by_label("Trích yếu").fill("Triển khai bầu cử Trưởng ấp, Trưởng khu phố")
    page.get_by_label("Toàn văn").fill("Các cấp ủy triển khai đến Đảng ủy xã, phường, thị trấn.")
    page.get_by_label("Phạm vi triển khai").select_option(label="Triển khai đến Đảng ủy xã, phường, thị trấn")
    page.get_by_label("Tất cả Huyện ủy, Thành ủy, Thị ủy").check()
    page.get_by_role("button", name="Vào sổ và gửi").click()
    expect(page.locator(".message--success")).to_contain_text("16-KH/TU")
    tracking_url = page.url

    # ... and lists its three tasks, with what each recipient reports.
    page.get_by_role("link", name="Nhiệm vụ của văn bản").click()
    for title, levels, fields in TASKS:
        add_task(page, title, levels, fields, due)
    expect(page.locator("article.task")).to_have_count(3)

    # District 0 forwards to its communes and reports the three tasks.
    log_in(page, base, district0)
    page.goto(f"{base}/van-ban/")
    page.get_by_role("link", name="16-KH/TU").click()
    page.get_by_role("button", name="Chuyển tiếp xuống cấp dưới").click()
    report_task(page, base, "16-KH/TU", "Quán triệt, triển khai",
                {"Ngày tổ chức hội nghị": today, "Cán bộ tham dự (lượt)": "1.000"})
    report_task(page, base, "16-KH/TU", "Tuyên truyền", {"Băng rôn, khẩu hiệu (cái)": "35"})
    report_task(page, base, "16-KH/TU", "Bảo đảm an ninh", {"Có kế hoạch bảo vệ an ninh": "Có"})

    # District 1 reports the conferences without its figure right; a commune of district 0 reports too.
    log_in(page, base, district1)
    report_task(page, base, "16-KH/TU", "Quán triệt, triển khai",
                {"Ngày tổ chức hội nghị": today, "Cán bộ tham dự (lượt)": "20"})
    log_in(page, base, commune)
    report_task(page, base, "16-KH/TU", "Quán triệt, triển khai",
                {"Ngày tổ chức hội nghị": today, "Cán bộ tham dự (lượt)": "40"})

    # The office returns district 1's report for completion.
    log_in(page, base, office)
    page.goto(tracking_url)
    page.get_by_role("link", name="1. Quán triệt, triển khai").click()
    row = page.locator("#task-recipients tr", has_text=tree.org("district", 1).name)
    row.get_by_label("Nội dung cần bổ sung").fill("Số lượt cán bộ tham dự chưa tính các xã.")
    row.get_by_role("button", name="Trả lại để bổ sung").click()
    expect(page.locator(".message--success")).to_contain_text("Đã trả lại báo cáo")

    # District 1 sees why and completes it.
    log_in(page, base, district1)
    page.goto(f"{base}/van-ban/")
    page.get_by_role("link", name="16-KH/TU").click()
    expect(page.locator("#tasks-owed")).to_contain_text("Số lượt cán bộ tham dự chưa tính các xã.")
    report_task(page, base, "16-KH/TU", "Quán triệt, triển khai", {"Cán bộ tham dự (lượt)": "200"})

    # The office reads the figures: 2/2 districts and 1/2 communes, 1.240 attendances.
    log_in(page, base, office)
    page.goto(tracking_url)
    conferences = page.locator('#task-figures tr[data-task="1"]')
    expect(conferences).to_contain_text("2/2 Huyện ủy, Thành ủy, Thị ủy")
    expect(conferences).to_contain_text("1/2 Đảng ủy xã, phường, thị trấn")
    expect(conferences).to_contain_text("1.240 lượt")
    expect(page.locator('#task-figures tr[data-task="3"]')).to_contain_text("1/1 có")

    # The progress report says it in section II. A report describes a whole minute (its moment is
    # rounded down): what came in this minute is moved two minutes back rather than waiting.
    earlier = timezone.now() - datetime.timedelta(minutes=2)
    Dispatch.objects.update(delivered_at=earlier)
    TaskReport.objects.update(submitted_at=earlier)
    page.goto(f"{base}/")
    page.get_by_role("link", name="Lập báo cáo tiến độ").first.click()
    page.get_by_role("button", name="Lập báo cáo").click()
    status = page.locator("#job-status")
    status.get_by_text("Hoàn thành").wait_for(timeout=90_000)
    with page.expect_download() as info:
        status.get_by_role("link", name="Tải về PDF").click()
    text = " ".join(pdf_text(Path(info.value.path()).read_bytes()).split())
    assert ("2/2 Huyện ủy, Thành ủy, Thị ủy; 1/2 Đảng ủy xã, phường, thị trấn đã báo cáo nhiệm vụ “Quán triệt, "
            "triển khai” (16-KH/TU): 1.240 lượt (Cán bộ tham dự)") in text
    assert "Có kế hoạch bảo vệ an ninh: 1/1 có" in text
