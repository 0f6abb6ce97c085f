import datetime as dt
import io
import unicodedata
import zipfile

import openpyxl
import pytest

from common.legacy import TCVN3_TABLE, VNI_TABLE, detect_legacy, legacy_to_unicode
from common.spreadsheets import RowError, SpreadsheetError, parse_date, read_table
from common.xlsx import neutralise, write_xlsx

COLUMNS = {
    "commune_code": ("Mã xã", "Mã PX"),
    "hamlet": ("Tên ấp", "Ấp, khu phố"),
    "households": ("Số hộ",),
}
REQUIRED = {"commune_code", "hamlet"}


def xlsx(rows) -> bytes:
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    for row in rows:
        sheet.append(row)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def cp1258(text: str) -> bytes:
    """Windows-1258 keeps the tone as a separate combining mark after the (composed) vowel."""
    out = []
    for ch in text:
        parts = unicodedata.normalize("NFD", ch)
        tones = "".join(c for c in parts if c in "\u0300\u0301\u0303\u0309\u0323")
        base = unicodedata.normalize("NFC", "".join(c for c in parts if c not in tones))
        out.append(base + tones)
    return "".join(out).encode("cp1258")


def messages(excinfo) -> str:
    return " | ".join(str(e) for e in excinfo.value.errors)


# --- Reading ----------------------------------------------------------------------------------

def test_xlsx_rows_are_keyed_by_column_whatever_the_header_spelling():
    data = xlsx([["MA XA", "tên  ẤP", "Số hộ", "Ghi chú"], ["28435", "  Ấp   Tân Thuận ", 312.0, "x"],
                 [None, None, None, None], ["28436", "Ấp 1", None, None]])
    table = read_table(data, columns=COLUMNS, required=REQUIRED)
    assert [r.number for r in table] == [2, 4]
    assert table[0].values == {"commune_code": "28435", "hamlet": "Ấp Tân Thuận", "households": 312}
    assert table[1].values["households"] is None
    assert table.headers["hamlet"] == "tên ẤP"
    assert table.legacy_encoding is None and table.warnings == []


def test_header_row_may_follow_title_rows_and_dates_come_back_as_dates():
    data = xlsx([["DANH SÁCH ẤP"], [], ["Mã PX", "Ấp, khu phố", "Ngày"], [28435, "Ấp 2", dt.datetime(2024, 9, 15)]])
    table = read_table(data, columns={**COLUMNS, "day": ("Ngày",)}, required=REQUIRED)
    assert table[0].number == 4
    assert table[0].values["commune_code"] == 28435
    assert table[0].values["day"] == dt.date(2024, 9, 15)


def test_nfd_text_is_stored_nfc():
    nfd = unicodedata.normalize("NFD", "Ấp Tân Thuận")
    data = ("Mã xã,Tên ấp\n28435," + nfd + "\n").encode()
    table = read_table(data, columns=COLUMNS, required=REQUIRED)
    assert table[0].values["hamlet"] == "Ấp Tân Thuận"
    assert unicodedata.is_normalized("NFC", table[0].values["hamlet"])


@pytest.mark.parametrize("bom", [b"", b"\xef\xbb\xbf"])
def test_csv_utf8_with_or_without_bom_and_semicolons(bom):
    data = bom + "Mã xã;Tên ấp;Số hộ\r\n28435;Ấp Mỹ Lợi;120\r\n".encode()
    table = read_table(io.BytesIO(data), columns=COLUMNS, required=REQUIRED)
    assert table[0].values == {"commune_code": "28435", "hamlet": "Ấp Mỹ Lợi", "households": "120"}
    assert table[0].number == 2


def test_csv_utf16_is_read():
    data = "Mã xã\tTên ấp\n28435\tẤp Bình Hòa\n".encode("utf-16")
    table = read_table(data, columns=COLUMNS, required=REQUIRED)
    assert table[0].values["hamlet"] == "Ấp Bình Hòa"


