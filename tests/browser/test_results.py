"""A commune officer records three elections in Chromium; the portal decides each by law, the
re-runs are scheduled, the winner is recognised, and the province page shows the figures."""

import pytest

from elections.models import HamletElection, ResultStatus
from territory.models import Kind, Level, Unit
from tests.browser.helpers import log_in
from tests.elections.results.support import make_campaign
from tests.trees import build_tree

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]



def open_hamlet(page, base, commune, hamlet):
    page.goto(f"{base}/bau-cu/ket-qua/don-vi/{commune.pk}/")
    page.get_by_role("link", name=hamlet.name, exact=True).click()


def fill_meeting(page, *, method, roll, attending, rows, ballots=None):
    page.get_by_label("Ngày bầu cử").fill("20/10/2024")
    page.get_by_role("radio", name=method).check()
    page.get_by_label("Cử tri đại diện hộ gia đình trong danh sách").fill(str(roll))
    page.get_by_label("Cử tri đại diện hộ gia đình tham dự").fill(str(attending))
    page.locator("[name='minutes_received_on']").fill("21/10/2024")
    if ballots:
        page.get_by_label("Ban kiểm phiếu (khi bỏ phiếu kín)").fill("Võ Văn Một\nĐặng Thị Hai\nHuỳnh Văn Ba")
        for label, value in zip(["Số phiếu phát ra", "Số phiếu thu vào", "Số phiếu hợp lệ", "Số phiếu không hợp lệ"],
                                ballots, strict=True):
            page.get_by_label(label, exact=True).fill(str(value))
    for i, (name, gender, votes, secretary) in enumerate(rows):
        page.locator(f"[name='candidates-{i}-full_name']").fill(name)
        page.locator(f"[name='candidates-{i}-gender']").select_option(gender)
        page.locator(f"[name='candidates-{i}-votes']").fill(str(votes))
        page.locator(f"[name='candidates-{i}-date_of_birth']").fill("17/05/1980")  # written by hand: age checked
        if secretary:
            page.locator(f"[name='candidates-{i}-is_cell_secretary']").check()
            page.locator(f"[name='candidates-{i}-is_party_member']").check()
    page.get_by_role("button", name="Ghi biên bản").click()


def schedule_rerun(page, date):
    page.get_by_role("link", name="Định ngày bầu lại").click()
    page.get_by_label("Ngày bầu lại").fill(date)
    page.get_by_role("button", name="Lưu").click()


def test_a_commune_records_three_elections_and_the_province_sees_the_figures(live_server, page):
    tree = build_tree(households=310)  # the roll of the minutes below matches the hamlets' count
    commune = tree.communes[0]
    third = Unit.objects.create(level=Level.HAMLET, kind=Kind.HAMLET, parent=commune, name="Ấp Thử 99-Z",
                                households=310)
    campaign = make_campaign(tree)
    HamletElection.objects.create(election=campaign, hamlet=third)
    officer = tree.user("commune", 0, "officer")
    viewer = tree.user("office", 0, "viewer")
    base = live_server.url
    valid, no_quorum, no_majority = tree.hamlets[0], tree.hamlets[1], third

    log_in(page, base, officer.username)
    page.get_by_role("link", name="Kết quả bầu cử").click()
    page.wait_for_url(f"{base}/bau-cu/ket-qua/don-vi/{commune.pk}/")

    # 1. A valid election by show of hands: 200 of 310 households vote for the cell secretary.
    open_hamlet(page, base, commune, valid)
    page.get_by_role("link", name="Ghi biên bản").click()
    fill_meeting(page, method="Giơ tay biểu quyết", roll=310, attending=250,
                 rows=[("Nguyễn Văn An", "female", 200, True), ("Trần Văn Bình", "male", 40, False)])
    assert "Đã bầu, chờ công nhận" in page.locator("main").inner_text()
    assert "Trúng cử: Nguyễn Văn An (200/310 hộ trong danh sách, 64,5%)" in page.locator(".outcome").inner_text()
    page.get_by_role("link", name="Ghi quyết định công nhận").click()
    page.get_by_label("Công nhận người trúng cử").check()
    page.get_by_label("Số quyết định").fill("125/QĐ-UBND")
    page.get_by_label("Ngày quyết định").fill("23/10/2024")
    page.get_by_role("button", name="Lưu").click()
    body = page.locator("main").inner_text()
    assert "Đã công nhận" in body and "23/10/2024 – 23/10/2029" in body

    # 2. No quorum: 155 of 310 attend (exactly half).
    open_hamlet(page, base, commune, no_quorum)
    page.get_by_role("link", name="Ghi biên bản").click()
    fill_meeting(page, method="Giơ tay biểu quyết", roll=310, attending=155,
                 rows=[("Lê Thị Cúc", "female", 150, True)])
    body = page.locator("main").inner_text()
    assert "Phải bầu lại" in body and "Không đủ người dự" in body and "04/11/2024" in body
    schedule_rerun(page, "03/11/2024")
    assert "Đã định bầu lại vào ngày 03/11/2024" in page.locator("main").inner_text()

    # 3. No majority by secret ballot: 110 votes of 310 households, although 210 ballots are valid.
    open_hamlet(page, base, commune, no_majority)
    page.get_by_role("link", name="Ghi biên bản").click()
    fill_meeting(page, method="Bỏ phiếu kín", roll=310, attending=216, ballots=(216, 215, 210, 6),
                 rows=[("Phạm Văn Dũng", "male", 110, True), ("Võ Thị Em", "female", 100, False)])
    assert "phải bằng số phiếu thu vào" in page.locator("main").inner_text()  # 210 + 6 != 215: refused
    page.get_by_label("Số phiếu không hợp lệ", exact=True).fill("5")
    page.get_by_role("button", name="Ghi biên bản").click()
    body = page.locator("main").inner_text()
    assert "Không người ứng cử nào đạt trên 50%" in body and "35,5%" in body
    schedule_rerun(page, "02/11/2024")

    statuses = dict(HamletElection.objects.filter(election=campaign, hamlet__commune=commune)
                    .values_list("hamlet__name", "status"))
    assert statuses == {valid.name: ResultStatus.RECOGNISED, no_quorum.name: ResultStatus.RERUN_SCHEDULED,
                        no_majority.name: ResultStatus.RERUN_SCHEDULED}

    # The province sees the figures.
    page.get_by_role("button", name="Đăng xuất").click()
    log_in(page, base, viewer.username)
    page.get_by_role("link", name="Kết quả bầu cử").click()
    page.wait_for_url(f"{base}/bau-cu/ket-qua/don-vi/{tree.province.pk}/")
    summary = page.locator("#summary").inner_text()
    for fragment in ["Đã tổ chức\n3", "Người trúng cử\n1", "Đã công nhận\n1", "Bầu lại\n2",
                     "100,0% (1/1)"]:
        assert fragment in summary, (fragment, summary)
    page.get_by_role("link", name=tree.districts[0].name).click()
    page.get_by_role("link", name=commune.name).first.click()
    assert "Nguyễn Văn An" in page.locator("#hamlets").inner_text()
