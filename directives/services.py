"""Writes for directives: registration, dispatch, forwarding, fan-out, acknowledgement, plans,
reports and difficulty reports. Each function enforces its rule and records who and when."""

import datetime
from collections.abc import Iterable
from typing import NamedTuple

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import connection, transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.models import Organisation, OrganisationKind, User
from accounts.permissions import holds, kinds_for, require
from common.services import audited_save
from common.text import nfc
from common.workdays import add_working_days
from territory.selectors import grouping_units

from .files import check_upload
from .models import (
    Depth,
    DifficultyReport,
    DifficultyStatus,
    Directive,
    Dispatch,
    Duties,
    PersonalDispatch,
)

# Who may receive a directive straight from the province.
ADDRESSEE_KINDS = (
    OrganisationKind.STANDING_COMMITTEE, OrganisationKind.AGENCY, OrganisationKind.DISTRICT_COMMITTEE,
    OrganisationKind.COMMUNE_COMMITTEE,
)
# Forwarding: which kind an organisation forwards to, and the depth the directive must allow.
FORWARD_TO = {
    OrganisationKind.DISTRICT_COMMITTEE: (OrganisationKind.COMMUNE_COMMITTEE, Depth.COMMUNES),
    OrganisationKind.COMMUNE_COMMITTEE: (OrganisationKind.CELL, Depth.CELLS),
}
# Difficulty workflow: action -> (states it may start from, state it leads to).
DIFFICULTY_TRANSITIONS = {
    "answer": ({DifficultyStatus.OPEN, DifficultyStatus.ANSWERED}, DifficultyStatus.ANSWERED),
    "close": ({DifficultyStatus.OPEN, DifficultyStatus.ANSWERED}, DifficultyStatus.CLOSED),
    "pass_up": ({DifficultyStatus.OPEN}, DifficultyStatus.OPEN),
}
# The committees that hold a difficulty raised below them before the office does (a cell's goes
# to its commune committee, a commune's to its district committee); each may pass it up.
DIFFICULTY_HANDLER_KINDS = (OrganisationKind.COMMUNE_COMMITTEE, OrganisationKind.DISTRICT_COMMITTEE)


def _require_office(user, directive: Directive | None = None) -> None:
    require(user, "directive.register")
    if directive is not None and not user.is_superuser and directive.owner_id != user.organisation_id:
        raise PermissionDenied(_("Only the office that registered this directive may do this."))


def is_recipient(user, dispatch: Dispatch) -> bool:
    """An officer or leader of the receiving organisation (administrators included only through one)."""
    return holds(user, "dispatch.act") and user.organisation_id == dispatch.organisation_id


def _require_recipient(user, dispatch: Dispatch) -> None:
    """Only officers and leaders of the receiving organisation act on a dispatch."""
    if not is_recipient(user, dispatch):
        raise PermissionDenied(_("Only officers and leaders of the receiving organisation may do this."))


def _ack_due(directive: Directive, delivered: datetime.datetime) -> datetime.date:
    return timezone.localdate(delivered) + datetime.timedelta(days=directive.ack_within_days)


def _new_dispatch(directive: Directive, organisation_id: int, *, parent_id: int | None, by: User, now,
                  for_information: bool = False) -> Dispatch:
    """A dispatch with the directive's due dates copied, where this recipient owes a plan or report
    (the addressees, who receive it straight from the province, or everyone); an addressee "để biết"
    (`for_information`) owes nothing but the acknowledgement of receipt."""
    owes = (parent_id is None or directive.duties == Duties.EVERYONE) and not for_information
    return Dispatch(directive=directive, organisation_id=organisation_id, parent_id=parent_id, sent_by=by,
                    delivered_at=now, ack_due=_ack_due(directive, now), for_information=for_information,
                    plan_due=directive.plan_due if directive.plan_required and owes else None,
                    report_due=directive.report_due if directive.report_required and owes else None)


class _Row(NamedTuple):
    """What the set-based insert needs of a new dispatch (no model instance: see `_bulk_insert_sql`)."""

    organisation_id: int
    parent_id: int | None
    ack_due: datetime.date
    plan_due: datetime.date | None
    report_due: datetime.date | None
    for_information: bool = False


