"""The tasks of the campaign's directives in the progress report (issue 21, point 2): section II
says, per task, how many recipients of each level have reported over those owing it and what they
reported, in the PDF and in the .xlsx; the figures equal a recount of the reports."""

import datetime as dt
import io
from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils import timezone
from openpyxl import load_workbook

from accounts.models import OrganisationKind as K
from directives.assignments import services as tasks
from directives.assignments.models import TaskReport, TaskReportValue
from directives.models import Dispatch
from reports.models import ReportJob
from reports.pdf import render_pdf
from reports.selectors import report_data
from tests.reports.conftest import pdf_text, send_directive

pytestmark = pytest.mark.django_db


@pytest.fixture
def reported(tree):
    """3321-CV/TU with its conference task: both districts and one commune of four reported."""
    directive = send_directive(tree, difficulty=False)
    task = tasks.task_define(
        directive=directive, by=tree.user("office"), title="Quán triệt, triển khai Công văn 3321-CV/TU",
        levels=[K.DISTRICT_COMMITTEE, K.COMMUNE_COMMITTEE], due=dt.date(2024, 8, 15),
        fields=[{"label": "cán bộ tham dự", "kind": "number", "unit": "lượt"},
                {"label": "Có kế hoạch bảo vệ an ninh", "kind": "yes_no"}])
    number, security = task.fields.all()
    for (key, index), attendees, plan in ((("district", 0), "1.000", True), (("district", 1), "200", False),
                                          (("commune", 0), "40", True)):
        dispatch = Dispatch.objects.get(directive=directive, organisation=tree.org(key, index))
        tasks.task_report_submit(dispatch=dispatch, task=task, by=tree.user(key, index),
                                 values={tasks.field_key(number): attendees, tasks.field_key(security): plan})
    return task


def test_section_two_counts_the_reports_of_each_task(tree, reported):
    data = report_data(user=tree.user("office"), as_of=timezone.now())
    [task] = data.directives["tasks"]
    assert [(r["kind"], r["reported"], r["owing"]) for r in task["levels"]] == [
        (K.DISTRICT_COMMITTEE, 2, 2), (K.COMMUNE_COMMITTEE, 1, 4)]
    recount = TaskReportValue.objects.filter(report__task=reported)
    number, security = task["fields"]
    assert number["total"] == sum(v.value_number for v in recount if v.value_number is not None) == Decimal(1240)
    assert (security["yes"], security["answered"]) == (sum(v.value_bool is True for v in recount), 3)


def test_a_report_counts_from_the_moment_it_came_in(tree, reported):
    first = TaskReport.objects.order_by("submitted_at").first().submitted_at
    before = report_data(user=tree.user("office"), as_of=first - dt.timedelta(seconds=1))
    assert [r["reported"] for r in before.directives["tasks"][0]["levels"]] == [0, 0]
    at = report_data(user=tree.user("office"), as_of=first)
    assert sum(r["reported"] for r in at.directives["tasks"][0]["levels"]) == 1


def test_a_returned_report_is_not_counted(tree, reported):
    report = TaskReport.objects.get(dispatch__organisation=tree.org("commune", 0))
    tasks.task_report_return(report=report, reason="Bổ sung biên bản.", by=tree.user("office"))
    data = report_data(user=tree.user("office"), as_of=timezone.now())
    [task] = data.directives["tasks"]
    assert task["levels"][1]["reported"] == 0 and task["fields"][0]["total"] == Decimal(1200)


def test_a_district_report_counts_its_own_part_only(tree, reported):
    data = report_data(user=tree.user("district"), as_of=timezone.now(), root=tree.districts[0])
    [task] = data.directives["tasks"]
    assert [(r["reported"], r["owing"]) for r in task["levels"]] == [(1, 1), (1, 2)]
    assert task["fields"][0]["total"] == Decimal(1040)


def test_the_pdf_says_the_task_figures_in_section_two(tree, reported):
    data = report_data(user=tree.user("office"), as_of=timezone.now())
    text = " ".join(pdf_text(render_pdf(job=ReportJob(unit=tree.province, as_of=data.as_of), data=data)).split())
    section = text[text.index("II. TRIỂN KHAI"):text.index("III. CÔNG TÁC NHÂN SỰ")]
    assert ("2/2 Huyện ủy, Thành ủy, Thị ủy; 1/4 Đảng ủy xã, phường, thị trấn đã báo cáo nhiệm vụ “Quán triệt, "
            "triển khai Công văn 3321-CV/TU” (3321-CV/TU): 1.240 lượt (cán bộ tham dự); "
            "Có kế hoạch bảo vệ an ninh: 2/3 có.") in section


def test_the_xlsx_lists_the_task_figures(client, tree, reported):
    client.force_login(tree.user("office"))
    workbook = load_workbook(io.BytesIO(client.get(reverse("reports:xlsx")).content))
    sheet = workbook["Nhiệm vụ của các văn bản"]
    rows = [[c.value for c in row] for row in sheet.iter_rows(min_row=2)]
    assert [(r[3], r[4], r[5]) for r in rows] == [("Huyện ủy, Thành ủy, Thị ủy", 2, 2),
                                                  ("Đảng ủy xã, phường, thị trấn", 4, 1)]
    assert rows[0][6] == "cán bộ tham dự: 1.240 lượt; Có kế hoạch bảo vệ an ninh: 2/3 có"


def test_the_task_figures_take_the_same_queries_whatever_the_size(tree, reported):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from accounts.models import Organisation
    from tests.reports.conftest import grow

    user = tree.user("office")
    user.organisation  # noqa: B018 - loaded before counting
    with CaptureQueriesContext(connection) as small:
        report_data(user=user, as_of=timezone.now(), with_pending=False)
    grow(tree, communes_per_district=3, hamlets_per_commune=1)
    directive = reported.directive
    for commune in tree.communes[4:]:
        org = Organisation.objects.create(kind=K.COMMUNE_COMMITTEE, unit=commune, name=f"Đảng ủy {commune.name}")
        dispatch = Dispatch.objects.create(directive=directive, organisation=org, ack_due=dt.date(2024, 8, 15))
        report = TaskReport.objects.create(dispatch=dispatch, task=reported)
        TaskReportValue.objects.create(report=report, field=reported.fields.first(), value_number=5)
    with CaptureQueriesContext(connection) as big:
        data = report_data(user=user, as_of=timezone.now(), with_pending=False)
    assert len(big) == len(small)
    assert data.directives["tasks"][0]["levels"][1]["reported"] == 1 + 6
