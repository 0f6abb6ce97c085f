"""The login lockout behind the README's reverse proxy: keyed on each user's own address read from
TRUSTED_PROXY_COUNT proxies, never on the proxy's, and never on what a client writes itself."""

import pytest
from django.test import RequestFactory
from django.urls import reverse

from config.proxy import client_ip
from tests.factories import UserFactory

PASSWORD = "mat-khau-thu-nghiem-1"
PROXY = "10.0.0.1"
ATTACKER, VICTIM = "203.0.113.9", "198.51.100.7"


@pytest.mark.parametrize(("count", "forwarded", "expected"), [
    (0, "", PROXY),
    (0, "198.51.100.7", PROXY),  # direct deployment: the header is the client's own words
    (1, "198.51.100.7", VICTIM),
    (1, "6.6.6.6, 198.51.100.7", VICTIM),  # a forged left-most entry is ignored
    (1, "", PROXY),  # did not come through the proxy
    (2, "198.51.100.7, 10.0.0.2", VICTIM),
    (2, "10.0.0.2", PROXY),  # one proxy fewer than configured
])
def test_the_client_is_the_nth_address_from_the_right(settings, count, forwarded, expected):
    settings.TRUSTED_PROXY_COUNT = count
    extra = {"HTTP_X_FORWARDED_FOR": forwarded} if forwarded else {}
    assert client_ip(RequestFactory().get("/", REMOTE_ADDR=PROXY, **extra)) == expected


def _post(client, username, password, *, forwarded=None):
    extra = {"HTTP_X_FORWARDED_FOR": forwarded} if forwarded else {}
    return client.post(reverse("login"), {"username": username, "password": password}, REMOTE_ADDR=PROXY, **extra)


@pytest.mark.django_db
def test_behind_one_proxy_an_attacker_cannot_lock_out_someone_else(client, settings):
    settings.TRUSTED_PROXY_COUNT = 1
    UserFactory(username="xauy")
    for _ in range(settings.AXES_FAILURE_LIMIT):
        _post(client, "xauy", "sai", forwarded=f"{VICTIM}, {ATTACKER}")  # forged entry, then nginx's
    assert _post(client, "xauy", PASSWORD, forwarded=ATTACKER).status_code == 429
    assert _post(client, "xauy", PASSWORD, forwarded=VICTIM).status_code == 302


@pytest.mark.django_db
def test_in_a_direct_deployment_a_forged_header_does_not_escape_the_lockout(client, settings):
    settings.TRUSTED_PROXY_COUNT = 0
    UserFactory(username="xauy")
    for number in range(settings.AXES_FAILURE_LIMIT):
        _post(client, "xauy", "sai", forwarded=f"192.0.2.{number}")
    assert _post(client, "xauy", PASSWORD, forwarded="192.0.2.99").status_code == 429
