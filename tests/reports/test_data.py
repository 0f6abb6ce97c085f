"""Report data: figures equal to the database's, scoped, and a query count that does not grow."""

import datetime as dt
from decimal import Decimal

import pytest
from django.utils import timezone

from reports.selectors import report_data
from tests.reports.conftest import AS_OF, elect, fail_meeting, grow, nominate, request_exception

pytestmark = pytest.mark.django_db


def test_situation_counts_units_hamlets_households_and_the_campaign(tree):
    data = report_data(user=tree.user("office"), as_of=AS_OF)
    totals = data.situation["totals"]
    assert totals["hamlets"] == 8 and totals["rural"] == 4 and totals["urban"] == 4
    assert totals["communes"] == 4
    assert totals["households"] == 8 * 120
    assert totals["scheduled"] == 4 and totals["held"] == 4
    assert [row["name"] for row in data.rows()] == [d.name for d in tree.districts]
    assert data.rows()[0]["situation"]["hamlets"] == 4
    deadlines = {d["key"]: d["days_left"] for d in data.situation["campaign"]["deadlines"]}
    assert deadlines == {"nomination_deadline": -16, "election_start": -4, "election_end": 56}


def test_nomination_rate_per_district_and_province(tree):
    nominate(tree, 0, secretary=True)
    nominate(tree, 1, secretary=False)
    request_exception(tree, 1, decision="approved")
    nominate(tree, 4, secretary=True)
    request_exception(tree, 5, decision="pending")
    data = report_data(user=tree.user("office"), as_of=AS_OF)
    nomination = data.nomination
    assert nomination["totals"]["covered"] == 3
    assert nomination["totals"]["secretaries"] == 2
    assert nomination["totals"]["rate"] == Decimal("66.7")
    first, second = data.rows()
    assert first["nomination"]["rate"] == 50.0 and second["nomination"]["rate"] == 100.0
    assert nomination["totals"]["approved"] == 1 and nomination["totals"]["pending"] == 1
    health = next(r for r in nomination["by_reason"] if r["reason"] == "health")
    assert health == {**health, "total": 2, "approved": 1, "pending": 1}
    assert {r["status"]: r["count"] for r in nomination["lists"]}["draft"] == 2


def test_figures_as_of_an_earlier_moment_leave_out_later_records(tree):
    nominate(tree, 0)
    elect(tree, 0)
    before = report_data(user=tree.user("office"), as_of=timezone.make_aware(dt.datetime(2024, 8, 1, 8, 0)))
    assert before.results["totals"]["held"] == 0
    assert before.situation["totals"]["held"] == 0


def test_results_held_elected_rerun_recognised_turnout_and_composition(tree):
    elect(tree, 0, roll=100, attending=90, woman=True)
    elect(tree, 2, roll=200, attending=150, secretary=False, recognised=False)
    fail_meeting(tree, 4, roll=100, attending=40)
    results = report_data(user=tree.user("office"), as_of=AS_OF).results["totals"]
    assert results["held"] == 3 and results["elected"] == 2 and results["rerun"] == 1
    assert results["recognised"] == 1 and results["secretaries"] == 1 and results["women"] == 1
    assert results["turnout"] == pytest.approx(round(100 * 280 / 400, 1))


def test_pending_hamlets_are_those_without_a_recognised_head(tree):
    elect(tree, 0)
    pending = report_data(user=tree.user("office"), as_of=AS_OF).pending_hamlets
    assert [h["name"] for h in pending] == [h.name for h in tree.hamlets[1:]]


def test_a_district_user_sees_its_own_communes_only(tree):
    nominate(tree, 4)
    data = report_data(user=tree.user("district", 1), as_of=AS_OF)
    assert data.root == tree.districts[1]
    assert [row["name"] for row in data.rows()] == [c.name for c in tree.communes[2:]]
    assert data.situation["totals"]["hamlets"] == 4
    assert data.nomination["totals"]["covered"] == 1


