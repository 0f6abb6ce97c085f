"""Hamlet imports: broken, duplicate, NFD, legacy-encoded and out-of-scope files write nothing;
re-importing changes nothing; new hamlets get their party cell."""

import io
import unicodedata
from csv import writer as csv_writer

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.urls import reverse

from accounts.models import Organisation, OrganisationKind
from common.spreadsheets import SpreadsheetError
from common.xlsx import write_xlsx
from territory.imports import hamlets_import
from territory.models import Kind, Level, Unit
from tests.trees import build_tree

pytestmark = pytest.mark.django_db

HEADERS = ["Mã xã", "Tên xã", "Tên ấp, khu phố", "Loại", "Số hộ"]


@pytest.fixture
def tree():
    return build_tree()


def csv(*lines: str) -> bytes:
    return ("\n".join(lines) + "\n").encode()


def snapshot():
    return (sorted(Unit.objects.values_list("pk", "name", "kind", "households", "is_active")),
            Organisation.objects.count())


def errors_of(excinfo) -> list[tuple]:
    return [(e.row, e.column) for e in excinfo.value.errors]


def test_hamlets_are_created_under_their_communes_with_denormalised_columns(tree):
    commune = tree.communes[0]
    summary = hamlets_import(source=csv("Mã xã,Tên ấp,Số hộ", f"{commune.code},Ấp Tân Thuận,312",
                                        f"{commune.code},Mỹ Lợi,\"1.050\""), by=tree.user("office"))
    assert (summary.created, summary.updated, summary.unchanged) == (2, 0, 0)
    hamlet = Unit.objects.get(name="Ấp Tân Thuận")
    assert (hamlet.parent, hamlet.commune, hamlet.district, hamlet.province) == (
        commune, commune, tree.districts[0], tree.province)
    assert hamlet.path == f"{commune.path}{hamlet.pk}/" and hamlet.households == 312
    assert Unit.objects.get(name="Ấp Mỹ Lợi").households == 1050
    assert hamlet.kind == Kind.HAMLET


def test_new_hamlets_get_their_party_cell(tree):
    commune = tree.communes[1]  # a ward: its hamlets are khu phố
    summary = hamlets_import(source=csv("Mã xã,Tên ấp", f"{commune.code},3"), by=None)
    hamlet = Unit.objects.get(name="Khu phố 3")
    assert hamlet.kind == Kind.NEIGHBOURHOOD
    cell = Organisation.objects.get(kind=OrganisationKind.CELL, unit=hamlet)
    assert cell.parent == tree.org("commune", 1)
    assert cell.name.startswith("Chi bộ khu phố 3")
    assert summary.organisations_created >= 1


def test_reimporting_the_same_file_changes_nothing(tree):
    data = csv("Mã xã,Tên ấp,Loại,Số hộ", f"{tree.communes[0].code},Ấp Tân Thuận,ấp,312",
               f"{tree.communes[0].code},Ấp 99-0,ấp,120")
    hamlets_import(source=data, by=None)
    before = snapshot()
    summary = hamlets_import(source=data, by=None)
    assert (summary.created, summary.updated, summary.unchanged) == (0, 0, 2)
    assert snapshot() == before


def test_names_match_whatever_the_case_spacing_or_unicode_form(tree):
    code = tree.communes[0].code
    hamlets_import(source=csv("Mã xã,Tên ấp,Số hộ", f"{code},Ấp 3,100"), by=None)
    nfd = unicodedata.normalize("NFD", "ấp  3")
    summary = hamlets_import(source=csv("Mã xã,Tên ấp,Số hộ", f"{code},{nfd},140"), by=None)
    assert (summary.created, summary.updated) == (0, 1)
    hamlet = Unit.objects.get(parent=tree.communes[0], search_name="ap 3")
    assert hamlet.households == 140 and hamlet.name == "Ấp 3"


def test_communes_may_be_named_instead_of_coded(tree):
    summary = hamlets_import(source=csv("Tên xã,Tên ấp", "xa thu 99-2,Ấp Bình Hòa", "Thử 99-2,Ấp Bình Phú"), by=None)
    assert summary.created == 2
    assert set(Unit.objects.filter(parent=tree.communes[2]).values_list("name", flat=True)) >= {"Ấp Bình Hòa",
                                                                                                  "Ấp Bình Phú"}


