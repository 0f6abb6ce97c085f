"""The nominee import, cell by cell (issue 14, points 14-17): a name is a name, legacy text is
converted or refused per cell, every error of every row at once, and the template round trip is a
no-op. Files are real .xlsx workbooks built with openpyxl, uploaded through the importer, the page and
the management command."""

import datetime
import io
import re
import zipfile

import openpyxl
import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.urls import reverse

from accounts.models import Organisation, OrganisationKind
from candidates import exports, services
from candidates.imports import ImportFailed, import_nominees
from candidates.models import Nominee
from common.legacy import TCVN3_TABLE, VNI_TABLE

from .conftest import person
from .sheets import col, template

pytestmark = pytest.mark.django_db


def save(workbook) -> io.BytesIO:
    buffer = io.BytesIO()
    workbook.save(buffer)
    buffer.seek(0)
    buffer.name = "danh-sach.xlsx"
    return buffer


def fill(workbook, rows: dict[int, dict]) -> io.BytesIO:
    """rows: sheet row number -> {column key: value} (a value starting with "=" is a formula, as in Excel)."""
    sheet = workbook.worksheets[0]
    for number, values in rows.items():
        for key, value in values.items():
            sheet.cell(row=number, column=col(key)).value = value
    return save(workbook)


def good(n, **overrides):
    values = {"full_name": f"Nguyễn Văn An {n}", "gender": "Nam", "date_of_birth": "12/05/1975",
              "citizen_id": f"08207500{n:04d}", "political_theory": "Trung cấp", "is_party_member": "Có",
              "party_join_date": "03/02/2000", "is_cell_secretary": "Có", "nominated_by": "Ban công tác Mặt trận ấp",
              "is_permanent_resident": "Có", "on_election_team": "Không"}
    values.update(overrides)
    return values


def refused(nominee_list, officer, upload) -> dict[tuple[int, str], list[str]]:
    with pytest.raises(ImportFailed) as exc:
        import_nominees(nominee_list=nominee_list, source=upload, by=officer)
    assert not Nominee.objects.exists()
    found: dict[tuple[int, str], list[str]] = {}
    for error in exc.value.errors:
        found.setdefault((error.row, error.column), []).append(str(error))
    return found


# --- Legacy text, produced from the module's own tables -------------------------------------------

def to_tcvn3(text: str) -> str:
    """Unicode -> TCVN3 as a .VnTime sheet reads back through Latin-1 (lower-case codes, as the font has)."""
    reverse_table = {}
    for code, letter in TCVN3_TABLE.items():
        if len(code) == 1 and ord(code) < 256:
            reverse_table.setdefault(letter, code)
    out = []
    for ch in text:
        if ch in reverse_table:
            out.append(reverse_table[ch])
        elif ch.lower() in reverse_table and ch.lower() not in "ăâêôơưđ":
            out.append(reverse_table[ch.lower()])  # TCVN3 draws toned capitals with the lower-case code
        else:
            out.append(ch)
    return "".join(out)


def to_vni(text: str) -> str:
    """Unicode -> VNI-Windows read through Latin-1: a base letter followed by its mark character."""
    reverse_table = {}
    for code, letter in VNI_TABLE.items():
        if code in (code.lower(), code.upper()):  # how the font types it, not the tolerated mixed case
            reverse_table.setdefault(letter, code)
    return "".join(reverse_table.get(ch, ch) for ch in text)


def test_the_legacy_helpers_round_trip_through_the_module_tables():
    from common.legacy import legacy_to_unicode

    assert legacy_to_unicode(to_tcvn3("Trần Thị Ngọc Hướng"), "tcvn3") == "Trần Thị Ngọc Hướng"
    assert legacy_to_unicode(to_vni("Lê Văn Đức"), "vni") == "Lê Văn Đức"
    assert to_tcvn3("Trần Thị Ngọc Hướng") != "Trần Thị Ngọc Hướng" and to_vni("Lê Văn Đức") != "Lê Văn Đức"


def with_cached_values(upload: io.BytesIO, cached: dict[str, str]) -> io.BytesIO:
    """The workbook as Excel saves it: each formula cell carries the value it last computed
    (openpyxl writes formulas without one). cached: cell reference -> cached text."""
    source = zipfile.ZipFile(upload)
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for item in source.infolist():
            data = source.read(item.filename)
            if item.filename == "xl/worksheets/sheet1.xml":
                text = data.decode()
                for ref, value in cached.items():
                    text, n = re.subn(rf'<c r="{ref}"([^>]*)><f>(.*?)</f><v\s*/>',
                                      rf'<c r="{ref}"\1 t="str"><f>\2</f><v>{value}</v>', text)
                    assert n == 1, ref
                data = text.encode()
            target.writestr(item, data)
    out.seek(0)
    out.name = "danh-sach.xlsx"
    return out


