"""What can be wrong with a spreadsheet: a problem names its row and the column's header as the user
wrote it; `SpreadsheetError` carries every problem found, so the user sees them all at once."""

from dataclasses import dataclass

from django.utils.translation import gettext as _


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


def _file_error(message: str) -> SpreadsheetError:
    return SpreadsheetError([RowError(None, None, message)])
