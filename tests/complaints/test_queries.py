import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from complaints import services
from complaints.selectors import complaint_overview, complaint_summary
from tests.trees import build_tree

from .conftest import make_world, register

pytestmark = pytest.mark.django_db


def count_queries(fn):
    with CaptureQueriesContext(connection) as ctx:
        fn()
    return len(ctx.captured_queries)


def test_list_overview_and_export_use_a_fixed_number_of_queries(client, django_assert_max_num_queries):
    world = make_world()
    office = world.user("office", 0, "officer")
    client.force_login(office)
    register(world, hamlet_index=0)
    pages = [reverse("complaints:queue"), reverse("complaints:overview"), reverse("complaints:overview_export")]
    before = [count_queries(lambda url=url: client.get(url)) for url in pages]
    for index in range(1, 8):
        register(world, hamlet_index=index, by=office, handler=office)
        register(world, hamlet_index=index, by=office, handler=office, nominee=False, kind="phan_anh")
    after = [count_queries(lambda url=url: client.get(url)) for url in pages]
    assert after == before
    with django_assert_max_num_queries(14):
        client.get(pages[0])
    with django_assert_max_num_queries(3):  # grouped counts, area names, totals
        complaint_overview(office)
    with django_assert_max_num_queries(1):
        summary = complaint_summary(office)
    assert summary["received"] == 15


def test_the_overview_groups_by_district_and_falls_back_to_communes_without_districts():
    world = make_world()
    register(world, hamlet_index=0)
    register(world, hamlet_index=5, by=world.user("office", 0, "officer"))
    rows, totals = complaint_overview(world.user("office", 0, "officer"))
    assert [(r.area, r.received) for r in rows] == [(world.tree.districts[0], 1), (world.tree.districts[1], 1)]
    assert totals["received"] == 2 and totals["pending"] == 2
    tree = build_tree(code="96", with_districts=False)  # the post-2025 shape: no district level
    officer = tree.user("commune", 1, "officer")
    services.complaint_register(by=officer, kind="phan_anh", channel="post", received_on=datetime.date.today(),
                                hamlet=tree.hamlets[2], summary="Phản ánh")
    rows, totals = complaint_overview(officer)
    assert [(r.area, r.received) for r in rows] == [(tree.communes[1], 1)]
