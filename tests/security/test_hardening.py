"""Web hardening (issue 9): headers, production settings, passwords, sessions, CSRF, the admin's
login and the static security scan."""

import datetime as dt
import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from cryptography.fernet import Fernet
from django.contrib.auth.password_validation import validate_password
from django.contrib.sessions.models import Session
from django.core.exceptions import ValidationError
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from tests.factories import UserFactory
from tests.trees import PASSWORD, build_tree

ROOT = Path(__file__).resolve().parents[2]
APPS = ["accounts", "candidates", "complaints", "config", "directives", "elections", "reports", "territory", "tools"]


@pytest.mark.django_db
def test_every_page_is_sent_with_the_security_headers(client):
    response = client.get(reverse("login"))
    csp = response["Content-Security-Policy"]
    directives = dict(part.strip().split(" ", 1) for part in csp.split(";"))
    assert directives["default-src"] == "'self'"
    assert directives["script-src"] == "'self'" and "unsafe-inline" not in csp and "unsafe-eval" not in csp
    assert directives["frame-ancestors"] == "'none'" and directives["object-src"] == "'none'"
    assert response["X-Frame-Options"] == "DENY"
    assert response["Referrer-Policy"] == "same-origin"
    assert response["X-Content-Type-Options"] == "nosniff"


def test_templates_hold_no_inline_script_or_event_handler():
    """What the CSP refuses must not be written in the first place (checked on every template)."""
    offenders = []
    for path in ROOT.glob("**/templates/**/*.html"):
        if ".venv" in path.parts or "staticfiles" in path.parts:
            continue
        text = path.read_text(encoding="utf-8")
        for match in re.finditer(r"<script(?![^>]*\bsrc=)(?![^>]*type=\"application/json\")[^>]*>|\son[a-z]+=\"|"
                                 r"\sstyle=\"|javascript:", text):
            offenders.append(f"{path.relative_to(ROOT)}: {match.group(0)!r}")
    assert not offenders, offenders


def _production(code: str) -> dict:
    env = {"PATH": "/usr/bin:/bin", "HOME": "/tmp", "DEBUG": "0", "TESTING": "0",
           "SECRET_KEY": "x" * 30 + "Zq9!vB7#kL2@pR5$wT8%yU1^", "ALLOWED_HOSTS": "baucu.example.vn",
           "FIELD_ENCRYPTION_KEYS": Fernet.generate_key().decode(), "DJANGO_SETTINGS_MODULE": "config.settings"}
    result = subprocess.run([sys.executable, "-c", "import django, json; django.setup(); "
                             "from django.conf import settings as s; print(json.dumps(" + code + "))"],
                            cwd=ROOT, env=env, capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout.strip().splitlines()[-1])


def test_production_settings_force_https_and_secure_cookies():
    values = _production("{'hsts': s.SECURE_HSTS_SECONDS, 'sub': s.SECURE_HSTS_INCLUDE_SUBDOMAINS, "
                         "'ssl': s.SECURE_SSL_REDIRECT, 'session': s.SESSION_COOKIE_SECURE, "
                         "'csrf': s.CSRF_COOKIE_SECURE, 'httponly': s.SESSION_COOKIE_HTTPONLY, "
                         "'frame': s.X_FRAME_OPTIONS, 'debug': s.DEBUG}")
    assert values["hsts"] >= 31536000 and values["sub"] and values["ssl"]
    assert values["session"] and values["csrf"] and values["httponly"]
    assert values["frame"] == "DENY" and values["debug"] is False


@pytest.mark.parametrize("password", ["123456", "password", "truongap", "Ab1", "12345678901"])
def test_weak_passwords_are_refused(password):
    with pytest.raises(ValidationError):
        validate_password(password, user=UserFactory.build(username="truongap"))


def test_a_long_passphrase_is_accepted():
    validate_password("ấp Mỹ Phong bầu trưởng ấp 2024", user=UserFactory.build(username="truongap"))


