"""Demo data: Official Letter 3321-CV/TU itself, sent to its real addressees and deployed down to
the hamlet cells, with some movement (acknowledgements, plans) in a few districts, and its five
tasks, some of them reported by the active districts and their communes.

Runs after the territory and accounts demo (which creates the organisations and users).
Idempotent: a second run finds the letter and changes nothing.
"""

import datetime
from pathlib import Path

from django.db.models import Q
from django.utils import timezone

from accounts.models import Organisation, OrganisationKind, Role, User
from directives.assignments.models import FieldKind
from directives.assignments.services import field_key, task_define, task_report_submit
from directives.models import Depth, Directive, DirectiveType, Dispatch, Duties, IssuerKind
from directives.services import (
    directive_address_members,
    directive_dispatch,
    directive_fan_out,
    directive_register,
    member_choices,
)

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
    _state_guidance(office, clerk, stdout)
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
    # "Kính gửi: Các Ủy viên Ban chấp hành Đảng bộ tỉnh": each member by name, for information.
    directive_address_members(directive=directive, members=list(member_choices(office)), by=clerk)
    created = directive_fan_out(directive=directive, by=clerk)
    _show_movement(directive, today)
    _tasks(directive, clerk, today)
    total = Dispatch.objects.filter(directive=directive).count()
    stdout.write(f"directives: {NUMBER} sent to {addressees.count()} addressees and deployed to cells: "
                 f"{total} recipients ({created} by fan-out).")


# The state guidance that carries the procedure, registered beside the Party's letter (issue 21
# point 4). Illustrative: the number, date and text are the demo's, not a real Sở Nội vụ document.
GUIDANCE_NUMBER = "15/HD-SNV"
GUIDANCE_ISSUED_ON = datetime.date(2024, 8, 2)
GUIDANCE_SUMMARY = "Hướng dẫn quy trình bầu cử Trưởng ấp, Trưởng khu phố nhiệm kỳ 2024-2029"
GUIDANCE_TEXT = (
    "Sở Nội vụ hướng dẫn Ủy ban nhân dân các huyện, thành phố, thị xã tổ chức bầu cử Trưởng ấp, Trưởng khu phố: "
    "thành lập Tổ bầu cử, niêm yết danh sách cử tri, tổ chức cuộc họp cử tri hoặc cử tri đại diện hộ gia đình, "
    "lập biên bản kết quả bầu cử và trình Chủ tịch Ủy ban nhân dân cấp xã ra quyết định công nhận.\n"
    "(Văn bản minh họa của dữ liệu mẫu.)"
)


def _state_guidance(office: Organisation, clerk: User, stdout) -> None:
    """Sở Nội vụ's guidance, registered by the office and sent to the district committees for
    information ("để biết"). Idempotent."""
    if Directive.objects.filter(owner=office, number=GUIDANCE_NUMBER, issued_on=GUIDANCE_ISSUED_ON).exists():
        return
    districts = list(Organisation.objects.filter(is_active=True, kind=OrganisationKind.DISTRICT_COMMITTEE,
                                                 unit__path__startswith=office.unit.path))
    directive_register(
        by=clerk, owner=office, issuer_kind=IssuerKind.DEPARTMENT, number=GUIDANCE_NUMBER,
        kind=DirectiveType.GUIDANCE, issued_on=GUIDANCE_ISSUED_ON, issuer="Sở Nội vụ tỉnh Tiền Giang",
        summary=GUIDANCE_SUMMARY, body=GUIDANCE_TEXT, duties=Duties.ADDRESSEES, ack_within_days=3,
        depth=Depth.ADDRESSEES, for_information=districts,
    )
    stdout.write(f"directives: {GUIDANCE_NUMBER} registered, sent for information to {len(districts)} "
                 "district committees.")


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


D, C, CELL, A = (OrganisationKind.DISTRICT_COMMITTEE, OrganisationKind.COMMUNE_COMMITTEE, OrganisationKind.CELL,
                 OrganisationKind.AGENCY)
