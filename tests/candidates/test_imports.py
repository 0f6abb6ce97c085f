import datetime
import io

import openpyxl
import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.test import Client
from django.urls import reverse

from candidates import services
from candidates.imports import ImportFailed, import_nominees
from candidates.models import ListStatus, Nominee

from .sheets import col, template

pytestmark = pytest.mark.django_db
def fill(workbook, rows: dict[int, dict]):
    """rows: sheet row number -> {column key: value}."""
    sheet = workbook.worksheets[0]
    for number, values in rows.items():
        for key, value in values.items():
            sheet.cell(row=number, column=col(key)).value = value
    buffer = io.BytesIO()
    workbook.save(buffer)
    buffer.seek(0)
    buffer.name = "danh-sach.xlsx"
    return buffer


def good(n, **overrides):
    values = {"full_name": f"Nguyễn Văn An {n}", "gender": "Nam", "date_of_birth": "12/05/1975",
              "citizen_id": f"08207500{n:04d}", "political_theory": "Trung cấp", "is_party_member": "Có",
              "party_join_date": "03/02/2000", "is_cell_secretary": "Có", "nominated_by": "Ban công tác Mặt trận ấp",
              "is_permanent_resident": "Có", "on_election_team": "Không"}
    values.update(overrides)
    return values


def test_template_has_hamlets_headers_and_dropdowns(nominee_list):
    workbook = template(nominee_list)
    sheet = workbook.worksheets[0]
    assert sheet.cell(row=1, column=col("full_name")).value == "Họ và tên"
    hamlets = [sheet.cell(row=r, column=col("hamlet")).value for r in range(2, 6)]
    assert hamlets == ["Ấp 99-0", "Ấp 99-1", "Khu phố 99-2", "Khu phố 99-3"]
    formulas = " ".join(str(v.formula1) for v in sheet.data_validations.dataValidation)
    for choice in ("Nam", "Sơ cấp", "Có", "Tự ứng cử"):
        assert choice in formulas or choice in {c.value for row in workbook["_lists"].iter_rows() for c in row}
    assert len(sheet.data_validations.dataValidation) == 7


def test_upload_then_same_file_again_changes_nothing(nominee_list, officer):
    upload = fill(template(nominee_list), {r: good(r) for r in range(2, 6)})
    result = import_nominees(nominee_list=nominee_list, source=upload, by=officer)
    assert (result.created, result.updated, result.unchanged) == (4, 0, 0)
    nominee = Nominee.objects.get(full_name="Nguyễn Văn An 2")
    assert nominee.date_of_birth == datetime.date(1975, 5, 12) and nominee.is_cell_secretary
    assert nominee.political_theory == "trung_cap" and nominee.party_join_date == datetime.date(2000, 2, 3)
    history = sum(n.history.count() for n in Nominee.objects.all())
    upload.seek(0)
    again = import_nominees(nominee_list=nominee_list, source=upload, by=officer)
    assert (again.created, again.updated, again.unchanged) == (0, 0, 4)
    assert Nominee.objects.count() == 4 and sum(n.history.count() for n in Nominee.objects.all()) == history


def test_downloaded_template_with_nominees_round_trips(nominee_list, officer):
    import_nominees(nominee_list=nominee_list, source=fill(template(nominee_list), {2: good(2)}), by=officer)
    workbook = template(nominee_list)  # now pre-filled with the nominee
    result = import_nominees(nominee_list=nominee_list, source=fill(workbook, {}), by=officer)
    assert (result.created, result.updated, result.unchanged) == (0, 0, 1)


def test_change_in_file_updates_the_nominee(nominee_list, officer):
    import_nominees(nominee_list=nominee_list, source=fill(template(nominee_list), {2: good(2)}), by=officer)
    result = import_nominees(nominee_list=nominee_list,
                             source=fill(template(nominee_list), {2: good(2, education="Đại học")}), by=officer)
    assert result.updated == 1 and Nominee.objects.get().education == "Đại học"


