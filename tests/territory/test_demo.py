import io

import pytest
from django.conf import settings
from django.urls import reverse

from accounts.models import Organisation, OrganisationKind, Role, User
from demo import accounts as accounts_demo
from demo import territory as territory_demo
from territory.models import Kind, Level, Unit

pytestmark = pytest.mark.django_db


def seed(password=settings.DEMO_PASSWORD):
    territory_demo.seed(password=password, stdout=io.StringIO())
    accounts_demo.seed(password=password, stdout=io.StringIO())


def counts():
    return (Unit.objects.count(), Unit.history.count(), Organisation.objects.count(), User.objects.count(),
            sorted(Unit.objects.filter(level=Level.HAMLET).values_list("name", "households")))


@pytest.fixture
def seeded():
    seed()


def test_demo_territory_is_real_tien_giang_with_about_a_thousand_hamlets(seeded):
    province = Unit.objects.get(level=Level.PROVINCE)
    assert (province.code, province.name) == ("82", "Tỉnh Tiền Giang")
    assert Unit.objects.filter(level=Level.DISTRICT).count() == 11
    assert Unit.objects.filter(level=Level.COMMUNE).count() == 164
    hamlets = Unit.objects.filter(level=Level.HAMLET)
    assert 900 <= hamlets.count() <= 1100
    assert not hamlets.filter(households__isnull=True).exists()
    # ấp in xã, khu phố in phường and thị trấn
    assert not hamlets.filter(kind=Kind.HAMLET).exclude(commune__kind=Kind.COMMUNE).exists()
    assert not hamlets.filter(kind=Kind.NEIGHBOURHOOD, commune__kind=Kind.COMMUNE).exists()
    assert hamlets.filter(name="Ấp Tân Thuận").exists() and hamlets.filter(name="Khu phố 1").exists()
    assert Organisation.objects.filter(kind=OrganisationKind.CELL).count() == hamlets.count()
    committees = dict(Organisation.objects.filter(kind=OrganisationKind.DISTRICT_COMMITTEE)
                      .values_list("unit__code", "name"))
    assert (committees["819"], committees["815"], committees["817"]) == (
        "Huyện ủy Cái Bè", "Thành ủy Mỹ Tho", "Thị ủy Cai Lậy")
    agencies = set(Organisation.objects.filter(kind=OrganisationKind.AGENCY).values_list("name", flat=True))
    assert {"Ban cán sự Đảng UBND tỉnh", "Đảng đoàn Ủy ban MTTQ Việt Nam tỉnh", "Ban Thường vụ Tỉnh đoàn",
            "Sở Nội vụ", "Ban Tổ chức Tỉnh ủy", "Ban Tuyên giáo Tỉnh ủy", "Ban Dân vận Tỉnh ủy",
            "Ủy ban Kiểm tra Tỉnh ủy", "Ban Nội chính Tỉnh ủy"} <= agencies


def test_seeding_twice_creates_nothing_twice(seeded):
    before = counts()
    seed()
    assert counts() == before


def test_the_demo_hamlets_are_the_same_on_every_database(seeded):
    names = counts()[-1]
    import random

    rng = random.Random(82)
    communes = list(Unit.objects.filter(level=Level.COMMUNE).order_by("code"))
    expected = sorted((name, households) for c in communes
                      for name, _k, households in territory_demo._hamlets_for(c, rng))
    assert names == expected


def test_every_demo_account_of_the_brief_exists_with_its_role(seeded):
    expected = {"admin": None, "vanphong": ("provincial_office", Role.OFFICER),
                "vanphong.lanhdao": ("provincial_office", Role.LEADER),
                "vanphong.xem": ("provincial_office", Role.VIEWER),
                "thuongvu": ("standing_committee", Role.VIEWER), "tinhdoan": ("agency", Role.OFFICER),
                "sonoivu": ("agency", Role.OFFICER)}
    for code in range(815, 826):
        expected |= {f"huyen{code}.canbo": ("district_committee", Role.OFFICER),
                     f"huyen{code}.lanhdao": ("district_committee", Role.LEADER),
                     f"huyen{code}.xem": ("district_committee", Role.VIEWER)}
    for district in ("815", "822"):
        for commune in Unit.objects.filter(level=Level.COMMUNE, parent__code=district).order_by("code")[:2]:
            expected |= {f"xa{commune.code}.canbo": ("commune_committee", Role.OFFICER),
                         f"xa{commune.code}.lanhdao": ("commune_committee", Role.LEADER),
                         f"chibo{commune.code}.1": ("cell", Role.OFFICER),
                         f"chibo{commune.code}.2": ("cell", Role.OFFICER)}
    users = {u.username: u for u in User.objects.select_related("organisation")}
    assert set(users) == set(expected)
    for username, spec in expected.items():
        user = users[username]
        if spec is None:
            assert user.is_superuser
        else:
            assert (user.organisation.kind, user.role) == spec, username
    assert users["huyen815.canbo"].organisation.unit.name == "Thành phố Mỹ Tho"
    assert users["tinhdoan"].organisation.name == "Ban Thường vụ Tỉnh đoàn"
    assert users["vanphong"].check_password(settings.DEMO_PASSWORD)
    assert users["chibo28249.1"].check_password(settings.DEMO_PASSWORD)


def test_one_password_sets_every_account():
    seed(password="mot-mat-khau-khac-9")
    assert all(u.check_password("mot-mat-khau-khac-9") for u in User.objects.filter(username__in=[
        "admin", "huyen819.xem", "sonoivu"]))


def test_demo_accounts_see_their_own_part(client, seeded):
    district = Unit.objects.get(level=Level.DISTRICT, code="815")
    other = Unit.objects.get(level=Level.DISTRICT, code="819")
    client.force_login(User.objects.get(username="huyen815.xem"))
    assert client.get(reverse("territory:unit", args=[district.pk])).status_code == 200
    assert client.get(reverse("territory:unit", args=[other.pk])).status_code == 404
    client.force_login(User.objects.get(username="vanphong.xem"))
    response = client.get(reverse("territory:home"))
    assert len(response.context["rows"]) == 11
    cell_user = User.objects.get(username="chibo28249.1")
    client.force_login(cell_user)
    response = client.get(reverse("territory:home"))
    assert response.context["unit"] == cell_user.organisation.unit
    assert client.get(reverse("territory:unit", args=[district.pk])).status_code == 404
