"""Incidents (issue 21, point 3): a cell logs one, the commune handles and resolves it; dates at their
boundaries; serious ones reach the right district (or commune) and the provincial office at once."""

import datetime as dt

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from elections.incidents import services
from elections.incidents.models import Incident, IncidentNotice, IncidentStatus, Severity
from tests.trees import build_tree

pytestmark = pytest.mark.django_db(transaction=False)


def log(tree, *, hamlet=0, severity=Severity.MINOR, occurred_at=None, by=None, **extra):
    return services.incident_log(
        hamlet=tree.hamlets[hamlet], kind="dispute", severity=severity,
        occurred_at=occurred_at or timezone.now() - dt.timedelta(hours=1),
        description="Tranh cãi về danh sách cử tri tại cuộc họp.", by=by or tree.user("cell", hamlet), **extra)


def test_a_cell_logs_an_incident_in_its_hamlet_now_but_not_a_minute_ahead(tree):
    now = timezone.now()
    incident = log(tree, occurred_at=now)
    assert incident.status == IncidentStatus.OPEN and incident.reported_by == tree.user("cell", 0)
    assert incident.history.count() == 1
    with pytest.raises(ValidationError) as error:
        log(tree, occurred_at=timezone.now() + dt.timedelta(minutes=1))
    assert "occurred_at" in error.value.message_dict
    assert Incident.objects.count() == 1


def test_a_cell_cannot_log_for_another_hamlet_nor_a_viewer_at_all(tree):
    with pytest.raises(ValidationError) as error:
        log(tree, hamlet=1, by=tree.user("cell", 0))
    assert "hamlet" in error.value.message_dict
    with pytest.raises(PermissionDenied):
        log(tree, by=tree.user("cell", 0, "viewer"))
    with pytest.raises(PermissionDenied):
        log(tree, by=tree.user("office"))  # the office handles, it does not log


def _resolve(tree, incident, resolved_at, resolution="Công an xã đã giải tán, cuộc họp tiếp tục."):
    return services.incident_update(incident=incident, status=IncidentStatus.RESOLVED, handler="Công an xã",
                                    resolution=resolution, resolved_at=resolved_at, by=tree.user("commune"))


def test_resolved_in_the_same_minute_it_occurred_but_not_a_minute_before(tree):
    occurred = timezone.now().replace(second=30, microsecond=0) - dt.timedelta(hours=2)
    incident = log(tree, occurred_at=occurred)
    with pytest.raises(ValidationError) as error:
        _resolve(tree, incident, occurred.replace(second=0) - dt.timedelta(minutes=1))
    assert "resolved_at" in error.value.message_dict
    incident.refresh_from_db()
    assert incident.status == IncidentStatus.OPEN
    _resolve(tree, incident, occurred.replace(second=0))
    incident.refresh_from_db()
    assert incident.status == IncidentStatus.RESOLVED and incident.resolved_at >= incident.occurred_at


def test_resolving_needs_a_resolution_and_a_time_not_in_the_future(tree):
    incident = log(tree)
    with pytest.raises(ValidationError) as error:
        _resolve(tree, incident, timezone.now(), resolution="  ")
    assert "resolution" in error.value.message_dict
    with pytest.raises(ValidationError) as error:
        _resolve(tree, incident, timezone.now() + dt.timedelta(minutes=1))
    assert "resolved_at" in error.value.message_dict
    _resolve(tree, incident, timezone.now())
    with pytest.raises(ValidationError):  # resolved is final
        services.incident_update(incident=incident, status=IncidentStatus.HANDLING, by=tree.user("commune"))


def test_being_handled_then_resolved_keeps_its_history(tree):
    incident = log(tree)
    services.incident_update(incident=incident, status=IncidentStatus.HANDLING, handler="Ban bầu cử",
                             by=tree.user("district"))
    _resolve(tree, incident, timezone.now())
    statuses = list(incident.history.order_by("history_id").values_list("status", flat=True))
    assert statuses == ["open", "handling", "resolved"]


def test_another_district_cannot_handle(tree):
    incident = log(tree)
    with pytest.raises(ValidationError):
        services.incident_update(incident=incident, status=IncidentStatus.HANDLING, by=tree.user("district", 1))
    with pytest.raises(PermissionDenied):
        services.incident_update(incident=incident, status=IncidentStatus.HANDLING, by=tree.user("cell", 0))


def _with_addresses(tree):
    for key, index in tree.organisations:
        organisation = tree.org(key, index)
        organisation.email = f"{key}{index}@example.vn"
        organisation.save()


def test_a_serious_incident_notifies_its_district_and_the_office_by_mail_and_in_the_portal(
        tree, django_capture_on_commit_callbacks):
    _with_addresses(tree)
    with django_capture_on_commit_callbacks(execute=True):
        incident = log(tree, hamlet=2, severity=Severity.SERIOUS)  # hamlet 2: commune 1, district 0
    recipients = sorted(to for message in mail.outbox for to in message.to)
    assert recipients == ["district0@example.vn", "office0@example.vn"]
    assert tree.hamlets[2].name in mail.outbox[0].subject
    assert set(IncidentNotice.objects.filter(incident=incident).values_list("organisation", flat=True)) == {
        tree.org("district", 0).pk, tree.org("office").pk}


def test_a_minor_incident_notifies_nobody_until_raised_to_very_serious(tree, django_capture_on_commit_callbacks):
    _with_addresses(tree)
    with django_capture_on_commit_callbacks(execute=True):
        incident = log(tree, severity=Severity.MINOR)
    assert mail.outbox == [] and not IncidentNotice.objects.exists()
    with django_capture_on_commit_callbacks(execute=True):
        services.incident_update(incident=incident, status=IncidentStatus.HANDLING, severity=Severity.VERY_SERIOUS,
                                 by=tree.user("commune"))
    assert len(mail.outbox) == 2 and IncidentNotice.objects.filter(incident=incident).count() == 2


def test_without_districts_the_commune_is_notified(db, django_capture_on_commit_callbacks):
    tree = build_tree(code="98", with_districts=False)
    _with_addresses(tree)
    with django_capture_on_commit_callbacks(execute=True):
        log(tree, hamlet=5, severity=Severity.SERIOUS)  # hamlet 5: commune 2
    assert sorted(to for m in mail.outbox for to in m.to) == ["commune2@example.vn", "office0@example.vn"]


def test_nothing_is_mailed_when_the_log_is_refused(tree, django_capture_on_commit_callbacks):
    _with_addresses(tree)
    with django_capture_on_commit_callbacks(execute=True), pytest.raises(ValidationError):
        log(tree, severity=Severity.SERIOUS, occurred_at=timezone.now() + dt.timedelta(minutes=1))
    assert mail.outbox == [] and not IncidentNotice.objects.exists()
