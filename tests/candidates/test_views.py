import datetime

import pytest
from django.urls import reverse

from candidates import services
from candidates.models import ConcurrencyException, ExceptionReason, ListStatus, Nominee, NomineeList
from tests.trees import build_tree

from .conftest import person

pytestmark = pytest.mark.django_db

@pytest.fixture
def filled(world):
    """District 0 filled (hamlet 1 with a non-secretary and a pending exception); district 1 has one nominee."""
    nominee_list, nominees = world.fill_district(0)
    officer = world.tree.user("district", 0, "officer")
    services.nominee_update(by=officer, nominee=nominees[1], is_cell_secretary=False)
    services.exception_request(by=officer, hamlet_election=world.he(1), reason=ExceptionReason.HEALTH,
                               explanation="Bí thư đang điều trị bệnh")
    other = services.nominee_create(by=world.tree.user("district", 1, "officer"), hamlet_election=world.he(4),
                                    **person(full_name="Người Huyện Khác", citizen_id="082099999977"))
    world.list0, world.list1, world.nominees, world.other = nominee_list, other.nominee_list, nominees, other
    return world


def client_for(client, user):
    client.force_login(user)
    return client


def test_other_district_list_is_404_and_leaks_nothing(client, filled):
    client_for(client, filled.tree.user("district", 0, "leader"))
    for url in (reverse("candidates:list", args=[filled.list1.pk]),
                reverse("candidates:export", args=[filled.list1.pk]),
                reverse("candidates:hamlet", args=[filled.he(4).pk]),
                reverse("candidates:nominee_edit", args=[filled.other.pk])):
        response = client.get(url)
        assert response.status_code == 404
        assert "Người Huyện Khác".encode() not in response.content
    response = client.get(reverse("candidates:search", args=[filled.election.pk]), {"q": "nguoi huyen khac"})
    assert "Người Huyện Khác".encode() not in response.content


@pytest.mark.parametrize("key,clear", [
    (("district", 0, "officer"), True), (("district", 0, "leader"), True), (("office", 0, "officer"), True),
    (("office", 0, "leader"), True), (("district", 0, "viewer"), False), (("office", 0, "viewer"), False),
    (("standing", 0, "viewer"), False), (("commune", 0, "officer"), False), (("cell", 0, "officer"), False),
])
def test_citizen_id_masked_per_role(client, filled, key, clear):
    nominee = filled.nominees[0]
    client_for(client, filled.tree.user(*key))
    body = client.get(reverse("candidates:hamlet", args=[filled.he(0).pk])).content.decode()
    masked = nominee.citizen_id[:4] + "******" + nominee.citizen_id[-2:]
    assert (nominee.citizen_id in body) is clear
    assert (masked in body) is not clear
    search = client.get(reverse("candidates:search", args=[filled.election.pk])).content.decode()
    assert (nominee.citizen_id in search) is clear


def test_export_masks_ids_for_viewers(client, filled):
    import io

    import openpyxl
    for key, clear in ((("district", 0, "viewer"), False), (("district", 0, "officer"), True)):
        client_for(client, filled.tree.user(*key))
        response = client.get(reverse("candidates:export", args=[filled.list0.pk]))
        sheet = openpyxl.load_workbook(io.BytesIO(response.content)).worksheets[0]
        values = {str(c.value) for row in sheet.iter_rows() for c in row}
        assert (filled.nominees[0].citizen_id in values) is clear


def test_district_page_shows_progress_and_search_ignores_accents(client, filled):
    Nominee.objects.filter(pk=filled.nominees[2].pk).update(full_name="Trần Thị Bích", search_name="tran thi bich")
    client_for(client, filled.tree.user("district", 0, "officer"))
    url = reverse("candidates:list", args=[filled.list0.pk])
    response = client.get(url)
    assert response.context["progress"].covered == 4 and response.context["progress"].secretaries == 3
    assert response.context["progress"].exceptions_pending == 1
    response = client.get(url, {"q": "TRAN thi bich"})
    assert [r.hamlet_election.pk for r in response.context["page_obj"]] == [filled.he(2).pk]
    search = client.get(reverse("candidates:search", args=[filled.election.pk]), {"q": "bich"})
    assert "Trần Thị Bích" in search.content.decode()