def test_csv_in_windows_1258_is_converted_with_a_warning():
    data = cp1258("Mã xã,Tên ấp\n28435,Ấp Tân Thuận\n")
    table = read_table(data, columns=COLUMNS, required=REQUIRED)
    assert table[0].values["hamlet"] == "Ấp Tân Thuận"
    assert "1258" in table.warnings[0]


def test_csv_in_an_unknown_encoding_is_refused_with_a_message():
    data = b"Ma xa,Ten ap\n1," + "Привет мир".encode("koi8-r") + b"\n"
    with pytest.raises(SpreadsheetError) as excinfo:
        read_table(data, columns=COLUMNS, required=REQUIRED)
    assert "UTF-8" in messages(excinfo)


def test_missing_columns_are_named_by_their_header():
    data = "Mã xã,Số hộ\n28435,12\n".encode()
    with pytest.raises(SpreadsheetError) as excinfo:
        read_table(data, columns=COLUMNS, required=REQUIRED)
    assert "Thiếu cột" in messages(excinfo)
    assert "“Tên ấp”" in messages(excinfo)
    assert "Mã xã”" not in messages(excinfo)


def test_a_column_given_twice_is_refused():
    data = "Mã xã,Tên ấp,Ấp khu phố\n1,Ấp 1,Ấp 2\n".encode()
    with pytest.raises(SpreadsheetError) as excinfo:
        read_table(data, columns=COLUMNS, required=REQUIRED)
    assert excinfo.value.errors[0].row == 1
    assert "hai lần" in messages(excinfo)


def test_empty_file_and_header_only_file_are_refused():
    with pytest.raises(SpreadsheetError) as excinfo:
        read_table(b"", columns=COLUMNS, required=REQUIRED)
    assert "trống" in messages(excinfo)
    with pytest.raises(SpreadsheetError) as excinfo:
        read_table("Mã xã,Tên ấp\n".encode(), columns=COLUMNS, required=REQUIRED)
    assert "không có dòng dữ liệu" in messages(excinfo)


def test_renamed_exe_is_refused():
    upload = io.BytesIO(b"MZ\x90\x00\x03\x00\x00\x00\x04\x00\x00\x00\xff\xff" + bytes(300))
    upload.name = "danh-sach.xlsx"
    with pytest.raises(SpreadsheetError) as excinfo:
        read_table(upload, columns=COLUMNS, required=REQUIRED)
    assert ".xlsx" in messages(excinfo)
    upload.name = "danh-sach.csv"
    with pytest.raises(SpreadsheetError) as excinfo:
        read_table(upload, columns=COLUMNS, required=REQUIRED)
    assert "không phải là bảng tính" in messages(excinfo)


def test_a_zip_that_is_not_a_workbook_and_an_old_xls_are_refused():
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("readme.txt", "hello")
    with pytest.raises(SpreadsheetError):
        read_table(buffer.getvalue(), columns=COLUMNS, required=REQUIRED)
    with pytest.raises(SpreadsheetError) as excinfo:
        read_table(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(600), columns=COLUMNS, required=REQUIRED)
    assert ".xls" in messages(excinfo)


def test_zip_bomb_is_refused_before_it_is_opened():
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("xl/workbook.xml", "<workbook/>")
        archive.writestr("xl/worksheets/sheet1.xml", b"\x00" * (60 * 1024 * 1024))
    data = buffer.getvalue()
    assert len(data) < 1024 * 1024
    with pytest.raises(SpreadsheetError) as excinfo:
        read_table(data, columns=COLUMNS, required=REQUIRED, max_bytes=2 * 1024 * 1024)
    assert "bị từ chối" in messages(excinfo)


def test_too_big_and_too_many_rows_are_refused():
    data = ("Mã xã,Tên ấp\n" + "".join(f"1,Ấp {i}\n" for i in range(50))).encode()
    with pytest.raises(SpreadsheetError) as excinfo:
        read_table(data, columns=COLUMNS, required=REQUIRED, max_bytes=100)
    assert "MB" in messages(excinfo)
    with pytest.raises(SpreadsheetError) as excinfo:
        read_table(data, columns=COLUMNS, required=REQUIRED, max_rows=10)
    assert "10" in messages(excinfo)