def test_match_by_commune_and_hamlet_name_without_code(nominee_list, officer):
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    sheet.append(["Xã", "Ấp", "Họ tên", "Giới tính", "Ngày sinh", "Số CCCD", "Bí thư chi bộ", "Đảng viên"])
    sheet.append(["xa thu 99-0", "99-1", "Lê Thị Hoa", "Nữ", datetime.datetime(1980, 1, 31), 82080000123, "Có",
                  "Có"])
    buffer = io.BytesIO()
    workbook.save(buffer)
    buffer.seek(0)
    result = import_nominees(nominee_list=nominee_list, source=buffer, by=officer)
    nominee = Nominee.objects.get()
    assert result.created == 1 and nominee.hamlet_election.hamlet.name == "Ấp 99-1"
    assert nominee.citizen_id == "082080000123"  # the leading zero Excel dropped is restored
    assert nominee.date_of_birth == datetime.date(1980, 1, 31) and nominee.gender == "female"


def test_legacy_tcvn3_file_is_detected_and_converted(world, nominee_list, officer):
    # A sheet typed in the TCVN3 (.VnTime) font: "Trần Văn Đức", "Kinh" read back as Latin-1.
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    sheet.append(["Ma ap", "Ho va ten", "Gioi tinh", "Ngay sinh", "So CCCD", "Ghi chu"])
    sheet.append([str(world.tree.hamlets[0].pk), "TrÇn V¨n §øc", "Nam", "01/01/1970", "082070000001",
                  "§· qua líp båi d­ìng"])
    buffer = io.BytesIO()
    workbook.save(buffer)
    buffer.seek(0)
    result = import_nominees(nominee_list=nominee_list, source=buffer, by=officer)
    nominee = Nominee.objects.get()
    assert nominee.full_name == "Trần Văn Đức" and nominee.search_name == "tran van duc"
    assert result.warnings and "TCVN3" in result.warnings[0]
    buffer.seek(0)
    buffer.name = "legacy.xlsx"
    client = Client()
    client.force_login(officer)
    Nominee.objects.all().delete()
    response = client.post(reverse("candidates:upload", args=[nominee_list.pk]), {"file": buffer}, follow=True)
    assert "TCVN3" in response.content.decode()


ERROR_CASES = {
    "bad date": ({2: good(2, date_of_birth="31/02/1975")}, "Ngày sinh (dd/mm/yyyy)"),
    "bad citizen id": ({2: good(2, citizen_id="0820-123")}, "Số CCCD (12 số)"),
    "unknown hamlet code": ({2: good(2, hamlet_code="KHONG-CO")}, "Mã ấp (không sửa)"),
    "bad coded value": ({2: good(2, gender="Khác")}, "Giới tính"),
    "bad yes/no": ({2: good(2, is_party_member="chắc vậy")}, "Đảng viên"),
    "missing name": ({2: {**good(2), "full_name": None}}, "Họ và tên"),
    "too young": ({2: good(2, date_of_birth="05/10/2004")}, "Ngày sinh (dd/mm/yyyy)"),
    "not resident": ({2: good(2, is_permanent_resident="Không")}, "Thường trú tại ấp"),
    "on election team": ({2: good(2, on_election_team="Có")}, "Thành viên Tổ bầu cử/Ban kiểm phiếu"),
    "two secretaries": ({}, "Bí thư chi bộ ấp"),
}


@pytest.mark.parametrize("case", ERROR_CASES)
def test_every_error_names_row_and_column_and_nothing_is_written(nominee_list, officer, case):
    rows, column = ERROR_CASES[case]
    rows = {**{r: good(r) for r in range(3, 6)}, **rows}  # other rows are fine
    if case == "two secretaries":  # row 3 names hamlet 0 again by commune and name
        workbook = template(nominee_list)
        sheet = workbook.worksheets[0]
        sheet.cell(row=3, column=col("hamlet_code")).value = None
        sheet.cell(row=3, column=col("hamlet"), value="Ấp 99-0")
        upload = fill(workbook, {2: good(2), 3: good(3)})
    else:
        upload = fill(template(nominee_list), rows)
    with pytest.raises(ImportFailed) as exc:
        import_nominees(nominee_list=nominee_list, source=upload, by=officer)
    assert not Nominee.objects.exists()
    errors = exc.value.errors
    assert all(e.row in (2, 3) and e.message for e in errors)
    if column:
        assert column in {e.column for e in errors}
        assert any(f"“{column}”" in str(e) for e in errors)


