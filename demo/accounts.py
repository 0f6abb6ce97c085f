"""Demo accounts for each role at each level (after `demo.territory` has created the organisations).

    admin                                  administrator
    vanphong, vanphong.lanhdao, vanphong.xem   provincial office: officer, leader, viewer
    thuongvu                               standing committee, viewer
    tinhdoan, sonoivu                      agencies (Tỉnh đoàn, Sở Nội vụ), officers
    huyen<code>.canbo|.lanhdao|.xem        every district (815-825): officer, leader, viewer
    xa<code>.canbo|.lanhdao                the first two communes of districts 815 and 822
    chibo<commune code>.<n>                cells of the first two hamlets of those communes, officers

All share one password (`seed_demo --password`, default settings.DEMO_PASSWORD). Idempotent.
"""

from django.contrib.auth.hashers import make_password
from simple_history.utils import bulk_create_with_history

from accounts.models import Organisation, OrganisationKind, Role, User
from territory.models import Level, Unit

DEMO_DISTRICTS_WITH_COMMUNES = ("815", "822")
FIRST_NAMES = ("Nguyễn Văn", "Trần Thị", "Lê Văn", "Phạm Thị", "Huỳnh Văn", "Võ Thị", "Đặng Văn", "Bùi Thị",
               "Đỗ Văn", "Hồ Thị", "Ngô Văn", "Dương Thị")
LAST_NAMES = ("An", "Bình", "Cường", "Dung", "Giang", "Hạnh", "Khoa", "Lan", "Minh", "Nga", "Phúc", "Quang",
              "Sơn", "Tâm", "Thảo", "Uyên", "Việt", "Xuân")
POSITIONS = {Role.VIEWER: "Chuyên viên theo dõi", Role.OFFICER: "Chuyên viên", Role.LEADER: "Phó Chánh Văn phòng"}
# Demo accounts that are members of the Provincial Party Executive Committee (Tỉnh ủy viên), to
# whom letters like 3321-CV/TU are addressed by name: the office's leader and two district leaders.
PROVINCIAL_COMMITTEE_MEMBERS = ("vanphong.lanhdao", "huyen815.lanhdao", "huyen822.lanhdao")


def _user_specs() -> list[tuple[str, Organisation, str]]:
    """(username, organisation, role) of every demo account but `admin`."""
    specs = []
    province = Unit.objects.filter(level=Level.PROVINCE, code="82").first()
    if province is None:
        return specs
    orgs = {(o.kind, o.unit_id): o for o in Organisation.objects.filter(unit__province=province)
            .exclude(kind=OrganisationKind.CELL)}
    office = orgs.get((OrganisationKind.PROVINCIAL_OFFICE, province.pk))
    standing = orgs.get((OrganisationKind.STANDING_COMMITTEE, province.pk))
    if office:
        specs += [("vanphong", office, Role.OFFICER), ("vanphong.lanhdao", office, Role.LEADER),
                  ("vanphong.xem", office, Role.VIEWER)]
    if standing:
        specs.append(("thuongvu", standing, Role.VIEWER))
    agencies = {o.name: o for o in Organisation.objects.filter(kind=OrganisationKind.AGENCY)}
    for username, name in (("tinhdoan", "Ban Thường vụ Tỉnh đoàn"), ("sonoivu", "Sở Nội vụ")):
        if name in agencies:
            specs.append((username, agencies[name], Role.OFFICER))
    districts = list(Unit.objects.filter(level=Level.DISTRICT, province=province).order_by("code"))
    for district in districts:
        org = orgs.get((OrganisationKind.DISTRICT_COMMITTEE, district.pk))
        if org:
            specs += [(f"huyen{district.code}.canbo", org, Role.OFFICER),
                      (f"huyen{district.code}.lanhdao", org, Role.LEADER),
                      (f"huyen{district.code}.xem", org, Role.VIEWER)]
    communes = [c for d in districts if d.code in DEMO_DISTRICTS_WITH_COMMUNES
                for c in Unit.objects.filter(level=Level.COMMUNE, parent=d).order_by("code")[:2]]
    cells = {o.unit_id: o for o in Organisation.objects.filter(kind=OrganisationKind.CELL, unit__commune__in=communes)}
    for commune in communes:
        org = orgs.get((OrganisationKind.COMMUNE_COMMITTEE, commune.pk))
        if org:
            specs += [(f"xa{commune.code}.canbo", org, Role.OFFICER), (f"xa{commune.code}.lanhdao", org, Role.LEADER)]
        hamlets = Unit.objects.filter(level=Level.HAMLET, parent=commune).order_by("pk")[:2]
        for n, hamlet in enumerate(hamlets, start=1):
            if hamlet.pk in cells:
                specs.append((f"chibo{commune.code}.{n}", cells[hamlet.pk], Role.OFFICER))
    return specs


def seed(*, password: str, stdout) -> None:
    hashed = make_password(password)  # hashed once: every demo account shares the password
    admin, created = User.objects.get_or_create(
        username="admin", defaults={"is_staff": True, "is_superuser": True, "first_name": "Quản trị"}
    )
    if created:
        admin.password = hashed
        admin.save(update_fields=["password"])
    specs = _user_specs()
    existing = set(User.objects.filter(username__in=[s[0] for s in specs]).values_list("username", flat=True))
    new = []
    for i, (username, organisation, role) in enumerate(specs):
        if username in existing:
            continue
        new.append(User(username=username, password=hashed, organisation=organisation, role=role,
                        first_name=FIRST_NAMES[i % len(FIRST_NAMES)], last_name=LAST_NAMES[i % len(LAST_NAMES)],
                        position=POSITIONS[role]))
    bulk_create_with_history(new, User)
    for member in User.objects.filter(username__in=PROVINCIAL_COMMITTEE_MEMBERS, is_provincial_committee_member=False):
        member.is_provincial_committee_member = True
        member.save(update_fields=["is_provincial_committee_member"])
    stdout.write(f"Tài khoản dùng thử: {len(new)} tài khoản mới, {len(existing) + int(not created)} đã có.")


def demo_accounts() -> list[tuple[str, str]]:
    """(username, description) of every demo account, administrators first."""
    users = User.objects.select_related("organisation").order_by("-is_superuser", "organisation__kind", "username")
    return [
        (u.username, "Quản trị hệ thống" if u.is_superuser else f"{u.organisation} · {u.get_role_display()}")
        for u in users
    ]
