"""Directive pages: no foreign data, files, POST actions, forms, exports and query counts (who may
open each page is asserted by the access matrix, tests/access)."""

import io

import pytest
from openpyxl import load_workbook

from directives import services
from directives.models import DifficultyReport, Dispatch, Reminder
from tests.trees import build_tree

from .conftest import other_office_user, pdf_bytes, upload

pytestmark = pytest.mark.django_db

USERS = {
    "office_officer": ("office", 0, "officer"), "office_viewer": ("office", 0, "viewer"),
    "standing": ("standing", 0, "viewer"), "agency": ("agency", 0, "officer"),
    "district0": ("district", 0, "officer"), "district1": ("district", 1, "viewer"),
    "commune0": ("commune", 0, "officer"), "commune2": ("commune", 2, "officer"),
    "cell0": ("cell", 0, "officer"), "cell1": ("cell", 1, "officer"),
}


@pytest.fixture
def world(tree, directive):
    services.directive_fan_out(directive=directive, by=tree.user("office"))
    cell = Dispatch.objects.get(directive=directive, organisation=tree.org("cell", 0))
    services.dispatch_submit_report(dispatch=cell, text="Đã họp chi bộ", file=upload("bc.pdf", pdf_bytes()),
                                    by=tree.user("cell", 0))
    difficulty = services.difficulty_raise(dispatch=cell, text="Chưa có kinh phí in phiếu", by=tree.user("cell", 0))
    users = {name: tree.user(*spec) for name, spec in USERS.items()}
    users["stranger"] = other_office_user(build_tree(name="Tỉnh Khác", code="98"))
    return {"tree": tree, "directive": directive, "cell": cell, "difficulty": difficulty, "users": users}


def test_pages_show_no_foreign_data(world, client):
    tree, users = world["tree"], world["users"]
    client.force_login(users["cell1"])
    assert tree.org("cell", 0).name not in client.get("/van-ban/kho-khan/").content.decode()
    assert "Chưa có kinh phí" not in client.get("/van-ban/kho-khan/").content.decode()
    client.force_login(users["district1"])
    page = client.get(f"/van-ban/{world['directive'].pk}/").content.decode()
    assert tree.districts[1].name in page and tree.districts[0].name not in page
    workbook = load_workbook(filename=io.BytesIO(
        client.get(f"/van-ban/{world['directive'].pk}/xuat-excel/").content))
    names = {row[1] for row in workbook.active.iter_rows(min_row=3, values_only=True)}
    assert tree.org("cell", 5).name in names and tree.org("cell", 0).name not in names
    assert tree.org("agency").name not in names
    client.force_login(users["agency"])
    inbox = client.get("/van-ban/").content.decode()
    assert world["directive"].number in inbox
    client.force_login(users["stranger"])
    assert world["directive"].number not in client.get("/van-ban/danh-sach/").content.decode()


def test_the_directive_file_is_served_to_recipients(world, client):
    tree = world["tree"]
    directive = services.directive_register(
        by=tree.user("office"), recipients=[tree.org("agency")], number="60-CV/TU", kind="cong_van",
        issued_on="2024-08-01", issuer="Tỉnh ủy", summary="Có tệp", body="", file=upload("cv.pdf", pdf_bytes()))
    url = f"/van-ban/tep/van-ban/{directive.pk}/"
    for name, status in (("agency", 200), ("office_viewer", 200), ("district0", 404), ("cell0", 404),
                         ("stranger", 404)):
        client.force_login(world["users"][name])
        assert client.get(url).status_code == status, name


def test_post_actions_follow_the_same_rules(world, client):
    tree, users = world["tree"], world["users"]
    district = Dispatch.objects.get(directive=world["directive"], organisation=tree.org("district", 1))
    client.force_login(users["district1"])  # a viewer
    assert client.post(f"/van-ban/nhan/{district.pk}/xac-nhan/").status_code == 403
    client.force_login(users["district0"])
    assert client.post(f"/van-ban/nhan/{district.pk}/xac-nhan/").status_code == 404
    client.force_login(tree.user("district", 1, "leader"))
    response = client.post(f"/van-ban/nhan/{district.pk}/xac-nhan/")
    assert response.status_code == 302
    district.refresh_from_db()
    assert district.acknowledged_by == tree.user("district", 1, "leader")
    client.force_login(users["district0"])
    assert client.post(f"/van-ban/{world['directive'].pk}/trien-khai/").status_code == 403
    assert client.post(f"/van-ban/kho-khan/{world['difficulty'].pk}/", {"answer": "x"}).status_code == 403


def test_the_office_answers_a_difficulty_and_the_sender_sees_it(world, client):
    url = f"/van-ban/kho-khan/{world['difficulty'].pk}/"
    # The cell's difficulty reaches the office through its commune and district (issue 21 point 4).
    client.force_login(world["users"]["office_officer"])
    assert client.post(url, {"action": "answer", "answer": "Sớm quá"}).status_code == 403
    for holder in ("commune0", "district0"):
        client.force_login(world["users"][holder])
        assert "Chuyển lên cấp trên" in client.get(url).content.decode()
        assert client.post(url, {"action": "pass_up"}).status_code == 302
    client.force_login(world["users"]["office_officer"])
    assert "Chuyển lên cấp trên" not in client.get(url).content.decode()
    assert client.post(url, {"action": "answer", "answer": "Dùng kinh phí của xã"}).status_code == 302
    client.force_login(world["users"]["cell0"])
    assert "Dùng kinh phí của xã" in client.get(f"/van-ban/nhan/{world['cell'].pk}/").content.decode()
    client.force_login(world["users"]["office_officer"])
    client.post(url, {"action": "close"})
    assert DifficultyReport.objects.get().status == "closed"