@pytest.mark.django_db
def test_a_session_expires_after_its_age(client, settings):
    assert settings.SESSION_COOKIE_AGE <= 8 * 3600 and settings.SESSION_EXPIRE_AT_BROWSER_CLOSE
    user = UserFactory(username="hethan")
    client.force_login(user)
    assert client.get(reverse("home")).status_code == 200
    Session.objects.update(expire_date=timezone.now() - dt.timedelta(seconds=1))
    response = client.get(reverse("home"))
    assert response.status_code == 302 and response["Location"].startswith(reverse("login"))


@pytest.mark.django_db
def test_every_post_without_the_csrf_token_is_refused():
    """Every URL of the portal refuses a POST without the token (403), logged in or not."""
    from tests.access.discovery import ALL, PORTAL

    tree = build_tree()
    office = tree.user("office", 0, "leader")
    for logged_in in (False, True):
        client = Client(enforce_csrf_checks=True)
        if logged_in:
            client.force_login(office)
        for name in PORTAL:
            pattern = next(entry for _, n, entry in ALL if n == name)
            kwargs = {key: ("phan-loai" if key == "action" else "ke-hoach" if key == "kind" else 1)
                      for key in pattern.pattern.converters}
            url = reverse(name, kwargs=kwargs)
            response = client.post(url, {"x": "1"})
            assert response.status_code == 403, f"POST {url} without a CSRF token: {response.status_code}"


@pytest.mark.django_db
def test_htmx_requests_carry_the_token_in_a_header(client):
    """base.html puts the token in hx-headers; a POST with that header passes the CSRF check."""
    user = UserFactory(username="htmx")
    client = Client(enforce_csrf_checks=True)
    client.force_login(user)
    page = client.get(reverse("home")).content.decode()
    token = re.search(r'hx-headers=\'\{"X-CSRFToken": "([^"]+)"\}\'', page).group(1)
    refused = client.post(reverse("logout"))
    assert refused.status_code == 403
    accepted = client.post(reverse("logout"), HTTP_X_CSRFTOKEN=token, HTTP_HX_REQUEST="true")
    assert accepted.status_code == 302


@pytest.mark.django_db
def test_the_admin_signs_in_through_the_portal_login_and_its_lockout(settings):
    UserFactory(username="quantri", is_staff=True, is_superuser=True)
    client = Client()
    response = client.get(reverse("admin:login") + "?next=/quan-tri/", follow=True)
    assert response.request["PATH_INFO"] == reverse("login")
    assert [url for url, _ in response.redirect_chain][-1].startswith(reverse("login") + "?next=/quan-tri/")
    # The admin's own form is gone: posting credentials to it logs no one in.
    client.post(reverse("admin:login"), {"username": "quantri", "password": PASSWORD})
    assert not client.get(reverse("login")).wsgi_request.user.is_authenticated
    # The portal's lockout covers the administrator too.
    for _ in range(settings.AXES_FAILURE_LIMIT):
        client.post(reverse("login"), {"username": "quantri", "password": "sai"})
    locked = client.post(reverse("login"), {"username": "quantri", "password": PASSWORD})
    assert locked.status_code == 429
    assert client.get(reverse("admin:index")).status_code == 302


@pytest.mark.django_db
def test_a_signed_in_user_who_is_not_staff_is_refused_by_the_admin(client):
    client.force_login(UserFactory(username="khongphaiquantri"))
    assert client.get(reverse("admin:login")).status_code == 403


def test_bandit_finds_no_high_severity_issue():
    if not shutil.which(str(Path(sys.executable).parent / "bandit")):
        if os.environ.get("CI"):
            pytest.fail("bandit is not installed; CI installs the dev extra")
        pytest.skip("bandit not installed (pip install -e .[dev])")
    result = subprocess.run([str(Path(sys.executable).parent / "bandit"), "-q", "-r", *APPS, "-lll",
                             "-x", "*/migrations/*,*/tests/*"], cwd=ROOT, capture_output=True, text=True, timeout=300)
    assert result.returncode == 0, result.stdout + result.stderr
