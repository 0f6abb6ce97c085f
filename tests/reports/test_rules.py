"""The signer block follows the report's number (HD 36-HD/VPTW): the office's own report is signed by
the chief of office, a report in the committee's name by order of its standing committee."""

import pytest

from reports.rules import signer_block


@pytest.mark.parametrize("symbol", ["VPTU", "VPThU", "vptu"])
def test_an_office_report_is_signed_by_the_chief_of_office(symbol):
    assert signer_block(symbol) == ("CHÁNH VĂN PHÒNG",)


@pytest.mark.parametrize("symbol", ["VPTU", "VPThU"])
def test_a_deputy_signs_an_office_report_for_the_chief(symbol):
    assert signer_block(symbol, deputy=True) == ("K/T CHÁNH VĂN PHÒNG", "PHÓ CHÁNH VĂN PHÒNG")


@pytest.mark.parametrize("symbol", ["TU", "ThU", "HU"])
def test_a_committee_report_is_signed_by_order_of_the_standing_committee(symbol):
    assert signer_block(symbol) == ("T/L BAN THƯỜNG VỤ", "CHÁNH VĂN PHÒNG")


def test_a_deputy_signs_a_committee_report_for_the_chief_under_the_same_order():
    assert signer_block("TU", deputy=True) == ("T/L BAN THƯỜNG VỤ", "K/T CHÁNH VĂN PHÒNG", "PHÓ CHÁNH VĂN PHÒNG")


def test_only_a_committee_report_says_by_order_of_the_standing_committee():
    assert "T/L BAN THƯỜNG VỤ" not in signer_block("VPTU") + signer_block("VPTU", deputy=True)
