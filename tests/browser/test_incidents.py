"""Election-period incidents in Chromium on a phone (360x740), issue 21 point 3: a hamlet's cell logs a
serious incident from its phone; the provincial office signs in and sees it on its dashboard (the
figures, the pending work) and opens the list with the notice and the row."""

import re

import pytest
from playwright.sync_api import expect

from elections.incidents.models import Incident, IncidentNotice
from tests.browser.helpers import log_in
from tests.elections.results.support import make_campaign
from tests.trees import build_tree

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PHONE = {"width": 360, "height": 740}


def test_a_cell_logs_a_serious_incident_on_its_phone_and_the_office_sees_it_on_its_dashboard(live_server, page):
    tree = build_tree()
    make_campaign(tree)
    base = live_server.url
    page.set_viewport_size(PHONE)

    log_in(page, base, tree.user("cell", 2))
    page.goto(f"{base}/bau-cu/vu-viec/")
    page.get_by_role("link", name="Báo cáo vụ việc").click()
    expect(page.get_by_label("Ấp, khu phố")).to_have_value(str(tree.hamlets[2].pk))  # its own hamlet
    page.get_by_label("Loại vụ việc").select_option(label="An ninh, trật tự")
    page.get_by_label("Mức độ").select_option(label="Nghiêm trọng")
    page.get_by_label("Địa điểm").fill("Nhà văn hóa ấp")
    page.get_by_label("Diễn biến").fill("Nhóm thanh niên gây rối, ngăn cử tri vào nhà văn hóa.")
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]  # the form fits the phone
    page.get_by_role("button", name="Gửi báo cáo vụ việc").click()
    expect(page.get_by_text("Văn phòng Tỉnh ủy đã được thông báo")).to_be_visible()
    incident = Incident.objects.get()
    assert incident.hamlet == tree.hamlets[2] and incident.is_serious
    assert IncidentNotice.objects.filter(incident=incident, organisation=tree.org("office")).exists()

    log_in(page, base, tree.user("office", 0, "leader"))
    figures = page.locator("#incident-figures")
    expect(figures).to_have_text(re.compile(r"1 vụ việc, 1 vụ nghiêm trọng \(1 chưa giải quyết\), đã giải quyết 0"))
    pending = page.locator(".pending-item", has_text="Vụ việc nghiêm trọng chưa giải quyết")
    expect(pending.locator(".pending-item__count")).to_have_text("1")
    figures.get_by_role("link", name="1").nth(2).click()  # "1 not yet resolved"
    expect(page).to_have_url(re.compile(r"/bau-cu/vu-viec/\?unit=\d+&serious_open=on$"))
    notice = page.get_by_role("status").filter(has_text=tree.hamlets[2].name)
    expect(notice).to_contain_text("chưa giải quyết")
    rows = page.locator("table.data tbody tr")
    expect(rows).to_have_count(1)
    expect(rows.first).to_contain_text(tree.hamlets[2].name)
    rows.first.get_by_role("link").click()
    expect(page.get_by_text("Nhóm thanh niên gây rối")).to_be_visible()
