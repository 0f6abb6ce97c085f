"""Every reports page for every role; the dashboard's query count; no identity in any output."""

import io

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from reports.models import JobStatus, ReportJob
from tests.reports.conftest import AS_OF, IDENTITY_NAME, add_complaint, elect, grow, nominate, send_directive

pytestmark = pytest.mark.django_db

PROVINCE = [("office", 0, "officer"), ("office", 0, "viewer"), ("standing", 0, "viewer")]


@pytest.fixture
def done_job(tree, django_capture_on_commit_callbacks):
    from reports.services import report_request

    with django_capture_on_commit_callbacks(execute=True):
        job = report_request(by=tree.user("office"), as_of=AS_OF).job
    job.refresh_from_db()
    assert job.status == JobStatus.DONE
    return job


def _client(client, tree, who):
    client.force_login(tree.user(*who))
    return client


@pytest.mark.parametrize("who", PROVINCE)
def test_province_roles_open_the_archive_job_and_download(client, tree, done_job, who):
    c = _client(client, tree, who)
    assert c.get(reverse("reports:archive")).status_code == 200
    assert c.get(reverse("reports:job", args=[done_job.pk])).status_code == 200
    assert c.get(reverse("reports:job_status", args=[done_job.pk])).status_code == 200
    response = c.get(reverse("reports:download", args=[done_job.pk]))
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    assert b"".join(response.streaming_content).startswith(b"%PDF")


def test_asking_for_a_report_redirects_to_its_progress_page(client, tree, django_capture_on_commit_callbacks):
    c = _client(client, tree, ("office", 0, "officer"))
    with django_capture_on_commit_callbacks(execute=True):
        response = c.post(reverse("reports:request"), {"as_of": "05/09/2024 10:30", "assessment": "Tốt.",
                                                       "proposals": ""})
    job = ReportJob.objects.get()
    assert response.status_code == 302 and response["Location"] == reverse("reports:job", args=[job.pk])
    assert job.assessment == "Tốt." and job.requested_by == tree.user("office")
    page = c.get(response["Location"]).content.decode()
    assert "Tải về PDF" in page and reverse("reports:download", args=[job.pk]) in page


def test_a_future_moment_is_refused_with_a_message(client, tree):
    c = _client(client, tree, ("office", 0, "officer"))
    response = c.post(reverse("reports:request"), {"as_of": "01/01/2099 08:00"})
    assert response.status_code == 200
    assert "Không thể lập báo cáo cho một thời điểm trong tương lai." in response.content.decode()
    assert not ReportJob.objects.exists()


def test_a_running_job_polls_and_a_finished_one_stops(client, tree):
    job = ReportJob.objects.create(unit=tree.province, as_of=AS_OF, status=JobStatus.RUNNING, progress=40)
    c = _client(client, tree, ("office", 0, "officer"))
    partial = c.get(reverse("reports:job_status", args=[job.pk])).content.decode()
    assert 'hx-trigger="every 2s"' in partial and 'value="40"' in partial
    ReportJob.objects.filter(pk=job.pk).update(status=JobStatus.FAILED, error="RuntimeError: hết bộ nhớ")
    partial = c.get(reverse("reports:job_status", args=[job.pk])).content.decode()
    assert "hx-trigger" not in partial
    assert "RuntimeError: hết bộ nhớ" in partial and "Chạy lại" in partial


def test_a_failed_job_can_be_retried_from_its_page(client, tree, django_capture_on_commit_callbacks):
    job = ReportJob.objects.create(unit=tree.province, as_of=AS_OF, status=JobStatus.FAILED, error="x")
    c = _client(client, tree, ("office", 0, "officer"))
    with django_capture_on_commit_callbacks(execute=True):
        response = c.post(reverse("reports:retry", args=[job.pk]))
    assert response.status_code == 302
    job.refresh_from_db()
    assert job.status == JobStatus.DONE


