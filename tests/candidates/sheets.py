"""The nominee template as a district fills it in, for the import tests: its columns and a fresh copy
of a list's template (the list and the officer of district 0 are fixtures in conftest)."""

import io

import openpyxl

from candidates import exports
from candidates.imports import COLUMNS

KEYS = list(COLUMNS)


def col(key) -> int:
    """The template's column number of a field."""
    return KEYS.index(key) + 1


def template(nominee_list):
    return openpyxl.load_workbook(io.BytesIO(exports.template_xlsx(nominee_list)))
