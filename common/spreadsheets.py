"""Reading the spreadsheets people really send: .xlsx and .csv, in any header spelling,
Unicode in NFC or NFD, and the legacy TCVN3/VNI fonts still common in government files.

    table = read_table(upload, columns={"commune_code": ("Mã xã", "Mã PX")}, required={"commune_code"})
    for row in table: row.number, row.values["commune_code"]

File-level problems raise `SpreadsheetError` with every problem found; row-level checks are the
importer's job (it names `row.number` and the column's header as the user wrote it:
`table.headers[key]`).

Legacy encodings: the whole file is examined once. When it clearly holds TCVN3 or VNI text, every
text cell showing that encoding's characters (and no Unicode-only Vietnamese letter) is converted,
and `table.converted_cells` / `table.warnings` say so. When the evidence is mixed (both encodings,
neither dominating) the file is refused: converting it would garble names. In a Unicode file, each
cell is examined on its own (`common.legacy.cell_legacy_encoding`): one pasted TCVN3 or VNI name is
converted with a warning naming its row and column, and a cell no one encoding explains is a problem
of that cell.

Formulas: with `refuse_formulas`, a cell holding a formula is a problem of that cell (its cached
value, e.g. "y" for `=HYPERLINK("http://x","y")`, is never used). A literal apostrophe that
`common.xlsx.neutralise` put in front of formula-like text is taken off again.

Cell problems raise `SpreadsheetError`, or with `report_cells` stay on `row.problems` (key -> message)
for an importer that reports them beside its own row checks.
"""

import csv
import datetime as dt
import io
import re
import zipfile
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from django.conf import settings
from django.utils.translation import gettext as _

from common.legacy import (
    cell_legacy_encoding,
    decide,
    detect_legacy,
    has_legacy_characters,
    is_unicode_vietnamese,
    legacy_explains,
    legacy_scores,
    legacy_to_unicode,
)
from common.text import nfc, nfc_text, search_key
from common.uploads import XLS, XLSX
from common.xlsx import restore

__all__ = [
    "RowError", "SpreadsheetError", "Table", "TableRow", "detect_legacy", "legacy_to_unicode", "parse_date",
    "read_table",
]

HEADER_SEARCH_ROWS = 20
MAX_CELL_WARNINGS = 20  # converted cells named one by one; the rest are counted
# A real .xlsx compresses about 5-10x; a zip bomb by orders of magnitude more.
MAX_UNCOMPRESSED_FACTOR = 20
MAX_COMPRESSION_RATIO = 200


@dataclass(frozen=True)
class RowError:
    row: int | None
    column: str | None
    message: str

    def __str__(self) -> str:
        if self.row is not None and self.column:
            return _("Row %(row)s, column “%(column)s”: %(message)s") % {
                "row": self.row, "column": self.column, "message": self.message}
        if self.row is not None:
            return _("Row %(row)s: %(message)s") % {"row": self.row, "message": self.message}
        if self.column:
            return _("Column “%(column)s”: %(message)s") % {"column": self.column, "message": self.message}
        return self.message


class SpreadsheetError(Exception):
    def __init__(self, errors: list[RowError]):
        self.errors = list(errors)
        super().__init__("; ".join(str(e) for e in self.errors))


@dataclass
class TableRow:
    number: int  # the row number the user sees in Excel (the CSV line for a .csv)
    values: dict[str, object]
    problems: dict[str, str] = field(default_factory=dict)  # key -> what is wrong with that cell


class Table(list):
    """The data rows (a list of TableRow) with what was learnt reading the file."""

    def __init__(self, rows=(), *, headers=None, legacy_encoding=None, converted_cells=0, warnings=None):
        super().__init__(rows)
        self.headers: dict[str, str] = headers or {}  # key -> header text as found in the file
        self.legacy_encoding: str | None = legacy_encoding
        self.converted_cells: int = converted_cells
        self.warnings: list[str] = warnings or []


