"""Query counts of every dashboard and list page do not grow with the data: the same pages are
loaded by the offices of two provinces, one several times larger than the other (more hamlets,
nominees, results, letters and dispatches), and must run the same number of queries."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from accounts.models import Role, User
from accounts.services import organisations_sync_for_territory
from territory import scale
from territory.models import Kind, Level, Unit
from territory.services import units_bulk_create
from tests.trees import PASSWORD, build_tree

pytestmark = pytest.mark.django_db


def scaled_province(code: str, extra: int):
    """A test province with `extra` more hamlets per commune, filled like `seed_demo --scale`."""
    tree = build_tree(name=f"Tỉnh Cỡ {code}", code=code)
    units_bulk_create([Unit(level=Level.HAMLET, kind=Kind.HAMLET, name=f"Ấp Thêm {i}", parent=commune,
                            households=200 + i) for commune in tree.communes for i in range(extra)])
    organisations_sync_for_territory(province=tree.province)
    office = User.objects.create_user(f"vp{code}", password=PASSWORD, organisation=tree.org("office"),
                                      role=Role.LEADER)
    election = scale._campaign(tree.province, office)
    scale._nominees(tree.province, election, office)
    scale._results(tree.province, election, office)
    scale._complaints(tree.province, election, office)
    scale._directive(tree.province, office)
    return tree, office, election


def urls(tree, election):
    from candidates.models import NomineeList
    from directives.models import Directive

    province = tree.province
    nominee_list = NomineeList.objects.filter(election=election).order_by("pk").first()
    directive = Directive.objects.filter(owner__unit=province).get()
    return {
        "dashboard": "/bao-cao/tong-quan/",
        "dashboard figures": "/bao-cao/tong-quan/so-lieu/",
        "archive": "/bao-cao/",
        "territory home": "/dia-ban/",
        "province page": f"/dia-ban/{province.pk}/",
        "district page": f"/dia-ban/{tree.districts[0].pk}/",
        "territory search": "/dia-ban/tim-kiem/?q=ap",
        "campaigns": "/bau-cu/",
        "campaign": f"/bau-cu/{election.pk}/",
        "results home": "/bau-cu/ket-qua/",
        "results province": f"/bau-cu/ket-qua/don-vi/{province.pk}/",
        "results district": f"/bau-cu/ket-qua/don-vi/{tree.districts[0].pk}/",
        "nominees home": "/nhan-su/",
        "nominees province": f"/nhan-su/dot/{election.pk}/",
        "nominee list": f"/nhan-su/danh-sach/{nominee_list.pk}/",
        "nominee search": f"/nhan-su/dot/{election.pk}/tim-kiem/?q=a",
        "complaints queue": "/don-thu/",
        "complaints overview": "/don-thu/tong-hop/",
        "directives inbox": "/van-ban/",
        "directives list": "/van-ban/danh-sach/",
        "directive tracking": f"/van-ban/{directive.pk}/",
        "directive overdue": f"/van-ban/{directive.pk}/qua-han/",
        "difficulties": "/van-ban/kho-khan/",
    }


def count(client, user, url):
    client.force_login(user)
    client.get(url)  # warm: sessions, caches
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    return response.status_code, len(queries)


def test_list_and_dashboard_pages_run_the_same_queries_whatever_the_size(client):
    small, small_office, small_election = scaled_province("97", extra=1)
    large, large_office, large_election = scaled_province("96", extra=12)
    assert Unit.objects.filter(province=large.province, level=Level.HAMLET).count() >= 4 * Unit.objects.filter(
        province=small.province, level=Level.HAMLET).count()
    small_urls, large_urls = urls(small, small_election), urls(large, large_election)
    grew = {}
    for name in small_urls:
        status_small, queries_small = count(client, small_office, small_urls[name])
        status_large, queries_large = count(client, large_office, large_urls[name])
        assert status_small == status_large and status_small in (200, 302), (name, status_small, status_large)
        if queries_large != queries_small:
            grew[name] = (queries_small, queries_large)
    assert grew == {}


def test_the_national_summary_runs_the_same_queries_for_one_province_or_two(client, admin_user):
    scaled_province("97", extra=1)
    client.force_login(admin_user)
    client.get("/bao-cao/toan-quoc/")
    with CaptureQueriesContext(connection) as one:
        client.get("/bao-cao/toan-quoc/")
    scaled_province("96", extra=6)
    with CaptureQueriesContext(connection) as two:
        response = client.get("/bao-cao/toan-quoc/")
    assert response.status_code == 200
    assert len(one) == len(two)
