"""Reading a date cell as people write it: dd/mm/yyyy in its variants, ISO, an Excel date or serial."""

import datetime as dt
import re

from django.utils.translation import gettext as _

from common.text import nfc

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
