"""The incident figures the dashboard and the progress report read (issue 21, point 3) equal a
recount of the rows: random incidents across hamlets, severities and statuses, counted as known at a
moment before, between and after they were reported and resolved, for the whole province, per
district and per commune, and over what one district's officer sees."""

import datetime as dt
import random
from dataclasses import asdict

import pytest
from django.utils import timezone

from elections.incidents import services
from elections.incidents.models import SERIOUS, Incident, IncidentKind, IncidentStatus, Severity
from elections.incidents.selectors import IncidentFigures, incident_figures, incidents_by_unit
from tests.trees import build_tree

pytestmark = pytest.mark.django_db

NOW = timezone.now().replace(second=0, microsecond=0)
DAY = dt.timedelta(days=1)


def scatter(tree, seed: int, count: int = 30) -> list[Incident]:
    """`count` incidents in random hamlets, logged by their cells over the last 10 days; some handled,
    some resolved a few hours later by their district. Each is reported 10 minutes after it occurred."""
    rng = random.Random(seed)
    incidents = []
    for _ in range(count):
        h = rng.randrange(len(tree.hamlets))
        occurred = NOW - dt.timedelta(days=rng.randint(1, 10), hours=rng.randint(0, 23))
        incident = services.incident_log(hamlet=tree.hamlets[h], kind=rng.choice(IncidentKind.values),
                                         severity=rng.choice(Severity.values), occurred_at=occurred,
                                         description="Vụ việc thử.", by=tree.user("cell", h))
        fate = rng.choice(["open", "handling", "resolved"])
        district = tree.user("district", h // 4)
        if fate == "handling":
            services.incident_update(incident=incident, status=IncidentStatus.HANDLING, by=district)
        elif fate == "resolved":
            services.incident_update(incident=incident, status=IncidentStatus.RESOLVED, resolution="Đã xử lý.",
                                     resolved_at=occurred + dt.timedelta(hours=rng.randint(0, 30)), by=district)
        # As if reported then (the database stamps reported_at when the row is created).
        Incident.objects.filter(pk=incident.pk).update(reported_at=occurred + dt.timedelta(minutes=10))
        incidents.append(incident)
    return incidents


def recount(rows, as_of=None) -> IncidentFigures:
    known = [i for i in rows if as_of is None or i.reported_at <= as_of]
    resolved = [i for i in known if i.status == IncidentStatus.RESOLVED and (as_of is None or i.resolved_at <= as_of)]
    serious = [i for i in known if i.severity in SERIOUS]
    return IncidentFigures(total=len(known), serious=len(serious), resolved=len(resolved),
                           open=len(known) - len(resolved),
                           serious_open=len([i for i in serious if i not in resolved]))


def moments(rows):
    """Before everything, a minute before and at each of a few reports and resolutions, and now."""
    picks = sorted(rows, key=lambda i: i.reported_at)
    points = [picks[0].reported_at - DAY, NOW]
    for i in picks[::7]:
        points += [i.reported_at - dt.timedelta(minutes=1), i.reported_at]
        if i.resolved_at:
            points += [i.resolved_at - dt.timedelta(minutes=1), i.resolved_at, i.resolved_at + dt.timedelta(minutes=1)]
    return [None, *points]


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_the_figures_of_a_province_equal_a_recount_of_its_rows_at_every_moment(seed):
    tree = build_tree()
    scatter(tree, seed)
    rows = list(Incident.objects.select_related("hamlet"))
    assert len({i.status for i in rows}) == 3 and len({i.severity for i in rows}) == 3  # every case is there
    for as_of in moments(rows):
        assert incident_figures(within=tree.province, as_of=as_of) == recount(rows, as_of), as_of
        by_district = incidents_by_unit(within=tree.province, as_of=as_of)
        for district in tree.districts:
            mine = [i for i in rows if i.hamlet.district_id == district.pk]
            assert by_district.get(district.pk, IncidentFigures()) == recount(mine, as_of), (as_of, district)
        assert set(by_district) <= {d.pk for d in tree.districts}
        by_commune = incidents_by_unit(within=tree.districts[1], as_of=as_of)
        for commune in tree.communes[2:]:
            mine = [i for i in rows if i.hamlet.commune_id == commune.pk]
            assert by_commune.get(commune.pk, IncidentFigures()) == recount(mine, as_of), (as_of, commune)


def test_the_sum_of_the_units_is_the_total_and_a_district_counts_only_what_it_sees():
    tree = build_tree()
    scatter(tree, 7)
    rows = list(Incident.objects.select_related("hamlet"))
    by_district = incidents_by_unit(within=tree.province)
    total = incident_figures(within=tree.province)
    assert {k: sum(asdict(f)[k] for f in by_district.values()) for k in asdict(total)} == asdict(total)
    officer = tree.user("district", 0)
    mine = [i for i in rows if i.hamlet.district_id == tree.districts[0].pk]
    assert 0 < len(mine) < len(rows)
    assert incident_figures(within=tree.province, user=officer) == recount(mine)
    assert incidents_by_unit(within=tree.province, user=officer) == {tree.districts[0].pk: recount(mine)}


def test_an_incident_counts_from_the_minute_it_is_reported_and_as_resolved_from_the_minute_it_is():
    tree = build_tree()
    occurred = NOW - 2 * DAY
    incident = services.incident_log(hamlet=tree.hamlets[0], kind=IncidentKind.SABOTAGE, severity=Severity.SERIOUS,
                                     occurred_at=occurred, description="Xé danh sách cử tri niêm yết.",
                                     by=tree.user("cell", 0))
    reported = occurred + dt.timedelta(minutes=30)
    Incident.objects.filter(pk=incident.pk).update(reported_at=reported)
    incident.refresh_from_db()
    resolved = occurred + dt.timedelta(hours=5)
    services.incident_update(incident=incident, status=IncidentStatus.RESOLVED, resolution="Niêm yết lại.",
                             resolved_at=resolved, by=tree.user("commune", 0))
    tick = dt.timedelta(seconds=1)

    def figures(at):
        return incident_figures(within=tree.province, as_of=at)

    assert figures(reported - tick) == IncidentFigures()
    assert figures(reported) == IncidentFigures(total=1, serious=1, open=1, serious_open=1)
    assert figures(resolved - tick) == IncidentFigures(total=1, serious=1, open=1, serious_open=1)
    assert figures(resolved) == IncidentFigures(total=1, serious=1, resolved=1)
    assert figures(resolved + tick) == figures(None) == IncidentFigures(total=1, serious=1, resolved=1)