@dataclass
class _Grid:
    rows: list[tuple[int, list]]  # (row number, raw cell values)
    kind: str
    warnings: list[str] = field(default_factory=list)
    formulas: dict[tuple[int, int], str] = field(default_factory=dict)  # (row number, position) -> "=…"


def _file_error(message: str) -> SpreadsheetError:
    return SpreadsheetError([RowError(None, None, message)])


# --- Reading --------------------------------------------------------------------------------------

def _read_source(source, max_bytes: int) -> tuple[bytes, str]:
    """Bytes and file name of a path, bytes, Django upload or binary file object."""
    if isinstance(source, bytes | bytearray):
        data, name = bytes(source), ""
    elif isinstance(source, str | Path):
        path = Path(source)
        if path.stat().st_size > max_bytes:
            raise _too_big(max_bytes)
        data, name = path.read_bytes(), path.name
    else:
        name = getattr(source, "name", "") or ""
        if getattr(source, "size", None) is not None and source.size > max_bytes:
            raise _too_big(max_bytes)
        if hasattr(source, "seek"):
            source.seek(0)
        data = source.read(max_bytes + 1)
        if isinstance(data, str):
            data = data.encode("utf-8")
    if len(data) > max_bytes:
        raise _too_big(max_bytes)
    return data, str(name)


def _too_big(max_bytes: int) -> SpreadsheetError:
    return _file_error(_("The file is larger than %(size)s MB.") % {"size": round(max_bytes / 1024 / 1024, 1)})


def _not_a_spreadsheet() -> SpreadsheetError:
    return _file_error(_("This file is not a spreadsheet: upload an Excel file (.xlsx) or a CSV file (.csv)."))


def _read_xlsx(data: bytes, max_rows: int, max_bytes: int, formulas: bool = False) -> _Grid:
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
        members = archive.infolist()
    except (zipfile.BadZipFile, OSError, ValueError):
        raise _file_error(_("The Excel file is damaged or not a real .xlsx file.")) from None
    names = {m.filename for m in members}
    if XLSX.main_part not in names:
        raise _file_error(_("The Excel file is damaged or not a real .xlsx file.")) from None
    total = sum(m.file_size for m in members)
    ratio_bomb = any(m.compress_size and m.file_size / m.compress_size > MAX_COMPRESSION_RATIO
                     and m.file_size > 1024 * 1024 for m in members)
    if total > MAX_UNCOMPRESSED_FACTOR * max_bytes or ratio_bomb:
        raise _file_error(_("The Excel file unpacks to far more data than a spreadsheet holds; it was refused."))
    import openpyxl

    try:
        # Formulas asked for: read them as formulas (data_type "f"), not as the values Excel cached.
        workbook = openpyxl.load_workbook(io.BytesIO(data), read_only=True, data_only=not formulas)
    except Exception:  # openpyxl raises many kinds of error for damaged files
        raise _file_error(_("The Excel file is damaged or not a real .xlsx file.")) from None
    try:
        sheet = workbook.worksheets[0]
        sheet.reset_dimensions()  # some writers store a wrong size; read what is there
        rows, found = [], {}
        for number, cells in enumerate(sheet.iter_rows(values_only=not formulas), start=1):
            if number > max_rows + HEADER_SEARCH_ROWS + 1:
                raise _too_many_rows(max_rows)
            if not formulas:
                rows.append((number, list(cells)))
                continue
            values = []
            for position, cell in enumerate(cells):
                if getattr(cell, "data_type", None) == "f":
                    found[(number, position)] = str(cell.value or "=")
                    values.append(None)
                else:
                    values.append(getattr(cell, "value", None))
            rows.append((number, values))
    finally:
        workbook.close()
    return _Grid(rows, "xlsx", formulas=found)


def _too_many_rows(max_rows: int) -> SpreadsheetError:
    return _file_error(_("The file has more than %(n)s rows; split it into smaller files.") % {"n": max_rows})


_CP1258_VIETNAMESE = re.compile("[ăĂđĐơƠưƯ\u0300\u0301\u0303\u0309\u0323]")
_CP1258_MARK_AFTER_NON_VOWEL = re.compile("(?:^|[^aăâeêioôơuưyAĂÂEÊIOÔƠUƯY])[\u0300\u0301\u0303\u0309\u0323]")


