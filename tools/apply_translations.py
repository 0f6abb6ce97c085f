"""Fill Vietnamese translations from stdin, one `msgid<TAB>msgstr` per line, into every `vi`
catalogue that holds the msgid: `python -m tools.apply_translations < file.tsv`.
Then run `make compilemessages`."""

import sys

import polib

from tools.untranslated import vietnamese_catalogues


def main() -> None:
    pairs = {}
    for line in sys.stdin.read().splitlines():
        if "\t" in line:
            msgid, msgstr = line.split("\t", 1)
            pairs[msgid.replace("\\n", "\n")] = msgstr.replace("\\n", "\n")
    for path in vietnamese_catalogues():
        po = polib.pofile(str(path))
        changed = 0
        for entry in po:
            if entry.msgid in pairs and (not entry.msgstr or entry.fuzzy):
                entry.msgstr = pairs[entry.msgid]
                if entry.fuzzy:
                    entry.flags.remove("fuzzy")
                changed += 1
        if changed:
            po.save()
            print(f"{path}: {changed} translated")


if __name__ == "__main__":
    main()
