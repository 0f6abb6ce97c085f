"""Demo election-period incidents (issue 21) in the hamlets of the demo cells of district 815
(Thành phố Mỹ Tho): a serious one resolved, a serious one still open, two minor ones (one resolved).
Logged by the cells and handled by the district through the services, so the serious ones notify
the district and the provincial office as in real use. Idempotent; skipped without the demo cells."""

import datetime

from django.utils import timezone

from accounts.models import OrganisationKind, Role, User
from elections.incidents import services
from elections.incidents.models import Incident, IncidentKind, IncidentStatus, Severity

DISTRICT_CODE = "815"
# (hours ago, kind, severity, place, what happened, resolution or "" for still open)
INCIDENTS = (
    (50, IncidentKind.SECURITY, Severity.SERIOUS, "Nhà văn hóa ấp",
     "Một nhóm người say rượu gây rối trước giờ khai mạc cuộc họp bầu Trưởng ấp.",
     "Công an xã đến giải tán, mời làm việc; cuộc họp khai mạc muộn 30 phút và diễn ra bình thường."),
    (6, IncidentKind.PROPAGANDA, Severity.SERIOUS, "Nhóm Zalo của ấp",
     "Tài khoản lạ đăng tin xuyên tạc về người được giới thiệu ứng cử, kêu gọi tẩy chay cuộc họp.", ""),
    (30, IncidentKind.WEATHER, Severity.MINOR, "Sân nhà văn hóa ấp",
     "Mưa lớn làm ngập sân, phải chuyển địa điểm họp vào hội trường.",
     "Tổ bầu cử chuyển cuộc họp vào hội trường, thông báo bằng loa."),
    (3, IncidentKind.DISPUTE, Severity.MINOR, "Hội trường ấp",
     "Hai hộ tranh luận về việc ghi tên đại diện hộ trong danh sách cử tri.", ""),
)


def _cells():
    return list(User.objects.filter(organisation__kind=OrganisationKind.CELL, role=Role.OFFICER, is_active=True,
                                    organisation__unit__district__code=DISTRICT_CODE)
                .select_related("organisation__unit").order_by("username")[:2])


def seed(*, password: str, stdout) -> None:
    if Incident.objects.filter(description__in=[i[4] for i in INCIDENTS]).exists():
        return
    cells = _cells()
    handler = User.objects.filter(organisation__kind=OrganisationKind.DISTRICT_COMMITTEE, role=Role.OFFICER,
                                  organisation__unit__code=DISTRICT_CODE, is_active=True).order_by("username").first()
    if not cells or handler is None:
        stdout.write("Chưa có chi bộ hoặc cán bộ Huyện ủy 815: bỏ qua vụ việc mẫu.")
        return
    now = timezone.now().replace(second=0, microsecond=0)
    for n, (hours, kind, severity, place, description, resolution) in enumerate(INCIDENTS):
        cell = cells[n % len(cells)]
        occurred = now - datetime.timedelta(hours=hours)
        incident = services.incident_log(hamlet=cell.organisation.unit, kind=kind, severity=severity,
                                         occurred_at=occurred, place=place, description=description, by=cell)
        if resolution:
            services.incident_update(incident=incident, status=IncidentStatus.RESOLVED, handler="Công an xã",
                                     resolution=resolution, resolved_at=occurred + datetime.timedelta(hours=2),
                                     by=handler)
        else:
            services.incident_update(incident=incident, status=IncidentStatus.HANDLING,
                                     handler="Ban Chỉ đạo bầu cử xã", by=handler)
    stdout.write(f"Vụ việc mẫu: {len(INCIDENTS)} vụ ở huyện 815 (2 nghiêm trọng).")