def _plausible_cp1258(text: str) -> bool:
    """Windows-1258 text: Vietnamese letters, tone marks only after vowels, no TCVN3 symbols."""
    return ("\ufffd" not in text and bool(_CP1258_VIETNAMESE.search(text))
            and not _CP1258_MARK_AFTER_NON_VOWEL.search(text) and not any(legacy_scores(text)))


def _decode_csv(data: bytes) -> tuple[str, list[str]]:
    """Text of a CSV file and warnings: UTF-8 (with or without BOM), UTF-16 with BOM, legacy fonts
    saved as ANSI, or Windows-1258; anything else is refused with a message."""
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    elif data.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            return data.decode("utf-16"), []
        except UnicodeDecodeError:
            raise _file_error(
                _("The file looks like UTF-16 text but cannot be read; save it as “CSV UTF-8”.")) from None
    if b"\x00" in data[:4096]:
        raise _not_a_spreadsheet()
    try:
        return data.decode("utf-8"), []
    except UnicodeDecodeError:
        pass
    cp1258 = data.decode("cp1258", errors="replace")
    if _plausible_cp1258(cp1258):
        return cp1258, [_("The CSV file was in the Windows-1258 encoding and was converted to Unicode.")]
    ansi = data.decode("cp1252", errors="replace")
    try:
        encoding = decide(*legacy_scores(ansi))
    except ValueError:
        return ansi, []  # the ambiguity is reported by the legacy pass
    if encoding and legacy_explains(ansi, encoding):
        return ansi, []  # converted cell by cell like an .xlsx in a legacy font
    raise _file_error(_("The CSV file is not in UTF-8 and its encoding could not be recognised; "
                        "in Excel choose “Save as” → “CSV UTF-8 (comma delimited)”."))


def _read_csv(data: bytes, max_rows: int) -> _Grid:
    text, warnings = _decode_csv(data)
    first_line = text.split("\n", 1)[0]
    delimiter = max((",", ";", "\t"), key=first_line.count) if first_line else ","
    rows = []
    try:
        reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
        for values in reader:
            if reader.line_num > max_rows + HEADER_SEARCH_ROWS + 1:
                raise _too_many_rows(max_rows)
            rows.append((reader.line_num, list(values)))
    except csv.Error:
        raise _file_error(_("The CSV file is malformed (check the quotes).")) from None
    return _Grid(rows, "csv", warnings)


def _clean(value, *, multiline: bool = False):
    """A cell as the importers want it: NFC text (keeping line breaks when `multiline`), ints for
    whole numbers, dates, None for empty."""
    if value is None:
        return None
    if isinstance(value, str):
        value = (nfc_text if multiline else nfc)(restore(value))
        return value or None
    if isinstance(value, bool):
        return value
    if isinstance(value, float) and value.is_integer():
        return int(value)
    if isinstance(value, dt.datetime):
        return value.date() if value.time() == dt.time(0) else value
    return value


def _header_key(text) -> str:
    key = search_key(str(text)) if text is not None else ""
    return " ".join(re.sub(r"[^a-z0-9]+", " ", key).split())


def _convert_legacy(grid: _Grid) -> tuple[str | None, int]:
    """Detect TCVN3/VNI over the whole file and convert the cells that show it."""
    # A Unicode file may hold a name that looks legacy ("Xã Laêê"): legacy evidence counts only
    # when cells showing it outnumber the cells written in Unicode Vietnamese.
    tcvn = vni = evidence_cells = unicode_cells = 0
    for _n, values in grid.rows:
        for value in values:
            if not isinstance(value, str):
                continue
            if is_unicode_vietnamese(value):
                unicode_cells += 1
                continue
            t, v = legacy_scores(value)
            if t or v:
                tcvn, vni, evidence_cells = tcvn + t, vni + v, evidence_cells + 1
    if evidence_cells <= unicode_cells:
        return None, 0
    try:
        encoding = decide(tcvn, vni)
    except ValueError:
        raise _file_error(_("The file mixes text in the old TCVN3 (ABC) and VNI fonts, so it cannot be "
                            "converted safely. Convert it to Unicode first (for example with Unikey's "
                            "converter) and upload it again.")) from None
    if encoding is None:
        return None, 0
    converted = 0
    for _n, values in grid.rows:
        for i, value in enumerate(values):
            if isinstance(value, str) and _needs_conversion(value):
                values[i] = legacy_to_unicode(value, encoding)
                converted += 1
    return encoding, converted


