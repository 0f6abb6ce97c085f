"""Text normalisation for Vietnamese names: NFC storage, accent-free search keys, and what a name
or a note may hold."""

import re
import unicodedata

from django.utils.translation import gettext

_SPACES = re.compile(r"\s+")
_LINE_SPACES = re.compile(r"[^\S\n]+")


def nfc(value: str) -> str:
    """NFC form with collapsed whitespace: how every name is stored."""
    return _SPACES.sub(" ", unicodedata.normalize("NFC", value or "")).strip()


def nfc_text(value: str) -> str:
    """NFC form of free text (a note) that keeps its line breaks: CRLF and CR become LF, spaces within
    a line collapse, blank lines at either end go."""
    text = unicodedata.normalize("NFC", value or "").replace("\r\n", "\n").replace("\r", "\n")
    return "\n".join(_LINE_SPACES.sub(" ", line).strip() for line in text.split("\n")).strip("\n")


def search_key(value: str) -> str:
    """Lower-case, accent-free, single-spaced: "Ấp  Tân Thuận" -> "ap tan thuan"."""
    decomposed = unicodedata.normalize("NFD", nfc(value).lower())
    stripped = "".join(ch for ch in decomposed if unicodedata.category(ch) != "Mn")
    return stripped.replace("đ", "d").replace("Đ", "d")


# --- Plain text: what a name or a note may hold -------------------------------------------------

# A spreadsheet runs a cell starting with these as a formula (OWASP "CSV injection"); a tab or a
# carriage return in front hides the formula from the eye but not from Excel.
FORMULA_START = ("=", "+", "-", "@")
_HIDDEN_START = ("\t", "\r")
_MARKUP = re.compile(r"<(?:[/?]?[A-Za-z]|!)[^<>]*>")  # a tag or a comment, as a browser reads them
# Dynamic Data Exchange: `cmd|' /C calc'!A0`, `=DDE("cmd";"/C calc";"x")`, `DDEAUTO c:\\…`.
_DDE = re.compile(r"\w\s*\|\s*'[^']*'\s*!|\bdde(?:auto)?\b", re.IGNORECASE)
_LINE_BREAKS = frozenset("\n\r\t")


def plain_text_problem(value, *, free_text: bool = False) -> str | None:
    """Why `value` may not be stored as a person's name (or, with `free_text`, as a note); None when it may.

    Refused everywhere: control and invisible format characters (NUL, bidi overrides, BOM…), markup
    (`<b>`, `<script>`), and Dynamic Data Exchange strings (`cmd|' /C calc'!A0`). A name also may
    not start with = + - @ (after any spaces), nor with a tab or carriage return: a spreadsheet would
    run it. A hyphen inside a name is fine ("Nguyễn Thị Mai-Anh"). A note keeps its line breaks and
    may start with "- " or "=": it is prose, and every export writes it as text.
    """
    if value is None:
        return None
    text = str(value)
    allowed = _LINE_BREAKS if free_text else frozenset()
    if any(unicodedata.category(ch) in ("Cc", "Cf") and ch not in allowed for ch in text):
        return gettext("Remove the control or invisible characters (copied from another program?).")
    if not free_text and (text.startswith(_HIDDEN_START) or text.strip().startswith(FORMULA_START)):
        return gettext("It may not start with =, +, - or @: a spreadsheet would run it as a formula.")
    if _DDE.search(text):
        return gettext("It looks like a command for another program (DDE), not text.")
    if _MARKUP.search(text):
        return gettext("Remove the markup (text between < and >).")
    return None