@pytest.mark.parametrize(("who", "root_attr"), [(("office", 0, "viewer"), "province"),
                                                (("standing", 0, "viewer"), "province"),
                                                (("district", 1, "viewer"), "district"),
                                                (("commune", 2, "officer"), "commune")])
def test_committees_get_the_dashboard_as_their_home_page(client, tree, who, root_attr):
    c = _client(client, tree, who)
    page = c.get(reverse("home")).content.decode()
    expected = {"province": tree.province, "district": tree.districts[1], "commune": tree.communes[2]}[root_attr]
    assert f"Tiến độ bầu cử: {expected.name}" in page
    assert 'hx-trigger="every 60s"' in page


@pytest.mark.parametrize("who", [("cell", 0, "officer"), ("agency", 0, "officer")])
def test_cells_and_agencies_get_the_plain_home_page(client, tree, who):
    c = _client(client, tree, who)
    page = c.get(reverse("home")).content.decode()
    assert "Tiến độ bầu cử" not in page
    assert c.get(reverse("reports:dashboard")).status_code == 403
    assert c.get(reverse("reports:figures")).status_code == 403
    assert c.get(reverse("reports:xlsx")).status_code == 403


def test_drill_down_from_district_to_commune_to_hamlet(client, tree):
    c = _client(client, tree, ("office", 0, "viewer"))
    url = reverse("reports:dashboard")
    page = c.get(url).content.decode()
    assert f"?unit={tree.districts[0].pk}" in page
    page = c.get(url, {"unit": tree.districts[0].pk}).content.decode()
    assert tree.communes[0].name in page and tree.communes[2].name not in page
    page = c.get(url, {"unit": tree.communes[0].pk}).content.decode()
    assert tree.hamlets[0].name in page and tree.hamlets[2].name not in page
    assert c.get(url, {"unit": tree.hamlets[0].pk}).status_code == 200


def test_a_district_cannot_drill_into_another_district(client, tree):
    c = _client(client, tree, ("district", 0, "viewer"))
    assert c.get(reverse("reports:dashboard"), {"unit": tree.districts[1].pk}).status_code == 404
    assert c.get(reverse("reports:dashboard"), {"unit": tree.communes[3].pk}).status_code == 404
    assert c.get(reverse("reports:xlsx"), {"unit": tree.province.pk}).status_code == 404
    assert tree.communes[2].name not in c.get(reverse("reports:dashboard")).content.decode()


def test_the_figures_partial_refreshes_itself(client, tree):
    c = _client(client, tree, ("office", 0, "viewer"))
    partial = c.get(reverse("reports:figures"), HTTP_HX_REQUEST="true").content.decode()
    assert partial.startswith('<div id="figures"') and "<html" not in partial


def _dashboard_queries(client, tree, django_assert_max_num_queries, limit):
    c = _client(client, tree, ("office", 0, "viewer"))
    with django_assert_max_num_queries(limit):
        assert c.get(reverse("reports:dashboard")).status_code == 200


def test_dashboard_query_count_is_pinned_as_the_province_grows(client, tree, django_assert_max_num_queries):
    send_directive(tree)
    nominate(tree, 0)
    elect(tree, 0)
    add_complaint(tree, 0)
    _dashboard_queries(client, tree, django_assert_max_num_queries, 23)  # +1: the incidents per unit
    grow(tree, communes_per_district=3, hamlets_per_commune=5)
    for index in range(8, 30):
        nominate(tree, index)
        elect(tree, index)
        add_complaint(tree, index, with_identity=False)
    _dashboard_queries(client, tree, django_assert_max_num_queries, 23)  # +1: the incidents per unit