def test_a_broken_file_lists_every_error_with_row_and_column_and_writes_nothing(tree):
    before = snapshot()
    data = csv("Mã xã,Tên ấp,Loại,Số hộ",
               f"{tree.communes[0].code},,ấp,10",  # row 2: no name
               "00000,Ấp X,ấp,10",  # row 3: unknown commune
               f"{tree.communes[0].code},Ấp Y,thôn,10",  # row 4: unknown kind
               f"{tree.communes[0].code},Ấp Z,ấp,mười",  # row 5: households not a number
               ",Ấp W,ấp,10",  # row 6: no commune
               f"{tree.communes[0].code},Ấp Tốt,ấp,10")
    with pytest.raises(SpreadsheetError) as excinfo:
        hamlets_import(source=data, by=None)
    assert errors_of(excinfo) == [(2, "Tên ấp"), (3, "Mã xã"), (4, "Loại"), (5, "Số hộ"), (6, "Mã xã")]
    assert "Dòng 5, cột “Số hộ”" in str(excinfo.value.errors[3])
    assert snapshot() == before


def test_duplicate_rows_are_errors_naming_both_rows(tree):
    code = tree.communes[0].code
    before = snapshot()
    with pytest.raises(SpreadsheetError) as excinfo:
        hamlets_import(source=csv("Mã xã,Tên ấp", f"{code},Ấp Tân Thuận", f"{code},ẤP  tân thuận"), by=None)
    assert errors_of(excinfo) == [(3, "Tên ấp")]
    assert "dòng 2" in str(excinfo.value.errors[0])
    assert snapshot() == before


def test_legacy_encoded_file_is_converted(tree):
    code = tree.communes[0].code
    data = write_xlsx([("DS", ["M· x·", "Tªn Êp", "Sè hé"], [[code, "Êp T©n ThuËn", 12], [code, "Êp Mü Lîi", 9]])])
    summary = hamlets_import(source=data, by=None)
    assert summary.created == 2
    assert any("TCVN3" in w for w in summary.warnings)
    assert set(Unit.objects.filter(parent=tree.communes[0], households__lt=20).values_list("name", flat=True)) == {
        "Ấp Tân Thuận", "Ấp Mỹ Lợi"}


def test_ambiguous_legacy_file_is_refused_and_writes_nothing(tree):
    code = tree.communes[0].code
    before = snapshot()
    data = write_xlsx([("DS", ["Ma xa", "Ten ap"], [[code, "Êp T©n ThuËn"], [code, "AÁp Taân Thuaän"],
                                                     [code, "AÁp Myõ Lôïi"]])])
    with pytest.raises(SpreadsheetError, match="TCVN3"):
        hamlets_import(source=data, by=None)
    assert snapshot() == before


@pytest.mark.parametrize(("key", "index", "allowed_communes"), [
    ("commune", 0, {0}), ("district", 0, {0, 1}), ("district", 1, {2, 3}), ("office", 0, {0, 1, 2, 3}),
])
def test_users_import_only_inside_their_scope(tree, key, index, allowed_communes):
    user = tree.user(key, index, "officer")
    for c, commune in enumerate(tree.communes):
        before = snapshot()
        data = csv("Mã xã,Tên ấp", f"{tree.communes[0].code if 0 in allowed_communes else tree.communes[2].code},Ấp A",
                   f"{commune.code},Ấp Ngoài {c}")
        if c in allowed_communes:
            assert hamlets_import(source=data, by=user).created >= 1
        else:
            with pytest.raises(SpreadsheetError) as excinfo:
                hamlets_import(source=data, by=user)
            assert errors_of(excinfo) == [(3, "Mã xã")]
            assert "ngoài địa bàn" in str(excinfo.value.errors[0])
            assert snapshot() == before


def test_a_commune_import_may_omit_the_commune_column(tree):
    commune = tree.communes[0]
    summary = hamlets_import(source=csv("Tên ấp,Số hộ", "Ấp Mới,45"), by=tree.user("commune"), commune=commune)
    assert summary.created == 1 and Unit.objects.get(name="Ấp Mới").parent == commune


def test_missing_hamlet_column_is_reported(tree):
    with pytest.raises(SpreadsheetError, match="Tên ấp, khu phố"):
        hamlets_import(source=csv("Mã xã,Số hộ", "1,2"), by=None)
    with pytest.raises(SpreadsheetError, match="Mã xã"):
        hamlets_import(source=csv("Tên ấp,Số hộ", "Ấp 1,2"), by=None)


def test_command_imports_and_reports_errors(tree, tmp_path):
    path = tmp_path / "ap.xlsx"
    path.write_bytes(write_xlsx([("DS", HEADERS, [[tree.communes[3].code, "", "Ấp Lệnh", "ấp", 33]])]))
    out = io.StringIO()
    call_command("import_hamlets", str(path), stdout=out)
    assert "Thêm mới 1" in out.getvalue()
    out = io.StringIO()
    call_command("import_hamlets", str(path), stdout=out)
    assert "Không có gì thay đổi" in out.getvalue()
    bad = tmp_path / "bad.csv"
    bad.write_bytes(csv("Mã xã,Tên ấp", "77777,Ấp Lỗi"))
    with pytest.raises(CommandError, match="Dòng 2"):
        call_command("import_hamlets", str(bad))


