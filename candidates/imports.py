"""Importing a district's filled-in nominee template (.xlsx; .csv also read).

Rows are matched to hamlets by the hamlet code column, or by commune and hamlet name after
normalisation; a nominee is found again by hamlet and normalised name, so uploading the same file
twice changes nothing. Every row goes through `candidates.services` (the same rules as the
forms); every problem is reported with its row and column, and any problem means nothing is
written. Reading the file (headers, legacy TCVN3/VNI text, dates) is `common.spreadsheets`.
"""

from dataclasses import dataclass, field

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from accounts.models import User
from common.choices import Gender
from common.spreadsheets import RowError, SpreadsheetError, parse_date, read_table
from common.text import nfc, nfc_text, plain_text_problem, search_key

from . import rules, services
from .models import NominatedBy, Nominee, NomineeList, NomineeStatus, PoliticalTheory, normalise_citizen_id
from .selectors import hamlet_elections_of_list, nominee_checks

# The file format: canonical key -> (header written in the template, other accepted spellings).
# Headers are Vietnamese by contract with the districts' spreadsheets, like column names of a file.
COLUMNS: dict[str, tuple[str, ...]] = {
    "hamlet_code": ("Mã ấp (không sửa)", "Mã ấp", "Mã khu phố"),
    "commune_code": ("Mã xã", "Mã xã/phường"),
    "commune": ("Xã/phường/thị trấn", "Xã", "Tên xã", "Xã/phường"),
    "hamlet": ("Ấp/khu phố", "Ấp", "Tên ấp", "Khu phố"),
    "full_name": ("Họ và tên", "Họ tên"),
    "gender": ("Giới tính",),
    "date_of_birth": ("Ngày sinh (dd/mm/yyyy)", "Ngày sinh", "Ngày tháng năm sinh"),
    "ethnicity": ("Dân tộc",),
    "citizen_id": ("Số CCCD (12 số)", "Số CCCD", "CCCD", "Số định danh cá nhân"),
    "is_permanent_resident": ("Thường trú tại ấp", "Thường trú"),
    "education": ("Trình độ học vấn", "Học vấn"),
    "political_theory": ("Lý luận chính trị", "Trình độ lý luận chính trị"),
    "is_party_member": ("Đảng viên",),
    "party_join_date": ("Ngày vào Đảng (dd/mm/yyyy)", "Ngày vào Đảng"),
    "party_post": ("Chức vụ Đảng hiện nay", "Chức vụ Đảng"),
    "is_cell_secretary": ("Bí thư chi bộ ấp", "Bí thư chi bộ"),
    "nominated_by": ("Nơi giới thiệu", "Người giới thiệu"),
    "on_election_team": ("Thành viên Tổ bầu cử/Ban kiểm phiếu", "Tổ bầu cử/Ban kiểm phiếu"),
    "notes": ("Ghi chú",),
}
LOCATION_KEYS = ("hamlet_code", "commune_code", "commune", "hamlet")
PERSON_KEYS = tuple(k for k in COLUMNS if k not in LOCATION_KEYS)
REQUIRED = ("full_name", "gender", "date_of_birth", "citizen_id")
MULTILINE = ("notes",)  # free text that keeps its line breaks

YES, NO = "Có", "Không"
GENDER_LABELS = {Gender.MALE: "Nam", Gender.FEMALE: "Nữ"}
THEORY_LABELS = {PoliticalTheory.NONE: "Không", PoliticalTheory.ELEMENTARY: "Sơ cấp",
                 PoliticalTheory.INTERMEDIATE: "Trung cấp", PoliticalTheory.ADVANCED: "Cao cấp",
                 PoliticalTheory.BACHELOR: "Cử nhân"}
NOMINATED_LABELS = {NominatedBy.FRONT_COMMITTEE: "Ban công tác Mặt trận ấp", NominatedBy.SELF: "Tự ứng cử"}
# Drop-down lists of the template, by column key.
CHOICES = {
    "gender": list(GENDER_LABELS.values()), "political_theory": list(THEORY_LABELS.values()),
    "is_party_member": [YES, NO], "is_cell_secretary": [YES, NO], "nominated_by": list(NOMINATED_LABELS.values()),
    "is_permanent_resident": [YES, NO], "on_election_team": [YES, NO],
}
_BOOL_WORDS = {"co": True, "x": True, "1": True, "yes": True, "true": True, "dung": True,
               "khong": False, "0": False, "no": False, "false": False, "": False}