def _needs_conversion(value: str) -> bool:
    """In a legacy file, a cell with legacy characters, or with Latin-1 letters only ("Êp 1"), is
    legacy too; a cell with a Unicode-only Vietnamese letter is left alone."""
    if has_legacy_characters(value):
        return True
    return any(128 <= ord(ch) < 256 for ch in value) and not any(ord(ch) > 255 for ch in value)


def read_table(source, *, columns: dict[str, tuple[str, ...]], required: Iterable[str],
               max_rows: int = 20000, max_bytes: int | None = None, refuse_formulas: bool = False,
               report_cells: bool = False, multiline: Iterable[str] = ()) -> Table:
    """The data rows of the first sheet of an .xlsx or of a .csv, keyed by canonical column.

    `columns` maps a key to the header spellings accepted for it (compared without accents, case,
    spacing or punctuation). The header row is the row, among the first 20, that names most columns.
    `refuse_formulas`: a formula cell is a problem, not its cached value. Cell problems (formulas,
    legacy text no one encoding explains) raise SpreadsheetError, or stay on `row.problems` with
    `report_cells`. Text in the `multiline` columns (notes) keeps its line breaks.
    """
    max_bytes = settings.UPLOAD_MAX_BYTES if max_bytes is None else max_bytes
    required, multiline = set(required), set(multiline)
    data, name = _read_source(source, max_bytes)
    if not data.strip():
        raise _file_error(_("The file is empty."))
    suffix = Path(name).suffix.lower()
    if XLSX.starts(data):
        grid = _read_xlsx(data, max_rows, max_bytes, formulas=refuse_formulas)
    elif XLS.starts(data):
        raise _file_error(_("Old Excel files (.xls) are not accepted: open it in Excel and save it as .xlsx."))
    elif suffix in {".xlsx", ".xlsm"}:
        raise _file_error(_("The Excel file is damaged or not a real .xlsx file."))
    elif suffix not in {"", ".csv", ".txt"}:
        raise _not_a_spreadsheet()
    else:
        grid = _read_csv(data, max_rows)

    encoding, converted = _convert_legacy(grid)
    lookup = {_header_key(spelling): key for key, spellings in columns.items() for spelling in (key, *spellings)}

    best_index, best = None, {}
    for index, (_number, values) in enumerate(grid.rows[:HEADER_SEARCH_ROWS]):
        found = {}
        for position, value in enumerate(values):
            key = lookup.get(_header_key(value))
            if key is not None and key not in found:
                found[key] = (position, nfc(str(value)))
        if len(found) > len(best):
            best_index, best = index, found
    missing = [key for key in columns if key in required and key not in best]
    if missing:
        names = ", ".join(f"“{columns[key][0] if columns[key] else key}”" for key in missing)
        raise _file_error(_("Missing columns: %(names)s. The first row must hold the column headers.")
                          % {"names": names})
    if best_index is None:
        raise _file_error(_("No column headers were found in the first rows of the file."))

    header_values = grid.rows[best_index][1]
    duplicates = []
    for key, (position, header) in best.items():
        for other, value in enumerate(header_values):
            if other != position and lookup.get(_header_key(value)) == key:
                duplicates.append(RowError(grid.rows[best_index][0], nfc(str(value)),
                                           _("This column appears twice (also as “%(header)s”).") % {"header": header}))
    if duplicates:
        raise SpreadsheetError(duplicates)

    rows, cell_warnings, cell_converted = [], [], 0
    for number, values in grid.rows[best_index + 1:]:
        raw, problems = {}, {}
        for key, (position, header) in best.items():
            value = values[position] if position < len(values) else None
            if (number, position) in grid.formulas:
                problems[key] = _("The cell holds a formula (%(formula)s): type the value itself.") % {
                    "formula": _shorten(grid.formulas[(number, position)])}
            elif encoding is None and isinstance(value, str):
                try:
                    cell_encoding = cell_legacy_encoding(value)
                except ValueError:
                    problems[key] = _("The text mixes the old TCVN3 and VNI fonts or characters neither "
                                      "produces; retype it in Unicode.")
                else:
                    if cell_encoding:
                        value = legacy_to_unicode(value, cell_encoding)
                        cell_converted += 1
                        cell_warnings.append(str(RowError(number, header, _(
                            "converted from the old %(encoding)s font to Unicode; check it.")
                            % {"encoding": _ENCODING_LABELS[cell_encoding]})))
            raw[key] = value
        cleaned = {key: _clean(value, multiline=key in multiline) for key, value in raw.items()}
        if all(v is None for v in cleaned.values()) and not problems:
            continue
        for key in columns:
            cleaned.setdefault(key, None)
        rows.append(TableRow(number, cleaned, problems))
        if len(rows) > max_rows:
            raise _too_many_rows(max_rows)
    if not rows:
        raise _file_error(_("The file has column headers but no data rows."))
    headers = {key: header for key, (_p, header) in best.items()}
    if not report_cells:
        cell_errors = [RowError(row.number, headers[key], message)
                       for row in rows for key, message in row.problems.items()]
        if cell_errors:
            raise SpreadsheetError(cell_errors)

    warnings = list(grid.warnings)
    if encoding:
        warnings.append(_("%(n)s cells written in the old %(encoding)s font were converted to Unicode; "
                          "check the names.") % {"n": converted, "encoding": _ENCODING_LABELS[encoding]})
    warnings.extend(cell_warnings[:MAX_CELL_WARNINGS])
    if len(cell_warnings) > MAX_CELL_WARNINGS:
        warnings.append(_("%(n)s more cells were converted from the old fonts to Unicode; check them.")
                        % {"n": len(cell_warnings) - MAX_CELL_WARNINGS})
    return Table(rows, headers=headers, legacy_encoding=encoding, converted_cells=converted + cell_converted,
                 warnings=warnings)