# --- 14. A name is a name ---------------------------------------------------------------------------

def test_formula_cells_are_refused_by_row_and_column_never_read_as_their_cached_value(nominee_list, officer):
    upload = fill(template(nominee_list), {
        2: good(2, full_name='=HYPERLINK("http://x","y")'),
        3: good(3, full_name="=cmd|' /C calc'!A0"),
        4: good(4, notes="=1+1"),
    })
    name, notes = openpyxl.utils.get_column_letter(col("full_name")), openpyxl.utils.get_column_letter(col("notes"))
    upload = with_cached_values(upload, {f"{name}2": "y", f"{name}3": "Nguyễn Văn Ba", f"{notes}4": "2"})
    errors = refused(nominee_list, officer, upload)
    assert set(errors) == {(2, "Họ và tên"), (3, "Họ và tên"), (4, "Ghi chú")}
    assert "HYPERLINK" in errors[(2, "Họ và tên")][0] and "công thức" in errors[(2, "Họ và tên")][0]
    assert len(errors[(2, "Họ và tên")]) == 1  # not also "must be filled in"


@pytest.mark.parametrize("name", [
    "=1+1", "+84 909 123 456", "-Nguyễn Văn An", "@Nguyễn Văn An", "  =SUM(A1:A2)", "Nguyễn <b>Văn</b> An",
    '"><img src=x onerror=alert(1)>', "Nguyễn Văn An\u202e", "Nguyễn\u200bVăn An",
    "Nguyễn Văn An cmd|' /C calc'!A0",
])
def test_text_cells_that_are_not_names_are_refused_with_row_and_column(nominee_list, officer, name):
    sheet_workbook = template(nominee_list)
    upload = fill(sheet_workbook, {3: good(3), 4: good(4)})
    workbook = openpyxl.load_workbook(upload)
    cell = workbook.worksheets[0].cell(row=4, column=col("full_name"))
    cell.value, cell.data_type = name, "s"  # typed as text (quote prefix), so not a formula
    errors = refused(nominee_list, officer, save(workbook))
    assert list(errors) == [(4, "Họ và tên")]


@pytest.mark.parametrize("name", ["Nguyễn Thị Mai-Anh", "Lê Văn An (Út)", "Trần Văn A 2", "H'Hen Niê"])
def test_real_names_pass(nominee_list, officer, name):
    upload = fill(template(nominee_list), {2: good(2, full_name=name)})
    result = import_nominees(nominee_list=nominee_list, source=upload, by=officer)
    assert result.created == 1 and Nominee.objects.get().full_name == name


def test_the_nominee_form_refuses_what_the_import_refuses(client, world, officer):
    client.force_login(officer)
    url = reverse("candidates:nominee_create", args=[world.he(0).pk])
    data = {"gender": "male", "date_of_birth": "01/05/1979", "ethnicity": "Kinh", "citizen_id": "082079000123",
            "is_permanent_resident": "on", "political_theory": "none", "nominated_by": "front_committee"}
    for name in ('=HYPERLINK("http://x","y")', "-An", "Nguyễn Văn <script>alert(1)</script>"):
        response = client.post(url, {**data, "full_name": name})
        assert response.status_code == 200 and response.context["form"].errors["full_name"], name
    response = client.post(url, {**data, "full_name": "Lê Thị Mai-Anh", "notes": "- đã qua lớp bồi dưỡng\n=2 nhiệm kỳ"})
    assert response.status_code == 302
    assert Nominee.objects.get().notes == "- đã qua lớp bồi dưỡng\n=2 nhiệm kỳ"


def test_the_service_checks_names_and_notes(world, officer):
    from django.core.exceptions import ValidationError

    with pytest.raises(ValidationError) as exc:
        services.nominee_create(by=officer, hamlet_election=world.he(0),
                                **person(full_name="@Nguyễn Văn An", ethnicity="<i>Kinh</i>",
                                         notes="Ghi chú\x00ẩn", party_post="=cmd|' /C calc'!A0"))
    assert {"full_name", "ethnicity", "notes", "party_post"} <= set(exc.value.message_dict)
    assert not Nominee.objects.exists()