def test_tcvn3_cells_are_converted_and_counted():
    data = xlsx([["M· x·", "Tªn Êp"], ["28435", "Êp T©n ThuËn"], ["28435", "Êp 1"], ["28436", "Khu phè 2"]])
    table = read_table(data, columns=COLUMNS, required=REQUIRED)
    assert [r.values["hamlet"] for r in table] == ["Ấp Tân Thuận", "Ấp 1", "Khu phố 2"]
    assert table.legacy_encoding == "tcvn3"
    assert table.converted_cells == 5
    assert "TCVN3" in table.warnings[0]


def test_vni_cells_are_converted():
    data = xlsx([["Maõ xaõ", "Teân aáp"], ["28435", "AÁp Taân Thuaän"], ["28435", "AÁp Myõ Lôïi"]])
    table = read_table(data, columns=COLUMNS, required=REQUIRED)
    assert [r.values["hamlet"] for r in table] == ["Ấp Tân Thuận", "Ấp Mỹ Lợi"]
    assert table.legacy_encoding == "vni"


def test_tcvn3_csv_saved_as_ansi_is_converted():
    data = "Ma xa,Ten ap\n28435,Êp T©n ThuËn\n".encode("cp1252")
    table = read_table(data, columns=COLUMNS, required=REQUIRED)
    assert table[0].values["hamlet"] == "Ấp Tân Thuận"


def test_a_file_mixing_both_legacy_encodings_is_refused():
    data = xlsx([["Mã xã", "Tên ấp"], ["1", "Êp T©n ThuËn"], ["2", "AÁp Taân Thuaän"], ["3", "Xaõ Myõ Lôïi"]])
    with pytest.raises(SpreadsheetError) as excinfo:
        read_table(data, columns=COLUMNS, required=REQUIRED)
    assert "TCVN3" in messages(excinfo) and "VNI" in messages(excinfo)


def test_row_error_reads_as_a_vietnamese_sentence():
    assert str(RowError(5, "Tên ấp", "không được để trống")) == "Dòng 5, cột “Tên ấp”: không được để trống"
    assert str(RowError(7, None, "x")) == "Dòng 7: x"
    assert str(RowError(None, None, "x")) == "x"


# --- Legacy encodings -------------------------------------------------------------------------

VOWELS = "aăâeêioôơuưy"
TONES = ("", "\u0301", "\u0300", "\u0309", "\u0303", "\u0323")
LETTERS = sorted({unicodedata.normalize("NFC", v + t) for v in VOWELS for t in TONES} - set("aeiouy") | {"đ"})


def test_there_are_134_accented_vietnamese_letters():
    assert len(LETTERS) == 67
    assert len(LETTERS + [c.upper() for c in LETTERS]) == 134


@pytest.mark.parametrize("letter", LETTERS + [c.upper() for c in LETTERS])
def test_every_vietnamese_letter_converts_from_vni(letter):
    codes = [k for k, v in VNI_TABLE.items() if v == letter]
    # VNI fonts type a letter in one case ("aù", "AÙ"); mixed-case codes ("Aù") are only tolerated.
    assert [code for code in codes if code in (code.lower(), code.upper())], letter
    assert all(legacy_to_unicode(code, "vni") == letter for code in codes)


@pytest.mark.parametrize("letter", LETTERS)
def test_every_lower_case_letter_converts_from_tcvn3(letter):
    codes = [k for k, v in TCVN3_TABLE.items() if v == letter]
    assert codes, letter
    # In a sentence, after a lower-case word, the letter stays lower case.
    assert legacy_to_unicode("ba " + codes[0], "tcvn3") == "ba " + letter


@pytest.mark.parametrize("letter", [c for c in LETTERS if c not in "ăâêôơưđ"])
def test_tcvn3_upper_case_toned_letters_come_from_lower_case_codes(letter):
    code = next(k for k, v in TCVN3_TABLE.items() if v == letter)
    assert legacy_to_unicode(code + "n T©n", "tcvn3") == letter.upper() + "n Tân"


