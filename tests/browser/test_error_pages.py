"""The four error pages seen in a real browser with DEBUG off: Vietnamese, in the portal's frame, with a
way home; the CSRF page met in normal use (a form left open in one tab after logging in again in another).
Screenshots go to $SHOTS when it is set."""

import os
from pathlib import Path

import pytest

from tests.browser.helpers import log_in
from tests.trees import build_tree

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True), pytest.mark.urls("tests.error_urls")]


def _shot(page, name):
    if os.environ.get("SHOTS"):
        Path(os.environ["SHOTS"]).mkdir(parents=True, exist_ok=True)
        page.screenshot(path=f"{os.environ['SHOTS']}/{name}.png", full_page=True)


def _is_portal_page(page, heading: str):
    assert heading in page.locator("h1").inner_text()
    assert page.locator(".site-header").is_visible()
    assert page.get_by_role("link", name="Về trang chủ").is_visible()


def test_the_error_pages_in_a_browser(live_server, page, settings):
    assert settings.DEBUG is False
    tree = build_tree()
    log_in(page, live_server.url, tree.user("office"))

    page.goto(f"{live_server.url}/khong-ton-tai/")
    _is_portal_page(page, "không tìm thấy trang này")
    _shot(page, "error-404")

    page.goto(f"{live_server.url}/thu/cam/")
    _is_portal_page(page, "trang này không mở cho tài khoản")
    assert "không được làm việc này" in page.locator("main").inner_text()
    _shot(page, "error-403")

    page.goto(f"{live_server.url}/thu/loi/")
    _is_portal_page(page, "cổng chưa xử lý xong yêu cầu này")
    _shot(page, "error-500")

    # A form opened before logging in again in another tab: its token is stale.
    page.goto(f"{live_server.url}/tai-khoan/doi-mat-khau/")
    for field in page.locator("input[type=password]").all():
        field.fill("Mot-mat-khau-moi-2024")
    other = page.context.new_page()
    log_in(other, live_server.url, tree.user("office"))
    other.close()
    page.get_by_role("button", name="Đổi mật khẩu").click()
    _is_portal_page(page, "biểu mẫu này đã hết hạn")
    page.get_by_role("link", name="Quay lại biểu mẫu").click()
    assert "doi-mat-khau" in page.url
    _shot(page, "error-csrf")
    page.go_back()
    page.set_viewport_size({"width": 360, "height": 740})
    _shot(page, "error-csrf-phone")
