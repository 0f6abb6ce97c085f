"""Every territory page for every role: allowed pages answer, others 403/404 with none of the
foreign data; roll-ups take a fixed number of queries whatever the size of the tree."""

import io

import openpyxl
import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from accounts.models import User
from territory.models import Kind, Level, Unit
from tests.trees import build_tree

pytestmark = pytest.mark.django_db

# Who sees which units of the test tree: (user key, index) -> visible unit keys.
# Unit keys: "p" province, "d0".."d1", "c0".."c3", "h0".."h7".
ALL = {"p", "d0", "d1", "c0", "c1", "c2", "c3", *(f"h{i}" for i in range(8))}
VISIBLE = {
    ("office", 0): ALL,
    ("standing", 0): ALL,
    ("agency", 0): set(),
    ("district", 0): {"d0", "c0", "c1", "h0", "h1", "h2", "h3"},
    ("district", 1): {"d1", "c2", "c3", "h4", "h5", "h6", "h7"},
    ("commune", 0): {"c0", "h0", "h1"},
    ("commune", 3): {"c3", "h6", "h7"},
    ("cell", 0): {"h0"},
    ("cell", 5): {"h5"},
}
CAN_IMPORT = {"office", "district", "commune"}


@pytest.fixture
def tree():
    return build_tree()


def units_by_key(tree) -> dict[str, Unit]:
    units = {"p": tree.province}
    units.update({f"d{i}": u for i, u in enumerate(tree.districts)})
    units.update({f"c{i}": u for i, u in enumerate(tree.communes)})
    units.update({f"h{i}": u for i, u in enumerate(tree.hamlets)})
    return units


def login(client, tree, key, index=0, role="officer"):
    client.force_login(tree.user(key, index, role))


@pytest.mark.parametrize(("key", "index"), list(VISIBLE))
def test_unit_pages_answer_only_inside_the_users_scope(client, tree, key, index):
    login(client, tree, key, index, "viewer")
    for unit_key, unit in units_by_key(tree).items():
        response = client.get(reverse("territory:unit", args=[unit.pk]))
        if unit_key in VISIBLE[(key, index)]:
            assert response.status_code == 200, unit_key
            assert unit.name in response.content.decode()
        else:
            assert response.status_code == 404, unit_key
            assert unit.name not in response.content.decode()


@pytest.mark.parametrize(("key", "index"), list(VISIBLE))
def test_home_shows_the_users_own_unit_and_its_children(client, tree, key, index):
    login(client, tree, key, index, "viewer")
    body = client.get(reverse("territory:home")).content.decode()
    units = units_by_key(tree)
    visible = VISIBLE[(key, index)]
    top = tree.org(key, index).unit
    ancestors = {u.pk for u in top.ancestors()} if top else set()
    for unit_key, unit in units.items():
        if unit_key not in visible and unit.pk not in ancestors:  # ancestors are named in the breadcrumbs
            assert f"{unit.name}<" not in body, unit_key
    if not visible:
        assert "không gắn với địa bàn" in body
    else:
        assert f"<h1>{top.name}</h1>" in body


@pytest.mark.parametrize(("key", "index"), list(VISIBLE))
def test_search_ignores_diacritics_and_stays_inside_scope(client, tree, key, index):
    login(client, tree, key, index, "viewer")
    response = client.get(reverse("territory:search"), {"q": "ap 99"})
    body = response.content.decode()
    assert response.status_code == 200
    for i, hamlet in enumerate(tree.hamlets):
        if hamlet.kind != Kind.HAMLET:
            continue
        assert (f">{hamlet.name}<" in body) == (f"h{i}" in VISIBLE[(key, index)]), hamlet.name


@pytest.mark.parametrize(("key", "index"), list(VISIBLE))
def test_export_holds_only_the_hamlets_in_scope(client, tree, key, index):
    login(client, tree, key, index, "viewer")
    response = client.get(reverse("territory:export"))
    assert response.status_code == 200
    sheet = openpyxl.load_workbook(io.BytesIO(response.content)).worksheets[0]
    names = {row[3] for row in sheet.iter_rows(min_row=2, values_only=True)}
    expected = {tree.hamlets[i].name for i in range(8) if f"h{i}" in VISIBLE[(key, index)]}
    assert names == expected


def test_export_of_a_unit_outside_scope_is_404(client, tree):
    login(client, tree, "district", 0)
    assert client.get(reverse("territory:export"), {"don-vi": tree.districts[1].pk}).status_code == 404
    response = client.get(reverse("territory:export"), {"don-vi": tree.communes[0].pk})
    sheet = openpyxl.load_workbook(io.BytesIO(response.content)).worksheets[0]
    assert sheet.max_row == 3  # header + the two hamlets of commune 0


@pytest.mark.parametrize("key", ["office", "standing", "agency", "district", "commune", "cell"])
@pytest.mark.parametrize("role", ["viewer", "officer", "leader"])
def test_import_page_and_template_are_for_officers_and_leaders_of_office_district_commune(client, tree, key, role):
    login(client, tree, key, 0, role)
    allowed = key in CAN_IMPORT and role != "viewer"
    expected = 200 if allowed else 403
    assert client.get(reverse("territory:import")).status_code == expected
    response = client.get(reverse("territory:import_template"))
    assert response.status_code == expected
    if allowed:
        workbook = openpyxl.load_workbook(io.BytesIO(response.content))
        codes = {row[1] for row in workbook.worksheets[1].iter_rows(min_row=2, values_only=True)}
        expected_codes = {c.code for i, c in enumerate(tree.communes) if f"c{i}" in VISIBLE[(key, 0)]}
        assert codes == expected_codes