def _new_row(directive: Directive, organisation_id: int, *, parent_id: int | None, by: User, now) -> _Row:
    """`_new_dispatch` as a plain tuple, for PostgreSQL's set-based insert (same due dates)."""
    owes = parent_id is None or directive.duties == Duties.EVERYONE
    return _Row(organisation_id, parent_id, _ack_due(directive, now),
                directive.plan_due if directive.plan_required and owes else None,
                directive.report_due if directive.report_required and owes else None)


def _history_rows_sql(ids: list[int], *, by: User, now, history_type: str) -> None:
    """PostgreSQL: the history rows of dispatches `ids`, copied from the rows themselves in one
    statement (what `bulk_history_create` does, without building a model instance per row)."""
    columns = ", ".join(f.column for f in Dispatch._meta.concrete_fields)
    with connection.cursor() as cursor:
        cursor.execute(
            f"INSERT INTO {Dispatch.history.model._meta.db_table} ({columns}, history_date, history_type, "  # noqa: S608
            f"history_user_id, history_change_reason) SELECT {columns}, %s, %s, %s, NULL "
            f"FROM {Dispatch._meta.db_table} WHERE id = ANY(%s)",
            [now, history_type, getattr(by, "pk", None), ids])


def _bulk_insert_sql(directive: Directive, rows: list, *, by: User, now) -> dict[int, int]:
    """PostgreSQL: `_bulk_insert` in two statements (rows from arrays, then their history); at
    national scale (110,000 dispatches) the ORM's per-row instances cost several times the SQL."""
    with connection.cursor() as cursor:
        cursor.execute(
            "INSERT INTO directives_dispatch (directive_id, organisation_id, parent_id, sent_by_id, delivered_at, "
            "ack_due, plan_due, report_due, for_information, plan_text, plan_file, plan_file_name, "
            "plan_return_reason, report_text, report_file, report_file_name, report_return_reason) "
            "SELECT %s, t.o, t.p, %s, %s, t.a, t.pd, t.rd, t.fi, '', '', '', '', '', '', '', '' "
            "FROM unnest(%s::bigint[], %s::bigint[], %s::date[], %s::date[], %s::date[], %s::boolean[]) "
            "AS t(o, p, a, pd, rd, fi) ON CONFLICT DO NOTHING RETURNING id, organisation_id",
            [directive.pk, getattr(by, "pk", None), now, [r.organisation_id for r in rows],
             [r.parent_id for r in rows], [r.ack_due for r in rows], [r.plan_due for r in rows],
             [r.report_due for r in rows], [r.for_information for r in rows]])
        created = {organisation_id: pk for pk, organisation_id in cursor.fetchall()}
    if created:
        _history_rows_sql(list(created.values()), by=by, now=now, history_type="+")
    return created


def _bulk_insert(directive: Directive, rows: list[Dispatch], *, by: User, now) -> dict[int, int]:
    """Insert `rows` skipping recipients that already have one, write their history in bulk, and
    return {organisation_id: dispatch_id} of the rows actually created. A fixed number of queries."""
    if not rows:
        return {}
    if connection.vendor == "postgresql":
        return _bulk_insert_sql(directive, rows, by=by, now=now)
    Dispatch.objects.bulk_create(rows, ignore_conflicts=True, batch_size=2000)
    # Rows of this call carry its timestamp; a concurrent call's rows (ignored here) carry another.
    wanted = {r.organisation_id for r in rows}
    created = [d for d in Dispatch.objects.filter(directive=directive, delivered_at=now) if d.organisation_id in wanted]
    Dispatch.history.bulk_history_create(created, default_user=by, default_date=now, batch_size=2000)
    return {d.organisation_id: d.pk for d in created}


@transaction.atomic
def directive_register(*, by: User, recipients: Iterable[Organisation] = (),
                       for_information: Iterable[Organisation] = (), members: Iterable[User] = (), file=None,
                       **fields) -> Directive:
    """Register a directive of the provincial office and send it to `recipients`, those of
    `for_information` "để biết" (receipt only; they are addressees too), and to the `members` of the
    Provincial Party Executive Committee by name."""
    require(by, "directive.register")
    owner = fields.pop("owner", None) or by.organisation
    if (owner is None or owner.kind not in kinds_for("directive.register")
            or (not by.is_superuser and owner.pk != by.organisation_id)):
        raise PermissionDenied(_("Only the office that registered this directive may do this."))
    directive = Directive(owner=owner, registered_by=by, registered_at=timezone.now(), **fields)
    if file:
        directive.file, directive.file_name = check_upload(file, field="file")
    audited_save(directive, by=by)
    for_information = list(for_information)
    recipients = list(recipients) + [o for o in for_information if o not in recipients]
    if recipients:
        directive_dispatch(directive=directive, recipients=recipients, for_information=for_information, by=by)
    members = list(members)
    if members:
        directive_address_members(directive=directive, members=members, by=by)
    return directive