_ENCODING_LABELS = {"tcvn3": "TCVN3 (ABC)", "vni": "VNI"}


def _shorten(text: str, limit: int = 40) -> str:
    return text if len(text) <= limit else text[:limit - 1] + "…"


# --- Dates ----------------------------------------------------------------------------------------

_DMY = re.compile(r"^(\d{1,2})[/.\-](\d{1,2})[/.\-](\d{4})$")
_ISO = re.compile(r"^(\d{4})-(\d{1,2})-(\d{1,2})(?:[T ].*)?$")
_EXCEL_EPOCH = dt.date(1899, 12, 30)


def parse_date(value) -> dt.date:
    """A date from a cell: dd/mm/yyyy, d/m/yyyy (also with - or .), ISO yyyy-mm-dd, an Excel date
    or datetime, or an Excel serial number. Raises ValueError with a Vietnamese message."""
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    if isinstance(value, int | float) and not isinstance(value, bool) and 20000 <= value <= 80000:
        return _EXCEL_EPOCH + dt.timedelta(days=int(value))
    text = nfc(str(value)) if value is not None else ""
    match = _DMY.match(text)
    try:
        if match:
            day, month, year = (int(x) for x in match.groups())
            return dt.date(year, month, day)
        match = _ISO.match(text)
        if match:
            year, month, day = (int(x) for x in match.groups())
            return dt.date(year, month, day)
    except ValueError:
        raise ValueError(_("“%(value)s” is not a valid date.") % {"value": text}) from None
    raise ValueError(_("“%(value)s” is not a date; write it as dd/mm/yyyy, e.g. 15/09/2024.") % {"value": text})
