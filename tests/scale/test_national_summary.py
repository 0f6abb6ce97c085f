"""The national summary by province: for the central commission and administrators only, one row
per province with roll-ups computed in the database, and as a PDF."""

import pytest
from django.urls import reverse

from accounts.models import Organisation, OrganisationKind, Role, User
from reports.national import national_rows
from tests.scale.test_query_counts import scaled_province
from tests.trees import PASSWORD

pytestmark = pytest.mark.django_db


@pytest.fixture
def central():
    org = Organisation.objects.create(kind=OrganisationKind.CENTRAL_COMMITTEE, name="Ban Tổ chức Trung ương")
    return User.objects.create_user("trunguong", password=PASSWORD, organisation=org, role=Role.VIEWER)


def test_one_row_per_province_with_its_own_figures():
    small, _office, _e = scaled_province("97", extra=1)
    large, _office, _e = scaled_province("96", extra=4)
    rows, totals = national_rows()
    by_code = {r["code"]: r for r in rows}
    assert by_code["97"]["hamlets"] == 8 + 4 and by_code["96"]["hamlets"] == 8 + 16
    assert by_code["96"]["covered"] == 24  # every hamlet has its nominee
    assert 0 < by_code["96"]["recognised"] <= by_code["96"]["held"] <= 24
    assert totals["hamlets"] == 36
    assert totals["recognised"] == by_code["96"]["recognised"] + by_code["97"]["recognised"]


def test_the_central_commission_reads_it_and_downloads_the_pdf(client, central):
    tree, _office, _e = scaled_province("97", extra=1)
    client.force_login(central)
    response = client.get(reverse("reports:national"))
    assert response.status_code == 200
    assert tree.province.name in response.content.decode()
    pdf = client.get(reverse("reports:national_pdf"))
    assert pdf.status_code == 200 and pdf.content.startswith(b"%PDF")


@pytest.mark.parametrize("key", ["office", "standing", "district", "commune", "cell", "agency"])
def test_everyone_else_is_refused(client, key):
    tree, _office, _e = scaled_province("97", extra=1)
    client.force_login(tree.user(key, 0, "leader"))
    response = client.get(reverse("reports:national"))
    assert response.status_code == 403
    assert tree.province.name not in response.content.decode()
    assert client.get(reverse("reports:national_pdf")).status_code == 403
