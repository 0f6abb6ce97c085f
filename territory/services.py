"""Writes to the territory: loading the official divisions and creating units in bulk.

Bulk writes keep the denormalised columns (`search_name`, `path`, province/district/commune)
that `Unit.save()` would maintain, and record history with simple-history's bulk helpers.
"""

from collections.abc import Iterable
from dataclasses import dataclass, field

from django.contrib.auth.base_user import AbstractBaseUser
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from simple_history.utils import bulk_create_with_history, bulk_update_with_history

from common.services import audited_save
from common.spreadsheets import RowError, SpreadsheetError, TableRow
from common.text import nfc, search_key

from .models import Kind, Level, Unit

# The statistical office's export (danhmuchanhchinh.gso.gov.vn) and spellings seen in the wild.
DIVISION_COLUMNS = {
    "province_code": ("Mã TP", "Mã tỉnh"),
    "province_name": ("Tỉnh Thành Phố", "Tỉnh / Thành phố", "Tỉnh"),
    "district_code": ("Mã QH", "Mã huyện"),
    "district_name": ("Quận Huyện", "Quận / Huyện", "Huyện"),
    "commune_code": ("Mã PX", "Mã xã"),
    "commune_name": ("Phường Xã", "Phường / Xã", "Xã"),
    "commune_level": ("Cấp",),
}
DIVISION_REQUIRED = {"province_code", "province_name", "commune_code", "commune_name"}

_PREFIXES = {
    Level.PROVINCE: (("Thành phố", Kind.MUNICIPALITY), ("Tỉnh", Kind.PROVINCE)),
    Level.DISTRICT: (("Thành phố", Kind.CITY), ("Thị xã", Kind.TOWN), ("Quận", Kind.URBAN_DISTRICT),
                     ("Huyện", Kind.DISTRICT)),
    Level.COMMUNE: (("Phường", Kind.WARD), ("Thị trấn", Kind.TOWNSHIP), ("Xã", Kind.COMMUNE),
                    ("Đặc khu", Kind.SPECIAL_ZONE)),
}


def kind_from_name(name: str, level: int, hint: str | None = None) -> str | None:
    """The kind of a unit from its name's prefix ("Thị xã Cai Lậy" -> town), else from `hint`
    (the "Cấp" column); None when neither says."""
    key = search_key(name)
    for source in (key, search_key(hint or "")):
        for prefix, kind in _PREFIXES[level]:
            if source == search_key(prefix) or source.startswith(search_key(prefix) + " "):
                return kind
    return None


@dataclass
class ImportSummary:
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    not_in_file: list = field(default_factory=list)  # existing units the file no longer lists
    warnings: list = field(default_factory=list)

    @property
    def changed(self) -> bool:
        return bool(self.created or self.updated)


# --- Bulk helpers ---------------------------------------------------------------------------------

def units_bulk_create(units: list[Unit], *, by: AbstractBaseUser | None = None) -> list[Unit]:
    """Create units whose `parent` is saved: normalised names, ancestors, paths; a fixed number of
    queries whatever the count."""
    if not units:
        return []
    now = timezone.now()
    for unit in units:
        unit.name = nfc(unit.name)
        unit.search_name = search_key(unit.name)
        for key, value in unit._ancestor_ids().items():
            setattr(unit, f"{key}_id", value)
        unit.path = ""
        unit.created_at = unit.updated_at = now
    created = bulk_create_with_history(units, Unit, batch_size=500, default_user=by)
    for unit in created:
        unit.path = f"{unit.parent.path}{unit.pk}/"
    Unit.objects.bulk_update(created, ["path"], batch_size=500)
    return created


def units_bulk_update(units: list[Unit], fields: list[str], *, by: AbstractBaseUser | None = None) -> None:
    if not units:
        return
    now = timezone.now()
    for unit in units:
        unit.name = nfc(unit.name)
        unit.search_name = search_key(unit.name)
        unit.updated_at = now
    fields = sorted({*fields, "search_name", "updated_at"})
    bulk_update_with_history(units, Unit, fields, batch_size=500, default_user=by)


def _move(unit: Unit, parent: Unit, *, by: AbstractBaseUser) -> None:
    """Hang `unit` (a commune) under another parent, carrying its subtree's denormalised columns."""
    old_path = unit.path
    unit.parent = parent
    audited_save(unit, by=by, clean=False)
    from django.db.models import F, Value
    from django.db.models.functions import Concat, Substr

    Unit.objects.filter(path__startswith=old_path).exclude(pk=unit.pk).update(
        path=Concat(Value(unit.path), Substr(F("path"), len(old_path) + 1)),
        province_id=unit.province_id, district_id=unit.district_id,
    )


# --- Divisions --------------------------------------------------------------------------------------

def _code(value, width: int) -> str:
    if value is None:
        return ""
    text = str(value).strip()
    if text.endswith(".0"):
        text = text[:-2]
    return text.zfill(width) if text.isdigit() else text