def test_tcvn3_has_upper_case_for_the_untoned_letters():
    assert legacy_to_unicode("¡ ¢ £ ¤ ¥ ¦ §", "tcvn3") == "Ă Â Ê Ô Ơ Ư Đ"


@pytest.mark.parametrize(("text", "encoding", "expected"), [
    ("Êp T©n ThuËn", "tcvn3", "Ấp Tân Thuận"),
    ("Céng hoµ x· héi chñ nghÜa ViÖt Nam", "tcvn3", "Cộng hoà xã hội chủ nghĩa Việt Nam"),
    ("Uû ban nh©n d©n x· T©n Mü Ch¸nh", "tcvn3", "Uỷ ban nhân dân xã Tân Mỹ Chánh"),
    ("AÁp Taân Thuaän", "vni", "Ấp Tân Thuận"),
    ("COÄNG HOØA XAÕ HOÄI CHUÛ NGHÓA VIEÄT NAM", "vni", "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"),
    ("ñöôïc nhöõng Chæ thò Myõ", "vni", "được những Chỉ thị Mỹ"),
])
def test_legacy_text_is_detected_and_converted(text, encoding, expected):
    assert detect_legacy(text) == encoding
    assert legacy_to_unicode(text, encoding) == expected


@pytest.mark.parametrize("text", ["Ấp Tân Thuận", "Tân Hòa", "Nam Dinh", "Xuân Quân", "hoá",
                                  unicodedata.normalize("NFD", "Mỹ Tho"), ""])
def test_unicode_and_plain_text_are_not_legacy(text):
    assert detect_legacy(text) is None


# --- Dates ------------------------------------------------------------------------------------

@pytest.mark.parametrize("value", ["15/09/2024", "15/9/2024", "15-09-2024", "15.9.2024", "2024-09-15",
                                   dt.date(2024, 9, 15), dt.datetime(2024, 9, 15, 8, 30), 45550])
def test_parse_date_accepts_the_usual_forms(value):
    assert parse_date(value) == dt.date(2024, 9, 15)


@pytest.mark.parametrize("value", ["31/02/2024", "ngày mai", "2024/15/09", None])
def test_parse_date_refuses_with_a_vietnamese_message(value):
    with pytest.raises(ValueError, match="ngày"):
        parse_date(value)


# --- Writing ----------------------------------------------------------------------------------

def test_write_xlsx_bold_sticky_header_widths_dates_and_neutralised_formulas():
    data = write_xlsx([("Danh sách ấp", ["Tên ấp", "Ngày", "Ghi chú"],
                        [["Ấp Tân Thuận", dt.date(2024, 9, 15), "=HYPERLINK(\"http://x\")"],
                         ["Ấp 1", None, "+1"], ["Ấp 2", None, "@cmd"], ["Ấp 3", None, "-2"]])])
    workbook = openpyxl.load_workbook(io.BytesIO(data))
    sheet = workbook["Danh sách ấp"]
    assert sheet["A1"].font.bold and sheet.freeze_panes == "A2"
    # Formula-like text is a text cell with Excel's quote prefix: shown and read back as stored, never run.
    cells = [sheet[f"C{r}"] for r in (2, 3, 4, 5)]
    assert [c.value for c in cells] == ["=HYPERLINK(\"http://x\")", "+1", "@cmd", "-2"]
    assert all(c.data_type == "s" and c.quotePrefix for c in cells)
    assert sheet["A2"].data_type == "s" and not sheet["A2"].quotePrefix  # ordinary text keeps its plain style
    assert sheet["B2"].number_format == "DD/MM/YYYY"
    assert sheet.column_dimensions["A"].width >= len("Ấp Tân Thuận")
    assert neutralise("\tx") == "'\tx" and neutralise(5) == 5


