"""A small province for tests: every level, two of each, with an organisation and users per role.

    tree = build_tree()
    tree.districts[0], tree.communes[0] (in district 0), tree.hamlets[0] (in commune 0)
    tree.user("district", 0, "officer")    # officer of district committee 0
    tree.user("office", role="leader")     # leader of the provincial office

Indexes: districts 0-1; communes 0-3 (0,1 in district 0; 2,3 in district 1); hamlets 0-7
(2 per commune: hamlets 0,1 in commune 0, ...). With `with_districts=False` the communes hang
directly under the province (the post-2025 shape).
"""

from dataclasses import dataclass, field

from accounts.models import Organisation, OrganisationKind, Role, User
from territory.models import Kind, Level, Unit

PASSWORD = "mat-khau-thu-nghiem-1"

KIND_BY_KEY = {
    "office": OrganisationKind.PROVINCIAL_OFFICE,
    "standing": OrganisationKind.STANDING_COMMITTEE,
    "agency": OrganisationKind.AGENCY,
    "district": OrganisationKind.DISTRICT_COMMITTEE,
    "commune": OrganisationKind.COMMUNE_COMMITTEE,
    "cell": OrganisationKind.CELL,
}


@dataclass
class Tree:
    province: Unit
    districts: list[Unit]
    communes: list[Unit]
    hamlets: list[Unit]
    organisations: dict = field(default_factory=dict)  # (key, index) -> Organisation
    users: dict = field(default_factory=dict)  # (key, index, role) -> User

    def org(self, key: str, index: int = 0) -> Organisation:
        return self.organisations[(key, index)]

    def user(self, key: str, index: int = 0, role: str = "officer") -> User:
        """The user with `role` in organisation `key` number `index`, created on first use."""
        found = self.users.get((key, index, role))
        if found is None:
            org = self.org(key, index)
            found = User.objects.create_user(
                username=f"{key}{index}.{role}", password=PASSWORD, organisation=org, role=role,
                first_name="Người dùng", last_name=f"{key} {index} {role}",
            )
            self.users[(key, index, role)] = found
        return found


def build_tree(*, name: str = "Tỉnh Thử Nghiệm", code: str = "99", with_districts: bool = True,
               households: int = 120) -> Tree:
    province = Unit.objects.create(level=Level.PROVINCE, kind=Kind.PROVINCE, name=name, code=code)
    districts, communes, hamlets = [], [], []
    if with_districts:
        for d in range(2):
            districts.append(Unit.objects.create(level=Level.DISTRICT, kind=Kind.DISTRICT, parent=province,
                                                 name=f"Huyện Thử {code}-{d}", code=f"{code}{d}"))
    for c in range(4):
        parent = districts[c // 2] if with_districts else province
        kind = Kind.COMMUNE if c % 2 == 0 else Kind.WARD
        communes.append(Unit.objects.create(level=Level.COMMUNE, kind=kind, parent=parent,
                                            name=f"{'Xã' if kind == Kind.COMMUNE else 'Phường'} Thử {code}-{c}",
                                            code=f"{code}0{c}"))
    for h in range(8):
        commune = communes[h // 2]
        kind = Kind.HAMLET if commune.kind == Kind.COMMUNE else Kind.NEIGHBOURHOOD
        label = "Ấp" if kind == Kind.HAMLET else "Khu phố"
        hamlets.append(Unit.objects.create(level=Level.HAMLET, kind=kind, parent=commune,
                                           name=f"{label} {code}-{h}", households=households))
    tree = Tree(province, districts, communes, hamlets)
    orgs = tree.organisations
    office = Organisation.objects.create(kind=OrganisationKind.PROVINCIAL_OFFICE, unit=province,
                                         name=f"Văn phòng Tỉnh ủy {code}")
    orgs[("office", 0)] = office
    orgs[("standing", 0)] = Organisation.objects.create(kind=OrganisationKind.STANDING_COMMITTEE, unit=province,
                                                        name=f"Ban Thường vụ Tỉnh ủy {code}")
    orgs[("agency", 0)] = Organisation.objects.create(kind=OrganisationKind.AGENCY, name=f"Sở Nội vụ {code}")
    for i, unit in enumerate(districts):
        orgs[("district", i)] = Organisation.objects.create(
            kind=OrganisationKind.DISTRICT_COMMITTEE, unit=unit, parent=office, name=f"Huyện ủy {unit.name}")
    for i, unit in enumerate(communes):
        parent = orgs[("district", i // 2)] if with_districts else office
        orgs[("commune", i)] = Organisation.objects.create(
            kind=OrganisationKind.COMMUNE_COMMITTEE, unit=unit, parent=parent, name=f"Đảng ủy {unit.name}")
    for i, unit in enumerate(hamlets):
        orgs[("cell", i)] = Organisation.objects.create(
            kind=OrganisationKind.CELL, unit=unit, parent=orgs[("commune", i // 2)], name=f"Chi bộ {unit.name}")
    return tree


ROLES = (Role.VIEWER, Role.OFFICER, Role.LEADER)
