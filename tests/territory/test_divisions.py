import io
from collections import Counter

import pytest
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext

from common.spreadsheets import SpreadsheetError, read_table
from common.xlsx import write_xlsx
from territory.management.commands.import_divisions import BUNDLED
from territory.models import Kind, Level, Unit
from territory.services import DIVISION_COLUMNS, DIVISION_REQUIRED, divisions_import, kind_from_name

pytestmark = pytest.mark.django_db

HEADERS = ["Mã TP", "Tỉnh Thành Phố", "Mã QH", "Quận Huyện", "Mã PX", "Phường Xã", "Cấp"]


@pytest.fixture(scope="module")
def national():
    return read_table(BUNDLED, columns=DIVISION_COLUMNS, required=DIVISION_REQUIRED, max_bytes=50 * 1024 * 1024)


def test_the_bundled_list_has_all_63_provinces_and_tien_giang_as_it_was_in_2024(national):
    assert national.legacy_encoding is None
    assert len({r.values["province_code"] for r in national}) == 63
    tien_giang = [r.values for r in national if r.values["province_code"] == "82"]
    assert {r["province_name"] for r in tien_giang} == {"Tỉnh Tiền Giang"}
    assert sorted({r["district_code"] for r in tien_giang}) == [str(c) for c in range(815, 826)]
    assert len(tien_giang) == 164
    assert Counter(r["commune_level"] for r in tien_giang) == {"Xã": 135, "Phường": 21, "Thị trấn": 8}


def test_tien_giang_imports_with_kinds_from_the_names(national):
    summary = divisions_import(rows=national, province_code="82")
    assert (summary.created, summary.updated, summary.unchanged) == (176, 0, 0)
    province = Unit.objects.get(level=Level.PROVINCE, code="82")
    assert province.kind == Kind.PROVINCE and province.path == f"/{province.pk}/"
    districts = Unit.objects.filter(level=Level.DISTRICT, province=province)
    assert districts.count() == 11
    kinds = dict(districts.values_list("name", "kind"))
    assert kinds["Thành phố Mỹ Tho"] == Kind.CITY
    assert kinds["Thị xã Cai Lậy"] == Kind.TOWN
    assert kinds["Huyện Cai Lậy"] == Kind.DISTRICT
    communes = Unit.objects.filter(level=Level.COMMUNE, province=province)
    assert Counter(communes.values_list("kind", flat=True)) == {Kind.COMMUNE: 135, Kind.WARD: 21, Kind.TOWNSHIP: 8}
    ward = communes.select_related("parent").get(code="28249")
    assert ward.name == "Phường 5" and ward.parent.code == "815" and ward.district_id == ward.parent_id
    assert ward.path == f"{ward.parent.path}{ward.pk}/" and ward.search_name == "phuong 5"
    assert ward.history.count() == 1


def test_a_second_import_changes_nothing_and_says_so(national):
    divisions_import(rows=national, province_code="82")
    before = list(Unit.objects.order_by("pk").values_list("pk", "name", "kind", "path", "parent_id"))
    summary = divisions_import(rows=national, province_code="82")
    assert (summary.created, summary.updated, summary.unchanged) == (0, 0, 176)
    assert not summary.changed
    assert list(Unit.objects.order_by("pk").values_list("pk", "name", "kind", "path", "parent_id")) == before


def test_import_fixes_names_and_kinds_and_reports_but_keeps_units_it_no_longer_lists(national):
    divisions_import(rows=national, province_code="82")
    Unit.objects.filter(code="817", level=Level.DISTRICT).update(kind=Kind.DISTRICT, name="Cai Lậy cũ")
    stray = Unit.objects.create(level=Level.COMMUNE, kind=Kind.COMMUNE, code="99999", name="Xã Đã Sáp Nhập",
                                parent=Unit.objects.get(code="815", level=Level.DISTRICT))
    summary = divisions_import(rows=national, province_code="82")
    assert summary.updated == 1 and summary.created == 0
    town = Unit.objects.get(code="817", level=Level.DISTRICT)
    assert (town.name, town.kind, town.search_name) == ("Thị xã Cai Lậy", Kind.TOWN, "thi xa cai lay")
    assert summary.not_in_file == [stray]
    stray.refresh_from_db()
    assert stray.is_active