# --- The upload page ------------------------------------------------------------------------------

def upload(client, data: bytes, name="ap.csv"):
    file = io.BytesIO(data)
    file.name = name
    return client.post(reverse("territory:import"), {"file": file})


def test_upload_page_shows_the_summary(client, tree):
    client.force_login(tree.user("district", 0, "officer"))
    response = upload(client, csv("Mã xã,Tên ấp,Số hộ", f"{tree.communes[1].code},Khu phố 9,80"))
    assert response.status_code == 200
    body = response.content.decode()
    assert 'id="import-summary"' in body and "Thêm mới" in body
    assert Unit.objects.filter(name="Khu phố 9", parent=tree.communes[1]).exists()


def test_upload_page_lists_all_errors_at_once_and_writes_nothing(client, tree):
    client.force_login(tree.user("commune", 0, "leader"))
    before = snapshot()
    response = upload(client, csv("Mã xã,Tên ấp,Số hộ", f"{tree.communes[2].code},Ấp Lạ,1",
                                  f"{tree.communes[0].code},,2", f"{tree.communes[0].code},Ấp Được,ba"))
    assert response.status_code == 422
    body = response.content.decode()
    assert body.count("<li>Dòng ") == 3
    assert "Dòng 2, cột “Mã xã”" in body and "Dòng 3, cột “Tên ấp”" in body and "Dòng 4, cột “Số hộ”" in body
    assert snapshot() == before


def test_upload_page_refuses_a_renamed_executable(client, tree):
    client.force_login(tree.user("office", 0, "officer"))
    before = snapshot()
    response = upload(client, b"MZ\x90\x00" + bytes(200), name="ap.xlsx")
    assert response.status_code == 422
    assert "không phải là tệp .xlsx" in response.content.decode()
    assert snapshot() == before


def test_template_round_trips_through_the_import(client, tree):
    client.force_login(tree.user("commune", 0, "officer"))
    template = client.get(reverse("territory:import_template")).content
    before = snapshot()
    response = upload(client, template, name="mau.xlsx")
    assert response.status_code == 200
    assert response.context["summary"].unchanged == 2
    assert snapshot() == before


def test_level_of_imported_units_is_hamlet(tree):
    hamlets_import(source=csv("Mã xã,Tên ấp", f"{tree.communes[0].code},Ấp Cấp"), by=None)
    assert Unit.objects.get(name="Ấp Cấp").level == Level.HAMLET


def test_a_commune_upload_naming_another_commune_is_an_error_naming_the_row(client, tree):
    client.force_login(tree.user("commune", 0, "officer"))
    before = snapshot()
    response = upload(client, csv("Mã xã,Tên ấp", f"{tree.communes[0].code},Ấp Nhà", f"{tree.communes[1].code},Ấp Bên"))
    assert response.status_code == 422
    body = response.content.decode()
    assert "Dòng 3, cột “Mã xã”" in body and "ngoài địa bàn" in body
    assert snapshot() == before


@pytest.mark.parametrize("name", ["Khu phố <script>alert(1)</script>", "=HYPERLINK(\"http://x\",\"y\")",
                                  "Ấp " + "A" * 120])
def test_a_name_that_is_not_a_name_is_refused_with_its_row(tree, name):
    code = tree.communes[0].code
    before = snapshot()
    data = io.StringIO()
    csv_writer(data).writerows([["Mã xã", "Tên ấp"], [code, "Ấp Tốt"], [code, name]])
    with pytest.raises(SpreadsheetError) as excinfo:
        hamlets_import(source=data.getvalue().encode(), by=None)
    assert errors_of(excinfo) == [(3, "Tên ấp")]
    assert snapshot() == before


def test_a_name_of_the_longest_length_is_accepted(tree):
    code = tree.communes[0].code
    hamlets_import(source=csv("Mã xã,Tên ấp", f"{code},Ấp {'A' * 117}"), by=None)  # 120 characters
    assert Unit.objects.filter(name=f"Ấp {'A' * 117}").exists()


def test_the_admin_refuses_markup_in_a_units_name(admin_client, tree):
    hamlet = tree.hamlets[0]
    url = reverse("admin:territory_unit_change", args=[hamlet.pk])
    form = admin_client.get(url).context["adminform"].form
    data = {k: v for k, v in form.initial.items() if v is not None and k not in ("parent", "level", "path")}
    data["name"] = "Khu phố <script>"
    response = admin_client.post(url, data)
    assert response.status_code == 200 and "name" in response.context["adminform"].form.errors
    hamlet.refresh_from_db()
    assert hamlet.name != "Khu phố <script>"