# --- 15. Legacy text, cell by cell -------------------------------------------------------------------

def test_one_tcvn3_and_one_vni_name_in_a_unicode_file_are_converted_with_a_warning_naming_the_cell(
        client, nominee_list, officer):
    upload = fill(template(nominee_list), {
        2: good(2, full_name="Trần Thị Ngọc Hướng", notes="Xã Laêê (tên thật, Unicode)"),
        3: good(3, full_name="Lê Văn Bảy"),
        4: good(4, full_name=to_tcvn3("Phạm Thị Hồng Nhung")),
        5: good(5, full_name=to_vni("Võ Văn Đức")),
    })
    result = import_nominees(nominee_list=nominee_list, source=upload, by=officer)
    assert result.created == 4
    names = set(Nominee.objects.values_list("full_name", flat=True))
    assert names == {"Trần Thị Ngọc Hướng", "Lê Văn Bảy", "Phạm Thị Hồng Nhung", "Võ Văn Đức"}
    assert Nominee.objects.get(full_name="Trần Thị Ngọc Hướng").notes == "Xã Laêê (tên thật, Unicode)"
    assert [w for w in result.warnings if ", cột" in w] == [
        "Dòng 4, cột “Họ và tên”: đã chuyển từ phông cũ TCVN3 (ABC) sang Unicode; đồng chí kiểm tra lại.",
        "Dòng 5, cột “Họ và tên”: đã chuyển từ phông cũ VNI sang Unicode; đồng chí kiểm tra lại.",
    ]
    # The page shows the same warnings after the upload.
    Nominee.objects.all().delete()
    client.force_login(officer)
    upload.seek(0)
    response = client.post(reverse("candidates:upload", args=[nominee_list.pk]), {"file": upload}, follow=True)
    body = response.content.decode()
    assert "Dòng 4, cột “Họ và tên”" in body and "TCVN3" in body and "Dòng 5" in body


def test_a_cell_no_one_legacy_font_explains_is_refused(nominee_list, officer):
    mixed = to_tcvn3("Lê") + " " + to_vni("Ấp")  # TCVN3 and VNI in one cell
    errors = refused(nominee_list, officer, fill(template(nominee_list), {2: good(2), 3: good(3, full_name=mixed)}))
    assert list(errors) == [(3, "Họ và tên")] and "TCVN3" in errors[(3, "Họ và tên")][0]


# --- 16. Every error of every row at once ---------------------------------------------------------------

def test_a_bad_date_no_longer_hides_the_other_errors_of_its_row(nominee_list, officer):
    upload = fill(template(nominee_list), {
        2: good(2, date_of_birth="31/02/1975", citizen_id="0820-123", gender="Khác", full_name="=1+1",
                is_permanent_resident="Không", on_election_team="Có"),
        3: good(3, hamlet_code="KHONG-CO", date_of_birth="hôm qua", citizen_id="12"),
        4: good(4, party_join_date="01/01/1960"),  # joined the Party before birth: the service says so
        5: good(5),
    })
    name = openpyxl.utils.get_column_letter(col("full_name"))
    errors = refused(nominee_list, officer, with_cached_values(upload, {f"{name}2": "Nguyễn Văn Hai"}))
    assert sorted(errors) == sorted([
        (2, "Họ và tên"), (2, "Giới tính"), (2, "Ngày sinh (dd/mm/yyyy)"), (2, "Số CCCD (12 số)"),
        (2, "Thường trú tại ấp"), (2, "Thành viên Tổ bầu cử/Ban kiểm phiếu"),
        (3, "Mã ấp (không sửa)"), (3, "Ngày sinh (dd/mm/yyyy)"), (3, "Số CCCD (12 số)"),
        (4, "Ngày vào Đảng (dd/mm/yyyy)"),
    ])
    assert all(len(messages) == 1 for messages in errors.values())


# --- 17. The template round trip is a no-op ------------------------------------------------------------

NOTES = ["=2 nhiệm kỳ Bí thư chi bộ", "- Đã qua lớp bồi dưỡng\n- Khen thưởng 2023", "+ Huân chương lao động",
         "@ Chi hội trưởng", "Bình thường"]


