"""The national role: the central organisation commission (Ban Tổ chức Trung ương) sees every
province; a provincial office still sees only its own."""

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from accounts.models import Organisation, OrganisationKind, Role, User
from territory.models import Level, Unit
from territory.scoping import scope_of
from tests.trees import PASSWORD, build_tree

pytestmark = pytest.mark.django_db


@pytest.fixture
def country():
    return build_tree(), build_tree(name="Tỉnh Khác", code="98")


@pytest.fixture
def central(country):
    org = Organisation.objects.create(kind=OrganisationKind.CENTRAL_COMMITTEE, name="Ban Tổ chức Trung ương")
    return User.objects.create_user("trunguong", password=PASSWORD, organisation=org, role=Role.VIEWER)


def hamlet_ids(user):
    return set(Unit.objects.filter(level=Level.HAMLET).visible_to(user).values_list("pk", flat=True))


def test_the_central_commission_sees_every_province(country, central):
    first, second = country
    assert scope_of(central).everything
    assert hamlet_ids(central) == {h.pk for h in first.hamlets + second.hamlets}
    assert Unit.objects.get_visible_or_404(central, pk=second.hamlets[-1].pk)


def test_a_provincial_office_still_sees_one_province(country, central):
    first, second = country
    assert hamlet_ids(first.user("office")) == {h.pk for h in first.hamlets}


def test_an_inactive_central_commission_sees_nothing(country, central):
    central.organisation.is_active = False
    central.organisation.save()
    central = User.objects.get(pk=central.pk)
    assert hamlet_ids(central) == set()


def test_the_central_commission_needs_no_unit(db):
    Organisation(kind=OrganisationKind.CENTRAL_COMMITTEE, name="Ban Tổ chức Trung ương").full_clean()
    with pytest.raises(ValidationError):
        Organisation(kind=OrganisationKind.DISTRICT_COMMITTEE, name="Huyện ủy không địa bàn").full_clean()


def test_the_central_commission_opens_the_dashboard_of_any_province(client, country, central):
    first, second = country
    client.force_login(central)
    response = client.get(reverse("reports:dashboard"), {"unit": second.province.pk})
    assert response.status_code == 200
    assert second.province.name in response.content.decode()
