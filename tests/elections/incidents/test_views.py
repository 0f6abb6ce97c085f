"""Incident pages (issue 21, point 3) through their forms: a cell logs an incident on its phone form,
the commune resolves it; the list's filters and its .xlsx show exactly the rows asked for; the home
page's count of serious incidents not yet resolved opens a list of exactly that many rows."""

import datetime as dt
import html
import io
import re

import pytest
from django.urls import reverse
from django.utils import timezone
from openpyxl import load_workbook

from elections.incidents import services
from elections.incidents.models import Incident, IncidentNotice, IncidentStatus, Severity
from tests.trees import build_tree

pytestmark = pytest.mark.django_db

LIST = reverse("elections:incidents")
ROW = re.compile(r'<td><a href="/bau-cu/vu-viec/(\d+)/">')  # the table's rows, not the notices above it
WHEN = timezone.localtime().replace(second=0, microsecond=0) - dt.timedelta(hours=3)


@pytest.fixture
def tree(db):
    return build_tree()


def log(tree, hamlet, severity, *, kind="security", status=None, hours=3):
    incident = services.incident_log(hamlet=tree.hamlets[hamlet], kind=kind, severity=severity,
                                     occurred_at=WHEN - dt.timedelta(hours=hours),
                                     description=f"Vụ việc ở ấp {hamlet}.", by=tree.user("cell", hamlet))
    if status:
        services.incident_update(incident=incident, status=status, resolution="Đã xử lý xong.",
                                 by=tree.user("district", hamlet // 4))
    return incident


def rows(client, user, query="") -> set[int]:
    client.force_login(user)
    response = client.get(f"{LIST}{query}")
    assert response.status_code == 200
    return {int(pk) for pk in ROW.findall(response.content.decode())}


def test_a_cell_logs_a_serious_incident_through_the_form_and_the_commune_resolves_it(client, tree):
    cell = tree.user("cell", 2)
    client.force_login(cell)
    form = client.get(reverse("elections:incident_create")).content.decode()
    assert f'value="{tree.hamlets[2].pk}" selected' in form  # its own hamlet, chosen for it
    response = client.post(reverse("elections:incident_create"), {
        "hamlet": tree.hamlets[2].pk, "kind": "propaganda", "severity": "serious",
        "occurred_at": WHEN.strftime("%Y-%m-%dT%H:%M"), "place": "Nhà văn hóa ấp",
        "description": "Phát tờ rơi xuyên tạc về người được giới thiệu.", "handler": "Công an xã"})
    incident = Incident.objects.get()
    assert response.status_code == 302 and response.url == reverse("elections:incident", args=[incident.pk])
    assert (incident.hamlet, incident.severity, incident.status, incident.reported_by) == (
        tree.hamlets[2], Severity.SERIOUS, IncidentStatus.OPEN, cell)
    assert IncidentNotice.objects.filter(incident=incident).count() == 2  # district 0 and the office
    page = client.get(response.url).content.decode()
    assert "Phát tờ rơi xuyên tạc" in page and "Handle the incident" not in page and "Xử lý vụ việc" not in page

    client.force_login(tree.user("commune", 1))
    detail = reverse("elections:incident", args=[incident.pk])
    refused = client.post(detail, {"severity": "serious", "status": "resolved", "handler": "Công an xã",
                                   "resolution": "  ", "resolved_at": ""})
    assert refused.status_code == 200 and "resolution" in refused.context["form"].errors
    incident.refresh_from_db()
    assert incident.status == IncidentStatus.OPEN
    done = client.post(detail, {"severity": "serious", "status": "resolved", "handler": "Công an xã",
                                "resolution": "Đã thu hồi tờ rơi, làm việc với người phát.",
                                "resolved_at": (WHEN + dt.timedelta(hours=1)).strftime("%Y-%m-%dT%H:%M")})
    assert done.status_code == 302
    incident.refresh_from_db()
    assert incident.status == IncidentStatus.RESOLVED and incident.resolved_at == WHEN + dt.timedelta(hours=1)
    assert incident.handled_by == tree.user("commune", 1)
    assert list(incident.history.order_by("history_id").values_list("status", flat=True)) == ["open", "resolved"]


def test_the_list_filters_give_exactly_the_rows_asked_for(client, tree):
    minor = log(tree, 0, Severity.MINOR, kind="weather")
    serious_open = log(tree, 1, Severity.SERIOUS)
    very_serious_resolved = log(tree, 3, Severity.VERY_SERIOUS, status=IncidentStatus.RESOLVED)
    handling = log(tree, 5, Severity.MINOR, kind="dispute", status=IncidentStatus.HANDLING)
    far_serious = log(tree, 6, Severity.SERIOUS)
    office = tree.user("office")
    everything = {i.pk for i in (minor, serious_open, very_serious_resolved, handling, far_serious)}
    assert rows(client, office) == everything
    assert rows(client, office, "?serious=on") == {serious_open.pk, very_serious_resolved.pk, far_serious.pk}
    assert rows(client, office, "?serious_open=on") == {serious_open.pk, far_serious.pk}
    assert rows(client, office, "?status=resolved") == {very_serious_resolved.pk}
    assert rows(client, office, "?severity=minor") == {minor.pk, handling.pk}
    assert rows(client, office, "?kind=weather") == {minor.pk}
    # Any unit of the tree, as the dashboard's links name them: the province, a district, a commune, a hamlet.
    assert rows(client, office, f"?unit={tree.province.pk}") == everything
    in_district_0 = {minor.pk, serious_open.pk, very_serious_resolved.pk}
    assert rows(client, office, f"?unit={tree.districts[0].pk}") == in_district_0
    assert rows(client, office, f"?unit={tree.communes[1].pk}&serious=on") == {very_serious_resolved.pk}
    assert rows(client, office, f"?unit={tree.hamlets[1].pk}") == {serious_open.pk}
    page = client.get(f"{LIST}?unit={tree.hamlets[1].pk}").content.decode()
    assert f'<option value="{tree.hamlets[1].pk}" selected>' in page  # the chosen hamlet is shown as chosen
    # A district sees its own; another district's unit is not a filter it may use (its rows stay hidden).
    district = tree.user("district", 1)
    assert rows(client, district) == {handling.pk, far_serious.pk}
    assert rows(client, district, f"?unit={tree.districts[0].pk}") == {handling.pk, far_serious.pk}


def test_the_xlsx_holds_exactly_the_filtered_rows(client, tree):
    log(tree, 0, Severity.MINOR)
    serious = log(tree, 1, Severity.SERIOUS)
    client.force_login(tree.user("district", 0))
    response = client.get(reverse("elections:incidents_export") + "?serious_open=on")
    sheet = load_workbook(io.BytesIO(response.content)).active
    values = [list(row) for row in sheet.iter_rows(values_only=True)]
    assert list(values[0][:5]) == ["STT", "Ấp, khu phố", "Xã, phường, thị trấn", "Loại vụ việc", "Mức độ"]
    assert len(values) == 2  # header + the one serious incident not yet resolved
    assert values[1][0] == 1 and values[1][1] == tree.hamlets[1].name and values[1][4] == "Nghiêm trọng"
    assert values[1][7] == serious.description


def pending_count(client, user) -> tuple[int, str]:
    client.force_login(user)
    page = client.get("/").content.decode()
    match = re.search(r'<a class="pending-item__link" href="(?P<url>[^"]+)"><span class="pending-item__count">'
                      r'(?P<count>\d+)</span> <span class="pending-item__label">Vụ việc nghiêm trọng', page)
    return (int(match["count"]), html.unescape(match["url"])) if match else (0, "")


def test_the_home_page_count_of_serious_incidents_opens_exactly_those_rows(client, tree):
    log(tree, 0, Severity.MINOR)
    open_ones = {log(tree, 1, Severity.SERIOUS).pk, log(tree, 2, Severity.VERY_SERIOUS).pk,
                 log(tree, 3, Severity.SERIOUS, status=IncidentStatus.HANDLING).pk}
    log(tree, 3, Severity.SERIOUS, status=IncidentStatus.RESOLVED)
    elsewhere = log(tree, 7, Severity.SERIOUS).pk
    for user, expected in ((tree.user("district", 0), open_ones), (tree.user("office"), open_ones | {elsewhere}),
                           (tree.user("commune", 0), {i for i in open_ones
                                                      if Incident.objects.get(pk=i).hamlet.commune_id
                                                      == tree.communes[0].pk})):
        count, url = pending_count(client, user)
        assert count == len(expected)
        assert rows(client, user, url.removeprefix(LIST)) == expected
    assert pending_count(client, tree.user("cell", 1)) == (0, "")  # a cell logs, it does not handle
