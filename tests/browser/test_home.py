"""Home pages in Chromium on an office screen (1366x768) and a phone (360x740), issue 20 point 8: the
pending work on top; the dashboard's unit table with no scroll box of its own and names on one line,
a card per unit on the phone; the header at most a fifth of the phone's first screen. Screenshots go
to $SHOTS when it is set (home of a cell, a commune and the office, desktop and phone)."""

import os
from pathlib import Path

import pytest

from tests.accounts.desk import build_desk
from tests.browser.helpers import log_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

DESKTOP = {"width": 1366, "height": 768}
PHONE = {"width": 360, "height": 740}

# Elements between the unit table and the document that scroll sideways on their own (none allowed),
# and the document's own overflow.
SCROLL_BOXES = """(table) => {
  const boxes = [];
  for (let el = table; el && el !== document.body && el !== document.documentElement; el = el.parentElement) {
    if (el.scrollWidth > el.clientWidth + 1) {
      boxes.push(`${el.tagName}.${el.className}: ${el.scrollWidth} > ${el.clientWidth}`);
    }
  }
  return boxes;
}"""
NAME_LINES = """(names) => names.map((el) => {
  const line = parseFloat(getComputedStyle(el).lineHeight) || parseFloat(getComputedStyle(el).fontSize) * 1.5;
  return [el.textContent, Math.round(el.getBoundingClientRect().height / line)];
})"""


def _shot(page, name):
    if os.environ.get("SHOTS"):
        Path(os.environ["SHOTS"]).mkdir(parents=True, exist_ok=True)
        page.screenshot(path=f"{os.environ['SHOTS']}/{name}.png", full_page=True)


def _long_names(desk):
    """Real-sized names: the longest of Tiền Giang's districts, communes and hamlets."""
    tree = desk.tree
    for unit, name in ((tree.districts[0], "Huyện Tân Phú Đông"), (tree.districts[1], "Thị xã Cai Lậy"),
                       (tree.communes[0], "Xã Tân Thạnh Đông Nam"), (tree.communes[1], "Phường Nhị Mỹ Tây"),
                       (tree.hamlets[0], "Ấp Phú Thạnh Đông B"), (desk.extra_hamlets[0], "Khu phố Trung Lương Bắc")):
        unit.name = name
        unit.save()


def _header_height(page) -> float:
    return page.locator(".site-header").bounding_box()["height"]


def _check_unit_table(page, *, phone: bool):
    table = page.locator(".unit-table table")
    assert table.evaluate(SCROLL_BOXES) == []
    assert page.evaluate("document.documentElement.scrollWidth") <= page.viewport_size["width"]
    names = page.locator(".unit-table__name > *")
    assert names.count() >= 2
    rows = page.locator(".unit-table tbody tr")
    displays = rows.evaluate_all("(rows) => rows.map((r) => getComputedStyle(r).display)")
    if phone:
        assert set(displays) == {"block"}  # a card per unit
        assert _header_height(page) <= PHONE["height"] / 5
    else:
        assert set(displays) == {"table-row"}
        assert all(lines == 1 for _name, lines in names.evaluate_all(NAME_LINES)), names.evaluate_all(NAME_LINES)


def test_each_home_page_says_what_to_do_on_an_office_screen_and_a_phone(live_server, page):
    desk = build_desk(name="Tỉnh Tiền Giang", code="82")
    _long_names(desk)
    base = live_server.url
    for key, index, role in (("cell", 0, "officer"), ("commune", 0, "officer"), ("office", 0, "leader")):
        page.set_viewport_size(DESKTOP)
        log_in(page, base, desk.tree.user(key, index, role))
        card = page.locator("#pending-work")
        assert card.get_by_role("heading", name="Việc cần làm").is_visible()
        assert card.locator(".pending-item").count() >= 1
        if key == "cell":
            late = card.locator(".pending-item--late .badge--late")
            assert late.first.inner_text() == "Quá hạn"
            assert late.first.evaluate("(el) => getComputedStyle(el).color") == "rgb(179, 38, 30)"  # --late
        else:
            _check_unit_table(page, phone=False)
        _shot(page, f"home-{key}-desktop")

        page.set_viewport_size(PHONE)
        page.reload()
        assert _header_height(page) <= PHONE["height"] / 5
        assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
        if key != "cell":
            _check_unit_table(page, phone=True)
        _shot(page, f"home-{key}-phone")

    # From the phone, the first item leads to its list.
    first = page.locator("#pending-work .pending-item__link").first
    count = int(first.locator(".pending-item__count").inner_text())
    first.click()
    page.wait_for_load_state()
    assert page.locator("main").is_visible() and count >= 1
