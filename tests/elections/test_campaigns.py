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