_CODED = {
    "gender": {search_key(v): k for k, v in GENDER_LABELS.items()} | {"male": "male", "female": "female"},
    "political_theory": {search_key(v): k for k, v in THEORY_LABELS.items()}
    | {"": PoliticalTheory.NONE, "so cap": "so_cap"},
    "nominated_by": {search_key(v): k for k, v in NOMINATED_LABELS.items()}
    | {"ban ctmt": "front_committee", "ban ctmt ap": "front_committee", "mat tran": "front_committee",
       "ban cong tac mat tran": "front_committee", "tu ung cu": "self", "": "front_committee"},
}
BOOL_DEFAULTS = {"is_permanent_resident": True}
HAMLET_PREFIXES = ("ap ", "khu pho ", "kp ")


class ImportFailed(Exception):
    """Nothing was written; `errors` are RowError (row, column, message)."""

    def __init__(self, errors):
        self.errors = list(errors)
        super().__init__("; ".join(str(e) for e in self.errors))


@dataclass
class ImportResult:
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    warnings: list = field(default_factory=list)

    def counts(self) -> dict:
        return {"created": self.created, "updated": self.updated, "unchanged": self.unchanged}


def _hamlet_name_key(name) -> str:
    key = search_key(str(name or ""))
    for prefix in HAMLET_PREFIXES:
        if key.startswith(prefix):
            return key[len(prefix):]
    return key


class _Matcher:
    """Finds a row's hamlet election among the list's hamlets (one query to build)."""

    def __init__(self, nominee_list: NomineeList):
        self.hamlet_elections = list(hamlet_elections_of_list(nominee_list).select_related("hamlet__commune",
                                                                                           "election"))
        self.by_code, self.by_pk, self.by_names = {}, {}, {}
        for he in self.hamlet_elections:
            hamlet, commune = he.hamlet, he.hamlet.commune
            if hamlet.code:
                self.by_code[hamlet.code.strip().lower()] = he
            self.by_pk[str(hamlet.pk)] = he
            for commune_key in {search_key(commune.name), (commune.code or "").strip().lower()} - {""}:
                self.by_names[(commune_key, _hamlet_name_key(hamlet.name))] = he

    def find(self, values):
        code = values.get("hamlet_code")
        if code not in (None, ""):
            text = str(code).strip().lower()
            found = self.by_code.get(text) or self.by_pk.get(text)
            if found:
                return found, None
            return None, ("hamlet_code", _("No hamlet of this list has the code “%(code)s”.") % {"code": code})
        hamlet = values.get("hamlet")
        commune = values.get("commune_code") or values.get("commune")
        if not hamlet or not commune:
            return None, ("hamlet", _("Give the hamlet code, or the commune and the hamlet name."))
        commune_key = str(commune).strip().lower() if values.get("commune_code") else search_key(str(commune))
        found = self.by_names.get((commune_key, _hamlet_name_key(hamlet)))
        if found:
            return found, None
        return None, ("hamlet", _("“%(hamlet)s” (%(commune)s) is not a hamlet of this list.")
                      % {"hamlet": hamlet, "commune": commune})


