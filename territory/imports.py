"""Hamlets (ấp, khu phố) from a spreadsheet, per commune.

Every row is checked first; every problem is reported with its row and column; if any row is
wrong nothing is written. Hamlets are matched within their commune by their name's search key
(case, spacing, accents-as-typed and Unicode form do not matter: "Ấp 3", "ấp  3" and the NFD
form are one hamlet), so importing the same file again changes nothing.
"""

import re
from dataclasses import dataclass, field

from django.contrib.auth.base_user import AbstractBaseUser
from django.db import transaction
from django.utils.translation import gettext as _

from common.spreadsheets import RowError, SpreadsheetError, read_table
from common.text import nfc, plain_text_problem, search_key

from .models import Kind, Level, Unit
from .registry import run_units_created
from .scoping import scope_of
from .services import units_bulk_create, units_bulk_update

HAMLET_COLUMNS = {
    "commune_code": ("Mã xã", "Mã PX", "Mã phường xã", "Mã đơn vị hành chính"),
    "commune_name": ("Tên xã", "Xã, phường, thị trấn", "Xã/phường/thị trấn", "Phường Xã", "Xã", "Đơn vị cấp xã"),
    "hamlet_name": ("Tên ấp, khu phố", "Tên ấp/khu phố", "Ấp, khu phố", "Ấp/khu phố", "Tên ấp", "Ấp",
                    "Tên khu phố", "Khu phố"),
    "kind": ("Loại", "Phân loại", "Ấp hay khu phố"),
    "households": ("Số hộ", "Số hộ gia đình", "Tổng số hộ", "Hộ"),
}
TEMPLATE_HEADERS = ["Mã xã", "Tên xã", "Tên ấp, khu phố", "Loại", "Số hộ"]
KIND_CHOICES = {"ap": Kind.HAMLET, "khu pho": Kind.NEIGHBOURHOOD, "kp": Kind.NEIGHBOURHOOD,
                "khom": Kind.NEIGHBOURHOOD}
KIND_LABELS = {Kind.HAMLET: "Ấp", Kind.NEIGHBOURHOOD: "Khu phố"}
NAME_MAX = 120  # Unit.name holds 150 with the kind's label in front
_COMMUNE_PREFIXES = ("xa ", "phuong ", "thi tran ", "dac khu ")
_NUMBER = re.compile(r"^\d{1,3}(?:[.,\s]\d{3})*$|^\d+$")


@dataclass
class HamletImportSummary:
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    organisations_created: int = 0
    warnings: list = field(default_factory=list)

    @property
    def changed(self) -> bool:
        return bool(self.created or self.updated)


def _commune_keys(commune: Unit) -> set[str]:
    key = commune.search_name
    keys = {key}
    for prefix in _COMMUNE_PREFIXES:
        if key.startswith(prefix):
            keys.add(key[len(prefix):])
    return keys


_LABELS = (("khu pho", "Khu phố"), ("kp", "Khu phố"), ("ap", "Ấp"), ("khom", "Khóm"))


def _hamlet_name(raw: str, kind: str) -> str:
    """"tân thuận" -> "Ấp tân thuận", "ấp  3" -> "Ấp 3", "KP 2" -> "Khu phố 2": the kind word
    leads every hamlet's name, so the same hamlet is not created twice under two spellings."""
    name = nfc(raw)
    key = search_key(name)
    for label_key, label in _LABELS:
        if key == label_key or key.startswith(label_key + " "):
            rest = " ".join(name.split(" ")[len(label_key.split()):])
            return f"{label} {rest}".strip()
    return f"{KIND_LABELS[kind]} {name}"


def _households(value) -> int | None:
    if value is None:
        return None
    if isinstance(value, int) and not isinstance(value, bool):
        if value < 0:
            raise ValueError
        return value
    text = str(value).strip()
    if not _NUMBER.match(text):
        raise ValueError
    return int(re.sub(r"[.,\s]", "", text))