def test_nominee_form_create_and_errors(client, world):
    client_for(client, world.tree.user("district", 0, "officer"))
    url = reverse("candidates:nominee_create", args=[world.he(0).pk])
    data = {"full_name": "Võ Văn Tám", "gender": "male", "date_of_birth": "15/03/2010", "ethnicity": "Kinh",
            "citizen_id": "082080001234", "is_permanent_resident": "on", "political_theory": "none",
            "nominated_by": "front_committee"}
    response = client.post(url, data)
    assert response.status_code == 200 and "21" in response.content.decode()
    assert not Nominee.objects.exists()
    data["date_of_birth"] = "15/03/1980"
    response = client.post(url, data)
    assert response.status_code == 302
    assert Nominee.objects.get().date_of_birth == datetime.date(1980, 3, 15)


def test_exception_request_decide_submit_return_accept_via_pages(client, world):
    nominee_list, nominees = world.fill_district(0)
    officer, leader = world.tree.user("district", 0, "officer"), world.tree.user("district", 0, "leader")
    services.nominee_update(by=officer, nominee=nominees[3], is_cell_secretary=False)
    client_for(client, officer)
    response = client.post(reverse("candidates:exception_request", args=[world.he(3).pk]),
                           {"reason": "not_resident", "explanation": "Bí thư ở xã khác"})
    assert response.status_code == 302
    exception = ConcurrencyException.objects.get()
    decide = reverse("candidates:exception_decide", args=[exception.pk])
    assert client.post(decide, {"decision": "approved", "decision_number": "1", "decision_date": "01/09/2024"}
                       ).status_code == 403
    client_for(client, leader)
    client.post(decide, {"decision": "approved", "decision_number": "15-QĐ/HU", "decision_date": "01/09/2024"})
    exception.refresh_from_db()
    assert exception.decision == "approved" and exception.decision_number == "15-QĐ/HU"
    client_for(client, officer)
    client.post(reverse("candidates:submit", args=[nominee_list.pk]))
    nominee_list.refresh_from_db()
    assert nominee_list.status == ListStatus.SUBMITTED
    office = world.tree.user("office", 0, "officer")
    client_for(client, office)
    response = client.post(reverse("candidates:return", args=[nominee_list.pk]), {"reason": ""})
    assert response.status_code == 200
    client.post(reverse("candidates:return", args=[nominee_list.pk]), {"reason": "Kiểm tra lại ngày sinh"})
    nominee_list.refresh_from_db()
    assert nominee_list.status == ListStatus.RETURNED
    client_for(client, officer)
    page = client.get(reverse("candidates:list", args=[nominee_list.pk])).content.decode()
    assert "Kiểm tra lại ngày sinh" in page
    client.post(reverse("candidates:submit", args=[nominee_list.pk]))
    # a district officer cannot accept their own list
    assert client.post(reverse("candidates:accept", args=[nominee_list.pk])).status_code == 403
    client_for(client, office)
    client.post(reverse("candidates:accept", args=[nominee_list.pk]))
    nominee_list.refresh_from_db()
    assert nominee_list.status == ListStatus.ACCEPTED
    assert nominee_list.events.count() == 4


def test_index_redirects_by_role(client, filled):
    client_for(client, filled.tree.user("office", 0, "viewer"))
    assert client.get(reverse("candidates:index"))["Location"] == reverse("candidates:province",
                                                                          args=[filled.election.pk])
    client_for(client, filled.tree.user("district", 0, "viewer"))
    assert client.get(reverse("candidates:index"))["Location"] == reverse("candidates:list", args=[filled.list0.pk])
    client_for(client, filled.tree.user("cell", 0, "officer"))
    assert client.get(reverse("candidates:index"))["Location"] == reverse("candidates:search",
                                                                          args=[filled.election.pk])


def test_index_writes_nothing_when_the_list_is_not_started(client, world):
    client_for(client, world.tree.user("district", 0, "officer"))
    before = NomineeList.objects.count()
    response = client.get(reverse("candidates:index"))
    assert response.status_code == 200
    assert NomineeList.objects.count() == before
    body = response.content.decode()
    assert reverse("candidates:list_start", args=[world.election.pk, world.tree.districts[0].pk]) in body
    assert "Lập danh sách" in body


