"""Drill-down from the province to a hamlet, and the accent-free search, in Chromium."""

import pytest

from territory.models import Kind, Level, Unit
from tests.browser.helpers import log_in
from tests.trees import build_tree

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]



def test_drill_down_from_province_to_hamlet_and_search_without_accents(live_server, page):
    tree = build_tree(name="Tỉnh Tiền Giang", code="82")
    city = Unit.objects.create(level=Level.DISTRICT, kind=Kind.CITY, name="Thành phố Mỹ Tho", code="815",
                               parent=tree.province)
    commune = Unit.objects.create(level=Level.COMMUNE, kind=Kind.COMMUNE, name="Xã Tân Mỹ Chánh", code="28279",
                                  parent=city)
    Unit.objects.create(level=Level.HAMLET, kind=Kind.HAMLET, name="Ấp Tân Thuận", parent=commune, households=312)
    user = tree.user("office", 0, "viewer")
    log_in(page, live_server.url, user.username)

    page.get_by_role("navigation", name="Điều hướng chính").get_by_role("link", name="Địa bàn").click()
    assert page.locator("h1").inner_text() == "Tỉnh Tiền Giang"
    assert page.locator("#children tbody tr").count() == 3
    page.locator("#children").get_by_role("link", name="Thành phố Mỹ Tho").click()
    assert page.locator("h1").inner_text() == "Thành phố Mỹ Tho"
    page.locator("#children").get_by_role("link", name="Xã Tân Mỹ Chánh").click()
    assert page.locator("h1").inner_text() == "Xã Tân Mỹ Chánh"
    page.locator("#children").get_by_role("link", name="Ấp Tân Thuận").click()
    assert page.locator("h1").inner_text() == "Ấp Tân Thuận"
    crumbs = page.locator(".breadcrumbs li").all_inner_texts()
    assert crumbs == ["Địa bàn", "Tỉnh Tiền Giang", "Thành phố Mỹ Tho", "Xã Tân Mỹ Chánh", "Ấp Tân Thuận"]
    page.locator(".breadcrumbs").get_by_role("link", name="Thành phố Mỹ Tho").click()
    assert page.locator("h1").inner_text() == "Thành phố Mỹ Tho"

    page.get_by_role("searchbox").fill("ap tan thuan")
    page.get_by_role("button", name="Tìm kiếm").click()
    page.locator("#results").get_by_role("link", name="Ấp Tân Thuận").click()
    assert page.locator("h1").inner_text() == "Ấp Tân Thuận"

    page.get_by_role("searchbox").fill("my tho")
    page.get_by_role("button", name="Tìm kiếm").click()
    assert "Thành phố Mỹ Tho" in page.locator("#results").inner_text()


def test_a_district_user_neither_sees_nor_finds_another_district(live_server, page):
    tree = build_tree(name="Tỉnh Tiền Giang", code="82")
    user = tree.user("district", 0, "viewer")
    log_in(page, live_server.url, user.username)
    page.goto(f"{live_server.url}/dia-ban/")
    assert page.locator("h1").inner_text() == tree.districts[0].name
    page.get_by_role("searchbox").fill("xa thu")
    page.get_by_role("button", name="Tìm kiếm").click()
    results = page.locator("#results").inner_text()
    assert tree.communes[0].name in results and tree.communes[2].name not in results
    response = page.goto(f"{live_server.url}/dia-ban/{tree.districts[1].pk}/")
    assert response.status == 404
