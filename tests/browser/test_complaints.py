"""A commune registers two letters; the district handles them; the province applies the conclusion."""

import datetime

import pytest

from candidates import services as candidate_services
from candidates.models import ListStatus
from complaints.models import Complaint, Status
from tests.browser.helpers import log_in
from tests.complaints.conftest import make_world

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]



def register_letter(page, live_server, world, *, kind, summary, handler, signed):
    page.goto(f"{live_server.url}/don-thu/")
    page.get_by_role("link", name="Tiếp nhận đơn").click()
    page.get_by_label("Loại đơn").select_option(kind)
    page.get_by_label("Hình thức nhận").select_option("post")
    page.locator("#id_hamlet").select_option(str(world.tree.hamlets[0].pk))
    if signed:
        page.locator("#id_nominee").select_option(str(world.nominees[0].pk))
        page.get_by_label("Họ và tên người gửi").fill("Phạm Văn Kín")
        page.get_by_label("Địa chỉ người gửi").fill("Số 1, ấp Thử")
    else:
        page.get_by_label("Số người ký tên").fill("0")
        page.get_by_label("Người gửi ký tên trực tiếp").uncheck()
    page.locator("#id_summary").fill(summary)
    page.locator("#id_handler").select_option(str(handler.pk))
    page.get_by_role("button", name="Tiếp nhận đơn").click()
    page.wait_for_url(f"{live_server.url}/don-thu/*/")
    assert "Đã tiếp nhận đơn" in page.content()
    return Complaint.objects.get(summary=summary)


def step(page, key, button, fill=None):
    section = page.locator(f"#action-{key}")
    for name, value in (fill or {}).items():
        control = section.locator(f"#id_{key}-{name}")
        if control.evaluate("e => e.tagName") == "SELECT":
            control.select_option(value)
        else:
            control.fill(value)
    section.get_by_role("button", name=button).click()
    page.wait_for_load_state()
    assert "Đã lưu" in page.content(), page.content()[:4000]


def test_two_letters_from_intake_to_the_withdrawal_of_the_nominee(live_server, page):
    world = make_world()
    nominee_list = world.lists[world.tree.districts[0].pk]
    candidate_services.nominee_list_submit(nominee_list=nominee_list, by=world.user("district", 0, "officer"))
    clerk = world.user("commune", 0, "officer")
    handler = world.user("district", 0, "officer")
    office = world.user("office", 0, "officer")

    log_in(page, live_server.url, clerk)
    signed = register_letter(page, live_server, world, kind="to_cao", summary="Tố cáo người được giới thiệu",
                             handler=handler, signed=True)
    anonymous = register_letter(page, live_server, world, kind="phan_anh", summary="Thư không ký tên",
                                handler=handler, signed=False)
    assert "Phạm Văn Kín" not in page.content()  # the clerk no longer sees the sender

    log_in(page, live_server.url, handler)
    page.goto(f"{live_server.url}/don-thu/{anonymous.pk}/")
    step(page, "phan-loai", "Phân loại đơn")
    assert "Không thụ lý" in page.content() and "Đơn nặc danh" in page.content()

    page.goto(f"{live_server.url}/don-thu/")
    page.get_by_role("link", name=signed.reference).click()
    page.get_by_role("link", name="Xem người gửi và bản quét (có ghi nhận)").click()
    assert "Phạm Văn Kín" in page.content()
    page.go_back()
    step(page, "phan-loai", "Phân loại đơn")
    step(page, "thu-ly", "Thụ lý đơn")
    step(page, "xac-minh", "Bắt đầu xác minh")
    step(page, "ket-luan", "Ghi kết luận", {
        "outcome": "substantiated", "conclusion_number": "15-KL/HU",
        "conclusion_date": datetime.date.today().strftime("%d/%m/%Y")})
    # The substantiated conclusion withdraws the nominee and returns the district's list at once.
    timeline = page.locator("#timeline").inner_text()
    assert "Đã rút tên" in timeline and "trả lại" in timeline

    log_in(page, live_server.url, office)
    page.goto(f"{live_server.url}/don-thu/{signed.pk}/")
    assert "Phạm Văn Kín" not in page.content()

    nominee_list.refresh_from_db()
    world.nominees[0].refresh_from_db()
    signed.refresh_from_db()
    anonymous.refresh_from_db()
    assert nominee_list.status == ListStatus.RETURNED and world.nominees[0].status == "withdrawn"
    assert signed.status == Status.CONCLUDED and anonymous.status == Status.NOT_PROCESSED

    page.goto(f"{live_server.url}/don-thu/tong-hop/")
    row = page.locator("#overview tbody tr").first.inner_text()
    assert world.tree.districts[0].name in row
    cells = [c.strip() for c in row.split("\t")]
    assert cells[1:4] == ["2", "0", "1"] and cells[-1] == "1"
