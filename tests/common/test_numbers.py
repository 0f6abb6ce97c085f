from decimal import Decimal

import pytest
from django.utils import translation

from common.numbers import percent, percent_display


@pytest.mark.parametrize(("part", "whole", "expected"), [
    (1, 3, Decimal("33.3")), (2, 3, Decimal("66.7")), (1, 8, Decimal("12.5")),
    (249, 2000, Decimal("12.5")),  # 12.45: half up, not to even
    (1, 400, Decimal("0.3")),  # 0.25
    (7, 40, Decimal("17.5")), (3, 4, Decimal("75.0")), (None, 4, Decimal("0.0")),
])
def test_percent_has_one_decimal_rounded_half_up(part, whole, expected):
    assert percent(part, whole) == expected


def test_percent_of_nothing_is_no_figure():
    assert percent(0, 0) is None and percent(3, None) is None


def test_the_display_filter_uses_the_language_decimal_mark():
    with translation.override("vi"):
        assert percent_display(Decimal("52.4")) == "52,4%" and percent_display(None) == "–"
    with translation.override("en"):
        assert percent_display(Decimal("52.4")) == "52.4%"


@pytest.mark.parametrize(("part", "whole", "expected"), [
    (2489, 20000, Decimal("12.4")),  # 12.445: just below the half
    (249, 2000, Decimal("12.5")),  # 12.45: the half
    (2491, 20000, Decimal("12.5")),  # 12.455: just above
])
def test_percent_rounds_below_at_and_above_the_half(part, whole, expected):
    assert percent(part, whole) == expected