def _values(row) -> tuple[int | None, dict]:
    if isinstance(row, TableRow):
        return row.number, row.values
    return None, row


@transaction.atomic
def divisions_import(*, rows: Iterable, province_code: str, by: AbstractBaseUser | None = None) -> ImportSummary:
    """Create or update one province's districts and communes from the official list.

    Idempotent: units are matched by level and official code, names and kinds are corrected,
    nothing is deleted or deactivated (units the list no longer names are reported in
    `not_in_file`). A row without a district code hangs its commune directly under the province
    (the post-2025 shape). Raises SpreadsheetError naming every bad row; writes nothing then.
    """
    province_code = _code(province_code, 2)
    errors: list[RowError] = []
    province_name = None
    districts: dict[str, tuple[str, str]] = {}  # code -> (name, kind)
    communes: dict[str, tuple[str, str, str]] = {}  # code -> (name, kind, district code)
    for row in rows:
        number, values = _values(row)
        if _code(values.get("province_code"), 2) != province_code:
            continue
        province_name = province_name or nfc(str(values.get("province_name") or ""))
        d_code = _code(values.get("district_code"), 3)
        d_name = nfc(str(values.get("district_name") or ""))
        if d_code:
            d_kind = kind_from_name(d_name, Level.DISTRICT)
            if not d_name or d_kind is None:
                errors.append(RowError(number, "Quận Huyện", _("The district name must start with Thành phố, "
                                                               "Thị xã, Quận or Huyện.")))
            else:
                districts[d_code] = (d_name, d_kind)
        c_code = _code(values.get("commune_code"), 5)
        if not c_code:
            continue  # a district without communes (island districts)
        c_name = nfc(str(values.get("commune_name") or ""))
        c_kind = kind_from_name(c_name, Level.COMMUNE, values.get("commune_level"))
        if not c_name or c_kind is None:
            errors.append(RowError(number, "Phường Xã", _("The commune name must start with Phường, Xã, "
                                                         "Thị trấn or Đặc khu.")))
            continue
        if c_code in communes and communes[c_code][0] != c_name:
            errors.append(RowError(number, "Mã PX", _("Commune code %(code)s appears twice with different "
                                                     "names.") % {"code": c_code}))
        communes[c_code] = (c_name, c_kind, d_code)
    if province_name is None:
        errors.append(RowError(None, "Mã TP", _("The file has no rows for province %(code)s.")
                               % {"code": province_code}))
    if errors:
        raise SpreadsheetError(errors)

    summary = ImportSummary()
    province_kind = kind_from_name(province_name, Level.PROVINCE) or Kind.PROVINCE
    province = Unit.objects.filter(level=Level.PROVINCE, code=province_code).first()
    if province is None:
        province = Unit(level=Level.PROVINCE, kind=province_kind, code=province_code, name=province_name)
        audited_save(province, by=by, clean=False)
        summary.created += 1
    elif (province.name, province.kind) != (province_name, province_kind):
        province.name, province.kind = province_name, province_kind
        audited_save(province, by=by, clean=False)
        summary.updated += 1
    else:
        summary.unchanged += 1

    district_units = _sync_level(Level.DISTRICT, {code: (name, kind, province) for code, (name, kind)
                                                  in districts.items()}, province, summary, by)
    parents = {code: district_units.get(d_code, province) for code, (_n, _k, d_code) in communes.items()}
    _sync_level(Level.COMMUNE, {code: (name, kind, parents[code]) for code, (name, kind, _d)
                                in communes.items()}, province, summary, by)
    return summary


def _sync_level(level: int, wanted: dict[str, tuple[str, str, Unit]], province: Unit,
                summary: ImportSummary, by: AbstractBaseUser) -> dict[str, Unit]:
    """Upsert one level's units by code: a fixed number of queries for the whole level."""
    existing = {u.code: u for u in Unit.objects.filter(level=level, code__in=list(wanted))}
    to_create, to_update, moved = [], [], []
    for code, (name, kind, parent) in wanted.items():
        unit = existing.get(code)
        if unit is None:
            to_create.append(Unit(level=level, kind=kind, code=code, name=name, parent=parent))
            continue
        changed = unit.name != name or unit.kind != kind
        if changed:
            unit.name, unit.kind = name, kind
            to_update.append(unit)
        if unit.parent_id != parent.pk:
            moved.append((unit, parent))
        if changed or unit.parent_id != parent.pk:
            summary.updated += 1
        else:
            summary.unchanged += 1
    created = units_bulk_create(to_create, by=by)
    summary.created += len(created)
    units_bulk_update(to_update, ["name", "kind"], by=by)
    for unit, parent in moved:  # rare: a reorganisation moved a commune to another district
        _move(unit, parent, by=by)
    summary.not_in_file += list(
        Unit.objects.filter(level=level, province=province, is_active=True).exclude(code__in=list(wanted))
    )
    result = {u.code: u for u in existing.values()}
    result.update({u.code: u for u in created})
    return result
