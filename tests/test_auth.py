import pytest
from django.urls import reverse

from tests.factories import UserFactory

PASSWORD = "mat-khau-thu-nghiem-1"


@pytest.mark.django_db
def test_every_page_but_login_and_health_requires_a_login(client):
    response = client.get(reverse("home"))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("login"))
    assert client.get(reverse("login")).status_code == 200


@pytest.mark.django_db
def test_login_page_is_in_vietnamese(client):
    html = client.get(reverse("login")).content.decode()
    assert "Đăng nhập" in html
    assert 'lang="vi"' in html


@pytest.mark.django_db
def test_login_and_logout(client):
    user = UserFactory(username="vanphong")
    response = client.post(reverse("login"), {"username": "vanphong", "password": PASSWORD})
    assert response.status_code == 302 and response["Location"] == reverse("home")
    home = client.get(reverse("home"))
    assert home.status_code == 200 and str(user) in home.content.decode()
    assert client.post(reverse("logout")).status_code == 302
    assert client.get(reverse("home")).status_code == 302


@pytest.mark.django_db
def test_wrong_password_shows_a_vietnamese_error(client):
    UserFactory(username="huyenuy")
    response = client.post(reverse("login"), {"username": "huyenuy", "password": "sai-mat-khau"})
    assert response.status_code == 200
    assert "mật khẩu chính xác" in response.content.decode()


@pytest.mark.django_db
def test_login_is_locked_after_repeated_failures(client, settings):
    UserFactory(username="xauy")
    for _ in range(settings.AXES_FAILURE_LIMIT):
        client.post(reverse("login"), {"username": "xauy", "password": "sai"})
    response = client.post(reverse("login"), {"username": "xauy", "password": PASSWORD})
    assert response.status_code == 429
    assert "tạm khóa" in response.content.decode()
    assert not client.get(reverse("home")).wsgi_request.user.is_authenticated


@pytest.mark.django_db
def test_password_change(client):
    user = UserFactory(username="chibo")
    client.force_login(user)
    response = client.post(reverse("password_change"), {
        "old_password": PASSWORD, "new_password1": "Mot-mat-khau-moi-2024", "new_password2": "Mot-mat-khau-moi-2024"})
    assert response.status_code == 302
    user.refresh_from_db()
    assert user.check_password("Mot-mat-khau-moi-2024")


@pytest.mark.django_db
def test_admin_shows_history_of_a_user(admin_client):
    user = UserFactory(username="lichsu", position="Phó Chánh Văn phòng")
    user.position = "Chánh Văn phòng"
    user._change_reason = "promotion"
    user.save()
    assert user.history.count() == 3  # created, password set, promoted
    response = admin_client.get(reverse("admin:accounts_user_history", args=[user.pk]))
    assert response.status_code == 200
    assert "promotion" in response.content.decode()
