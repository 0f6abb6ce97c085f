"""Percentages, one rule everywhere: one decimal place, half up, None when there is nothing to divide
by (so 52.4% is 52.4% on every page, and "no figure" is never shown as 0%)."""

from decimal import ROUND_HALF_UP, Decimal

from django.utils.formats import number_format

ONE_PLACE = Decimal("0.1")


def percent(part: int | None, whole: int | None) -> Decimal | None:
    """`part` as a percentage of `whole`, to one decimal, half up (12.45 -> 12.5); None when `whole`
    is 0 or None; a missing `part` counts as 0."""
    if not whole:
        return None
    return (Decimal(part or 0) * 100 / Decimal(whole)).quantize(ONE_PLACE, rounding=ROUND_HALF_UP)


def percent_display(value) -> str:
    """A percentage with one decimal and the active language's decimal mark ("52,4%" in Vietnamese);
    "–" when there is no figure. The `percent` template filter (`{% load numbers %}`)."""
    if value is None or value == "":
        return "–"
    return number_format(value, decimal_pos=1) + "%"