def test_duplicate_person_in_file(nominee_list, officer):
    workbook = template(nominee_list)
    sheet = workbook.worksheets[0]
    sheet.cell(row=6, column=col("hamlet_code"), value=sheet.cell(row=2, column=col("hamlet_code")).value)
    upload = fill(workbook, {2: good(2, is_cell_secretary="Không"), 6: good(2, is_cell_secretary="Không")})
    with pytest.raises(ImportFailed) as exc:
        import_nominees(nominee_list=nominee_list, source=upload, by=officer)
    assert exc.value.errors[0].row == 6 and not Nominee.objects.exists()


@pytest.mark.parametrize("content,name", [(b"not a spreadsheet at all", "x.xlsx"), (b"", "empty.xlsx"),
                                          (b"PK\x03\x04garbage", "broken.xlsx")])
def test_broken_files_are_refused(nominee_list, officer, content, name):
    source = io.BytesIO(content)
    source.name = name
    with pytest.raises(ImportFailed) as exc:
        import_nominees(nominee_list=nominee_list, source=source, by=officer)
    assert exc.value.errors and not Nominee.objects.exists()


def test_missing_name_column_is_refused(nominee_list, officer):
    workbook = openpyxl.Workbook()
    workbook.active.append(["Mã ấp", "Giới tính"])
    workbook.active.append(["1", "Nam"])
    buffer = io.BytesIO()
    workbook.save(buffer)
    buffer.seek(0)
    with pytest.raises(ImportFailed) as exc:
        import_nominees(nominee_list=nominee_list, source=buffer, by=officer)
    assert "Họ và tên" in str(exc.value.errors[0])


def test_submitted_list_cannot_be_overwritten(nominee_list, officer):
    import_nominees(nominee_list=nominee_list, source=fill(template(nominee_list), {2: good(2)}), by=officer)
    services.nominee_list_submit(nominee_list=nominee_list, by=officer)
    nominee_list.refresh_from_db()
    with pytest.raises(ImportFailed):
        import_nominees(nominee_list=nominee_list, source=fill(template(nominee_list), {3: good(3)}), by=officer)
    assert Nominee.objects.count() == 1 and nominee_list.status == ListStatus.SUBMITTED


def test_upload_page_shows_every_error_and_writes_nothing(client, nominee_list, officer):
    client.force_login(officer)
    url = reverse("candidates:upload", args=[nominee_list.pk])
    upload = fill(template(nominee_list), {2: good(2, date_of_birth="hôm qua"), 3: good(3, citizen_id="12")})
    response = client.post(url, {"file": upload})
    body = response.content.decode()
    assert response.status_code == 200 and "Ngày sinh (dd/mm/yyyy)" in body and "Số CCCD (12 số)" in body
    assert len(response.context["errors"]) == 2 and not Nominee.objects.exists()
    upload = fill(template(nominee_list), {2: good(2), 3: good(3)})
    assert client.post(url, {"file": upload}).status_code == 302
    assert Nominee.objects.count() == 2


def test_other_district_cannot_upload(client, world, nominee_list):
    client.force_login(world.tree.user("district", 1, "officer"))
    upload = fill(template(nominee_list), {2: good(2)})
    assert client.post(reverse("candidates:upload", args=[nominee_list.pk]), {"file": upload}).status_code == 404
    assert not Nominee.objects.exists()


def test_management_command(tmp_path, world, nominee_list):
    path = tmp_path / "ds.xlsx"
    path.write_bytes(fill(template(nominee_list), {2: good(2)}).getvalue())
    user = world.tree.user("district", 0, "officer")
    out = io.StringIO()
    call_command("import_nominees", str(path), district=world.tree.districts[0].code, user=user.username, stdout=out)
    assert Nominee.objects.count() == 1
    call_command("import_nominees", str(path), district=world.tree.districts[0].code, user=user.username, stdout=out)
    assert Nominee.objects.count() == 1
    bad = tmp_path / "bad.xlsx"
    bad.write_bytes(fill(template(nominee_list), {3: good(3, gender="?")}).getvalue())
    with pytest.raises(CommandError):
        call_command("import_nominees", str(bad), district=world.tree.districts[0].code, user=user.username,
                     stdout=out, stderr=io.StringIO())
    with pytest.raises(CommandError):  # another district's officer may not write this list
        call_command("import_nominees", str(path), district=world.tree.districts[0].code,
                     user=world.tree.user("district", 1, "officer").username, stdout=out)
    assert Nominee.objects.count() == 1