def test_no_complainant_identity_on_the_dashboard_or_in_the_xlsx(client, tree):
    add_complaint(tree, 0)
    c = _client(client, tree, ("office", 0, "officer"))
    for url in (reverse("home"), reverse("reports:dashboard"), reverse("reports:figures")):
        assert IDENTITY_NAME not in c.get(url).content.decode()
    response = c.get(reverse("reports:xlsx"))
    workbook = load_workbook(io.BytesIO(response.content))
    cells = [str(cell.value) for sheet in workbook for row in sheet.iter_rows() for cell in row if cell.value]
    assert not any(IDENTITY_NAME in value or "0909000111" in value for value in cells)
    summary = workbook.worksheets[0]
    header = [cell.value for cell in summary[1]]
    total = [cell.value for cell in summary[summary.max_row]]
    assert total[header.index("Đơn thư tiếp nhận")] == 1
    assert total[2] == 8  # hamlets


def test_the_xlsx_neutralises_formulas(client, tree):
    from territory.models import Unit

    Unit.objects.filter(pk=tree.hamlets[3].pk).update(name="=HYPERLINK(\"x\")")
    c = _client(client, tree, ("office", 0, "officer"))
    workbook = load_workbook(io.BytesIO(c.get(reverse("reports:xlsx")).content))
    names = [row[0].value for row in workbook.worksheets[1].iter_rows(min_row=2)]
    assert "'=HYPERLINK(\"x\")" in names


@pytest.mark.parametrize("who", [("district", 0, "viewer"), ("district", 0, "leader"), ("commune", 0, "viewer")])
def test_district_and_commune_users_get_their_part_in_every_dashboard_output(client, tree, who):
    c = _client(client, tree, who)
    for name in ("reports:dashboard", "reports:figures", "reports:xlsx"):
        assert c.get(reverse(name)).status_code == 200, name
    workbook = load_workbook(io.BytesIO(c.get(reverse("reports:xlsx")).content))
    names = [row[0].value for row in workbook.worksheets[1].iter_rows(min_row=2)]
    mine = {h.name for h in tree.hamlets if h.path.startswith(tree.user(*who).organisation.unit.path)}
    assert set(names) == mine


@pytest.mark.django_db(transaction=True)  # on_commit runs as in a real request: right after the commit
def test_the_queue_being_down_is_said_and_the_job_kept(client, tree):
    from config.celery import app

    def use_broker(url):
        app.conf.broker_url = url
        app._pool = None
        app.amqp._producer_pool = None

    c = _client(client, tree, ("office", 0, "officer"))
    previous = app.conf.broker_url
    app.conf.task_always_eager = False
    use_broker("redis://127.0.0.1:1/0")
    try:
        response = c.post(reverse("reports:request"), {"as_of": "05/09/2024 10:30"}, follow=True)
    finally:
        use_broker(previous)
        app.conf.task_always_eager = True
    page = response.content.decode()
    assert page.count("Hàng đợi xử lý hiện không sẵn sàng") == 1 and "Chạy lại" in page
    job = ReportJob.objects.get()
    assert job.status == JobStatus.QUEUED and job.enqueue_error


def test_the_weekly_notice_is_shown_on_the_archive(client, tree, django_capture_on_commit_callbacks):
    from reports.tasks import generate_weekly_report

    with django_capture_on_commit_callbacks(execute=True):
        generate_weekly_report.apply()
    page = _client(client, tree, ("standing", 0, "viewer")).get(reverse("reports:archive")).content.decode()
    assert "Báo cáo tiến độ hằng tuần Số 1-BC/VPTU" in page


def test_an_archived_report_exports_its_own_figures(client, tree, done_job):
    c = _client(client, tree, ("standing", 0, "viewer"))
    response = c.get(reverse("reports:job_xlsx", args=[done_job.pk]))
    assert response.status_code == 200
    about = load_workbook(io.BytesIO(response.content))["Thông tin"]
    assert [row[1].value for row in about.iter_rows()][1] == "05/09/2024 10:30"
    assert _client(client, tree, ("district", 0, "leader")).get(
        reverse("reports:job_xlsx", args=[done_job.pk])).status_code == 403
