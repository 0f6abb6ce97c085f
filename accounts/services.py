"""Writes to organisations: the party committees that follow the territory, and the agencies."""

import datetime
from collections import Counter
from dataclasses import dataclass

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from simple_history.utils import bulk_create_with_history, bulk_update_with_history

from common.services import audited_save
from common.text import nfc, search_key
from territory.models import Kind, Level, Unit
from territory.scoping import scope_of

from .models import CellSecretary, Organisation, OrganisationKind, User
from .permissions import holds

# The provincial bodies letter 3321-CV/TU (Tỉnh ủy Tiền Giang) was addressed to, besides the
# district committees: (name, short name). "Các Ban cán sự Đảng, Đảng đoàn" are every one of the
# province (issue 21 point 4); the list below is a province's usual set before the 2025
# reorganisation [I], the two the letter names first.
PROVINCIAL_AGENCIES = (
    ("Ban cán sự Đảng UBND tỉnh", "BCSĐ UBND tỉnh"),
    ("Đảng đoàn Ủy ban MTTQ Việt Nam tỉnh", "Đảng đoàn MTTQ tỉnh"),
    ("Ban cán sự Đảng Tòa án nhân dân tỉnh", "BCSĐ TAND tỉnh"),
    ("Ban cán sự Đảng Viện Kiểm sát nhân dân tỉnh", "BCSĐ VKSND tỉnh"),
    ("Đảng đoàn Hội đồng nhân dân tỉnh", "Đảng đoàn HĐND tỉnh"),
    ("Đảng đoàn Liên đoàn Lao động tỉnh", "Đảng đoàn LĐLĐ tỉnh"),
    ("Đảng đoàn Hội Liên hiệp Phụ nữ tỉnh", "Đảng đoàn Hội LHPN tỉnh"),
    ("Đảng đoàn Hội Nông dân tỉnh", "Đảng đoàn Hội Nông dân tỉnh"),
    ("Đảng đoàn Hội Cựu chiến binh tỉnh", "Đảng đoàn Hội CCB tỉnh"),
    ("Ban Thường vụ Tỉnh đoàn", "Tỉnh đoàn"),
    ("Sở Nội vụ", "Sở Nội vụ"),
    ("Ban Tổ chức Tỉnh ủy", "BTC Tỉnh ủy"),
    ("Ban Tuyên giáo Tỉnh ủy", "BTG Tỉnh ủy"),
    ("Ban Dân vận Tỉnh ủy", "BDV Tỉnh ủy"),
    ("Ủy ban Kiểm tra Tỉnh ủy", "UBKT Tỉnh ủy"),
    ("Ban Nội chính Tỉnh ủy", "BNC Tỉnh ủy"),
)

# "Huyện ủy Cái Bè", "Thành ủy Mỹ Tho", "Thị ủy Cai Lậy", "Quận ủy Ninh Kiều".
_DISTRICT_COMMITTEE = {
    Kind.DISTRICT: ("Huyện", "Huyện ủy"),
    Kind.CITY: ("Thành phố", "Thành ủy"),
    Kind.TOWN: ("Thị xã", "Thị ủy"),
    Kind.URBAN_DISTRICT: ("Quận", "Quận ủy"),
}


def _without_prefix(name: str, prefix: str) -> str:
    return name[len(prefix):].strip() if name.lower().startswith(prefix.lower() + " ") else name


def _lower_first_word(name: str, prefixes: tuple[str, ...]) -> str:
    """"Xã Tân Hưng" -> "xã Tân Hưng", "Ấp 1" -> "ấp 1" (the kind is a common noun inside a name)."""
    for prefix in prefixes:
        if name.startswith(prefix + " "):
            return prefix.lower() + name[len(prefix):]
    return name


def province_committee_name(province: Unit) -> str:
    return "Thành ủy" if province.kind == Kind.MUNICIPALITY else "Tỉnh ủy"


def organisation_name_for(unit: Unit, commune: Unit | None = None) -> str:
    """The name of the party organisation attached to `unit` (a district, commune or hamlet)."""
    if unit.level == Level.DISTRICT:
        prefix, committee = _DISTRICT_COMMITTEE.get(unit.kind, ("Huyện", "Huyện ủy"))
        return f"{committee} {_without_prefix(unit.name, prefix)}"
    if unit.level == Level.COMMUNE:
        return f"Đảng ủy {_lower_first_word(unit.name, ('Xã', 'Phường', 'Thị trấn', 'Đặc khu'))}"
    name = f"Chi bộ {_lower_first_word(unit.name, ('Ấp', 'Khu phố'))}"
    if commune is not None:
        name += f", {_lower_first_word(commune.name, ('Xã', 'Phường', 'Thị trấn', 'Đặc khu'))}"
    return name[:200]


@dataclass
class OrganisationSyncSummary:
    created: int = 0
    updated: int = 0