def _parse_row(values) -> tuple[dict, list[tuple[str, str]]]:
    """Typed nominee fields from a row, and (column key, message) problems."""
    fields, problems = {}, []
    for key in REQUIRED:
        if values.get(key) in (None, ""):
            problems.append((key, _("This column must be filled in.")))
    fields["full_name"] = str(values.get("full_name") or "")
    for key in ("ethnicity", "education", "party_post", "notes"):
        value = values.get(key)
        if value not in (None, ""):
            fields[key] = str(value)
    if not fields.get("ethnicity"):
        fields["ethnicity"] = "Kinh"
    for key in ("date_of_birth", "party_join_date"):
        value = values.get(key)
        if value in (None, ""):
            fields[key] = None
            continue
        try:
            fields[key] = parse_date(value)
        except ValueError as exc:
            problems.append((key, str(exc)))
    citizen_id = values.get("citizen_id")
    if isinstance(citizen_id, int) and not isinstance(citizen_id, bool):
        citizen_id = str(citizen_id).zfill(12)  # Excel drops the leading zero of a number
    fields["citizen_id"] = "".join(str(citizen_id or "").split())
    for key, mapping in _CODED.items():
        value = values.get(key)
        if key == "gender" and value in (None, ""):
            continue
        coded = mapping.get(search_key(str(value or "")))
        if coded is None:
            problems.append((key, _("“%(value)s” is not one of the allowed values: %(choices)s.")
                             % {"value": value, "choices": ", ".join(CHOICES[key])}))
        else:
            fields[key] = coded
    for key in ("is_permanent_resident", "is_party_member", "is_cell_secretary", "on_election_team"):
        value = values.get(key)
        if value in (None, ""):
            fields[key] = BOOL_DEFAULTS.get(key, False)
            continue
        word = search_key(str(value)) if not isinstance(value, bool) else ("co" if value else "khong")
        if word not in _BOOL_WORDS:
            problems.append((key, _("Write “%(yes)s” or “%(no)s”.") % {"yes": YES, "no": NO}))
        else:
            fields[key] = _BOOL_WORDS[word]
    return fields, problems


def _differs(nominee: Nominee, fields: dict) -> bool:
    """Whether saving `fields` would change the nominee (text compared as the service stores it)."""
    for key, value in fields.items():
        current = getattr(nominee, key)
        if isinstance(current, str) or isinstance(value, str):
            normalise = nfc_text if key in MULTILINE else nfc
            if normalise(current or "") != normalise(value or ""):
                return True
        elif current != value:
            return True
    return False


def _field_problems(fields: dict, hamlet_election, existing: Nominee | None) -> dict[str, list[str]]:
    """What the service would say about the row's fields that could be read, so that one bad cell
    does not hide the others: every rule when the hamlet is known, the field checks otherwise."""
    probe = Nominee(pk=existing.pk if existing else None, **fields)
    if hamlet_election is not None:
        probe.hamlet_election = hamlet_election
        return services.nominee_validate(probe)
    errors: dict[str, list[str]] = {}
    try:
        probe.clean_fields(exclude=["hamlet_election", "nominee_list"])
    except ValidationError as exc:
        errors = {k: list(v) for k, v in exc.message_dict.items()}
    for key, free_text in services.PLAIN_TEXT_FIELDS.items():
        problem = plain_text_problem(getattr(probe, key), free_text=free_text)
        if problem:
            errors.setdefault(key, []).append(problem)
    return errors