def test_a_province_without_districts_breaks_down_by_commune(db):
    from tests.reports.conftest import add_campaign
    from tests.trees import build_tree

    flat = build_tree(name="Tỉnh Hai Cấp", code="87", with_districts=False)
    flat.election = add_campaign(flat)
    data = report_data(user=flat.user("office"), as_of=AS_OF)
    assert [row["name"] for row in data.rows()] == [c.name for c in flat.communes]
    assert all(row["situation"]["hamlets"] == 2 for row in data.rows())


def _count_queries(tree, django_assert_max_num_queries):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    user = tree.user("office")
    user.organisation  # noqa: B018 - load the organisation before counting
    # 19: +1 for the tasks of the campaign's directives (issue 21; their figures add 4 when tasks exist).
    # 21: +2 for the incidents (issue 21): the figures per unit, and the serious ones the report names.
    with django_assert_max_num_queries(21), CaptureQueriesContext(connection) as queries:
        data = report_data(user=user, as_of=AS_OF)
    return data, len(queries)


def test_query_count_stays_fixed_as_the_province_grows(tree, django_assert_max_num_queries):
    from tests.reports.conftest import add_complaint, send_directive

    send_directive(tree)
    nominate(tree, 0)
    elect(tree, 0)
    add_complaint(tree, 0)
    small, small_count = _count_queries(tree, django_assert_max_num_queries)
    grow(tree, communes_per_district=4, hamlets_per_commune=5)
    for index in range(8, 30):
        nominate(tree, index, secretary=index % 2 == 0)
        request_exception(tree, index, decision="approved")
        elect(tree, index)
        add_complaint(tree, index, with_identity=False)
    big, big_count = _count_queries(tree, django_assert_max_num_queries)
    assert big_count == small_count
    assert big.situation["totals"]["hamlets"] == small.situation["totals"]["hamlets"] + 40
    assert big.results["totals"]["recognised"] == 23
    assert big.complaints["totals"]["received"] == 23


def test_directive_deployment_by_level_and_district_as_of_the_moment(tree):
    from tests.reports.conftest import send_directive

    send_directive(tree, acknowledged=("district", 0))
    data = report_data(user=tree.user("office"), as_of=AS_OF)
    directives = data.directives
    assert directives["totals"]["directives"] == 1
    assert directives["totals"]["dispatches"] == 15 and directives["totals"]["acknowledged"] == 1
    assert directives["totals"]["overdue"] == 14
    levels = {row["kind"]: (row["dispatches"], row["acknowledged"]) for row in directives["by_level"]}
    assert levels == {"agency": (1, 0), "district_committee": (2, 1), "commune_committee": (4, 0), "cell": (8, 0)}
    first, second = data.rows()
    assert first["directives"]["dispatches"] == 7 and first["directives"]["acknowledged"] == 1
    assert second["directives"]["dispatches"] == 7 and second["directives"]["ack_rate"] == 0
    assert directives["difficulties"] == {"raised": 1, "answered": 1, "open": 0}
    earlier = report_data(user=tree.user("office"), as_of=timezone.make_aware(dt.datetime(2024, 8, 1)))
    assert earlier.directives["totals"]["dispatches"] == 0


def test_complaints_are_counted_by_kind_and_district(tree):
    from tests.reports.conftest import add_complaint

    add_complaint(tree, 0, kind="to_cao")
    add_complaint(tree, 1, kind="khieu_nai", status="closed")
    add_complaint(tree, 4, kind="to_cao", status="not_processed", with_identity=False)
    data = report_data(user=tree.user("office"), as_of=AS_OF)
    totals = data.complaints["totals"]
    assert totals == {"received": 3, "not_processed": 1, "resolved": 1, "pending": 1, "overdue": 1}
    denunciations = next(k for k in data.complaints["by_kind"] if k["kind"] == "to_cao")
    assert denunciations["received"] == 2 and denunciations["pending"] == 1
    first, second = data.rows()
    assert first["complaints"]["received"] == 2 and second["complaints"]["not_processed"] == 1


def test_the_pending_count_matches_the_appendix_list(tree):
    elect(tree, 0)
    elect(tree, 5, recognised=False)
    data = report_data(user=tree.user("office"), as_of=AS_OF)
    assert data.pending_count == len(data.pending_hamlets) == 7
    assert report_data(user=tree.user("office"), as_of=AS_OF, with_pending=False).pending_hamlets == []
