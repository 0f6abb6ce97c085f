"""Legacy Vietnamese encodings (TCVN3/ABC and VNI-Windows) that reach us as Latin-1/cp1252 text.

Before Unicode, Vietnamese was typed with 8-bit fonts (.VnTime for TCVN3, VNI-Times for VNI); a
spreadsheet made that way still holds those bytes, read back as Western characters:
"Êp T©n ThuËn" (TCVN3) or "AÁp Taân Thuaän" (VNI) for "Ấp Tân Thuận".

TCVN3 has no upper-case toned letters: the upper-case fonts (.VnTimeH) draw the lower-case codes
as capitals, so "Êp" is stored with the code of "ấ". `legacy_to_unicode` capitalises such a
letter when it starts a word of a name-like cell (first word, or a neighbouring word capitalised).
"""

import contextlib
import re
import unicodedata

# --- Tables -------------------------------------------------------------------------------------

_VOWELS = "aăâeêioôơuưy"
_TONES = ("", "\u0301", "\u0300", "\u0309", "\u0303", "\u0323")  # none, sắc, huyền, hỏi, ngã, nặng


def _toned(vowel: str, tone: int) -> str:
    return unicodedata.normalize("NFC", vowel + _TONES[tone])


# TCVN3 byte for each lower-case vowel with tones in order: none, sắc, huyền, hỏi, ngã, nặng.
_TCVN3_VOWELS = {
    "a": (0x61, 0xB8, 0xB5, 0xB6, 0xB7, 0xB9),
    "ă": (0xA8, 0xBE, 0xBB, 0xBC, 0xBD, 0xC6),
    "â": (0xA9, 0xCA, 0xC7, 0xC8, 0xC9, 0xCB),
    "e": (0x65, 0xD0, 0xCC, 0xCE, 0xCF, 0xD1),
    "ê": (0xAA, 0xD5, 0xD2, 0xD3, 0xD4, 0xD6),
    "i": (0x69, 0xDD, 0xD7, 0xD8, 0xDC, 0xDE),
    "o": (0x6F, 0xE3, 0xDF, 0xE1, 0xE2, 0xE4),
    "ô": (0xAB, 0xE8, 0xE5, 0xE6, 0xE7, 0xE9),
    "ơ": (0xAC, 0xED, 0xEA, 0xEB, 0xEC, 0xEE),
    "u": (0x75, 0xF3, 0xEF, 0xF1, 0xF2, 0xF4),
    "ư": (0xAD, 0xF8, 0xF5, 0xF6, 0xF7, 0xF9),
    "y": (0x79, 0xFD, 0xFA, 0xFB, 0xFC, 0xFE),
}
_TCVN3_OTHERS = {0xAE: "đ", 0xA7: "Đ", 0xA1: "Ă", 0xA2: "Â", 0xA3: "Ê", 0xA4: "Ô", 0xA5: "Ơ", 0xA6: "Ư"}


def _byte_chars(byte: int) -> set[str]:
    """The characters a byte becomes when a legacy file is read as Latin-1, cp1252 or cp1254."""
    chars = set()
    for codec in ("latin-1", "cp1252", "cp1254"):
        with contextlib.suppress(UnicodeDecodeError):
            chars.add(bytes([byte]).decode(codec))
    return chars


def _build_tcvn3() -> tuple[dict[str, str], set[str]]:
    table: dict[str, str] = {}
    lower_only: set[str] = set()  # toned letters TCVN3 has only in lower case
    for vowel, codes in _TCVN3_VOWELS.items():
        for tone, code in enumerate(codes):
            if code < 0x80:
                continue
            letter = _toned(vowel, tone)
            for ch in _byte_chars(code):
                table[ch] = letter
            if tone:
                lower_only.add(letter)
    for code, letter in _TCVN3_OTHERS.items():
        for ch in _byte_chars(code):
            table[ch] = letter
    return table, lower_only


TCVN3_TABLE, _TCVN3_LOWER_ONLY = _build_tcvn3()

# VNI-Windows: a base letter followed by a mark character (lower-case, upper-case marks).
_VNI_TONE_MARKS = (("ù", "Ù"), ("ø", "Ø"), ("û", "Û"), ("õ", "Õ"), ("ï", "Ï"))  # sắc..nặng
_VNI_CIRCUMFLEX = ("â", "Â")
_VNI_CIRCUMFLEX_TONES = (("á", "Á"), ("à", "À"), ("å", "Å"), ("ã", "Ã"), ("ä", "Ä"))
_VNI_BREVE = ("ê", "Ê")
_VNI_BREVE_TONES = (("é", "É"), ("è", "È"), ("ú", "Ú"), ("ü", "Ü"), ("ë", "Ë"))
# Single characters for i (all tones), ỵ, ơ, ư, đ.
_VNI_I = (("í", "Í"), ("ì", "Ì"), ("æ", "Æ"), ("ó", "Ó"), ("ò", "Ò"))