@transaction.atomic
def organisations_sync_for_territory(*, province: Unit, by: User | None = None) -> OrganisationSyncSummary:
    """Make sure the province's party organisations exist: the provincial office and standing
    committee, a committee per district and commune, a cell per hamlet (each with its superior
    organisation), and the provincial agencies of letter 3321-CV/TU.

    Idempotent and in bulk (a fixed number of queries): existing organisations are matched by
    kind and unit (agencies by name); names and superiors that drifted from the territory are
    corrected; nothing is deleted or deactivated.
    """
    summary = OrganisationSyncSummary()
    committee = province_committee_name(province)
    short = province.name.split(" ", 1)[-1] if province.name.startswith(("Tỉnh ", "Thành phố ")) else province.name
    units = list(Unit.objects.filter(province=province, level__gt=Level.PROVINCE, is_active=True)
                 .only("id", "level", "kind", "name", "parent_id", "district_id", "commune_id"))
    by_id = {u.pk: u for u in units}
    existing = {(o.kind, o.unit_id): o for o in Organisation.objects.filter(
        unit__in=[province, *units]).exclude(kind=OrganisationKind.AGENCY)}

    def wanted(kind, unit, name, parent, short_name=""):
        return kind, unit, name, parent, short_name

    def sync(items) -> dict:
        to_create, to_update, result = [], [], {}
        for kind, unit, name, parent, short_name in items:
            org = existing.get((kind, unit.pk))
            parent_id = parent.pk if parent else None
            if org is None:
                org = Organisation(kind=kind, unit=unit, name=name, parent_id=parent_id, short_name=short_name)
                to_create.append(org)
            elif (org.name, org.parent_id) != (name, parent_id):
                org.name, org.parent_id = name, parent_id
                to_update.append(org)
            result[unit.pk] = org
        if to_create:
            bulk_create_with_history(to_create, Organisation, batch_size=500, default_user=by)
        if to_update:
            bulk_update_with_history(to_update, Organisation, ["name", "parent"], batch_size=500, default_user=by)
        summary.created += len(to_create)
        summary.updated += len(to_update)
        return result

    office = sync([wanted(OrganisationKind.PROVINCIAL_OFFICE, province, f"Văn phòng {committee} {short}", None,
                          f"VP{'TU' if committee == 'Tỉnh ủy' else 'ThU'}")])[province.pk]
    sync([wanted(OrganisationKind.STANDING_COMMITTEE, province, f"Ban Thường vụ {committee} {short}", None,
                 "BTV")])
    district_orgs = sync([wanted(OrganisationKind.DISTRICT_COMMITTEE, u, organisation_name_for(u), office)
                          for u in units if u.level == Level.DISTRICT])
    commune_units = [u for u in units if u.level == Level.COMMUNE]
    repeated = {n for n, count in Counter(u.name for u in commune_units).items() if count > 1}

    def commune_org_name(u):  # "Đảng ủy phường 1, thành phố Mỹ Tho" where the name alone is ambiguous
        name = organisation_name_for(u)
        district = by_id.get(u.district_id)
        if u.name in repeated and district is not None:
            name += f", {_lower_first_word(district.name, ('Thành phố', 'Thị xã', 'Huyện', 'Quận'))}"
        return name

    commune_orgs = sync([wanted(OrganisationKind.COMMUNE_COMMITTEE, u, commune_org_name(u),
                                district_orgs.get(u.district_id, office)) for u in commune_units])
    sync([wanted(OrganisationKind.CELL, u, organisation_name_for(u, by_id.get(u.commune_id)),
                 commune_orgs.get(u.commune_id))
          for u in units if u.level == Level.HAMLET and u.commune_id in commune_orgs])

    agencies = {o.name: o for o in Organisation.objects.filter(kind=OrganisationKind.AGENCY,
                                                                name__in=[n for n, _s in PROVINCIAL_AGENCIES])}
    new_agencies = [Organisation(kind=OrganisationKind.AGENCY, name=name, short_name=short_name)
                    for name, short_name in PROVINCIAL_AGENCIES if name not in agencies]
    if new_agencies:
        bulk_create_with_history(new_agencies, Organisation, default_user=by)
        summary.created += len(new_agencies)
    return summary


# --- the party cell's secretary ----------------------------------------------------------------

CELL_SECRETARY_FIELDS = ("full_name", "date_of_birth", "term_start", "term_end", "elected_at")


def can_record_cell_secretary(user, organisation: Organisation) -> bool:
    """The cell itself, or the commune committee above it, through an officer or leader
    (`cell.secretary_record`); an administrator too."""
    if not (user.is_authenticated and user.is_active):
        return False
    if user.is_superuser:
        return True
    return holds(user, "cell.secretary_record") and scope_of(user).contains(organisation.unit)


