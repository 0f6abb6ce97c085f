import pytest

from tests.factories import UserFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_a_user_logs_in_through_the_login_page_and_sees_the_vietnamese_home(live_server, page):
    UserFactory(username="vanphong.tinh", first_name="Trần Thị", last_name="Bích")
    page.goto(f"{live_server.url}/")
    assert "/tai-khoan/dang-nhap/" in page.url
    page.get_by_label("Tên đăng nhập").fill("vanphong.tinh")
    page.get_by_label("Mật khẩu").fill("mat-khau-thu-nghiem-1")
    page.get_by_role("button", name="Đăng nhập").click()
    page.wait_for_url(f"{live_server.url}/")
    assert page.locator("html").get_attribute("lang") == "vi"
    assert "Trang chủ" in page.locator("nav").inner_text()
    assert "Xin chào" in page.locator("h1").inner_text()