def member_choices(owner: Organisation):
    """The members of the Provincial Party Executive Committee a directive of `owner` may be
    addressed to by name: active users flagged so, working in the province or in a provincial agency."""
    province_path = owner.unit.path if owner.unit_id else "/"
    return (User.objects.filter(is_active=True, is_provincial_committee_member=True)
            .filter(Q(organisation__unit__path__startswith=province_path)
                    | Q(organisation__kind=OrganisationKind.AGENCY))
            .select_related("organisation").order_by("last_name", "first_name", "username"))


@transaction.atomic
def directive_address_members(*, directive: Directive, members: Iterable[User], by: User) -> int:
    """Send `directive` to members of the Provincial Party Executive Committee by name ("Các đồng chí
    Tỉnh ủy viên", 3321-CV/TU): one personal dispatch each, receipt only. Sending again to one creates
    nothing. Returns how many were created."""
    _require_office(by, directive)
    members = list(members)
    allowed = set(member_choices(directive.owner).values_list("pk", flat=True))
    wrong = [u for u in members if u.pk not in allowed]
    if wrong:
        raise ValidationError(_("These people are not members of the Provincial Party Executive Committee: "
                                "%(names)s.") % {"names": ", ".join(str(u) for u in wrong)})
    existing = set(directive.personal_dispatches.values_list("person_id", flat=True))
    now = timezone.now()
    created = 0
    for member in members:
        if member.pk in existing:
            continue
        audited_save(PersonalDispatch(directive=directive, person=member, sent_by=by, delivered_at=now), by=by)
        existing.add(member.pk)
        created += 1
    return created


@transaction.atomic
def personal_acknowledge(*, dispatch: PersonalDispatch, by: User) -> PersonalDispatch:
    """The member confirms receipt of a directive addressed to them by name; only they may, once."""
    if dispatch.person_id != by.pk:
        raise PermissionDenied(_("Only the person it is addressed to may acknowledge it."))
    dispatch = PersonalDispatch.objects.select_for_update().get(pk=dispatch.pk)
    if dispatch.acknowledged_at is None:
        dispatch.acknowledged_at = timezone.now()
        audited_save(dispatch, by=by, clean=False)
    return dispatch


@transaction.atomic
def directive_dispatch(*, directive: Directive, recipients: Iterable[Organisation], by: User,
                       for_information: Iterable[Organisation] = ()) -> list[Dispatch]:
    """Send `directive` to addressees (top-level dispatches). Sending again to one creates nothing.
    Those among `for_information` receive it "để biết" (the e-office's "chủ trì / phối hợp / để biết",
    domain-rules §5; issue 21 point 4): receipt only, no plan, report or task owed."""
    _require_office(by, directive)
    recipients = list(recipients)
    wrong = [o for o in recipients if o.kind not in ADDRESSEE_KINDS or not o.is_active]
    if wrong:
        raise ValidationError(_("These organisations cannot be addressees of a directive: %(names)s.")
                              % {"names": ", ".join(str(o) for o in wrong)})
    now = timezone.now()
    existing = set(directive.dispatches.values_list("organisation_id", flat=True))
    informed = {o.pk for o in for_information}
    rows = [_new_dispatch(directive, o.pk, parent_id=None, by=by, now=now, for_information=o.pk in informed)
            for o in recipients if o.pk not in existing]
    _bulk_insert(directive, rows, by=by, now=now)
    return list(directive.dispatches.filter(organisation__in=recipients))


def _subordinates(organisation: Organisation, kind: str):
    """Active organisations of `kind` attached to units inside `organisation`'s unit."""
    return Organisation.objects.filter(kind=kind, is_active=True, unit__path__startswith=organisation.unit.path)


