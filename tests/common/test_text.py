"""What a name or a note may hold (issue 14, point 14): `common.text.plain_text_problem`, at its edges."""

import pytest

from common.text import nfc_text, plain_text_problem


@pytest.mark.parametrize("name", [
    "Nguyễn Thị Mai-Anh", "Lê Văn An (Út)", "H'Hen Niê", "Trần Văn A 2", "Võ Thị Hồng 1+1", "An @ Hậu Giang",
    "Nguyễn Văn An=", "x < y", "", None,
])
def test_real_names_pass(name):
    assert plain_text_problem(name) is None


@pytest.mark.parametrize("name", [
    "=An", "+84909123456", "-An", "@An",  # each formula character, first
    " =An", "\u00a0-An",  # after spaces
    "\t=An", "\rAn",  # a tab or return in front
    "Nguyễn <b>Văn</b>", "<script>alert(1)</script>", "<!-- x -->", "An</p>",  # markup
    "An\x00", "An\x07Bình", "An\u202eBình", "\ufeffAn", "An\u200bBình",  # control and invisible characters
    "cmd|' /C calc'!A0", "Ghi DDEAUTO c:\\windows", "An msexcel |'\\..\\x'!''",  # DDE
])
def test_what_is_not_a_name_is_refused_with_a_reason(name):
    assert plain_text_problem(name)


@pytest.mark.parametrize("note", ["- Đã qua lớp bồi dưỡng\n- Khen thưởng 2023", "=2 nhiệm kỳ", "+ Huân chương",
                                  "@ Chi hội", "Dòng 1\r\nDòng 2\tcột"])
def test_a_note_is_prose(note):
    assert plain_text_problem(note, free_text=True) is None


@pytest.mark.parametrize("note", ["Ghi chú <script>x</script>", "cmd|' /C calc'!A0", "Ghi\x00chú", "\u202eGhi"])
def test_a_note_still_refuses_markup_dde_and_control_characters(note):
    assert plain_text_problem(note, free_text=True)


def test_a_note_keeps_its_line_breaks_in_nfc():
    decomposed = "Nguye\u0302\u0303n  Văn\r\n\r\n  - dòng hai \r"
    assert nfc_text(decomposed) == "Nguyễn Văn\n\n- dòng hai"