def hamlets_import(*, source, by: AbstractBaseUser | None, commune: Unit | None = None) -> HamletImportSummary:
    """Create or update hamlets from an .xlsx/.csv file (columns: commune code or commune name,
    hamlet name, kind, households).

    `by` is the acting user (None: the system, e.g. the `import_hamlets` command): rows whose
    commune lies outside the user's part of the territory are errors. With `commune`, rows
    without a commune belong to it and rows naming another commune are errors.
    Raises SpreadsheetError listing every problem; writes nothing then.
    """
    table = read_table(source, columns=HAMLET_COLUMNS, required={"hamlet_name"})
    header = {key: table.headers.get(key) or HAMLET_COLUMNS[key][0] for key in HAMLET_COLUMNS}
    if commune is None and "commune_code" not in table.headers and "commune_name" not in table.headers:
        raise SpreadsheetError([RowError(None, None, _("Missing columns: %(names)s. The first row must hold "
                                                       "the column headers.") % {"names": "“Mã xã” hoặc “Tên xã”"})])

    scope = scope_of(by) if by is not None else None
    communes = Unit.objects.filter(level=Level.COMMUNE, is_active=True)
    if scope is not None and scope.unit is not None:
        communes = communes.filter(province_id=scope.unit.province_id)
    elif commune is not None:
        communes = communes.filter(province_id=commune.province_id)
    communes = list(communes.only("id", "code", "name", "search_name", "kind", "path", "province_id",
                                  "district_id", "parent_id"))
    by_code = {c.code: c for c in communes}
    by_name: dict[str, list[Unit]] = {}
    for c in communes:
        for key in _commune_keys(c):
            by_name.setdefault(key, []).append(c)

    errors: list[RowError] = []
    parsed = []  # (row number, commune, name, kind, households, kind given)
    seen: dict[tuple[int, str], int] = {}
    for row in table:
        values, number = row.values, row.number
        target = _resolve_commune(values, number, commune, by_code, by_name, header, errors)
        name_raw = values.get("hamlet_name")
        if name_raw is None:
            errors.append(RowError(number, header["hamlet_name"], _("The hamlet name is empty.")))
        elif problem := _name_problem(str(name_raw)):
            errors.append(RowError(number, header["hamlet_name"], problem))
            name_raw = None
        kind, kind_given = None, False
        if values.get("kind") is not None:
            kind = KIND_CHOICES.get(search_key(str(values["kind"])))
            kind_given = True
            if kind is None:
                errors.append(RowError(number, header["kind"], _("“%(value)s” is not a kind of hamlet: write “ấp” or "
                                                                 "“khu phố”.") % {"value": values["kind"]}))
        try:
            households = _households(values.get("households"))
        except ValueError:
            households = None
            errors.append(RowError(number, header["households"], _("“%(value)s” is not a number of households.")
                                   % {"value": values.get("households")}))
        if target is None or name_raw is None:
            continue
        if (scope is not None and not scope.contains(target)) or (commune is not None and target.pk != commune.pk):
            errors.append(RowError(number, header["commune_code"] if "commune_code" in table.headers
                                   else header["commune_name"],
                                   _("%(commune)s is outside your area: you may import hamlets only into your "
                                     "own district or commune.") % {"commune": target.name}))
            continue
        if kind is None and not kind_given:
            prefix = search_key(str(name_raw))
            if prefix.startswith(("khu pho", "kp ", "khom")):
                kind = Kind.NEIGHBOURHOOD
            elif prefix.startswith("ap "):
                kind = Kind.HAMLET
            else:
                kind = Kind.HAMLET if target.kind in (Kind.COMMUNE, Kind.SPECIAL_ZONE) else Kind.NEIGHBOURHOOD
        if kind is None:
            continue
        name = _hamlet_name(str(name_raw), kind)
        key = (target.pk, search_key(name))
        if key in seen:
            errors.append(RowError(number, header["hamlet_name"], _("%(name)s of %(commune)s is already on row "
                                                                    "%(row)s.") % {"name": name, "commune": target.name,
                                                                                   "row": seen[key]}))
            continue
        seen[key] = number
        parsed.append((number, target, name, kind, households))
    if errors:
        raise SpreadsheetError(errors)
    return _write(parsed, by=by, warnings=list(table.warnings))


def _name_problem(raw: str) -> str | None:
    """A hamlet's name is plain text of a name's length: no markup (`Khu phố <script>` is not a
    hamlet), no formula, control characters or commands (`common.text.plain_text_problem`)."""
    if problem := plain_text_problem(raw):
        return problem
    if len(nfc(raw)) > NAME_MAX:
        return _("A hamlet name has at most %(n)s characters.") % {"n": NAME_MAX}
    return None


def _resolve_commune(values, number, commune, by_code, by_name, header, errors) -> Unit | None:
    code, name = values.get("commune_code"), values.get("commune_name")
    if code is not None:
        text = str(code).strip()
        # Excel drops the leading zeros of a code typed as a number ("00001" -> 1).
        found = by_code.get(text) or (by_code.get(text.zfill(5)) if text.isdigit() else None)
        if found is None:
            errors.append(RowError(number, header["commune_code"], _("There is no commune with code %(code)s.")
                                   % {"code": text}))
        return found
    if name is not None:
        matches = by_name.get(search_key(str(name)), [])
        if len(matches) == 1:
            return matches[0]
        if not matches:
            errors.append(RowError(number, header["commune_name"], _("There is no commune named %(name)s.")
                                   % {"name": name}))
        else:
            errors.append(RowError(number, header["commune_name"], _("Several communes are named %(name)s: give the "
                                                                     "commune code instead.") % {"name": name}))
        return None
    if commune is not None:
        return commune
    errors.append(RowError(number, header["commune_code"], _("The commune code or name is empty.")))
    return None


@transaction.atomic
def _write(parsed, *, by: AbstractBaseUser | None, warnings) -> HamletImportSummary:
    summary = HamletImportSummary(warnings=warnings)
    commune_ids = {target.pk for _n, target, *_rest in parsed}
    existing = {(h.parent_id, h.search_name): h
                for h in Unit.objects.filter(level=Level.HAMLET, parent_id__in=commune_ids)}
    to_create, to_update = [], []
    for _number, target, name, kind, households in parsed:
        hamlet = existing.get((target.pk, search_key(name)))
        if hamlet is None:
            to_create.append(Unit(level=Level.HAMLET, kind=kind, name=name, parent=target, households=households))
            continue
        new = (name, kind, households, True)
        if (hamlet.name, hamlet.kind, hamlet.households, hamlet.is_active) == new:
            summary.unchanged += 1
            continue
        hamlet.name, hamlet.kind, hamlet.households, hamlet.is_active = new
        to_update.append(hamlet)
    for _number, target, name, kind, _h in parsed:
        if (kind == Kind.HAMLET) != (target.kind in (Kind.COMMUNE, Kind.SPECIAL_ZONE)):
            summary.warnings.append(_("%(name)s: a %(kind)s in %(commune)s (usually ấp are in xã, khu phố in "
                                      "phường and thị trấn).") % {"name": name, "kind": KIND_LABELS[kind].lower(),
                                                                 "commune": target.name})
    units_bulk_create(to_create, by=by)
    units_bulk_update(to_update, ["name", "kind", "households", "is_active"], by=by)
    summary.created, summary.updated = len(to_create), len(to_update)
    if to_create:
        for province in Unit.objects.filter(pk__in={t.province_id for _n, t, *_r in parsed}):
            summary.organisations_created += run_units_created(province=province, by=by)
    return summary