@transaction.atomic
def dispatch_forward(*, dispatch: Dispatch, by: User) -> int:
    """A district committee forwards to its commune committees, a commune committee to its hamlet
    cells, where the directive is to be deployed that far (3321-CV/TU: "triển khai đến chi bộ ấp,
    khu phố"). Forwarding counts as acknowledging receipt. Returns how many dispatches were created."""
    _require_recipient(by, dispatch)
    dispatch = (Dispatch.objects.select_for_update(of=("self",))
                .select_related("directive", "organisation__unit").get(pk=dispatch.pk))
    target = FORWARD_TO.get(dispatch.organisation.kind)
    if target is None or dispatch.for_information or not dispatch.directive.allows_forwarding_to(target[1]):
        raise ValidationError(_("This directive is not to be forwarded further from your organisation."))
    now = timezone.now()
    children = list(_subordinates(dispatch.organisation, target[0]).values_list("pk", flat=True))
    existing = set(dispatch.directive.dispatches.filter(organisation_id__in=children)
                   .values_list("organisation_id", flat=True))
    rows = [_new_dispatch(dispatch.directive, pk, parent_id=dispatch.pk, by=by, now=now)
            for pk in children if pk not in existing]
    created = _bulk_insert(dispatch.directive, rows, by=by, now=now)
    dispatch.forwarded_at, dispatch.forwarded_by = dispatch.forwarded_at or now, dispatch.forwarded_by or by
    if dispatch.acknowledged_at is None:
        dispatch.acknowledged_at, dispatch.acknowledged_by = now, by
    audited_save(dispatch, by=by, clean=False)
    return len(created)


@transaction.atomic
def directive_fan_out(*, directive: Directive, by: User) -> int:
    """Send the directive in one step to every district committee, commune committee and (when it
    goes down to cells) every hamlet cell of the province, creating the missing intermediate
    dispatches with their parent links. Bulk: a fixed number of queries whatever the tree size.
    Running it again creates nothing twice. Returns how many dispatches were created."""
    _require_office(by, directive)
    if directive.depth == Depth.ADDRESSEES:
        raise ValidationError(_("This directive goes to its addressees only; it is not deployed further."))
    province = directive.owner.unit
    if province is None:
        raise ValidationError(_("The registering office is not attached to a province."))
    kinds = [OrganisationKind.DISTRICT_COMMITTEE, OrganisationKind.COMMUNE_COMMITTEE]
    if directive.allows_forwarding_to(Depth.CELLS):
        kinds.append(OrganisationKind.CELL)
    orgs = list(Organisation.objects.filter(kind__in=kinds, is_active=True, unit__path__startswith=province.path)
                .values_list("pk", "kind", "unit_id", "unit__level", "unit__district_id", "unit__commune_id"))
    existing = dict(directive.dispatches.values_list("organisation_id", "pk"))
    # Which dispatch each organisation's parent is, found through the units: district, commune.
    org_by_unit = {unit_id: pk for pk, _kind, unit_id, *_rest in orgs}
    now = timezone.now()
    created_total = 0
    new = _new_row if connection.vendor == "postgresql" else _new_dispatch
    for kind in kinds:
        rows = []
        for pk, org_kind, _unit_id, _level, district_id, commune_id in orgs:
            if org_kind != kind or pk in existing:
                continue
            parent_unit = {OrganisationKind.DISTRICT_COMMITTEE: None,
                           OrganisationKind.COMMUNE_COMMITTEE: district_id,
                           OrganisationKind.CELL: commune_id}[kind]
            parent_id = existing.get(org_by_unit.get(parent_unit)) if parent_unit else None
            rows.append(new(directive, pk, parent_id=parent_id, by=by, now=now))
        created = _bulk_insert(directive, rows, by=by, now=now)
        existing.update(created)
        created_total += len(created)
    # The intermediate committees have now forwarded it: record that, and its history, in bulk.
    marked = Dispatch.objects.filter(directive=directive, forwarded_at__isnull=True, children__isnull=False)
    if marked.update(forwarded_at=now, forwarded_by=by):
        forwarded = Dispatch.objects.filter(directive=directive, forwarded_at=now)
        if connection.vendor == "postgresql":
            _history_rows_sql(list(forwarded.values_list("pk", flat=True)), by=by, now=now, history_type="~")
        else:
            Dispatch.history.bulk_history_create(list(forwarded), update=True, default_user=by, default_date=now,
                                                 batch_size=2000)
    return created_total


