"""The pages satisfy the Content Security Policy they are sent with: Chromium reports no violation
on the main page of each app, as the provincial office sees them (issue 9, web hardening)."""

import datetime as dt

import pytest

from elections.models import Election, HamletElection
from tests.trees import PASSWORD, build_tree

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PAGES = ["/", "/dia-ban/", "/bau-cu/", "/bau-cu/ket-qua/", "/nhan-su/", "/don-thu/", "/don-thu/tiep-nhan/",
         "/van-ban/", "/van-ban/danh-sach/", "/van-ban/dang-ky/", "/bao-cao/", "/bao-cao/tong-quan/",
         "/bao-cao/lap-bao-cao/", "/dia-ban/nhap-ap/", "/tai-khoan/doi-mat-khau/"]

RECORD_VIOLATIONS = """
window.__csp = [];
document.addEventListener("securitypolicyviolation", function (e) {
  window.__csp.push(e.violatedDirective + " " + (e.blockedURI || "inline") + " " + (e.sourceFile || ""));
});
"""


def test_main_pages_raise_no_csp_violation(live_server, page):
    tree = build_tree()
    election = Election.objects.create(
        name="Bầu cử Trưởng ấp 2024-2029", province=tree.province, term_start_year=2024, term_end_year=2029,
        nomination_deadline=dt.date(2024, 9, 15), election_start=dt.date(2024, 10, 1),
        election_end=dt.date(2024, 12, 31))
    HamletElection.objects.bulk_create([HamletElection(election=election, hamlet=h) for h in tree.hamlets])
    office = tree.user("office", 0, "officer")
    console = []
    page.on("console", lambda message: console.append(message.text))
    page.add_init_script(RECORD_VIOLATIONS)

    page.goto(f"{live_server.url}/tai-khoan/dang-nhap/")
    page.get_by_label("Tên đăng nhập").fill(office.username)
    page.get_by_label("Mật khẩu").fill(PASSWORD)
    page.get_by_role("button", name="Đăng nhập").click()
    page.wait_for_url(f"{live_server.url}/")

    violations = {}
    for path in [*PAGES, f"/nhan-su/dot/{election.pk}/", f"/bau-cu/{election.pk}/"]:
        response = page.goto(f"{live_server.url}{path}")
        assert response.status == 200, path
        assert "script-src 'self'" in response.headers["content-security-policy"], path
        page.wait_for_load_state("networkidle")
        seen = page.evaluate("window.__csp")
        if seen:
            violations[path] = seen
    reported = [text for text in console if "Content Security Policy" in text]
    assert not violations and not reported, (violations, reported)


def test_an_inline_script_would_be_reported(live_server, page):
    """The check above can see a violation: a page with an inline script reports one."""
    console = []
    page.on("console", lambda message: console.append(message.text))
    page.add_init_script(RECORD_VIOLATIONS)
    page.goto(f"{live_server.url}/tai-khoan/dang-nhap/")
    page.evaluate("""() => { const s = document.createElement('div');
        s.innerHTML = '<img src=x onerror="window.__ran=1">'; document.body.appendChild(s); }""")
    page.wait_for_timeout(300)
    assert page.evaluate("window.__csp.length") > 0 or any("Content Security Policy" in t for t in console)
    assert page.evaluate("window.__ran") is None
