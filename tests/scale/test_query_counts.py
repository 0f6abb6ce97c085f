"""Query counts of every dashboard and list page are pinned (NetBox style: exact numbers) and do
not grow with the data: the same pages are loaded by the offices of two provinces, one several
times larger than the other (more hamlets, nominees, results, letters and dispatches), and must
run exactly the pinned number of queries. A page that gains a query (an N+1, a lost
select_related) fails here; if the new number is right, change it in QUERIES."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import resolve

from accounts.models import Role, User
from accounts.services import organisations_sync_for_territory
from demo import scale
from territory.models import Kind, Level, Unit
from territory.services import units_bulk_create
from tests.access.discovery import ALL, PORTAL
from tests.trees import PASSWORD, build_tree

pytestmark = pytest.mark.django_db

# Page label -> (URL name, queries on SQLite for the province office's leader, after a warm-up request).
QUERIES = {
    # Home and dashboard: the report's figures (the directives section reads its tasks too), and +6 for
    # the user's pending work (issue 20): the inbox and the difficulties (one aggregate each), the active
    # campaign and its lists to review, the letters due and the serious incidents (one count each).
    # The results section reads the incidents per unit in one grouped aggregate (issue 21). +1: the
    # organisation's own dispatches still owing a task report (empty for the office; 3 for a recipient).
    "home": ("home", 30),
    "dashboard": ("reports:dashboard", 30),
    "dashboard figures": ("reports:figures", 23),
    "archive": ("reports:archive", 6),
    "territory home": ("territory:home", 6),
    "province page": ("territory:unit", 7),
    "district page": ("territory:unit", 8),
    "territory search": ("territory:search", 6),
    "campaigns": ("elections:list", 6),
    "campaign": ("elections:detail", 7),
    "results home": ("elections:results", 5),
    "results province": ("elections:results_unit", 8),
    "results district": ("elections:results_unit", 9),
    "nominees home": ("candidates:index", 5),
    "nominees province": ("candidates:province", 10),
    "nominee list": ("candidates:list", 12),  # with the cells' secretaries and the open letters (issue 14)
    "nominee search": ("candidates:search", 9),
    "complaints queue": ("complaints:queue", 7),
    "complaints overview": ("complaints:overview", 7),
    "directives inbox": ("directives:inbox", 6),  # +1: the directives addressed to the user by name (issue 21)
    "directives list": ("directives:list", 6),
    "directive tracking": ("directives:tracking", 11),  # +1: tasks, +1: members addressed by name (issue 21)
    "directive overdue": ("directives:overdue", 7),
    "difficulties": ("directives:difficulties", 6),
    "incidents": ("elections:incidents", 7),  # with the notices of serious incidents to the office
    "national summary": ("reports:national", 7),
    "cell secretaries": ("cell_secretaries", 7),
}
# Where PostgreSQL runs a different number (label -> queries); empty while the counts agree.
QUERIES_ON_POSTGRESQL: dict[str, int] = {}
# Pages without an object in their URL that are not lists: forms, files, sign-in, health.
NOT_LISTS = {
    "complaints:overview_export", "complaints:register", "directives:create", "elections:create", "healthz", "favicon",
    "elections:incident_create", "elections:incidents_export",
    "set_language", "login", "logout", "password_change", "password_change_done", "reports:national_pdf",
    "reports:request", "reports:xlsx", "territory:export", "territory:import", "territory:import_template",
}


def pinned(label: str) -> int:
    if connection.vendor == "postgresql" and label in QUERIES_ON_POSTGRESQL:
        return QUERIES_ON_POSTGRESQL[label]
    return QUERIES[label][1]


def test_every_list_page_has_a_pinned_query_count():
    """List pages are the portal URLs without an object in their path (found like the access matrix)."""
    lists = {name for route, name, pattern in ALL if name in PORTAL and not pattern.pattern.converters}
    counted = {name for name, _ in QUERIES.values()}
    assert lists - NOT_LISTS - counted == set(), "list page without a pinned query count"
    assert not NOT_LISTS - lists, "NOT_LISTS names a page that no longer exists"


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
        "home": "/",
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
        "incidents": "/bau-cu/vu-viec/",
        "cell secretaries": "/tai-khoan/bi-thu-chi-bo/",
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
    grew, seen = {}, {}
    for name in small_urls:
        assert resolve(small_urls[name].split("?")[0]).view_name == QUERIES[name][0], name
        status_small, queries_small = count(client, small_office, small_urls[name])
        status_large, queries_large = count(client, large_office, large_urls[name])
        assert status_small == status_large and status_small in (200, 302), (name, status_small, status_large)
        if queries_large != queries_small:
            grew[name] = (queries_small, queries_large)
        seen[name] = queries_small
    assert grew == {}
    assert seen == {name: pinned(name) for name in small_urls}


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
    assert len(one) == len(two) == pinned("national summary")
