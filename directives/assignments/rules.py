"""Pure rules of task reports: when a task is late, how a figure is written."""

import datetime
import re
from decimal import Decimal, InvalidOperation


def task_late(due: datetime.date | None, reported: bool, today: datetime.date) -> bool:
    """A task not yet reported is late from the day after its due date (due today is not late)."""
    return due is not None and not reported and due < today


def figure(value) -> str:
    """A reported figure the Vietnamese way: 1240 -> "1.240", 1234.5 -> "1.234,5"; "–" for none."""
    if value is None or value == "":
        return "–"
    number = Decimal(value)
    if number == number.to_integral_value():
        return f"{int(number):,}".replace(",", ".")
    whole, _dot, fraction = f"{number:,.2f}".partition(".")
    return whole.replace(",", ".") + "," + fraction.rstrip("0")


_GROUPED = re.compile(r"^\d{1,3}(\.\d{3})+$")


def parse_number(text: str) -> Decimal | None:
    """A number as a Vietnamese office writes it: "1.240" and "1 240" are 1240, "1.240,5" and
    "12,5" have a decimal comma; "12.5" (no grouping possible) is read as 12.5. None if not a number."""
    value = re.sub(r"\s+", "", str(text))
    if "," in value:
        value = value.replace(".", "").replace(",", ".", 1)
    elif _GROUPED.match(value):
        value = value.replace(".", "")
    try:
        number = Decimal(value)
    except InvalidOperation:
        return None
    return number if number.is_finite() else None
