"""From a grid of raw cells to a `Table`: legacy TCVN3/VNI text detected over the whole file or cell by
cell, the header row found among the first rows whatever its spelling, and every cell cleaned."""

import datetime as dt
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from django.conf import settings
from django.utils.translation import gettext as _

from common.legacy import (
    cell_legacy_encoding,
    decide,
    has_legacy_characters,
    is_unicode_vietnamese,
    legacy_scores,
    legacy_to_unicode,
)
from common.text import nfc, nfc_text, search_key
from common.uploads import XLS, XLSX
from common.xlsx import restore

from .errors import RowError, SpreadsheetError, _file_error
from .files import HEADER_SEARCH_ROWS, _Grid, _not_a_spreadsheet, _read_csv, _read_source, _read_xlsx, _too_many_rows

MAX_CELL_WARNINGS = 20  # converted cells named one by one; the rest are counted


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
