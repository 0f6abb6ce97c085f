"""Task pages: the office lists a directive's tasks with their fields, a recipient reports from its
dispatch page, trackers read the figures and export them, the office returns a report (who may open
each page is asserted by the access matrix, tests/access)."""

import io

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from directives import services
from directives.assignments.models import TaskReport
from directives.models import Dispatch

from .conftest import pdf_bytes, upload

pytestmark = pytest.mark.django_db


@pytest.fixture
def deployed(tree, directive):
    services.directive_fan_out(directive=directive, by=tree.user("office"))
    return directive


def add_task(client, directive, **extra):
    data = {"title": "Quán triệt, triển khai", "description": "Tổ chức hội nghị quán triệt.",
            "levels": ["district_committee", "commune_committee"], "due": "25/08/2024",
            "truong-TOTAL_FORMS": "4", "truong-INITIAL_FORMS": "0",
            "truong-0-label": "Ngày tổ chức", "truong-0-kind": "date", "truong-0-required": "on",
            "truong-1-label": "Cán bộ tham dự", "truong-1-kind": "number", "truong-1-unit": "lượt",
            "truong-1-required": "on",
            "truong-2-label": "Biên bản hội nghị", "truong-2-kind": "file",
            "truong-3-label": "", "truong-3-kind": "number"}
    data.update(extra)
    return client.post(reverse("directives:tasks", args=[directive.pk]), data)


def test_the_office_adds_a_task_with_its_fields_on_the_tasks_page(tree, deployed, client):
    client.force_login(tree.user("office"))
    response = add_task(client, deployed)
    assert response.status_code == 302
    task = deployed.tasks.get()
    assert [(f.label, f.kind, f.unit, f.required) for f in task.fields.all()] == [
        ("Ngày tổ chức", "date", "", True), ("Cán bộ tham dự", "number", "lượt", True),
        ("Biên bản hội nghị", "file", "", False)]
    page = client.get(reverse("directives:tasks", args=[deployed.pk])).content.decode()
    assert "Quán triệt, triển khai" in page and "Xóa nhiệm vụ này" in page
    refused = add_task(client, deployed, levels=[])
    assert refused.status_code == 200 and "levels" in refused.context["form"].errors
    nothing = add_task(client, deployed, **{"truong-0-label": "", "truong-1-label": "", "truong-2-label": ""})
    assert nothing.status_code == 200 and nothing.context["form"].non_field_errors()


def test_a_commune_reports_a_task_from_its_dispatch_page(tree, deployed, client):
    client.force_login(tree.user("office"))
    add_task(client, deployed)
    task = deployed.tasks.get()
    dispatch = Dispatch.objects.get(directive=deployed, organisation=tree.org("commune"))
    client.force_login(tree.user("commune"))
    page = client.get(reverse("directives:dispatch", args=[dispatch.pk])).content.decode()
    assert "Nhiệm vụ phải báo cáo" in page and "Quán triệt, triển khai" in page
    url = reverse("directives:task_report", args=[dispatch.pk, task.pk])
    date, number, minutes = task.fields.all()
    missing = client.post(url, {f"field_{date.pk}": "20/08/2024"})
    assert missing.status_code == 200 and f"field_{number.pk}" in missing.context["form"].errors
    sent = client.post(url, {f"field_{date.pk}": "20/08/2024", f"field_{number.pk}": "1.240",
                             f"field_{minutes.pk}": upload("bien-ban.pdf", pdf_bytes())})
    assert sent.status_code == 302
    report = TaskReport.objects.get()
    assert report.values.get(field=number).value_number == 1240
    again = client.get(url)
    assert again.context["form"][f"field_{number.pk}"].value() == "1.240"
    page = client.get(reverse("directives:dispatch", args=[dispatch.pk])).content.decode()
    assert "1.240 lượt" in page and "bien-ban.pdf" in page
    value = report.values.get(field=minutes)
    download = client.get(reverse("directives:download", args=["nhiem-vu", value.pk]))
    assert download.status_code == 200 and b"".join(download.streaming_content).startswith(b"%PDF")

    # The office sees the figures, returns the report, exports the task.
    client.force_login(tree.user("office"))
    tracking = client.get(reverse("directives:tracking", args=[deployed.pk])).content.decode()
    assert "1/4 Đảng ủy xã, phường, thị trấn" in tracking and "0/2 Huyện ủy, Thành ủy, Thị ủy" in tracking
    assert "1.240 lượt" in tracking
    detail = client.get(reverse("directives:task", args=[task.pk])).content.decode()
    assert tree.communes[0].name in detail or tree.districts[0].name in detail
    assert client.post(reverse("directives:task_return", args=[report.pk]),
                       {"reason": "Bổ sung biên bản có chữ ký."}).status_code == 302
    report.refresh_from_db()
    assert report.status == "returned"
    workbook = load_workbook(io.BytesIO(client.get(reverse("directives:task_export", args=[task.pk])).content))
    rows = list(workbook.active.iter_rows(min_row=2, values_only=True))
    assert len(rows) == 6  # two districts and four communes owe it
    reported = next(r for r in rows if r[2] == tree.org("commune").name)
    assert reported[3] == "Trả lại để bổ sung" and reported[6] == 1240 and reported[7] == "bien-ban.pdf"


def test_the_task_page_uses_a_fixed_number_of_queries(tree, deployed, client, django_assert_max_num_queries):
    from .conftest import grow

    client.force_login(tree.user("office"))
    add_task(client, deployed)
    task = deployed.tasks.get()
    url = reverse("directives:task", args=[task.pk])
    TaskReport.objects.create(dispatch=Dispatch.objects.get(directive=deployed, organisation=tree.org("district")),
                              task=task)
    with django_assert_max_num_queries(30) as small:
        client.get(url)
    grow(tree, communes_per_district=4, hamlets_per_commune=1)
    services.directive_fan_out(directive=deployed, by=tree.user("office"))
    for dispatch in Dispatch.objects.filter(directive=deployed, organisation__kind="commune_committee")[:5]:
        TaskReport.objects.create(dispatch=dispatch, task=task)
    with django_assert_max_num_queries(len(small.captured_queries)):
        client.get(url)