def _build_vni() -> dict[str, str]:
    table: dict[str, str] = {}
    for upper in (False, True):
        case = 1 if upper else 0

        def put(code: str, letter: str, *, up=upper):
            table[code] = letter.upper() if up else letter

        for base in "aeouy":
            b = base.upper() if upper else base
            for tone, marks in enumerate(_VNI_TONE_MARKS, start=1):
                put(b + marks[case], _toned(base, tone))
                if upper:  # a capital followed by a lower-case mark ("Aù") occurs in title case
                    put(b + marks[0], _toned(base, tone))
        for base, circ in (("a", "â"), ("e", "ê"), ("o", "ô")):
            b = base.upper() if upper else base
            marks = [_VNI_CIRCUMFLEX[case]] + [m[case] for m in _VNI_CIRCUMFLEX_TONES]
            for tone, mark in enumerate(marks):
                put(b + mark, _toned(circ, tone))
                if upper:
                    lower_mark = ([_VNI_CIRCUMFLEX[0]] + [m[0] for m in _VNI_CIRCUMFLEX_TONES])[tone]
                    put(b + lower_mark, _toned(circ, tone))
        b = "A" if upper else "a"
        breve_marks = [_VNI_BREVE[case]] + [m[case] for m in _VNI_BREVE_TONES]
        lower_breve = [_VNI_BREVE[0]] + [m[0] for m in _VNI_BREVE_TONES]
        for tone, mark in enumerate(breve_marks):
            put(b + mark, _toned("ă", tone))
            if upper:
                put(b + lower_breve[tone], _toned("ă", tone))
        # ơ and ư are single characters, followed by the ordinary tone marks.
        for single, letter in ((("ô", "Ô")[case], "ơ"), (("ö", "Ö")[case], "ư")):
            put(single, letter)
            for tone, marks in enumerate(_VNI_TONE_MARKS, start=1):
                put(single + marks[case], _toned(letter, tone))
                if upper:
                    put(single + marks[0], _toned(letter, tone))
        for tone, marks in enumerate(_VNI_I, start=1):
            put(marks[case], _toned("i", tone))
        put(("î", "Î")[case], _toned("y", 5))
        put(("ñ", "Ñ")[case], "đ")
    return table


VNI_TABLE = _build_vni()

# --- Detection ----------------------------------------------------------------------------------

# Letters only Unicode Vietnamese has (never produced by a legacy font read as Latin-1).
_UNICODE_ONLY = re.compile("[ăĂđĐĩĨũŨơƠưƯ\u1ea0-\u1ef9\u0300-\u0323]")
_VN_LATIN1 = set("àáâãèéêìíòóôõùúýÀÁÂÃÈÉÊÌÍÒÓÔÕÙÚÝ")
# Symbols TCVN3 uses for letters and VNI never produces.
_TCVN3_STRONG = {chr(b) for b in range(0xA1, 0xBF) if chr(b) in TCVN3_TABLE}
# VNI pairs that cannot be Unicode Vietnamese: "aâ", "eá", "aä"… (not "oá": that is old-style "hoá").
_VNI_PAIRS = {code for code in VNI_TABLE if len(code) == 2 and not (code[0] in "oO" and code[1] in "áàãÁÀÃ")}
_AMBIGUITY_FACTOR = 3


def is_unicode_vietnamese(text: str) -> bool:
    """True when `text` has a letter only Unicode Vietnamese has (ă đ ơ ư ạ ấ …): not legacy."""
    return bool(_UNICODE_ONLY.search(text or ""))


def legacy_scores(text: str) -> tuple[int, int]:
    """(TCVN3 evidence, VNI evidence) found in `text`; (0, 0) for Unicode or plain text."""
    if not text or _UNICODE_ONLY.search(text):
        return 0, 0
    tcvn = vni = 0
    i = 0
    while i < len(text):
        pair = text[i:i + 2]
        if len(pair) == 2 and pair in _VNI_PAIRS:
            vni += 1
            i += 2
            continue
        ch = text[i]
        if ch in _TCVN3_STRONG:
            tcvn += 3
        elif ch in TCVN3_TABLE and ch not in _VN_LATIN1 and ch not in VNI_TABLE:
            tcvn += 1
        i += 1
    return tcvn, vni