def test_queries_per_import_do_not_grow_with_the_number_of_units(national):
    with CaptureQueriesContext(connection) as small:
        divisions_import(rows=national, province_code="95")  # Bạc Liêu: 7 districts, 64 communes
    with CaptureQueriesContext(connection) as large:
        divisions_import(rows=national, province_code="82")  # Tiền Giang: 11 districts, 164 communes
    assert Unit.objects.filter(province__code="82").count() > 2 * Unit.objects.filter(province__code="95").count()
    # The same statements per level; only the database's own batching of long INSERTs adds a few.
    assert len(large) <= len(small) + 6 and len(large) < 30


def test_a_list_without_districts_hangs_communes_under_the_province():
    rows = [{"province_code": "82", "province_name": "Tỉnh Đồng Tháp", "district_code": None, "district_name": None,
             "commune_code": "28261", "commune_name": "Phường Mỹ Tho", "commune_level": "Phường"}]
    divisions_import(rows=rows, province_code="82")
    commune = Unit.objects.get(code="28261")
    assert commune.parent.level == Level.PROVINCE and commune.district_id is None
    assert commune.kind == Kind.WARD


def test_bad_rows_are_all_reported_and_nothing_is_written():
    data = write_xlsx([("DS", HEADERS, [
        ["82", "Tỉnh Tiền Giang", "815", "Mỹ Tho", "28249", "Phường 5", "Phường"],
        ["82", "Tỉnh Tiền Giang", "819", "Huyện Cái Bè", "28360", "An Hữu", ""],
    ])])
    rows = read_table(data, columns=DIVISION_COLUMNS, required=DIVISION_REQUIRED)
    with pytest.raises(SpreadsheetError) as excinfo:
        divisions_import(rows=rows, province_code="82")
    assert [(e.row, e.column) for e in excinfo.value.errors] == [(2, "Quận Huyện"), (3, "Phường Xã")]
    assert not Unit.objects.exists()


def test_a_province_missing_from_the_file_is_an_error(national):
    with pytest.raises(SpreadsheetError, match="83"):
        divisions_import(rows=[r for r in national if r.values["province_code"] == "82"], province_code="83")


@pytest.mark.parametrize(("name", "level", "kind"), [
    ("Thành phố Hà Nội", Level.PROVINCE, Kind.MUNICIPALITY), ("Tỉnh Tiền Giang", Level.PROVINCE, Kind.PROVINCE),
    ("Quận Ba Đình", Level.DISTRICT, Kind.URBAN_DISTRICT), ("Thị xã Gò Công", Level.DISTRICT, Kind.TOWN),
    ("Thị trấn Cái Bè", Level.COMMUNE, Kind.TOWNSHIP), ("xã  Tân Hưng", Level.COMMUNE, Kind.COMMUNE),
    ("Đặc khu Phú Quốc", Level.COMMUNE, Kind.SPECIAL_ZONE), ("Tân Hưng", Level.COMMUNE, None),
])
def test_kind_from_name(name, level, kind):
    assert kind_from_name(name, level) == kind


def test_command_loads_the_bundled_list_then_reports_nothing_changed():
    out = io.StringIO()
    call_command("import_divisions", "--province", "82", stdout=out)
    assert "thêm mới 176" in out.getvalue()
    out = io.StringIO()
    call_command("import_divisions", "--province", "82", stdout=out)
    assert "không có gì thay đổi" in out.getvalue()
    assert Unit.objects.count() == 176


def test_command_takes_a_statistical_office_export(tmp_path):
    path = tmp_path / "gso.xlsx"
    path.write_bytes(write_xlsx([("DS", HEADERS, [
        ["82", "Tỉnh Tiền Giang", "815", "Thành phố Mỹ Tho", "28249", "Phường 5", "Phường"],
        ["82", "Tỉnh Tiền Giang", "819", "Huyện Cái Bè", "28360", "Thị trấn Cái Bè", "Thị trấn"],
        ["83", "Tỉnh Bến Tre", "829", "Thành phố Bến Tre", "28756", "Phường Phú Khương", "Phường"],
    ])]))
    out = io.StringIO()
    call_command("import_divisions", "--province", "82", "--file", str(path), stdout=out)
    assert "thêm mới 5" in out.getvalue()
    assert set(Unit.objects.values_list("code", flat=True)) == {"82", "815", "819", "28249", "28360"}
