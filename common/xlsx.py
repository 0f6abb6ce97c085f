"""Writing spreadsheets: the .xlsx every export and template download hands out, safe to open
(no formula injection), with bold sticky headers, dd/mm/yyyy dates and drop-down lists.

Text that a spreadsheet would run (= + - @, or a tab/return in front) is written as a text cell with
Excel's "quote prefix" style: it shows and reads back exactly as stored, and stays text when the user
edits the cell. `neutralise` (a literal leading apostrophe) is for callers that want the mark in the
value itself; `common.spreadsheets` undoes that apostrophe when a file comes back.
"""

import datetime as dt
import io
import re
from collections.abc import Sequence

from django.utils.translation import gettext as _
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE

from common.uploads import XLSX

__all__ = ["neutralise", "restore", "write_xlsx", "xlsx_response"]

_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def neutralise(value):
    """A cell value safe to open in a spreadsheet: text that a spreadsheet would run as a formula
    gets a leading apostrophe."""
    if isinstance(value, str):
        value = _printable(value)
        if value.startswith(_FORMULA_START):
            return "'" + value
    return value


def restore(value):
    """A cell value as it was before `neutralise`: the apostrophe it put in front of formula-like
    text is taken off (a person typing an apostrophe in Excel never stores it: it is the quote prefix)."""
    if isinstance(value, str) and value.startswith("'") and value[1:].startswith(_FORMULA_START):
        return value[1:]
    return value


def _printable(value: str) -> str:
    # Control characters (stored from a pasted text) would make openpyxl refuse the whole file.
    return ILLEGAL_CHARACTERS_RE.sub("", value)


def _write_row(sheet, row_number: int, values) -> None:
    """One row; formula-like text goes in as a text cell with the quote prefix, never as a formula."""
    for col, value in enumerate(values, start=1):
        if isinstance(value, str):
            value = _printable(value)
        cell = sheet.cell(row=row_number, column=col, value=value)
        if isinstance(value, str) and value.startswith(_FORMULA_START):
            cell.data_type = "s"
            cell.quotePrefix = True


def write_xlsx(sheets: Sequence[tuple], *, validations: dict[int, dict[int, list[str]]] | None = None) -> bytes:
    """An .xlsx with one sheet per (title, headers, rows[, {column_index: [choices]}]).

    Headers are bold and stay in view when scrolling; columns are sized to their content; text is
    neutralised against formula injection; dates show as dd/mm/yyyy; a sheet's optional
    `{column_index: [choices]}` (also accepted as `validations={sheet_index: {...}}`) adds
    drop-down lists to those columns.
    """
    from openpyxl import Workbook
    from openpyxl.styles import Font
    from openpyxl.utils import get_column_letter
    from openpyxl.worksheet.datavalidation import DataValidation

    workbook = Workbook()
    workbook.remove(workbook.active)
    lists_sheet = None
    for index, sheet_spec in enumerate(sheets):
        title, headers, rows = sheet_spec[:3]
        choices_by_column = dict(sheet_spec[3]) if len(sheet_spec) > 3 and sheet_spec[3] else {}
        choices_by_column.update((validations or {}).get(index, {}))
        sheet = workbook.create_sheet(title=_sheet_title(title, index))
        _write_row(sheet, 1, [str(h) for h in headers])
        widths = [len(str(h)) for h in headers]
        bold = Font(bold=True)
        for cell in sheet[1]:
            cell.font = bold
        count = 0
        for row in rows:
            values = list(row)
            count += 1
            _write_row(sheet, count + 1, values)
            for col, value in enumerate(values):
                text = _display(value)
                if col >= len(widths):
                    widths.append(0)
                widths[col] = max(widths[col], len(text))
                if isinstance(value, dt.date):
                    sheet.cell(row=count + 1, column=col + 1).number_format = "DD/MM/YYYY"
        sheet.freeze_panes = "A2"
        for col, width in enumerate(widths, start=1):
            sheet.column_dimensions[get_column_letter(col)].width = min(max(width + 2, 8), 60)
        last_row = max(count + 1, 1000)
        for col, choices in choices_by_column.items():
            letter = get_column_letter(col + 1)
            inline = ",".join(str(c) for c in choices)
            if len(inline) <= 250 and not any("," in str(c) or '"' in str(c) for c in choices):
                formula = f'"{inline}"'
            else:  # long lists live in a hidden sheet
                if lists_sheet is None:
                    lists_sheet = workbook.create_sheet("_lists")
                    lists_sheet.sheet_state = "hidden"
                list_col = lists_sheet.max_column + (1 if lists_sheet.max_row > 1 or lists_sheet["A1"].value else 0)
                list_letter = get_column_letter(list_col)
                for r, choice in enumerate(choices, start=1):
                    lists_sheet.cell(row=r, column=list_col, value=neutralise(str(choice)))
                formula = f"'_lists'!${list_letter}$1:${list_letter}${len(choices)}"
            validation = DataValidation(type="list", formula1=formula, allow_blank=True)
            validation.error = _("Choose a value from the list.")
            validation.showErrorMessage = True
            sheet.add_data_validation(validation)
            validation.add(f"{letter}2:{letter}{last_row}")
    if not workbook.worksheets:
        workbook.create_sheet("Sheet1")
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def _display(value) -> str:
    if isinstance(value, dt.date):
        return value.strftime("%d/%m/%Y")
    return "" if value is None else str(value)


def _sheet_title(title: str, index: int) -> str:
    cleaned = re.sub(r"[\[\]:*?/\\]", " ", str(title)).strip()[:31]
    return cleaned or f"Sheet{index + 1}"


def xlsx_response(content: bytes, filename: str):
    """An .xlsx download: the one way every page hands a workbook to the browser."""
    from django.http import HttpResponse

    response = HttpResponse(content, content_type=XLSX.content_type)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response
