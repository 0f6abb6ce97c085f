"""Demo territory: the real Tiền Giang divisions (bundled official list), about 1,000 hamlets
with plausible names and household counts (deterministic), and the party organisations.

Idempotent: a second run finds everything in place and creates nothing.
"""

import random
from pathlib import Path

import territory
from accounts.services import organisations_sync_for_territory
from common.spreadsheets import read_table
from common.text import search_key
from territory.models import Kind, Level, Unit
from territory.services import DIVISION_COLUMNS, DIVISION_REQUIRED, divisions_import, units_bulk_create

PROVINCE_CODE = "82"
DIVISIONS = Path(territory.__file__).resolve().parent / "data" / "divisions_2024.csv"

# Names of ấp common in the Mekong delta.
HAMLET_NAMES = (
    "Tân Thuận", "Mỹ Lợi", "Bình Hòa", "Long Hưng", "Phú Mỹ", "An Thạnh", "Hòa Bình", "Thạnh Phú", "Tân Hòa",
    "Bình Đông", "Bình Tây", "Hậu Mỹ", "Mỹ Thạnh", "Phú Quới", "Tân Phong", "Long Hòa", "Long Thạnh", "Tân Lợi",
    "Mỹ Trung", "Hòa Hảo", "An Lợi", "Bình Phú", "Tân Hưng", "Phú Hòa", "Thạnh Hòa", "Mỹ Hưng", "Long Bình",
    "Tân Thạnh", "Phước Hòa", "Hưng Thạnh", "Bình Thạnh", "Tân Bình", "Mỹ Phú", "Hòa Thạnh", "An Hòa",
    "Phú Thạnh", "Long Phú", "Tân Phú", "Thới Hòa", "Mỹ An", "Bình An", "Phước Thạnh", "Hòa Lợi", "Tân An",
    "Thạnh Lợi", "Long An", "Mỹ Hòa", "Phú Lợi", "Hòa Long", "Bình Long",
)


def _hamlets_for(commune: Unit, rng: random.Random) -> list[tuple[str, str, int]]:
    """(name, kind, households) of a commune's hamlets: khu phố in wards and townships, ấp in xã,
    numbered or named."""
    count = rng.randint(3, 9)
    if commune.kind in (Kind.WARD, Kind.TOWNSHIP):
        names = [(f"Khu phố {i}", Kind.NEIGHBOURHOOD) for i in range(1, count + 1)]
    elif rng.random() < 0.4:
        names = [(f"Ấp {i}", Kind.HAMLET) for i in range(1, count + 1)]
    else:
        names = [(f"Ấp {name}", Kind.HAMLET) for name in rng.sample(HAMLET_NAMES, count)]
    return [(name, kind, rng.randint(150, 650)) for name, kind in names]


def seed(*, password: str, stdout) -> None:
    rows = read_table(DIVISIONS, columns=DIVISION_COLUMNS, required=DIVISION_REQUIRED, max_bytes=50 * 1024 * 1024)
    summary = divisions_import(rows=[r for r in rows if r.values["province_code"] == PROVINCE_CODE],
                               province_code=PROVINCE_CODE)
    province = Unit.objects.get(level=Level.PROVINCE, code=PROVINCE_CODE)

    rng = random.Random(82)
    communes = list(Unit.objects.filter(level=Level.COMMUNE, province=province).order_by("code"))
    existing = set(Unit.objects.filter(level=Level.HAMLET, province=province).values_list("parent_id", "search_name"))
    new = []
    for commune in communes:
        for name, kind, households in _hamlets_for(commune, rng):  # drawn even when present: deterministic
            if (commune.pk, search_key(name)) not in existing:
                new.append(Unit(level=Level.HAMLET, kind=kind, name=name, parent=commune, households=households))
    units_bulk_create(new)
    organisations = organisations_sync_for_territory(province=province)
    hamlets = Unit.objects.filter(level=Level.HAMLET, province=province).count()
    stdout.write(f"Địa bàn Tiền Giang: {summary.created} đơn vị hành chính và {len(new)} ấp, khu phố mới "
                 f"(tổng {hamlets} ấp, khu phố); {organisations.created} tổ chức mới.")