def test_write_xlsx_adds_drop_downs_inline_and_from_a_hidden_sheet():
    many = [f"Xã {i}" for i in range(80)]
    data = write_xlsx([("Mẫu", ["Loại", "Xã"], [], {0: ["ấp", "khu phố"], 1: many})])
    workbook = openpyxl.load_workbook(io.BytesIO(data))
    sheet = workbook["Mẫu"]
    formulas = sorted(v.formula1 for v in sheet.data_validations.dataValidation)
    assert '"ấp,khu phố"' in formulas
    assert any("_lists" in f for f in formulas)
    assert workbook["_lists"].sheet_state == "hidden"
    assert workbook["_lists"]["A80"].value == "Xã 79"


def test_what_write_xlsx_writes_read_table_reads_back():
    data = write_xlsx([("Ấp", ["Mã xã", "Tên ấp", "Số hộ"], [["28435", "Ấp Tân Thuận", 120]])])
    table = read_table(data, columns=COLUMNS, required=REQUIRED)
    assert table[0].values == {"commune_code": "28435", "hamlet": "Ấp Tân Thuận", "households": 120}


# --- Cell by cell (issue 14): formulas, one legacy cell in a Unicode file, the writer's marks ------

def excel_saved(data: bytes, cached: dict[str, str]) -> bytes:
    """`data` as Excel saves it: formula cells carry the value last computed (openpyxl writes none)."""
    import re

    source, out = zipfile.ZipFile(io.BytesIO(data)), io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for item in source.infolist():
            content = source.read(item.filename)
            if item.filename == "xl/worksheets/sheet1.xml":
                text = content.decode()
                for ref, value in cached.items():
                    text = re.sub(rf'<c r="{ref}"([^>]*)><f>(.*?)</f><v\s*/>',
                                  rf'<c r="{ref}"\1 t="str"><f>\2</f><v>{value}</v>', text)
                content = text.encode()
            target.writestr(item, content)
    return out.getvalue()


def hyperlink_file() -> bytes:
    return excel_saved(xlsx([["Mã xã", "Tên ấp"], ["28435", '=HYPERLINK("http://x","Ấp Một")'], ["28436", "Ấp Hai"]]),
                       {"B2": "Ấp Một"})


def test_by_default_a_formula_reads_as_the_value_excel_cached():
    assert [r.values["hamlet"] for r in read_table(hyperlink_file(), columns=COLUMNS, required=REQUIRED)] == [
        "Ấp Một", "Ấp Hai"]


def test_refused_formulas_name_their_cell_and_never_give_their_cached_value():
    with pytest.raises(SpreadsheetError) as excinfo:
        read_table(hyperlink_file(), columns=COLUMNS, required=REQUIRED, refuse_formulas=True)
    assert [(e.row, e.column) for e in excinfo.value.errors] == [(2, "Tên ấp")]
    assert "HYPERLINK" in messages(excinfo) and "công thức" in messages(excinfo)
    table = read_table(hyperlink_file(), columns=COLUMNS, required=REQUIRED, refuse_formulas=True,
                       report_cells=True)
    assert table[0].values["hamlet"] is None and set(table[0].problems) == {"hamlet"}
    assert table[1].values["hamlet"] == "Ấp Hai" and not table[1].problems


def test_a_row_holding_only_a_formula_is_not_skipped_as_empty():
    data = xlsx([["Mã xã", "Tên ấp"], ["28435", "Ấp Một"], ["=A2", None]])
    table = read_table(data, columns=COLUMNS, required=REQUIRED, refuse_formulas=True, report_cells=True)
    assert [(r.number, set(r.problems)) for r in table] == [(2, set()), (3, {"commune_code"})]


def tcvn3(text: str) -> str:
    codes = {}
    for code, letter in TCVN3_TABLE.items():
        codes.setdefault(letter, code)
    return "".join(codes.get(ch, codes.get(ch.lower(), ch)) for ch in text)


