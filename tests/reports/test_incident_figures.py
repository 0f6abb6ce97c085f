"""Election-period incidents in the dashboard and the progress report (issue 21, point 3): the
dashboard shows all, serious, serious not yet resolved and resolved, each figure a link to the
incident list of exactly those rows, and a column per unit; the PDF's results part says it in one
sentence naming the serious ones by place (never who reported or the free text); the .xlsx adds the
figures per unit and a sheet of the serious incidents. Figures are those known at the report's moment."""

import datetime as dt
import html
import io
import re

import pytest
from django.urls import reverse
from django.utils import timezone
from openpyxl import load_workbook

from elections.incidents import services
from elections.incidents.models import Incident, IncidentStatus, Severity
from reports.models import ReportJob
from reports.pdf import render_pdf
from reports.selectors import report_data
from tests.reports.conftest import AS_OF, pdf_text

pytestmark = pytest.mark.django_db

SEPT_1 = timezone.make_aware(dt.datetime(2024, 9, 1, 8, 0))


def log(tree, hamlet, severity, *, kind="security", hours=0, reported=None, resolved=None):
    """An incident logged by the hamlet's cell, as if reported at `reported` (default: 5 minutes after
    it occurred), resolved by its district at `resolved` if given."""
    occurred = SEPT_1 + dt.timedelta(hours=hours)
    incident = services.incident_log(hamlet=tree.hamlets[hamlet], kind=kind, severity=severity, occurred_at=occurred,
                                     description="Ông Nguyễn Văn Riêng gây rối tại cuộc họp.",
                                     by=tree.user("cell", hamlet))
    if resolved:
        services.incident_update(incident=incident, status=IncidentStatus.RESOLVED, resolution="Đã ổn định.",
                                 resolved_at=resolved, by=tree.user("district", hamlet // 4))
    # As if reported then (the database stamps reported_at when the row is created).
    Incident.objects.filter(pk=incident.pk).update(reported_at=reported or occurred + dt.timedelta(minutes=5))
    return incident


@pytest.fixture
def incidents(tree):
    """At the report's moment (05/09/2024 10:30): 3 known, 2 of them serious; 1 resolved by then.
    Later: one resolved after the moment, one reported after it."""
    return {
        "serious_resolved": log(tree, 2, Severity.SERIOUS, resolved=SEPT_1 + dt.timedelta(hours=3)),
        "very_serious_resolved_later": log(tree, 5, Severity.VERY_SERIOUS, kind="propaganda", hours=1,
                                           resolved=AS_OF + dt.timedelta(minutes=1)),
        "minor_open": log(tree, 0, Severity.MINOR, kind="weather", hours=2),
        "reported_after": log(tree, 1, Severity.SERIOUS, hours=4, reported=AS_OF + dt.timedelta(seconds=1)),
    }


def test_the_report_counts_the_incidents_known_at_its_moment(tree, incidents):
    figures = report_data(user=tree.user("office"), as_of=AS_OF).results["totals"]["incidents"]
    assert figures == {"total": 3, "serious": 2, "open": 2, "serious_open": 1, "resolved": 1}
    later = report_data(user=tree.user("office"), as_of=AS_OF + dt.timedelta(minutes=1)).results
    assert later["totals"]["incidents"] == {"total": 4, "serious": 3, "open": 2, "serious_open": 1, "resolved": 2}
    by_district = {tree.districts[0].pk: 2 + 1, tree.districts[1].pk: 1}
    assert {g: row["incidents"]["total"] for g, row in later["rows"].items()} == by_district


def test_the_pdf_says_how_many_incidents_and_names_the_serious_ones_by_place(tree, incidents):
    job = ReportJob.objects.create(unit=tree.province, as_of=AS_OF, number=3, year=2024)
    text = " ".join(pdf_text(render_pdf(job=job, data=report_data(user=None, as_of=AS_OF, root=tree.province))).split())
    h2, h5 = tree.hamlets[2], tree.hamlets[5]
    assert (f"Trong đợt bầu cử có 3 vụ việc, 2 vụ nghiêm trọng ({h5.name}, {h5.commune.name}: luận điệu "
            f"xuyên tạc, 01/09/2024, chưa giải quyết; {h2.name}, {h2.commune.name}: an ninh, trật tự, 01/09/2024, "
            f"đã giải quyết), đã giải quyết 1.") in text
    assert "Nguyễn Văn Riêng" not in text and "gây rối" not in text  # free text may name people


def test_the_pdf_without_incidents_says_so(tree):
    job = ReportJob.objects.create(unit=tree.province, as_of=AS_OF, number=4, year=2024)
    text = " ".join(pdf_text(render_pdf(job=job, data=report_data(user=None, as_of=AS_OF, root=tree.province))).split())
    assert "Trong đợt bầu cử không có vụ việc nào được báo cáo." in text


def test_the_xlsx_has_the_figures_per_unit_and_a_sheet_of_the_serious_incidents(client, tree, incidents):
    client.force_login(tree.user("office"))
    book = load_workbook(io.BytesIO(client.get(reverse("reports:xlsx")).content))
    summary = list(book["Tổng hợp"].iter_rows(values_only=True))
    header = list(summary[0])
    columns = [header.index(name) for name in ("Vụ việc", "Vụ việc nghiêm trọng",
                                                "Vụ việc nghiêm trọng chưa giải quyết", "Vụ việc đã giải quyết")]
    by_name = {row[0]: [row[i] for i in columns] for row in summary[1:]}
    # Now: all four known; the propaganda one and the first resolved, the other serious one open.
    assert by_name[tree.districts[0].name] == [3, 2, 1, 1]
    assert by_name[tree.districts[1].name] == [1, 1, 0, 1]
    assert by_name["Tổng cộng"] == [4, 3, 1, 2]
    serious = list(book["Vụ việc nghiêm trọng"].iter_rows(values_only=True))
    assert serious[0] == ("Địa điểm", "Loại vụ việc", "Mức độ", "Ngày", "Tình trạng")
    assert sorted(serious[1:]) == sorted([
        (f"{tree.hamlets[1].name}, {tree.communes[0].name}", "An ninh, trật tự", "Nghiêm trọng", "01/09/2024",
         "chưa giải quyết"),
        (f"{tree.hamlets[5].name}, {tree.communes[2].name}", "Luận điệu xuyên tạc", "Đặc biệt nghiêm trọng",
         "01/09/2024", "đã giải quyết"),
        (f"{tree.hamlets[2].name}, {tree.communes[1].name}", "An ninh, trật tự", "Nghiêm trọng", "01/09/2024",
         "đã giải quyết")])


def figures_block(client, user, path="/") -> str:
    client.force_login(user)
    page = client.get(path).content.decode()
    return page[page.index('id="figures"'):]


def list_count(client, url: str) -> int:
    response = client.get(url)
    assert response.status_code == 200, url
    return response.context["page_obj"].paginator.count


@pytest.mark.parametrize(("who", "expected"), [
    (("office", 0, "leader"), [4, 3, 1, 2]),  # every incident of the province, now
    (("district", 0, "officer"), [3, 2, 1, 1]),
    (("commune", 1, "officer"), [1, 1, 0, 1]),  # hamlet 2 only (hamlet 3 had none)
])
def test_each_dashboard_figure_links_to_a_list_of_exactly_its_rows(client, tree, incidents, who, expected):
    block = figures_block(client, tree.user(*who))
    dd = re.search(r'<dd id="incident-figures">(.*?)</dd>', block, re.S)[1]
    links = re.findall(r'<a href="([^"]+)">([\d.]+)</a>', dd)
    assert [int(n) for _url, n in links] == expected
    for url, n in links:
        assert list_count(client, html.unescape(url)) == int(n), url
    assert "vụ việc" in dd and "nghiêm trọng" in dd and "đã giải quyết" in dd


def test_the_unit_table_has_an_incident_column_whose_figures_open_their_rows(client, tree, incidents):
    block = figures_block(client, tree.user("office", 0, "leader"))
    for district, total, serious_open in ((tree.districts[0], 3, 1), (tree.districts[1], 1, 0)):
        start = block.index(f">{district.name}</a></th>")
        row = block[start:block.index("</tr>", start)]
        cell = re.search(r'data-label="Vụ việc trong bầu cử"><a href="([^"]+)">(\d+)</a>(.*?)</td>', row, re.S)
        assert int(cell[2]) == total == list_count(client, html.unescape(cell[1]))
        badge = re.search(r'<a href="([^"]+)">\s*<span class="badge badge--late">(\d+) vụ nghiêm trọng chưa giải quyết',
                          cell[3])
        if serious_open:
            assert int(badge[2]) == serious_open == list_count(client, html.unescape(badge[1]))
        else:
            assert badge is None