@transaction.atomic
def dispatch_acknowledge(*, dispatch: Dispatch, by: User) -> Dispatch:
    """Confirm receipt (tiếp nhận): who and when. Acknowledging twice keeps the first record."""
    _require_recipient(by, dispatch)
    dispatch = Dispatch.objects.select_for_update(of=("self",)).get(pk=dispatch.pk)
    if dispatch.acknowledged_at is None:
        dispatch.acknowledged_at, dispatch.acknowledged_by = timezone.now(), by
        audited_save(dispatch, by=by, clean=False)
    return dispatch


def _submit(dispatch: Dispatch, *, what: str, text: str, file, by: User) -> Dispatch:
    _require_recipient(by, dispatch)
    dispatch = Dispatch.objects.select_for_update(of=("self",)).select_related("directive").get(pk=dispatch.pk)
    if dispatch.for_information:
        raise ValidationError(_("Your organisation received this directive for information: nothing is to be "
                                "submitted."))
    if getattr(dispatch, f"{what}_due") is None:
        raise ValidationError(_("This directive does not ask for a plan.") if what == "plan"
                              else _("This directive does not ask for a report."))
    text = nfc_text(text)
    if not text and not file:
        raise ValidationError({f"{what}_text": _("Write the text or attach the file.")})
    if file:
        stored, original = check_upload(file, field=f"{what}_file")
        setattr(dispatch, f"{what}_file", stored)
        setattr(dispatch, f"{what}_file_name", original)
    now = timezone.now()
    setattr(dispatch, f"{what}_text", text)
    setattr(dispatch, f"{what}_submitted_at", now)
    setattr(dispatch, f"{what}_submitted_by", by)
    if dispatch.acknowledged_at is None:
        dispatch.acknowledged_at, dispatch.acknowledged_by = now, by
    audited_save(dispatch, by=by)
    return dispatch


def nfc_text(value: str) -> str:
    """NFC for multi-line text: keeps the line breaks that `nfc` would collapse."""
    return "\n".join(nfc(line) for line in (value or "").strip().splitlines()).strip()


@transaction.atomic
def dispatch_submit_plan(*, dispatch: Dispatch, text: str = "", file=None, by: User) -> Dispatch:
    """The recipient's implementation plan (kế hoạch triển khai), when the directive asks for one."""
    return _submit(dispatch, what="plan", text=text, file=file, by=by)


@transaction.atomic
def dispatch_submit_report(*, dispatch: Dispatch, text: str = "", file=None, by: User) -> Dispatch:
    """The recipient's report on implementation (báo cáo kết quả), when the directive asks for one."""
    return _submit(dispatch, what="report", text=text, file=file, by=by)


@transaction.atomic
def dispatch_return(*, dispatch: Dispatch, what: str, reason: str, by: User) -> Dispatch:
    """The office that registered the directive returns a submitted plan or report for completion
    ("yêu cầu bổ sung", issue 21 point 4), saying what is missing; like a task report
    (`assignments.services.task_report_return`). Until the recipient submits again it counts as not
    submitted (rates, overdue after its due date, reminders); the text and file stay for completing,
    and the dispatch's history keeps each submission and return."""
    if what not in ("plan", "report"):
        raise ValueError(what)
    dispatch = Dispatch.objects.select_for_update(of=("self",)).select_related("directive").get(pk=dispatch.pk)
    _require_office(by, dispatch.directive)
    if getattr(dispatch, f"{what}_submitted_at") is None:
        raise ValidationError(_("No plan has been submitted to return.") if what == "plan"
                              else _("No report has been submitted to return."))
    reason = nfc_text(reason)
    if not reason:
        raise ValidationError({"reason": _("Say what is to be completed.")})
    setattr(dispatch, f"{what}_returned_at", timezone.now())
    setattr(dispatch, f"{what}_returned_by", by)
    setattr(dispatch, f"{what}_return_reason", reason)
    setattr(dispatch, f"{what}_submitted_at", None)
    setattr(dispatch, f"{what}_submitted_by", None)
    audited_save(dispatch, by=by, clean=False)
    return dispatch


def _handler_above(dispatch: Dispatch | None) -> Organisation | None:
    """The committee that forwarded `dispatch` (its parent's organisation), where it is one that holds
    difficulties; None for an addressee of the province (the office answers)."""
    parent = dispatch.parent if dispatch is not None and dispatch.parent_id else None
    if parent is None or parent.organisation.kind not in DIFFICULTY_HANDLER_KINDS:
        return None
    return parent.organisation


