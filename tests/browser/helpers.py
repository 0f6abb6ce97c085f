"""What every browser journey does: sign in through the portal's own login page."""

from tests.trees import PASSWORD


def log_in(page, base: str, user) -> None:
    """Sign in as `user` (a User or a username) from a fresh session, and land on the home page."""
    page.context.clear_cookies()
    page.goto(f"{base}/tai-khoan/dang-nhap/")
    page.get_by_label("Tên đăng nhập").fill(getattr(user, "username", user))
    page.get_by_label("Mật khẩu").fill(PASSWORD)
    page.get_by_role("button", name="Đăng nhập").click()
    page.wait_for_url(f"{base}/")
