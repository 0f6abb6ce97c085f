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

`errors` holds the problems a file can have; `files` turns the bytes of an .xlsx or .csv into a grid
of raw cells; `table` finds the header row, converts legacy fonts and builds the rows; `dates` reads a
date cell. Callers import from `common.spreadsheets`.
"""

from common.legacy import detect_legacy, legacy_to_unicode

from .dates import parse_date
from .errors import RowError, SpreadsheetError
from .table import Table, TableRow, read_table

__all__ = [
    "RowError", "SpreadsheetError", "Table", "TableRow", "detect_legacy", "legacy_to_unicode", "parse_date",
    "read_table",
]