def decide(tcvn: int, vni: int) -> str | None:
    """The encoding the evidence points to, None when there is none; raises ValueError when the
    evidence is mixed (neither encoding clearly dominates)."""
    if not tcvn and not vni:
        return None
    if tcvn >= _AMBIGUITY_FACTOR * vni:
        return "tcvn3"
    if vni >= _AMBIGUITY_FACTOR * tcvn:
        return "vni"
    raise ValueError("ambiguous legacy encoding")


def detect_legacy(text: str) -> str | None:
    """"tcvn3", "vni" or None (Unicode, plain ASCII, or no clear evidence)."""
    try:
        return decide(*legacy_scores(text))
    except ValueError:
        return None


def has_legacy_characters(text: str) -> bool:
    """True when `text` has characters a legacy font produces and Unicode Vietnamese does not use."""
    return any(legacy_scores(text))


_VNI_CHARS = {ch for code in VNI_TABLE for ch in code}


def legacy_explains(text: str, encoding: str) -> bool:
    """True when every non-ASCII character of `text` is one the legacy encoding produces."""
    known = TCVN3_TABLE if encoding == "tcvn3" else _VNI_CHARS
    return all(ord(ch) < 128 or ch in known for ch in text)


# The second character of a VNI pair ("aâ", "eã", "uù"…): a VNI font never leaves one alone.
_VNI_MARKS = {code[1] for code in VNI_TABLE if len(code) == 2} - {code for code in VNI_TABLE if len(code) == 1}


def _vni_stray_mark(text: str) -> bool:
    """True when reading `text` as VNI leaves a mark without its letter ("Xã Laêê"): Unicode, not VNI."""
    i = 0
    while i < len(text):
        if text[i:i + 2] in VNI_TABLE and len(text[i:i + 2]) == 2:
            i += 2
            continue
        if text[i] in _VNI_MARKS:
            return True
        i += 1
    return False


def cell_legacy_encoding(text: str) -> str | None:
    """The legacy font one cell of an otherwise Unicode file was typed in: "tcvn3", "vni", or None
    when it reads as Unicode or plain text. Raises ValueError when the cell shows legacy evidence but
    no one encoding explains it (both fonts, or characters neither produces): converting would guess.

    Stricter than the file-level test: the cell must have no Unicode-only letter, and as VNI every
    mark must follow its letter, so a real Unicode name such as "Xã Laêê" is left alone.
    """
    if not text or is_unicode_vietnamese(text):
        return None
    tcvn, vni = legacy_scores(text)
    if not (tcvn or vni):
        return None
    if vni and not tcvn and _vni_stray_mark(text):
        return None
    encoding = decide(tcvn, vni)
    if not legacy_explains(text, encoding) or (encoding == "vni" and _vni_stray_mark(text)):
        raise ValueError("legacy evidence that no one encoding explains")
    return encoding


# --- Conversion ---------------------------------------------------------------------------------

_WORD_START = re.compile(r"(?:^|(?<=[\s(\"'/-]))\w", re.UNICODE)


def legacy_to_unicode(text: str, encoding: str) -> str:
    """Convert legacy-font text (as read through Latin-1/cp1252) to NFC Unicode."""
    if encoding == "vni":
        out, i = [], 0
        while i < len(text):
            pair = text[i:i + 2]
            if len(pair) == 2 and pair in VNI_TABLE:
                out.append(VNI_TABLE[pair])
                i += 2
            else:
                out.append(VNI_TABLE.get(text[i], text[i]))
                i += 1
        return unicodedata.normalize("NFC", "".join(out))
    if encoding == "tcvn3":
        chars, lowered = [], set()
        for ch in text:
            letter = TCVN3_TABLE.get(ch, ch)
            if letter in _TCVN3_LOWER_ONLY:
                lowered.add(len(chars))
            chars.append(letter)
        converted = "".join(chars)
        return unicodedata.normalize("NFC", _capitalise_lowered(converted, lowered))
    raise ValueError(f"unknown legacy encoding {encoding!r}")


def _capitalise_lowered(text: str, lowered: set[int]) -> str:
    """Capitalise a word whose first letter came from a lower-case-only TCVN3 code when it is the
    first word, or a neighbouring word starts with a capital (names are written in title case)."""
    if not lowered:
        return text
    starts = [m.start() for m in _WORD_START.finditer(text)]
    chars = list(text)
    for n, pos in enumerate(starts):
        if pos not in lowered:
            continue
        prev_cap = n > 0 and text[starts[n - 1]].isupper()
        next_cap = n + 1 < len(starts) and text[starts[n + 1]].isupper()
        if n == 0 or prev_cap or next_cap:
            chars[pos] = chars[pos].upper()
    return "".join(chars)
