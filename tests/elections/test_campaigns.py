import datetime
import io

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import connection
from django.test.utils import CaptureQueriesContext

from elections.models import Election, HamletElection
from elections.services import election_create, election_sync_hamlets
from territory.models import Kind, Level, Unit
from tests.trees import build_tree

pytestmark = pytest.mark.django_db

FIELDS = {"name": "Bầu cử Trưởng ấp, Trưởng khu phố nhiệm kỳ 2024-2029", "term_start_year": 2024,
          "term_end_year": 2029, "term_months": 60, "nomination_deadline": datetime.date(2024, 9, 30),
          "election_start": datetime.date(2024, 10, 1), "election_end": datetime.date(2024, 11, 30)}


def test_campaign_creates_one_hamlet_election_per_active_hamlet():
    tree = build_tree()
    tree.hamlets[7].is_active = False
    tree.hamlets[7].save()
    election = election_create(by=tree.user("office", 0, "officer"), province=tree.province, **FIELDS)
    hamlets = set(election.hamlet_elections.values_list("hamlet_id", flat=True))
    assert hamlets == {h.pk for h in tree.hamlets[:7]}
    assert election.created_by == tree.user("office", 0, "officer")
    assert election.history.first().history_user == tree.user("office", 0, "officer")


def test_campaign_creation_uses_a_fixed_number_of_queries():
    counts = []
    for code, extra in (("71", 0), ("72", 60)):
        tree = build_tree(code=code)
        for i in range(extra):
            Unit.objects.create(level=Level.HAMLET, kind=Kind.HAMLET, parent=tree.communes[i % 4], name=f"Ấp {i}")
        office = tree.organisations[("office", 0)]
        from accounts.models import User
        user = User.objects.create_user(username=f"vp{code}", organisation=office, role="leader")
        with CaptureQueriesContext(connection) as ctx:
            election_create(by=user, province=tree.province, **FIELDS)
        counts.append(len(ctx.captured_queries))
    assert counts[0] == counts[1]


@pytest.mark.parametrize("key,role", [("office", "viewer"), ("standing", "viewer"), ("district", "leader"),
                                      ("agency", "officer"), ("commune", "officer")])
def test_only_office_officers_and_leaders_create_campaigns(key, role):
    tree = build_tree()
    with pytest.raises(PermissionDenied):
        election_create(by=tree.user(key, 0, role), province=tree.province, **FIELDS)
    assert not Election.objects.exists()


def test_office_of_another_province_cannot_create():
    tree, other = build_tree(), build_tree(code="98", name="Tỉnh Khác")
    with pytest.raises(PermissionDenied):
        election_create(by=other.user("office", 0, "leader"), province=tree.province, **FIELDS)


def test_dates_are_checked():
    tree = build_tree()
    with pytest.raises(ValidationError):
        election_create(by=tree.user("office"), province=tree.province,
                        **{**FIELDS, "election_end": datetime.date(2024, 9, 1)})
    with pytest.raises(ValidationError):
        election_create(by=tree.user("office"), province=tree.province,
                        **{**FIELDS, "nomination_deadline": datetime.date(2024, 10, 15)})
    with pytest.raises(ValidationError):
        election_create(by=tree.user("office"), province=tree.districts[0], **FIELDS)
    assert not Election.objects.exists()


def test_sync_adds_hamlets_imported_later_and_is_idempotent():
    tree = build_tree()
    election = election_create(by=tree.user("office"), province=tree.province, **FIELDS)
    Unit.objects.create(level=Level.HAMLET, kind=Kind.HAMLET, parent=tree.communes[0], name="Ấp Mới")
    assert election_sync_hamlets(election=election) == 1
    assert election_sync_hamlets(election=election) == 0
    assert HamletElection.objects.filter(election=election).count() == 9


def test_demo_campaign_is_idempotent():
    from demo import elections as demo
    tree = build_tree(code="82", name="Tỉnh Tiền Giang")
    tree.user("office", 0, "officer")
    out = io.StringIO()
    demo.seed(password="x", stdout=out)
    demo.seed(password="x", stdout=out)
    election = Election.objects.get()
    assert election.name == demo.DEMO_NAME and election.term_months == 60
    assert (election.nomination_deadline, election.election_start, election.election_end) == (
        datetime.date(2024, 9, 30), datetime.date(2024, 10, 1), datetime.date(2024, 11, 30))
    assert election.hamlet_elections.count() == 8


@pytest.mark.parametrize(("start", "end", "months"), [
    (2024, 2029, 60),  # five years
    (2024, 2026, 30),  # a 2.5-year term (TT 04/2012 Điều 12), labelled over two years...
    (2016, 2019, 30),  # ...or three, as Tiền Giang's 2016-2019 term was
])
def test_a_term_that_follows_the_campaign_years_is_accepted(start, end, months):
    tree = build_tree()
    election = election_create(by=tree.user("office"), province=tree.province,
                               **{**FIELDS, "term_start_year": start, "term_end_year": end, "term_months": months})
    assert election.term_months == months


@pytest.mark.parametrize(("start", "end", "months"), [
    (2024, 2029, 59), (2024, 2029, 61), (2024, 2029, 30), (2024, 2028, 48), (2024, 2028, 60), (2024, 2026, 24),
    (2024, 2027, 36), (2024, 2025, 12),
])
def test_a_term_that_does_not_follow_the_campaign_years_is_refused(start, end, months):
    tree = build_tree()
    with pytest.raises(ValidationError) as error:
        election_create(by=tree.user("office"), province=tree.province,
                        **{**FIELDS, "term_start_year": start, "term_end_year": end, "term_months": months})
    assert list(error.value.message_dict) == ["term_months"]
    assert f"{start}-{end}" in error.value.message_dict["term_months"][0]
    assert not Election.objects.exists()


def test_the_campaign_form_refuses_a_term_that_does_not_follow_the_years(client):
    from django.urls import reverse

    tree = build_tree()
    client.force_login(tree.user("office", 0, "officer"))
    data = {**FIELDS, "province": tree.province.pk, "term_months": 48, "nomination_deadline": "30/09/2024",
            "election_start": "01/10/2024", "election_end": "30/11/2024"}
    response = client.post(reverse("elections:create"), data)
    assert response.status_code == 200 and "2024-2029" in response.content.decode()
    assert not Election.objects.exists()


def test_the_admin_refuses_a_term_that_does_not_follow_the_years(admin_client):
    from django.urls import reverse

    tree = build_tree()
    election = election_create(by=tree.user("office"), province=tree.province, **FIELDS)
    url = reverse("admin:elections_election_change", args=[election.pk])
    data = {"name": election.name, "term_start_year": 2024, "term_end_year": 2029, "term_months": 30,
            "nomination_deadline": "30/09/2024", "election_start": "01/10/2024", "election_end": "30/11/2024",
            "is_active": "on"}
    response = admin_client.post(url, data)
    assert response.status_code == 200 and "2024-2029" in response.content.decode()
    election.refresh_from_db()
    assert election.term_months == 60
    assert admin_client.post(url, {**data, "term_months": 60}).status_code == 302
