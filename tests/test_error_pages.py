"""With DEBUG off, 403, 404, 500 and the CSRF failure are Vietnamese pages in the portal's frame, with
the reason where it is safe to say it and a way back; a refusal is one line in the log."""

import logging

import pytest
from django.test import Client

from accounts.models import User
from tests.trees import build_tree

pytestmark = [pytest.mark.django_db, pytest.mark.urls("tests.error_urls")]

HOME_LINK = 'href="/"'


@pytest.fixture
def tree(db):
    return build_tree()


@pytest.fixture
def office(client, tree):
    client.force_login(tree.user("office"))
    return client


def _page(response) -> str:
    return response.content.decode()


def test_debug_is_off_in_these_tests(settings):
    assert settings.DEBUG is False


def test_403_says_the_services_reason_in_vietnamese_in_the_portals_frame(office):
    response = office.get("/thu/cam/")
    page = _page(response)
    assert response.status_code == 403
    assert "Tổ chức hoặc vai trò của đồng chí không được làm việc này." in page
    assert "trang này không mở cho tài khoản" in page and HOME_LINK in page
    assert 'class="site-header"' in page and "Forbidden" not in page


def test_403_without_a_reason_still_explains_and_links_home(office):
    page = _page(office.get("/thu/cam-im/"))
    assert "quản trị viên" in page and HOME_LINK in page


def test_403_tells_a_user_without_an_organisation_why(client, tree):
    loner = User.objects.create_user(username="khong-to-chuc", password="x-y-z-1-2-3-4")
    client.force_login(loner)
    page = _page(client.get("/thu/cam-im/"))
    assert "chưa được gắn với tổ chức nào" in page


def test_404_never_shows_the_exceptions_text(office):
    response = office.get("/thu/khong-co/")
    page = _page(response)
    assert response.status_code == 404
    assert "không tìm thấy trang" in page.lower() and HOME_LINK in page
    assert "Nominee" not in page and "Not Found" not in page


def test_an_unknown_address_is_the_same_vietnamese_404(office):
    response = office.get("/khong-ton-tai/")
    assert response.status_code == 404 and "không tìm thấy trang" in _page(response).lower()


def test_500_is_vietnamese_and_says_nothing_was_half_saved(tree):
    client = Client(raise_request_exception=False)
    client.force_login(tree.user("office"))
    response = client.get("/thu/loi/")
    page = _page(response)
    assert response.status_code == 500
    assert "không lưu dở" in page.lower() or "không có thay đổi nào được lưu dở" in page.lower()
    assert HOME_LINK in page and "boom" not in page and "Server Error" not in page


def test_csrf_failure_explains_the_expired_form_and_offers_the_way_back(tree):
    client = Client(enforce_csrf_checks=True)
    client.force_login(tree.user("office"))
    response = client.post("/tai-khoan/dang-xuat/", HTTP_REFERER="http://testserver/bao-cao/")
    page = _page(response)
    assert response.status_code == 403
    assert "biểu mẫu này đã hết hạn" in page.lower() and 'href="http://testserver/bao-cao/"' in page
    assert "CSRF verification failed" not in page and "Forbidden" not in page


def test_csrf_failure_never_links_back_to_another_site(tree):
    client = Client(enforce_csrf_checks=True)
    client.force_login(tree.user("office"))
    page = _page(client.post("/tai-khoan/dang-xuat/", HTTP_REFERER="https://evil.example/x"))
    assert "evil.example" not in page


def test_a_refusal_is_one_log_line_without_a_traceback(office, caplog, settings):
    from config.errors import RefusalsOnOneLine

    assert "refusals_on_one_line" in settings.LOGGING["handlers"]["console"]["filters"]

    with caplog.at_level(logging.WARNING, logger="django.request"):
        office.get("/thu/cam/")
    records = [r for r in caplog.records if r.name == "django.request"]
    assert len(records) == 1
    line = logging.Formatter("%(message)s").format(records[0]) if RefusalsOnOneLine().filter(records[0]) else ""
    assert "\n" not in line and "Traceback" not in line