@transaction.atomic
def difficulty_raise(*, dispatch: Dispatch, text: str, by: User) -> DifficultyReport:
    """A recipient reports a difficulty to the Standing Committee through the office (3321-CV/TU).
    It goes first to the committee that forwarded the directive to it (a cell's commune, a commune's
    district), which may answer it; the answer is due DIFFICULTY_ANSWER_DAYS working days later."""
    _require_recipient(by, dispatch)
    now = timezone.now()
    report = DifficultyReport(dispatch=dispatch, text=nfc_text(text), raised_by=by, raised_at=now,
                              handler=_handler_above(dispatch),
                              answer_due=add_working_days(timezone.localdate(now), settings.DIFFICULTY_ANSWER_DAYS))
    audited_save(report, by=by)
    return report


def is_difficulty_handler(user, report: DifficultyReport) -> bool:
    """Whether `user` holds the difficulty now: an officer or leader of its `handler` committee, or
    (no handler) an editor of the office that registered the directive."""
    if report.handler_id is None:
        return holds(user, "directive.register") and (user.is_superuser
                                                       or report.dispatch.directive.owner_id == user.organisation_id)
    return holds(user, "dispatch.act") and user.organisation_id == report.handler_id


def _difficulty_transition(report: DifficultyReport, action: str, by: User) -> DifficultyReport:
    if report.handler_id is None:
        _require_office(by, report.dispatch.directive)
    elif not is_difficulty_handler(by, report):
        raise PermissionDenied(_("Only the committee now holding this difficulty may answer or pass it on."))
    sources, target = DIFFICULTY_TRANSITIONS[action]
    if report.status not in sources:
        raise ValidationError(_("This difficulty is %(status)s; it cannot be changed any more.")
                              % {"status": report.get_status_display().lower()})
    report.status = target
    return report


@transaction.atomic
def difficulty_answer(*, report: DifficultyReport, answer: str, by: User) -> DifficultyReport:
    """The provincial office answers; the sender sees the answer on their dispatch."""
    report = (DifficultyReport.objects.select_for_update(of=("self",))
              .select_related("dispatch__directive").get(pk=report.pk))
    _difficulty_transition(report, "answer", by)
    report.answer = nfc_text(answer)
    if not report.answer:
        raise ValidationError({"answer": _("Write the answer.")})
    report.answered_at, report.answered_by = timezone.now(), by
    audited_save(report, by=by)
    return report


@transaction.atomic
def difficulty_close(*, report: DifficultyReport, by: User) -> DifficultyReport:
    report = (DifficultyReport.objects.select_for_update(of=("self",))
              .select_related("dispatch__directive").get(pk=report.pk))
    _difficulty_transition(report, "close", by)
    report.closed_at, report.closed_by = timezone.now(), by
    audited_save(report, by=by, clean=False)
    return report


@transaction.atomic
def difficulty_pass_up(*, report: DifficultyReport, by: User) -> DifficultyReport:
    """A commune committee passes a difficulty it cannot answer to its district committee, a
    district committee to the office (issue 21 point 4). The answer stays due on the same day."""
    report = (DifficultyReport.objects.select_for_update(of=("self",))
              .select_related("dispatch__directive", "handler").get(pk=report.pk))
    if report.handler_id is None:
        raise ValidationError(_("This difficulty is already with the Provincial Party Office."))
    _difficulty_transition(report, "pass_up", by)
    held = (Dispatch.objects.select_related("parent__organisation")
            .filter(directive_id=report.dispatch.directive_id, organisation_id=report.handler_id).first())
    report.handler = _handler_above(held)
    audited_save(report, by=by, clean=False)
    return report


def addressee_choices(owner: Organisation):
    """Organisations the office may address: standing committee, agencies, district committees and,
    in a province without districts, commune committees."""
    province_path = owner.unit.path if owner.unit_id else "/"
    return (Organisation.objects.filter(is_active=True)
            .filter(Q(kind=OrganisationKind.AGENCY)
                    | Q(kind=OrganisationKind.STANDING_COMMITTEE, unit__path__startswith=province_path)
                    | (Q(kind__in=[OrganisationKind.DISTRICT_COMMITTEE, OrganisationKind.COMMUNE_COMMITTEE],
                         unit__path__startswith=province_path) & grouping_units("unit")))
            .order_by("kind", "name"))