def _require_recorder(user, organisation: Organisation) -> None:
    if not can_record_cell_secretary(user, organisation):
        raise PermissionDenied(_("Only the party cell itself, or the commune committee above it, may record "
                                 "the cell's secretary."))


def _day(value: datetime.date | None) -> str:
    return date_format(value, "SHORT_DATE_FORMAT") if value else "…"


def _check_secretary(secretary: CellSecretary, others: list[CellSecretary]) -> dict[str, list[str]]:
    """Field -> messages for a term that may not be saved beside the cell's `others`."""
    errors: dict[str, list[str]] = {}
    today = timezone.localdate()
    if not secretary.full_name:
        errors.setdefault("full_name", []).append(_("Enter the secretary's full name."))
    if secretary.term_start and secretary.term_start > today:
        errors.setdefault("term_start", []).append(
            _("The term cannot start in the future: record the secretary once the cell congress has elected them."))
    if secretary.term_start and secretary.term_end and secretary.term_end < secretary.term_start:
        errors.setdefault("term_end", []).append(_("A term cannot end before it starts."))
    if secretary.date_of_birth and secretary.term_start and secretary.date_of_birth >= secretary.term_start:
        errors.setdefault("date_of_birth", []).append(_("The date of birth must be before the term starts."))
    if secretary.term_start and not errors:
        end = secretary.term_end or datetime.date.max
        for other in others:
            if other.term_start <= end and secretary.term_start <= (other.term_end or datetime.date.max):
                errors.setdefault("term_start", []).append(_(
                    "This term overlaps the term of %(name)s (%(start)s – %(end)s): a cell has one secretary "
                    "at a time.") % {"name": other.full_name, "start": _day(other.term_start),
                                     "end": _day(other.term_end)})
    return errors


def cell_secretary_validate(secretary: CellSecretary) -> tuple[dict[str, list[str]], CellSecretary | None]:
    """Every problem of a new or corrected term beside the cell's other terms (field -> messages),
    and the previous secretary's open term that a new term closes (changed in memory, not saved)."""
    secretary.full_name, secretary.elected_at = nfc(secretary.full_name), nfc(secretary.elected_at)
    secretary.search_name = search_key(secretary.full_name)
    others = list(CellSecretary.objects.filter(organisation_id=secretary.organisation_id)
                  .exclude(pk=secretary.pk).order_by("-term_start"))
    closes = None
    if (secretary.pk is None and others and others[0].term_end is None and secretary.term_start
            and others[0].term_start < secretary.term_start):
        closes = others[0]
        closes.term_end = secretary.term_start - datetime.timedelta(days=1)
    return _check_secretary(secretary, others), closes


@transaction.atomic
def cell_secretary_record(*, organisation: Organisation, full_name: str, term_start: datetime.date,
                          by: User, date_of_birth: datetime.date | None = None,
                          term_end: datetime.date | None = None, elected_at: str = "") -> CellSecretary:
    """Record the secretary a hamlet's party cell elected (its congress, e.g. quý IV/2024), so that
    nomination can match the nominee marked as secretary against the cell (Đề án 02-ĐA/TU: the
    cell secretary also serves as hamlet head; CV 3321-CV/TU).

    One secretary at a time: a term overlapping another is refused, except that a new term closes
    the previous secretary's open term on the day before it starts (the congress replaced them).
    """
    _require_recorder(by, organisation)
    organisation = Organisation.objects.select_for_update().get(pk=organisation.pk)
    if organisation.kind != OrganisationKind.CELL:
        raise ValidationError(_("Only a hamlet's party cell has a cell secretary."))
    secretary = CellSecretary(organisation=organisation, full_name=full_name, date_of_birth=date_of_birth,
                              term_start=term_start, term_end=term_end, elected_at=elected_at or "",
                              recorded_by=by)
    errors, closes = cell_secretary_validate(secretary)
    if errors:
        raise ValidationError(errors)
    if closes is not None:
        audited_save(closes, by=by, update_fields=["term_end"], clean=False)
    audited_save(secretary, by=by)
    return secretary


@transaction.atomic
def cell_secretary_update(*, secretary: CellSecretary, by: User, **changes) -> CellSecretary:
    """Correct a recorded term (a misspelt name, the day the term ended), with the same rules as
    `cell_secretary_record`; the history keeps what it said before."""
    unknown = set(changes) - set(CELL_SECRETARY_FIELDS)
    if unknown:
        raise TypeError(f"unknown cell secretary fields: {sorted(unknown)}")
    organisation = Organisation.objects.select_for_update().get(pk=secretary.organisation_id)
    _require_recorder(by, organisation)
    secretary = CellSecretary.objects.select_for_update().get(pk=secretary.pk)
    for key, value in changes.items():
        setattr(secretary, key, value if value is not None or key not in ("full_name", "elected_at") else "")
    errors, _closes = cell_secretary_validate(secretary)
    if errors:
        raise ValidationError(errors)
    audited_save(secretary, by=by)
    return secretary
