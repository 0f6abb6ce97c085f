"""List Vietnamese catalogue entries that are missing or fuzzy: `python -m tools.untranslated`."""

from pathlib import Path

import polib

ROOT = Path(__file__).resolve().parent.parent


def vietnamese_catalogues() -> list[Path]:
    return [p for p in sorted(ROOT.glob("**/locale/vi/LC_MESSAGES/django.po")) if ".venv" not in p.parts]


def untranslated() -> list[tuple[str, str]]:
    """(catalogue, msgid) of every entry without a usable Vietnamese translation."""
    missing = []
    for path in vietnamese_catalogues():
        po = polib.pofile(str(path))
        for entry in po.untranslated_entries() + po.fuzzy_entries():
            missing.append((str(path.relative_to(ROOT)), entry.msgid))
    return missing


if __name__ == "__main__":
    for catalogue, msgid in untranslated():
        print(f"{catalogue}: {msgid!r}")