# The five tasks 3321-CV/TU gives its recipients: (title, levels, days until due, fields).
TASKS = [
    ("Quán triệt, triển khai các quy định về bầu cử Trưởng ấp, Trưởng khu phố", (D, C), 10, [
        {"label": "Ngày tổ chức hội nghị quán triệt", "kind": FieldKind.DATE},
        {"label": "Hội nghị quán triệt", "kind": FieldKind.NUMBER, "unit": "cuộc"},
        {"label": "Cán bộ, đảng viên tham dự", "kind": FieldKind.NUMBER, "unit": "lượt"}]),
    ("Tuyên truyền trong cán bộ, đảng viên và Nhân dân về tiêu chuẩn Trưởng ấp, Trưởng khu phố", (D, C, CELL), 20, [
        {"label": "Băng rôn, khẩu hiệu", "kind": FieldKind.NUMBER, "unit": "cái"},
        {"label": "Buổi phát thanh trên loa", "kind": FieldKind.NUMBER, "unit": "buổi"},
        {"label": "Cuộc họp tổ dân", "kind": FieldKind.NUMBER, "unit": "cuộc"}]),
    ("Lãnh đạo hiệp thương giới thiệu người ứng cử, thực hiện chủ trương Bí thư chi bộ kiêm Trưởng ấp", (D, C), 25, [
        {"label": "Đã tổ chức hiệp thương", "kind": FieldKind.YES_NO},
        {"label": "Ấp có Bí thư chi bộ được giới thiệu", "kind": FieldKind.NUMBER, "unit": "ấp"}]),
    ("Chuẩn bị cơ sở vật chất, kinh phí; bảo đảm an ninh, trật tự ngày bầu cử", (D, C), 30, [
        {"label": "Có kế hoạch bảo vệ an ninh được phê duyệt", "kind": FieldKind.YES_NO},
        {"label": "Ngày phê duyệt kế hoạch", "kind": FieldKind.DATE, "required": False},
        {"label": "Cấp phê duyệt", "kind": FieldKind.TEXT, "required": False},
        {"label": "Kinh phí được bố trí", "kind": FieldKind.NUMBER, "unit": "đồng"}]),
    ("Xây dựng kế hoạch cụ thể, báo cáo khó khăn, vướng mắc", (D, A), 14, [
        {"label": "Kế hoạch triển khai", "kind": FieldKind.FILE, "required": False},
        {"label": "Khó khăn, vướng mắc", "kind": FieldKind.TEXT, "required": False}]),
]


def _tasks(directive: Directive, clerk, today: datetime.date) -> None:
    """The five tasks, with the conferences and the security plans reported by the active districts
    and the communes of the districts that sent their plan (figures made up, deterministic)."""
    defined = [task_define(directive=directive, by=clerk, title=title, levels=levels, fields=fields,
                           due=today + datetime.timedelta(days=days)) for title, levels, days, fields in TASKS]
    officers = {u.organisation_id: u for u in User.objects.filter(
        role=Role.OFFICER, is_active=True, organisation__dispatches__directive=directive,
        organisation__kind__in=[D, C]).order_by("-username")}
    reporting = Q()
    for code in ACTIVE_DISTRICTS:
        reporting |= Q(organisation__kind=D, organisation__unit__code=code, organisation__unit__level=2)
    for code in PLANNED_DISTRICTS:
        reporting |= Q(organisation__kind=C, organisation__unit__district__code=code)
    dispatches = Dispatch.objects.filter(directive=directive).filter(reporting).select_related("organisation")
    conferences, security = defined[0], defined[3]
    held, meetings, attendees = [field_key(f) for f in conferences.fields.all()]
    plan, approved_on, approver, budget = [field_key(f) for f in security.fields.all()]
    for n, dispatch in enumerate(dispatches.order_by("pk")):
        by = officers.get(dispatch.organisation_id)
        if by is None:
            continue
        district = dispatch.organisation.kind == D
        task_report_submit(dispatch=dispatch, task=conferences, by=by, values={
            held: today - datetime.timedelta(days=3 + n % 3), meetings: 2 if district else 1,
            attendees: 180 + 10 * (n % 7) if district else 35 + n % 20})
        if n % 3:
            task_report_submit(dispatch=dispatch, task=security, by=by, values={
                plan: n % 4 != 1, approved_on: today - datetime.timedelta(days=1), approver: "Ban Thường vụ",
                budget: 15_000_000 if district else 5_000_000})
