import unicodedata

import pytest
from django.core.exceptions import ValidationError

from directives.models import NUMBER_PATTERN, normalise_number, validate_number


@pytest.mark.parametrize("number", [
    "3321-CV/TU", "12-KH/TU", "36-HD/VPTW", "02-ĐA/TU", "18-NQ/TW", "64-KL/TW", "1-QĐ/HU", "339-QĐi/TW",
    "5-BC/ĐU", "7-TTr/BTV", "168-KH/VPTW", "9-CTr/TU", "4-TB/HU", "30-CT/TW",
])
def test_official_numbers_are_accepted(number):
    validate_number(number)


@pytest.mark.parametrize("number", [
    "3321", "CV/TU", "3321-CV", "3321/CV/TU", "3321-XX/TU", "3321-cv/tu", "3321-CV/", "-CV/TU", "a3321-CV/TU",
    "3321-CV/TU/2024", "3321 CV TU", "", "3321-QD/TU",
])
def test_malformed_numbers_are_refused_with_a_message(number):
    with pytest.raises(ValidationError) as error:
        validate_number(number)
    assert "3321-CV/TU" in error.value.messages[0]


def test_numbers_are_stored_nfc_without_spaces_or_the_word_so():
    typed = unicodedata.normalize("NFD", "Số 339 - QĐi/TW")
    assert typed != "Số 339 - QĐi/TW"
    assert normalise_number(typed) == "339-QĐi/TW"
    assert normalise_number(" số 02-ĐA / TU ") == "02-ĐA/TU"
    assert NUMBER_PATTERN.match(normalise_number(typed))["type"] == "QĐi"


def test_the_type_must_match_the_abbreviation(tree):
    from directives.models import Directive, DirectiveType

    directive = Directive(number="12-KH/TU", kind=DirectiveType.OFFICIAL_LETTER, issued_on="2024-07-26",
                          issuer="Tỉnh ủy", owner=tree.org("office"), summary="x", body="y")
    with pytest.raises(ValidationError) as error:
        directive.full_clean()
    assert "kind" in error.value.message_dict
