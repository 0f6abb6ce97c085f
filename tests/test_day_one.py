"""Small things a real office meets on its first day: no-store on personal pages, a favicon, the admin
in Vietnamese, and an administrator's admin bookmark that lands in the admin."""

import pytest
from django.urls import reverse

from tests.factories import UserFactory
from tests.trees import PASSWORD, build_tree

pytestmark = pytest.mark.django_db


@pytest.fixture
def tree(db):
    return build_tree()


def test_pages_for_a_signed_in_user_are_not_kept_in_any_cache(client, tree):
    client.force_login(tree.user("district"))
    for url in (reverse("home"), reverse("candidates:index"), reverse("complaints:queue")):
        response = client.get(url, follow=True)
        assert "no-store" in response["Cache-Control"] and "private" in response["Cache-Control"], url


def test_the_favicon_is_served(client):
    response = client.get("/favicon.ico")
    assert response.status_code == 301 and response["Location"].endswith(".ico")
    assert "favicon.svg" in client.get(reverse("login")).content.decode()


def test_an_admin_bookmark_signs_in_through_the_portal_and_lands_in_the_admin(client):
    UserFactory(username="quantri", is_staff=True, is_superuser=True)
    for bookmark in ("/quan-tri/axes/accessattempt/", "/quan-tri/login/?next=/quan-tri/axes/accessattempt/"):
        client.logout()
        login_url = client.get(bookmark)["Location"]
        assert login_url.startswith(reverse("login")) and "accessattempt" in login_url
        landed = client.post(login_url, {"username": "quantri", "password": PASSWORD}, follow=True)
        assert landed.redirect_chain[-1][0] == "/quan-tri/axes/accessattempt/" and landed.status_code == 200


def test_a_signed_in_non_staff_user_is_refused_the_admin_with_a_reason(client, tree):
    client.force_login(tree.user("district"))
    response = client.get("/quan-tri/login/?next=/quan-tri/")
    assert response.status_code == 403 and "chỉ dành cho quản trị viên" in response.content.decode()


def test_an_admin_login_never_sends_the_user_to_another_site(client):
    UserFactory(username="quantri", is_staff=True, is_superuser=True)
    client.force_login(UserFactory(username="qt2", is_staff=True))
    assert client.get("/quan-tri/login/?next=https://evil.example/").get("Location") == "/quan-tri/"


@pytest.mark.parametrize(("url", "vietnamese"), [
    ("/quan-tri/axes/accessattempt/", "các lần đăng nhập"),
    ("/quan-tri/axes/accesslog/", "nhật ký truy cập"),
    ("/quan-tri/django_celery_results/taskresult/", "kết quả tác vụ"),
])
def test_the_third_party_admin_sections_speak_vietnamese(admin_client, url, vietnamese):
    page = admin_client.get(url).content.decode()
    assert vietnamese in page.lower()


def test_the_password_rules_address_the_user_as_dong_chi(client, tree):
    client.force_login(tree.user("district"))
    page = client.get(reverse("password_change")).content.decode()
    assert "Mật khẩu của đồng chí" in page and "của bạn" not in page