def test_one_tcvn3_cell_in_a_unicode_file_is_converted_with_a_warning_naming_it():
    data = xlsx([["Mã xã", "Tên ấp", "Ghi chú"], ["28435", "Ấp Tân Thuận", "Xã Laêê"],
                 ["28435", tcvn3("Ấp Mỹ Lợi"), "Khu phố Bình Đức"], ["28436", "Ấp Hòa", "Ấp Đông"]])
    table = read_table(data, columns={**COLUMNS, "notes": ("Ghi chú",)}, required=REQUIRED)
    assert [r.values["hamlet"] for r in table] == ["Ấp Tân Thuận", "Ấp Mỹ Lợi", "Ấp Hòa"]
    assert table[0].values["notes"] == "Xã Laêê"  # a real commune name, not VNI
    assert table.legacy_encoding is None and table.converted_cells == 1
    assert table.warnings == ["Dòng 3, cột “Tên ấp”: đã chuyển từ phông cũ TCVN3 (ABC) sang Unicode; đồng chí "
                              "kiểm tra lại."]


def test_one_vni_cell_in_a_unicode_file_is_converted():
    vni = {letter: code for code, letter in VNI_TABLE.items() if code in (code.lower(), code.upper())}
    data = xlsx([["Mã xã", "Tên ấp"], ["28435", "Ấp Tân Thuận"], ["28435", "".join(vni.get(c, c) for c in "Ấp Mỹ Lợi")],
                 ["28436", "Ấp Hòa Đông"]])
    table = read_table(data, columns=COLUMNS, required=REQUIRED)
    assert table[1].values["hamlet"] == "Ấp Mỹ Lợi" and "VNI" in table.warnings[0]


def test_a_cell_no_one_legacy_font_explains_is_a_problem_of_that_cell():
    data = xlsx([["Mã xã", "Tên ấp"], ["28435", "Ấp Tân Thuận"], ["28435", "Lª AÁp"], ["28436", "Ấp Hòa Đông"]])
    with pytest.raises(SpreadsheetError) as excinfo:
        read_table(data, columns=COLUMNS, required=REQUIRED)
    assert [(e.row, e.column) for e in excinfo.value.errors] == [(3, "Tên ấp")]
    table = read_table(data, columns=COLUMNS, required=REQUIRED, report_cells=True)
    assert set(table[1].problems) == {"hamlet"}


@pytest.mark.parametrize(("legacy", "named"), [(20, 20), (21, 20)])
def test_converted_cells_are_named_up_to_twenty_then_counted(legacy, named):
    rows = [["Mã xã", "Tên ấp", "Số hộ"]] + [[f"Xã Đông {i}", tcvn3(f"Ấp Mỹ {i}"), i] for i in range(legacy)]
    table = read_table(xlsx(rows), columns={**COLUMNS, "commune_code": ("Mã xã",)}, required=REQUIRED)
    assert table.converted_cells == legacy
    assert len([w for w in table.warnings if w.startswith("Dòng")]) == named
    assert len(table.warnings) == named + (legacy > named)


def test_what_write_xlsx_writes_as_text_reads_back_exactly_and_old_apostrophes_come_off():
    values = ["=2 nhiệm kỳ", "- Đã qua lớp", "+84", "@ Chi hội", "'nháy đơn", "Ấp 1"]
    data = write_xlsx([("Ấp", ["Mã xã", "Tên ấp"], [["28435", v] for v in values])])
    assert [r.values["hamlet"] for r in read_table(data, columns=COLUMNS, required=REQUIRED)] == values
    old = write_xlsx([("Ấp", ["Mã xã", "Tên ấp"], [["28435", neutralise(v)] for v in values])])
    assert [r.values["hamlet"] for r in read_table(old, columns=COLUMNS, required=REQUIRED)] == values


def test_multiline_columns_keep_their_line_breaks():
    data = xlsx([["Mã xã", "Tên ấp"], ["28435", "Ấp  Một\n- dòng hai"]])
    assert read_table(data, columns=COLUMNS, required=REQUIRED)[0].values["hamlet"] == "Ấp Một - dòng hai"
    kept = read_table(data, columns=COLUMNS, required=REQUIRED, multiline=["hamlet"])
    assert kept[0].values["hamlet"] == "Ấp Một\n- dòng hai"
