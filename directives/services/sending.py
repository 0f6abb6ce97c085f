"""Sending a directive down: registration, dispatch to the addressees (organisations, and members of
the Provincial Party Executive Committee by name), forwarding level by level, and the one-step
fan-out to every committee and cell of the province; with the choices of who may be addressed."""

from collections.abc import Iterable

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import connection, transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.models import Organisation, OrganisationKind, User
from accounts.permissions import kinds_for, require
from common.services import audited_save
from territory.selectors import grouping_units

from ..files import check_upload
from ..models import Depth, Directive, Dispatch, PersonalDispatch
from .access import _require_office, _require_recipient
from .bulk import _bulk_insert, _history_rows_sql, _new_dispatch, _new_row

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
