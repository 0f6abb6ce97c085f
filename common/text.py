"""Text normalisation for Vietnamese names: NFC storage and accent-free search keys."""

import re
import unicodedata

_SPACES = re.compile(r"\s+")


def nfc(value: str) -> str:
    """NFC form with collapsed whitespace: how every name is stored."""
    return _SPACES.sub(" ", unicodedata.normalize("NFC", value or "")).strip()


def search_key(value: str) -> str:
    """Lower-case, accent-free, single-spaced: "Ấp  Tân Thuận" -> "ap tan thuan"."""
    decomposed = unicodedata.normalize("NFD", nfc(value).lower())
    stripped = "".join(ch for ch in decomposed if unicodedata.category(ch) != "Mn")
    return stripped.replace("đ", "d").replace("Đ", "d")