def _entered(world, officer):
    for i, note in enumerate(NOTES):
        services.nominee_create(by=officer, hamlet_election=world.he(i % 4), **person(
            full_name=f"Huỳnh Thị Ngọc Hướng {i}", notes=note, education="12/12", party_post="Bí thư chi bộ",
            is_cell_secretary=i < 4))


def test_the_downloaded_template_uploaded_unchanged_changes_nothing(world, nominee_list, officer):
    _entered(world, officer)
    history = Nominee.history.count()
    downloaded = template(nominee_list)
    cells = [c for row in downloaded.worksheets[0].iter_rows() for c in row if c.value in NOTES]
    assert len(cells) == len(NOTES) and all(c.data_type == "s" for c in cells)  # text, never a formula
    assert all(c.quotePrefix == (c.value[0] in "=+-@") for c in cells)  # and it stays text when edited
    result = import_nominees(nominee_list=nominee_list, source=save(downloaded), by=officer)
    assert result.counts() == {"created": 0, "updated": 0, "unchanged": len(NOTES)}
    assert sorted(Nominee.objects.values_list("notes", flat=True)) == sorted(NOTES)
    assert Nominee.history.count() == history


def test_a_template_from_before_the_quote_prefix_also_round_trips(world, nominee_list, officer):
    """Templates handed out earlier carry a literal apostrophe in front of formula-like text."""
    from common.xlsx import neutralise

    _entered(world, officer)
    workbook = template(nominee_list)
    for row in workbook.worksheets[0].iter_rows():
        for cell in row:
            if isinstance(cell.value, str) and neutralise(cell.value) != cell.value:
                cell.value, cell.data_type = neutralise(cell.value), "s"
    result = import_nominees(nominee_list=nominee_list, source=save(workbook), by=officer)
    assert result.counts() == {"created": 0, "updated": 0, "unchanged": len(NOTES)}
    assert not Nominee.objects.filter(notes__startswith="'").exists()


def test_a_real_change_in_the_template_is_one_update(world, nominee_list, officer):
    _entered(world, officer)
    workbook = template(nominee_list)
    sheet = workbook.worksheets[0]
    row = next(r for r in sheet.iter_rows(min_row=2) if r[col("notes") - 1].value == NOTES[1])
    row[col("education") - 1].value = "Đại học"
    result = import_nominees(nominee_list=nominee_list, source=save(workbook), by=officer)
    assert result.counts() == {"created": 0, "updated": 1, "unchanged": len(NOTES) - 1}
    assert Nominee.objects.get(notes=NOTES[1]).education == "Đại học"


def test_the_command_reads_the_template_the_same_way(tmp_path, world, nominee_list, officer):
    _entered(world, officer)
    path = tmp_path / "mau.xlsx"
    path.write_bytes(exports.template_xlsx(nominee_list))
    out = io.StringIO()
    call_command("import_nominees", str(path), district=world.tree.districts[0].code, user=officer.username,
                 stdout=out)
    assert "thêm 0, cập nhật 0, giữ nguyên 5" in out.getvalue()
    bad = tmp_path / "sai.xlsx"
    bad.write_bytes(fill(template(nominee_list), {2: good(2, full_name="=1+1", date_of_birth="31/02/1975")}).getvalue())
    err = io.StringIO()
    with pytest.raises(CommandError):
        call_command("import_nominees", str(bad), district=world.tree.districts[0].code, user=officer.username,
                     stdout=io.StringIO(), stderr=err)
    assert "Dòng 2, cột “Họ và tên”" in err.getvalue() and "Dòng 2, cột “Ngày sinh (dd/mm/yyyy)”" in err.getvalue()


def test_the_import_names_each_row_accepted_without_being_verified(nominee_list, officer, world):
    from accounts.services import cell_secretary_record

    hamlet = world.tree.hamlets[0]
    cell = Organisation.objects.get(unit=hamlet, kind=OrganisationKind.CELL)
    cell_secretary_record(organisation=cell, full_name="Nguyễn Văn An 2", term_start=datetime.date(2024, 9, 1),
                          by=world.tree.user("commune", 0, "officer"))
    result = import_nominees(nominee_list=nominee_list, by=officer,
                             source=fill(template(nominee_list), {2: good(2), 3: good(3)}))
    assert result.created == 2
    unverified = [w for w in result.warnings if w.startswith("Dòng")]
    # Row 2's secretary is the one its cell recorded; row 3's cell has recorded none.
    assert len(unverified) == 1 and unverified[0].startswith("Dòng 3 (Nguyễn Văn An 3):")
