"""The catalogues speak with one voice: the terms of docs/glossary.md, and none of the variants it
forbids (issue 14, point 21). The glossary is the data: add a term or a forbidden variant there."""

import re
from pathlib import Path

import polib

from tools.untranslated import vietnamese_catalogues

ROOT = Path(__file__).resolve().parent.parent
GLOSSARY = ROOT / "docs" / "glossary.md"
TICKED = re.compile(r"`([^`]+)`")


def table(section: str) -> list[list[str]]:
    """The body rows of the table under "## {section}" in the glossary, as lists of cells."""
    text = GLOSSARY.read_text(encoding="utf-8")
    body = text.split(f"\n## {section}\n", 1)[1].split("\n## ", 1)[0]
    rows = [line for line in body.splitlines() if line.startswith("|")]
    return [[cell.strip() for cell in row.strip().strip("|").split("|")] for row in rows[2:]]


def phrase(pattern: str, *, ignore_case: bool = False) -> re.Pattern:
    """A glossary phrase as a pattern: whole words, or a regular expression when written `re:…`."""
    regex = pattern[3:] if pattern.startswith("re:") else rf"(?<!\w){re.escape(pattern)}(?!\w)"
    return re.compile(regex, re.IGNORECASE if ignore_case else 0)


def translations() -> list[tuple[str, str | None, str, str]]:
    """(catalogue, msgctxt, msgid, Vietnamese text) of every translated entry, each plural form apart."""
    found = []
    for path in vietnamese_catalogues():
        for entry in polib.pofile(str(path)).translated_entries():
            texts = entry.msgstr_plural.values() if entry.msgid_plural else [entry.msgstr]
            found += [(str(path.relative_to(ROOT)), entry.msgctxt, entry.msgid, text) for text in texts]
    return found


TERMS = table("Terms")
HEADINGS = table("Level headings")
ADDRESSING = next(row for row in TERMS if row[0].startswith("addressing the user"))
FORBIDDEN = [(variant, row[1]) for row in TERMS for variant in TICKED.findall(row[3])]
CONCEPTS = [(TICKED.findall(row[0]), TICKED.findall(row[1]) + TICKED.findall(row[2]))
            for row in TERMS if TICKED.findall(row[0])]


def test_the_glossary_is_read_as_written():
    assert TICKED.findall(ADDRESSING[1]) == ["đồng chí"]
    assert {"bạn", "anh/chị", "ông/bà", "quý vị"} <= set(TICKED.findall(ADDRESSING[3]))
    assert len(FORBIDDEN) > 60 and len(CONCEPTS) > 20
    assert all(len(row) == 5 for row in TERMS) and all(len(row) == 4 for row in HEADINGS)
    assert ("ngoại lệ", "`Trường hợp không bố trí được Bí thư chi bộ kiêm Trưởng ấp, Trưởng khu phố`") in FORBIDDEN


def test_dong_chi_is_the_only_second_person_address():
    pronouns = [phrase(p) for p in TICKED.findall(ADDRESSING[3])]
    others = [(catalogue, msgid, text) for catalogue, _, msgid, text in translations()
              if any(p.search(text) for p in pronouns)]
    assert others == []
    assert sum("đồng chí" in text for *_, text in translations()) >= 10


def test_no_translation_uses_a_forbidden_variant():
    patterns = [(variant, phrase(variant), term) for variant, term in FORBIDDEN]
    found = [(catalogue, msgid, text, f"{variant} (say {term})")
             for catalogue, _, msgid, text in translations()
             for variant, pattern, term in patterns if pattern.search(text)]
    assert found == []


def test_every_concept_is_said_with_its_term():
    wrong = []
    for english, vietnamese in CONCEPTS:
        concept = [phrase(e, ignore_case=True) for e in english]
        said = [phrase(v, ignore_case=True) for v in vietnamese]
        wrong += [(catalogue, msgid, text, f"say one of {vietnamese}")
                  for catalogue, _, msgid, text in translations()
                  if any(c.search(msgid) for c in concept) and not any(s.search(text) for s in said)]
    assert wrong == []


def test_a_head_is_named_for_both_kinds_of_hamlet():
    one_kind = [(catalogue, msgid, text) for catalogue, _, msgid, text in translations()
                if ("Trưởng ấp" in text) != ("Trưởng khu phố" in text)]
    assert one_kind == []


def test_level_headings_name_every_kind_of_their_level():
    entries = {(ctx, msgid): [] for _, ctx, msgid, _ in translations()}
    for catalogue, ctx, msgid, text in translations():
        entries[ctx, msgid].append((catalogue, text))
    for level, msgids, context, heading in HEADINGS:
        (context,) = TICKED.findall(context) or [None]
        (heading,) = TICKED.findall(heading)
        for msgid in TICKED.findall(msgids):
            assert entries.get((context, msgid)), f"{msgid!r} ({level}) is in no catalogue"
            assert {text for _, text in entries[context, msgid]} == {heading}, (level, msgid, entries[context, msgid])


def test_a_msgid_has_one_translation_in_every_catalogue():
    """Django merges the catalogues into one, the first app of LOCALE_PATHS winning, so a msgid that two
    apps translate differently shows one app's words in both: a second concept needs a context."""
    seen: dict[tuple, set] = {}
    for catalogue, ctx, msgid, text in translations():
        seen.setdefault((ctx, msgid), set()).add((text, catalogue))
    assert {key: found for key, found in seen.items() if len({text for text, _ in found}) > 1} == {}