def test_province_page_counts_each_district(client, tree):
    login(client, tree, "office")
    response = client.get(reverse("territory:unit", args=[tree.province.pk]))
    rows = {row.unit.name: row for row in response.context["rows"]}
    row = rows[tree.districts[0].name]
    assert (row.communes, row.hamlets, row.households) == (2, 4, 480)
    totals = response.context["totals"]
    assert (totals.districts, totals.communes, totals.hamlets, totals.households) == (2, 4, 8, 960)


def test_breadcrumbs_link_only_what_the_user_may_open(client, tree):
    login(client, tree, "commune", 0)
    response = client.get(reverse("territory:unit", args=[tree.hamlets[0].pk]))
    crumbs = response.context["crumbs"]
    assert [label for label, _url in crumbs][1:] == [tree.province.name, tree.districts[0].name,
                                                    tree.communes[0].name, tree.hamlets[0].name]
    assert crumbs[1][1] is None and crumbs[2][1] is None
    assert crumbs[3][1] == reverse("territory:unit", args=[tree.communes[0].pk])


def test_search_finds_my_tho_without_accents(client, tree):
    Unit.objects.create(level=Level.DISTRICT, kind=Kind.CITY, name="Thành phố Mỹ Tho", code="815",
                        parent=tree.province)
    Unit.objects.create(level=Level.HAMLET, kind=Kind.HAMLET, name="Ấp Tân Thuận", parent=tree.communes[0])
    login(client, tree, "office")
    assert "Thành phố Mỹ Tho" in client.get(reverse("territory:search"), {"q": "my tho"}).content.decode()
    assert "Ấp Tân Thuận" in client.get(reverse("territory:search"), {"q": "ap tan thuan"}).content.decode()
    assert "Ấp Tân Thuận" in client.get(reverse("territory:search"), {"q": "ẤP  TÂN"}).content.decode()


def test_search_is_paginated(client, tree):
    commune = tree.communes[0]
    for i in range(60):
        Unit.objects.create(level=Level.HAMLET, kind=Kind.HAMLET, name=f"Ấp Phụ {i}", parent=commune)
    login(client, tree, "office")
    response = client.get(reverse("territory:search"), {"q": "ap phu"})
    assert response.context["page_obj"].paginator.count == 60
    assert len(response.context["page_obj"].object_list) == 50


def grow(tree, extra_communes: int, hamlets_per_commune: int):
    for d, district in enumerate(tree.districts):
        for c in range(extra_communes):
            commune = Unit.objects.create(level=Level.COMMUNE, kind=Kind.COMMUNE, parent=district,
                                          name=f"Xã Thêm {d}-{c}", code=f"9{d}{c:03d}")
            for h in range(hamlets_per_commune):
                Unit.objects.create(level=Level.HAMLET, kind=Kind.HAMLET, parent=commune, name=f"Ấp {h}",
                                    households=10)


@pytest.mark.parametrize("url_of", [
    lambda t: reverse("territory:home"),
    lambda t: reverse("territory:unit", args=[t.province.pk]),
    lambda t: reverse("territory:unit", args=[t.districts[0].pk]),
])
def test_roll_up_pages_take_a_fixed_number_of_queries(client, url_of):
    small = build_tree(code="98")
    big = build_tree(code="97")
    grow(big, extra_communes=6, hamlets_per_commune=5)
    counts = []
    for tree in (small, big):
        user = User.objects.create_user(username=f"vp{tree.province.code}", organisation=tree.org("office"),
                                        role="viewer")
        client.force_login(user)
        with CaptureQueriesContext(connection) as queries:
            assert client.get(url_of(tree)).status_code == 200
        counts.append(len(queries))
    assert counts[0] == counts[1]
    assert counts[0] <= 12


def test_roll_ups_work_without_a_district_level(client):
    tree = build_tree(code="96", with_districts=False)
    client.force_login(tree.user("office"))
    response = client.get(reverse("territory:home"))
    rows = response.context["rows"]
    assert [r.unit.level for r in rows] == [Level.COMMUNE] * 4
    assert all((r.hamlets, r.households) == (2, 240) for r in rows)
    assert response.context["totals"].hamlets == 8


def test_an_administrator_sees_every_province_with_its_counts(client):
    first, second = build_tree(code="95"), build_tree(code="94")
    client.force_login(User.objects.create_superuser(username="quantri", password="x-mat-khau-dai-1"))
    response = client.get(reverse("territory:home"))
    rows = {row.unit.pk: row for row in response.context["rows"]}
    assert set(rows) == {first.province.pk, second.province.pk}
    assert (rows[first.province.pk].districts, rows[first.province.pk].communes,
            rows[first.province.pk].hamlets) == (2, 4, 8)
    assert response.context["totals"].hamlets == 16