def import_nominees(*, nominee_list: NomineeList, source, by: User) -> ImportResult:
    """Upsert the nominees of a filled-in template into `nominee_list`; all or nothing.

    Every problem of every row is reported at once, each with its row and column: cells holding a
    formula or legacy text no one font explains, values that cannot be read, and whatever the
    services refuse for the rest of the row (a bad date does not hide a bad citizen ID). One person,
    one nomination: a citizen ID twice in the file names both rows; one already nominated elsewhere
    in the campaign names that hamlet (`services.nominee_nominated_elsewhere`).
    """
    if not rules.can_edit_list(by, nominee_list):
        raise PermissionDenied(_("Only officers of the district that owns this list, or of the provincial "
                                 "office, may change it."))
    if not nominee_list.is_editable:
        raise ImportFailed([RowError(None, None, _(
            "The list is %(status)s: an upload cannot overwrite it.")
            % {"status": nominee_list.get_status_display().lower()})])
    try:
        table = read_table(source, columns=COLUMNS, required=("full_name",), refuse_formulas=True,
                           report_cells=True, multiline=MULTILINE)
    except SpreadsheetError as exc:
        raise ImportFailed(exc.errors) from None
    has_location = any(k in table.headers for k in ("hamlet_code", "hamlet"))
    if not has_location:
        raise ImportFailed([RowError(None, None, _("Missing columns: the hamlet code, or the commune and "
                                                   "the hamlet name."))])

    def header(key):
        return table.headers.get(key) or COLUMNS[key][0]

    matcher = _Matcher(nominee_list)
    errors: list[RowError] = []
    result = ImportResult(warnings=list(table.warnings))
    seen: dict[tuple, int] = {}
    seen_ids: dict[str, int] = {}
    saved: list[tuple[int, Nominee]] = []
    with transaction.atomic():
        for row in table:
            values = row.values
            if all(values.get(k) in (None, "") for k in PERSON_KEYS) and not row.problems:
                continue  # a hamlet row of the template left empty
            row_errors: dict[str, list[str]] = {}

            def problem(key, message, *, unless_reported=False, row_errors=row_errors):
                if unless_reported and key in row_errors:
                    return
                row_errors.setdefault(key, []).append(message)

            for key, message in row.problems.items():
                problem(key, message)
            hamlet_election, miss = matcher.find(values)
            if miss:
                problem(miss[0], miss[1], unless_reported=True)
            fields, parse_problems = _parse_row(values)
            for key, message in parse_problems:
                problem(key, message, unless_reported=True)
            citizen_id = normalise_citizen_id(fields.get("citizen_id", ""))
            if citizen_id and "citizen_id" not in row_errors:
                if citizen_id in seen_ids:
                    problem("citizen_id", _("The same citizen ID is on row %(row)s: one person may be nominated "
                                            "only once.") % {"row": seen_ids[citizen_id]})
                else:
                    seen_ids[citizen_id] = row.number
            existing = None
            if hamlet_election is not None and fields.get("full_name"):
                identity = (hamlet_election.pk, search_key(fields["full_name"]))
                if identity in seen:
                    problem("full_name", _("The same person appears again for this hamlet (row %(row)s).")
                            % {"row": seen[identity]})
                else:
                    seen[identity] = row.number
                existing = Nominee.objects.filter(hamlet_election=hamlet_election, search_name=identity[1],
                                                  status=NomineeStatus.ACTIVE).first()
            if row_errors:
                for key, messages in _field_problems(fields, hamlet_election, existing).items():
                    for message in messages:
                        problem(key, message, unless_reported=True)
            else:
                try:
                    if existing is None:
                        saved.append((row.number, services.nominee_create(
                            by=by, hamlet_election=hamlet_election, **fields)))
                        result.created += 1
                    elif _differs(existing, fields):
                        saved.append((row.number, services.nominee_update(by=by, nominee=existing, **fields)))
                        result.updated += 1
                    else:
                        result.unchanged += 1
                except ValidationError as exc:
                    details = exc.message_dict if hasattr(exc, "error_dict") else {"__all__": exc.messages}
                    for key, messages in details.items():
                        for message in messages:
                            problem(key, message)
            errors.extend(_row_errors(row.number, row_errors, header))
        if errors:
            raise ImportFailed(errors)
    result.warnings.extend(_unverified(saved))
    return result


def _unverified(saved: list[tuple[int, Nominee]]) -> list[str]:
    """What was accepted without being verified (an age that depends on an election date not set
    yet, a secretary the cell has not recorded), by row, as the nominee pages say after a save."""
    checks = nominee_checks([nominee for _number, nominee in saved]) if saved else {}
    return [_("Row %(row)s (%(name)s): %(warning)s") % {"row": number, "name": nominee.full_name, "warning": warning}
            for number, nominee in saved for warning in checks[nominee.pk].warnings]


def _row_errors(number: int, row_errors: dict[str, list[str]], header) -> list[RowError]:
    """A row's problems in the order of the template's columns; rules of the whole row last."""
    order = {key: i for i, key in enumerate(COLUMNS)}
    out = []
    for key in sorted(row_errors, key=lambda k: order.get(k, len(order))):
        column = header(key) if key in COLUMNS else header("hamlet")
        out.extend(RowError(number, column, message) for message in row_errors[key])
    return out