def test_starting_the_list_creates_it_once_and_opens_it(client, world):
    client_for(client, world.tree.user("district", 0, "officer"))
    url = reverse("candidates:list_start", args=[world.election.pk, world.tree.districts[0].pk])
    before = NomineeList.objects.count()
    response = client.post(url)
    nominee_list = NomineeList.objects.get(election=world.election, unit=world.tree.districts[0])
    assert NomineeList.objects.count() == before + 1
    assert response["Location"] == reverse("candidates:list", args=[nominee_list.pk])
    assert client.post(url)["Location"] == response["Location"]
    assert NomineeList.objects.count() == before + 1
    assert client.get(reverse("candidates:index"))["Location"] == response["Location"]


def test_a_viewer_sees_the_explanation_but_cannot_start_the_list(client, world):
    client_for(client, world.tree.user("district", 0, "viewer"))
    url = reverse("candidates:list_start", args=[world.election.pk, world.tree.districts[0].pk])
    body = client.get(reverse("candidates:index")).content.decode()
    assert "chưa được lập" in body and url not in body
    assert client.post(url).status_code == 403
    assert not NomineeList.objects.filter(election=world.election).exists()


def test_a_district_cannot_start_another_districts_list(client, world):
    client_for(client, world.tree.user("district", 1, "leader"))
    response = client.post(reverse("candidates:list_start", args=[world.election.pk, world.tree.districts[0].pk]))
    assert response.status_code == 404
    assert not NomineeList.objects.filter(election=world.election).exists()


def test_province_page_figures(client, filled):
    client_for(client, filled.tree.user("standing", 0, "viewer"))
    response = client.get(reverse("candidates:province", args=[filled.election.pk]))
    overview = response.context["overview"]
    d0, d1 = overview.districts
    assert (d0.hamlets, d0.covered, d0.secretaries, d0.concurrency_rate) == (4, 4, 3, 75.0)
    assert (d1.covered, d1.secretaries) == (1, 1)
    assert d0.exceptions == {"pending": 1}
    health = next(r for r in overview.exceptions_by_reason if r[0] == ExceptionReason.HEALTH.label)
    assert health[1:] == (1, 0, 0)
    assert b"Accept the list" not in response.content and "Chấp nhận".encode() not in response.content


