"""From an upload to a grid of raw cells: the size and zip-bomb guards, the .xlsx reader (formulas
kept apart when asked), and the .csv reader that recognises UTF-8, UTF-16, Windows-1258 and text saved
in the legacy fonts."""

import csv
import io
import re
import zipfile
from dataclasses import dataclass, field
from pathlib import Path

from django.utils.translation import gettext as _

from common.legacy import decide, legacy_explains, legacy_scores
from common.uploads import XLSX

from .errors import SpreadsheetError, _file_error

HEADER_SEARCH_ROWS = 20
# A real .xlsx compresses about 5-10x; a zip bomb by orders of magnitude more.
MAX_UNCOMPRESSED_FACTOR = 20
MAX_COMPRESSION_RATIO = 200


@dataclass
class _Grid:
    rows: list[tuple[int, list]]  # (row number, raw cell values)
    kind: str
    warnings: list[str] = field(default_factory=list)
    formulas: dict[tuple[int, int], str] = field(default_factory=dict)  # (row number, position) -> "=…"


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
