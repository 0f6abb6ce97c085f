"""Demo data: Official Letter 3321-CV/TU itself, sent to its real addressees and deployed down to
the hamlet cells, with some movement (acknowledgements, plans) in a few districts.

Runs after the territory and accounts demo (which creates the organisations and users).
Idempotent: a second run finds the letter and changes nothing.
"""

import datetime
from pathlib import Path

from django.db.models import Q
from django.utils import timezone

from accounts.models import Organisation, OrganisationKind, Role, User
from directives.models import Depth, Directive, DirectiveType, Dispatch, Duties
from directives.services import directive_dispatch, directive_fan_out, directive_register

NUMBER = "3321-CV/TU"
ISSUED_ON = datetime.date(2024, 7, 26)
SUMMARY = "Lãnh đạo cuộc bầu cử Trưởng ấp, Trưởng khu phố nhiệm kỳ 2024-2029"
TEXT_FILE = Path(__file__).parent / "data" / "cong-van-3321-CV-TU.txt"
# Districts (statistical codes) that have moved: acknowledged, forwarded, some plans in.
ACTIVE_DISTRICTS = ("816", "817", "818", "820")
PLANNED_DISTRICTS = ("816", "817")


def letter_text() -> str:
    lines = [line.rstrip().replace("\\*", "*") for line in TEXT_FILE.read_text(encoding="utf-8").splitlines()]
    return "\n".join(lines).strip()


def seed(*, password: str, stdout) -> None:
    office = (Organisation.objects.filter(kind=OrganisationKind.PROVINCIAL_OFFICE, unit__isnull=False)
              .select_related("unit").order_by("pk").first())
    clerk = (User.objects.filter(organisation=office, role__in=[Role.OFFICER, Role.LEADER], is_active=True)
             .order_by("username").first() if office else None)
    if clerk is None:
        stdout.write("directives: no provincial office with an officer; 3321-CV/TU not loaded.")
        return
    directive = Directive.objects.filter(owner=office, number=NUMBER, issued_on=ISSUED_ON).first()
    if directive is not None:
        stdout.write(f"directives: {NUMBER} already loaded.")
        return
    today = timezone.localdate()
    directive = directive_register(
        by=clerk, owner=office, number=NUMBER, kind=DirectiveType.OFFICIAL_LETTER, issued_on=ISSUED_ON,
        issuer="Tỉnh ủy Tiền Giang, Ban Thường vụ", summary=SUMMARY, body=letter_text(),
        plan_required=True, plan_due=today + datetime.timedelta(days=14), duties=Duties.ADDRESSEES, ack_within_days=3,
        depth=Depth.CELLS,
    )
    addressees = Organisation.objects.filter(is_active=True).filter(
        Q(kind=OrganisationKind.AGENCY)
        | Q(kind=OrganisationKind.DISTRICT_COMMITTEE, unit__path__startswith=office.unit.path))
    directive_dispatch(directive=directive, recipients=list(addressees), by=clerk)
    created = directive_fan_out(directive=directive, by=clerk)
    _show_movement(directive, today)
    total = Dispatch.objects.filter(directive=directive).count()
    stdout.write(f"directives: {NUMBER} sent to {addressees.count()} addressees and deployed to cells: "
                 f"{total} recipients ({created} by fan-out).")


def _show_movement(directive: Directive, today: datetime.date) -> None:
    """Back-date delivery a few days, then record receipt and plans in a few districts (bulk)."""
    now = timezone.now()
    delivered = now - datetime.timedelta(days=5)
    dispatches = Dispatch.objects.filter(directive=directive)
    dispatches.update(delivered_at=delivered, ack_due=today - datetime.timedelta(days=2))
    in_active = Q()
    for code in ACTIVE_DISTRICTS:
        in_active |= Q(organisation__unit__code=code, organisation__unit__level=2) | Q(
            organisation__unit__district__code=code)
    active = dispatches.filter(in_active)
    # District and commune committees acknowledged and forwarded; every other cell acknowledged.
    (active.filter(organisation__kind__in=[OrganisationKind.DISTRICT_COMMITTEE, OrganisationKind.COMMUNE_COMMITTEE])
     .update(acknowledged_at=delivered + datetime.timedelta(days=1),
             forwarded_at=delivered + datetime.timedelta(days=1)))
    cell_ids = list(active.filter(organisation__kind=OrganisationKind.CELL).order_by("pk").values_list("pk", flat=True))
    dispatches.filter(pk__in=cell_ids[::2]).update(acknowledged_at=delivered + datetime.timedelta(days=2))
    planned = Q()
    for code in PLANNED_DISTRICTS:
        planned |= Q(organisation__unit__code=code, organisation__unit__level=2)
    dispatches.filter(planned).update(
        plan_submitted_at=delivered + datetime.timedelta(days=3),
        plan_text="Kế hoạch triển khai Công văn 3321-CV/TU: quán triệt đến các đảng ủy xã, thị trấn "
                  "trong tháng 8/2024; tổ chức hội nghị hiệp thương giới thiệu nhân sự; "
                  "bố trí Bí thư chi bộ kiêm Trưởng ấp.",
    )