def test_province_page_queries_do_not_grow_with_hamlets(client, django_assert_max_num_queries):
    from accounts.models import User
    from elections.services import election_create
    from territory.models import Kind, Level, Unit
    counts = []
    for code, extra in (("71", 0), ("72", 40)):
        tree = build_tree(code=code)
        office = User.objects.create_user(username=f"vp{code}", organisation=tree.org("office"), role="officer")
        officers = [User.objects.create_user(username=f"h{code}{d}", organisation=tree.org("district", d),
                                             role="officer") for d in range(2)]
        for i in range(extra):
            Unit.objects.create(level=Level.HAMLET, kind=Kind.HAMLET, parent=tree.communes[i % 4],
                                name=f"Ấp thêm {i}")
        election = election_create(by=office, name=f"Đợt {code}", province=tree.province, term_start_year=2024,
                                   term_end_year=2029, term_months=60,
                                   nomination_deadline=datetime.date(2024, 9, 30),
                                   election_start=datetime.date(2024, 10, 1), election_end=datetime.date(2024, 11, 30))
        for he in election.hamlet_elections.select_related("hamlet")[: 4 + extra // 2]:
            by = officers[tree.districts.index(he.hamlet.district)]
            services.nominee_create(by=by, hamlet_election=he, **person(is_cell_secretary=he.pk % 2 == 0))
        client.force_login(office)
        url = reverse("candidates:province", args=[election.pk])
        client.get(url)  # warm caches (session, content types)
        with django_assert_max_num_queries(14) as ctx:
            assert client.get(url).status_code == 200
        counts.append(len(ctx.captured_queries))
    assert counts[0] == counts[1]


def test_campaign_pages(client, tree):
    office = tree.user("office", 0, "officer")
    client_for(client, office)
    response = client.post(reverse("elections:create"), {
        "name": "Bầu cử thử", "province": tree.province.pk, "term_start_year": 2024, "term_end_year": 2029,
        "term_months": 60, "nomination_deadline": "30/09/2024", "election_start": "01/10/2024",
        "election_end": "30/11/2024"})
    assert response.status_code == 302
    detail = client.get(response["Location"])
    assert detail.context["total"] == 8
    for key, status in ((("office", 0, "viewer"), 403), (("district", 0, "officer"), 403),
                        (("standing", 0, "viewer"), 403)):
        client_for(client, tree.user(*key))
        assert client.get(reverse("elections:create")).status_code == status
    client_for(client, tree.user("standing", 0, "viewer"))
    assert client.get(reverse("elections:list")).status_code == 200
    assert client.get(detail.wsgi_request.path).status_code == 200
    client_for(client, tree.user("district", 0, "leader"))
    assert client.get(reverse("elections:list")).status_code == 403


def test_province_without_districts_has_a_list_per_commune(client, db):
    tree = build_tree(code="97", with_districts=False)
    office = tree.user("office", 0, "officer")
    from elections.services import election_create
    election = election_create(by=office, name="Đợt 97", province=tree.province, term_start_year=2024,
                               term_end_year=2029, term_months=60, nomination_deadline=datetime.date(2024, 9, 30),
                               election_start=datetime.date(2024, 10, 1), election_end=datetime.date(2024, 11, 30))
    commune_officer = tree.user("commune", 1, "officer")
    client.force_login(commune_officer)
    page = client.get(reverse("candidates:index"))
    start = reverse("candidates:list_start", args=[election.pk, tree.communes[1].pk])
    assert page.status_code == 200 and start in page.content.decode()
    response = client.post(start)
    nominee_list = NomineeList.objects.get(election=election, unit=tree.communes[1])
    assert response["Location"] == reverse("candidates:list", args=[nominee_list.pk])
    assert client.get(reverse("candidates:index"))["Location"] == response["Location"]
    assert client.get(response["Location"]).context["progress"].hamlets == 2
    client.force_login(office)
    overview = client.get(reverse("candidates:province", args=[election.pk])).context["overview"]
    assert [d.unit for d in overview.districts] == tree.communes


def test_district_page_queries_do_not_grow_with_hamlets(client, world, django_assert_max_num_queries):
    from territory.models import Kind, Level, Unit
    officer = world.tree.user("district", 0, "officer")
    nominee_list, _ = world.fill_district(0)
    client.force_login(officer)
    url = reverse("candidates:list", args=[nominee_list.pk])
    client.get(url)
    with django_assert_max_num_queries(20) as small:
        client.get(url)
    for i in range(30):
        Unit.objects.create(level=Level.HAMLET, kind=Kind.HAMLET, parent=world.tree.communes[i % 2], name=f"Ấp {i}")
    from elections.services import election_sync_hamlets
    election_sync_hamlets(election=world.election)
    with django_assert_max_num_queries(20) as large:
        client.get(url)
    assert len(small.captured_queries) == len(large.captured_queries)


def test_pages_of_a_hamlet_whose_district_has_no_list_yet_write_nothing_on_get(client, world):
    """GET is read-only: the list is created by the service of the first POST that needs it."""
    from candidates.models import NomineeList

    client_for(client, world.tree.user("district", 0, "officer"))
    he = world.he(0)
    assert not NomineeList.objects.exists()
    for name in ("candidates:hamlet", "candidates:nominee_create", "candidates:exception_request"):
        assert client.get(reverse(name, args=[he.pk])).status_code == 200
    assert not NomineeList.objects.exists()
    response = client.post(reverse("candidates:nominee_create", args=[he.pk]), {
        "full_name": "Võ Văn Tám", "gender": "male", "date_of_birth": "15/03/1980", "ethnicity": "Kinh",
        "citizen_id": "082080001234", "is_permanent_resident": "on", "political_theory": "none",
        "nominated_by": "front_committee"})
    assert response.status_code == 302
    assert NomineeList.objects.get().unit == world.tree.districts[0]
