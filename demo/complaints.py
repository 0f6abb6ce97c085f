"""Demo letters in district 815 (Thành phố Mỹ Tho): a signed denunciation about a nominee being
verified, and an anonymous letter not processed. Idempotent; skipped when there is no nominee."""

import datetime

from accounts.models import OrganisationKind, Role, User
from candidates.models import Nominee
from complaints import rules, services
from complaints.models import Complaint

DISTRICT_CODE = "815"
SIGNED = "Tố cáo người được giới thiệu không thường trú tại ấp"
ANONYMOUS = "Thư không ký tên phản ánh về nhân sự ấp"


def _user(kind, role):
    return (User.objects.filter(organisation__kind=kind, organisation__unit__district__code=DISTRICT_CODE,
                                role=role, is_active=True).order_by("username").first()
            if kind != OrganisationKind.DISTRICT_COMMITTEE else
            User.objects.filter(organisation__kind=kind, organisation__unit__code=DISTRICT_CODE, role=role,
                                is_active=True).order_by("username").first())


def seed(*, password: str, stdout) -> None:
    if Complaint.objects.filter(summary__in=[SIGNED, ANONYMOUS]).exists():
        return
    handler = _user(OrganisationKind.DISTRICT_COMMITTEE, Role.OFFICER)
    approver = _user(OrganisationKind.DISTRICT_COMMITTEE, Role.LEADER)
    clerk = _user(OrganisationKind.COMMUNE_COMMITTEE, Role.OFFICER) or handler
    if handler is None:
        stdout.write("Chưa có cán bộ Huyện ủy 815: bỏ qua đơn thư mẫu.")
        return
    nominees = (Nominee.objects.filter(status="active", hamlet_election__hamlet__district__code=DISTRICT_CODE)
                .select_related("hamlet_election__hamlet").order_by("pk"))
    nominee = None
    if clerk.organisation.kind == OrganisationKind.COMMUNE_COMMITTEE:
        nominee = nominees.filter(hamlet_election__hamlet__commune=clerk.organisation.unit).first()
    nominee = nominee or nominees.first()
    if nominee is None:
        stdout.write("Chưa có người được giới thiệu ở huyện 815: bỏ qua đơn thư mẫu.")
        return
    if not rules.covers(clerk, nominee.hamlet_election.hamlet):
        clerk = handler
    # Received well before the campaign's nomination deadline, however old the campaign is.
    deadline = nominee.hamlet_election.election.nomination_deadline
    received = min(datetime.date.today() - datetime.timedelta(days=4), deadline - datetime.timedelta(days=20))
    signed = services.complaint_register(
        by=clerk, kind="to_cao", channel="in_person", received_on=received, hamlet=nominee.hamlet_election.hamlet,
        nominee=nominee, summary=SIGNED, content="Người gửi cho rằng người được giới thiệu đã chuyển hộ khẩu "
        "khỏi ấp từ năm 2022 và không còn sinh sống tại địa phương.",
        handler=handler, approver=approver, sender_name="Trần Văn Minh", sender_address="Ấp demo, Mỹ Tho",
        sender_phone="0900000000")
    services.complaint_classify(complaint=signed, by=handler)
    services.complaint_accept(complaint=signed, by=handler, internal_note="Đủ điều kiện thụ lý.")
    services.complaint_start_verification(complaint=signed, by=handler,
                                          internal_note="Giao tổ xác minh làm việc với công an xã.")
    anonymous = services.complaint_register(
        by=clerk, kind="phan_anh", channel="post", received_on=received, hamlet=nominee.hamlet_election.hamlet,
        summary=ANONYMOUS, content="Thư không ghi tên, không địa chỉ.", signatories=0, signed_in_person=False,
        handler=handler)
    services.complaint_classify(complaint=anonymous, by=handler)
    stdout.write("Đơn thư mẫu: 2 đơn ở huyện 815.")