def test_registration_form_sends_the_directive(world, client):
    tree = world["tree"]
    client.force_login(world["users"]["office_officer"])
    response = client.post("/van-ban/dang-ky/", {
        "number": "Số 77 - KH/TU", "kind": "ke_hoach", "issued_on": "01/08/2024", "issuer": "Tỉnh ủy Thử Nghiệm",
        "summary": "Kế hoạch tuyên truyền", "body": "Nội dung", "ack_within_days": "3", "depth": "cells",
        "plan_required": "on", "plan_due": "15/08/2024", "duties": "addressees", "all_districts": "on",
        "recipients": [tree.org("agency").pk],
    })
    assert response.status_code == 302, response.content.decode()[:3000]
    directive = world["directive"].__class__.objects.get(number="77-KH/TU")
    assert set(directive.dispatches.values_list("organisation__kind", flat=True)) == {"district_committee", "agency"}
    bad = client.post("/van-ban/dang-ky/", {"number": "77/KH-TU", "kind": "ke_hoach", "issued_on": "2024-13-45",
                                            "issuer": "x", "summary": "x", "ack_within_days": "3", "depth": "cells"})
    assert bad.status_code == 200
    assert bad.context["form"].errors.keys() >= {"number", "issued_on"}
    no_due = client.post("/van-ban/dang-ky/", {"number": "78-KH/TU", "kind": "ke_hoach", "issued_on": "01/08/2024",
                                               "issuer": "x", "summary": "x", "body": "x", "ack_within_days": "3",
                                               "depth": "cells", "duties": "everyone", "report_required": "on"})
    assert no_due.status_code == 200
    assert "Nhập hạn nộp báo cáo." in no_due.context["form"].errors["report_due"]


def test_list_and_tracking_pages_use_a_fixed_number_of_queries(world, client, django_assert_max_num_queries):
    from .conftest import grow, register

    client.force_login(world["users"]["office_officer"])
    url = f"/van-ban/{world['directive'].pk}/"
    with django_assert_max_num_queries(20):
        assert client.get(url).status_code == 200
    with django_assert_max_num_queries(20):
        assert client.get("/van-ban/danh-sach/").status_code == 200
    grow(world["tree"], communes_per_district=2, hamlets_per_commune=4)
    bigger = register(world["tree"], number="61-CV/TU", kind="cong_van")
    services.directive_fan_out(directive=bigger, by=world["users"]["office_officer"])
    with django_assert_max_num_queries(20):
        assert client.get(f"/van-ban/{bigger.pk}/").status_code == 200
    with django_assert_max_num_queries(20):
        assert client.get("/van-ban/danh-sach/").status_code == 200
    with django_assert_max_num_queries(20):
        assert client.get(f"/van-ban/{bigger.pk}/qua-han/").status_code == 200
    with django_assert_max_num_queries(20):
        assert client.get(f"/van-ban/{bigger.pk}/chua-nhan/{world['tree'].districts[0].pk}/").status_code == 200
    with django_assert_max_num_queries(20):
        assert client.get("/van-ban/kho-khan/").status_code == 200
    client.force_login(world["users"]["district0"])
    with django_assert_max_num_queries(20):
        assert client.get("/van-ban/").status_code == 200


def test_a_district_drills_down_into_its_own_communes(world, client):
    tree = world["tree"]
    client.force_login(world["users"]["district1"])
    page = client.get(f"/van-ban/{world['directive'].pk}/").content.decode()
    assert tree.communes[2].name in page and tree.communes[0].name not in page
    drill = client.get(f"/van-ban/{world['directive'].pk}/chua-nhan/{tree.communes[2].pk}/")
    assert drill.status_code == 200 and tree.org("cell", 4).name in drill.content.decode()
    assert client.get(f"/van-ban/{world['directive'].pk}/chua-nhan/{tree.communes[0].pk}/").status_code == 404


def test_the_export_neutralises_formulas(world, client):
    from accounts.models import Organisation

    agency = world["tree"].org("agency")
    Organisation.objects.filter(pk=agency.pk).update(name="=HYPERLINK(\"http://x\")")
    client.force_login(world["users"]["office_viewer"])
    response = client.get(f"/van-ban/{world['directive'].pk}/xuat-excel/")
    workbook = load_workbook(filename=io.BytesIO(response.content))
    names = [row[1] for row in workbook.active.iter_rows(min_row=3, values_only=True)]
    assert "'=HYPERLINK(\"http://x\")" in names
    assert len(names) == 3 + 4 + 8


@pytest.mark.parametrize("model", ["directive", "dispatch", "difficultyreport", "reminder"])
def test_the_admin_lists_and_shows_history(world, admin_client, model):
    from directives.reminders import reminders_send

    reminders_send(today=world["directive"].report_due)
    assert admin_client.get(f"/quan-tri/directives/{model}/").status_code == 200
    obj = {"directive": world["directive"], "dispatch": world["cell"], "difficultyreport": world["difficulty"],
           "reminder": Reminder.objects.first()}[model]
    assert admin_client.get(f"/quan-tri/directives/{model}/{obj.pk}/change/").status_code == 200
    assert admin_client.get(f"/quan-tri/directives/{model}/{obj.pk}/history/").status_code == 200
