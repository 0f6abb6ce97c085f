"""The office opens the dashboard, asks for a report, watches its progress and downloads the PDF."""

import os
from pathlib import Path

import pytest

from tests.reports.conftest import add_campaign, nominate, pdf_text
from tests.trees import PASSWORD, build_tree

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_the_office_asks_for_a_report_and_downloads_it(live_server, page, request):
    if os.environ.get("REDIS_URL"):
        request.getfixturevalue("celery_worker_app")  # a real worker through Redis, as in production
    tree = build_tree(name="Tỉnh Tiền Giang", code="82")
    tree.election = add_campaign(tree)
    nominate(tree, 0)
    user = tree.user("office", 0, "officer")

    page.goto(f"{live_server.url}/")
    page.get_by_label("Tên đăng nhập").fill(user.username)
    page.get_by_label("Mật khẩu").fill(PASSWORD)
    page.get_by_role("button", name="Đăng nhập").click()
    page.wait_for_url(f"{live_server.url}/")
    assert "Tiến độ bầu cử: Tỉnh Tiền Giang" in page.locator("h1").inner_text()
    assert tree.districts[0].name in page.locator("table.data").inner_text()

    page.get_by_role("link", name="Lập báo cáo tiến độ").first.click()
    page.get_by_label("Đánh giá chung").fill("Các huyện triển khai nghiêm túc, đúng tiến độ.")
    page.get_by_role("button", name="Lập báo cáo").click()
    status = page.locator("#job-status")
    status.get_by_text("Hoàn thành").wait_for(timeout=90_000)  # htmx polls every 2 s until done
    with page.expect_download() as info:
        status.get_by_role("link", name="Tải về PDF").click()
    text = pdf_text(Path(info.value.path()).read_bytes())
    assert "ĐẢNG CỘNG SẢN VIỆT NAM" in text and "TỈNH ỦY TIỀN GIANG" in text
    assert "Các huyện triển khai nghiêm túc, đúng tiến độ." in text

    page.get_by_role("link", name="Về kho báo cáo").click()
    assert "Số 1-BC/VPTU" in page.locator("table.data").inner_text()
