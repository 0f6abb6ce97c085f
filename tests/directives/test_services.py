import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from accounts.models import OrganisationKind
from directives import services
from directives.models import Depth, DifficultyStatus, Dispatch

from .conftest import other_office_user, register


def dispatch_of(directive, org):
    return Dispatch.objects.get(directive=directive, organisation=org)


def test_registering_sends_to_the_addressees_with_due_dates_copied(tree, directive):
    rows = Dispatch.objects.filter(directive=directive)
    assert {d.organisation for d in rows} == {tree.org("district", 0), tree.org("district", 1), tree.org("agency")}
    for d in rows:
        assert d.parent is None
        assert d.plan_due == directive.plan_due and d.report_due == directive.report_due
        assert d.ack_due == timezone.localdate(d.delivered_at) + datetime.timedelta(days=directive.ack_within_days)
    assert directive.history.count() == 1
    assert Dispatch.history.filter(directive_id=directive.pk).count() == 3


@pytest.mark.parametrize("key,role", [("office", "viewer"), ("standing", "viewer"), ("district", "officer"),
                                      ("agency", "leader")])
def test_only_office_officers_and_leaders_register(tree, key, role):
    with pytest.raises(PermissionDenied):
        services.directive_register(by=tree.user(key, 0, role), number="1-CV/TU", kind="cong_van",
                                    issued_on=datetime.date(2024, 1, 2), issuer="Tỉnh ủy", summary="x", body="y")


def test_a_directive_needs_text_or_a_file_and_due_dates_when_required(tree):
    with pytest.raises(ValidationError):
        register(tree, body="")
    with pytest.raises(ValidationError) as error:
        register(tree, number="13-KH/TU", plan_due=None)
    assert "Give the date the plan is due." in str(error.value) or "kế hoạch" in str(error.value)


def test_the_same_number_and_date_cannot_be_registered_twice(tree, directive):
    with pytest.raises(ValidationError):
        register(tree)


def test_sending_twice_to_the_same_recipient_creates_nothing_twice(tree, directive):
    services.directive_dispatch(directive=directive, recipients=[tree.org("district", 0)], by=tree.user("office"))
    assert Dispatch.objects.filter(directive=directive).count() == 3


def test_a_cell_cannot_be_an_addressee(tree):
    with pytest.raises(ValidationError):
        register(tree, recipients=[tree.org("cell", 0)])


def test_a_district_forwards_to_its_communes_and_a_commune_to_its_cells(tree, directive):
    district = dispatch_of(directive, tree.org("district", 0))
    assert services.dispatch_forward(dispatch=district, by=tree.user("district", 0)) == 2
    district.refresh_from_db()
    assert district.acknowledged_at and district.forwarded_at  # forwarding means it was received
    communes = Dispatch.objects.filter(directive=directive, parent=district)
    assert {d.organisation for d in communes} == {tree.org("commune", 0), tree.org("commune", 1)}
    commune = dispatch_of(directive, tree.org("commune", 0))
    assert services.dispatch_forward(dispatch=commune, by=tree.user("commune", 0, "leader")) == 2
    cells = Dispatch.objects.filter(directive=directive, parent=commune)
    assert {d.organisation for d in cells} == {tree.org("cell", 0), tree.org("cell", 1)}
    # Forwarding again creates nothing.
    assert services.dispatch_forward(dispatch=commune, by=tree.user("commune", 0)) == 0


def test_forwarding_stops_where_the_directive_stops(tree):
    addressees_only = register(tree, number="20-CV/TU", kind="cong_van", depth=Depth.ADDRESSEES)
    with pytest.raises(ValidationError):
        services.dispatch_forward(dispatch=dispatch_of(addressees_only, tree.org("district", 0)),
                                  by=tree.user("district", 0))
    to_communes = register(tree, number="21-CV/TU", kind="cong_van", depth=Depth.COMMUNES)
    services.dispatch_forward(dispatch=dispatch_of(to_communes, tree.org("district", 0)), by=tree.user("district", 0))
    with pytest.raises(ValidationError):
        services.dispatch_forward(dispatch=dispatch_of(to_communes, tree.org("commune", 0)),
                                  by=tree.user("commune", 0))


def test_only_the_recipients_officers_forward_or_acknowledge(tree, directive):
    district = dispatch_of(directive, tree.org("district", 0))
    for user in (tree.user("district", 0, "viewer"), tree.user("district", 1), tree.user("office")):
        with pytest.raises(PermissionDenied):
            services.dispatch_forward(dispatch=district, by=user)
        with pytest.raises(PermissionDenied):
            services.dispatch_acknowledge(dispatch=district, by=user)
    agency = dispatch_of(directive, tree.org("agency"))
    with pytest.raises(ValidationError):
        services.dispatch_forward(dispatch=agency, by=tree.user("agency"))


def test_acknowledging_records_who_and_when_once(tree, directive):
    dispatch = dispatch_of(directive, tree.org("agency"))
    first = services.dispatch_acknowledge(dispatch=dispatch, by=tree.user("agency"))
    again = services.dispatch_acknowledge(dispatch=dispatch, by=tree.user("agency", 0, "leader"))
    assert again.acknowledged_at == first.acknowledged_at and again.acknowledged_by == tree.user("agency")
    assert dispatch.history.filter(acknowledged_at__isnull=False).count() == 1


def test_plan_and_report_are_submitted_only_when_required(tree, directive):
    dispatch = dispatch_of(directive, tree.org("agency"))
    services.dispatch_submit_plan(dispatch=dispatch, text="Kế hoạch số 5-KH", by=tree.user("agency"))
    services.dispatch_submit_report(dispatch=dispatch, text="Báo cáo", by=tree.user("agency"))
    dispatch.refresh_from_db()
    assert dispatch.plan_submitted_by == tree.user("agency") and dispatch.report_submitted_at
    assert dispatch.acknowledged_at  # submitting implies receipt
    no_plan = register(tree, number="22-CV/TU", kind="cong_van", plan_required=False, plan_due=None,
                       report_required=False, report_due=None)
    other = dispatch_of(no_plan, tree.org("agency"))
    with pytest.raises(ValidationError):
        services.dispatch_submit_plan(dispatch=other, text="x", by=tree.user("agency"))
    with pytest.raises(ValidationError):
        services.dispatch_submit_report(dispatch=other, text="x", by=tree.user("agency"))
    with pytest.raises(ValidationError):
        services.dispatch_submit_plan(dispatch=dispatch, text="  ", by=tree.user("agency"))
    with pytest.raises(PermissionDenied):
        services.dispatch_submit_plan(dispatch=dispatch, text="x", by=tree.user("district", 0))


def test_overdue_is_derived_from_due_dates(tree, directive):
    from directives.selectors import with_overdue

    dispatch = dispatch_of(directive, tree.org("agency"))
    late = dispatch.ack_due + datetime.timedelta(days=1)
    row = with_overdue(Dispatch.objects.filter(pk=dispatch.pk), today=late).get()
    assert row.ack_late and row.is_overdue and dispatch.status(late)[0] == "late"
    on_time = with_overdue(Dispatch.objects.filter(pk=dispatch.pk), today=dispatch.ack_due).get()
    assert not on_time.ack_late
    services.dispatch_acknowledge(dispatch=dispatch, by=tree.user("agency"))
    after_plan_due = directive.plan_due + datetime.timedelta(days=1)
    row = with_overdue(Dispatch.objects.filter(pk=dispatch.pk), today=after_plan_due).get()
    assert not row.ack_late and row.plan_late and row.is_overdue


def test_difficulty_is_raised_by_the_recipient_and_answered_and_closed_by_the_office(tree, directive):
    # An addressee's difficulty goes straight to the office (a cell's goes first to its commune:
    # tests/directives/test_eoffice.py).
    services.directive_fan_out(directive=directive, by=tree.user("office"))
    district = dispatch_of(directive, tree.org("district", 0))
    report = services.difficulty_raise(dispatch=district, text="Thiếu kinh phí tổ chức bầu cử",
                                       by=tree.user("district", 0))
    assert report.status == DifficultyStatus.OPEN and report.handler is None
    with pytest.raises(PermissionDenied):
        services.difficulty_raise(dispatch=district, text="x", by=tree.user("district", 1))
    with pytest.raises(PermissionDenied):
        services.difficulty_answer(report=report, answer="x", by=tree.user("district", 0, "leader"))
    with pytest.raises(PermissionDenied):
        services.difficulty_answer(report=report, answer="x", by=tree.user("office", 0, "viewer"))
    with pytest.raises(ValidationError):
        services.difficulty_answer(report=report, answer="  ", by=tree.user("office"))
    report = services.difficulty_answer(report=report, answer="Huyện ủy hỗ trợ kinh phí", by=tree.user("office"))
    assert report.status == DifficultyStatus.ANSWERED and report.answered_by == tree.user("office")
    report = services.difficulty_close(report=report, by=tree.user("office", 0, "leader"))
    assert report.status == DifficultyStatus.CLOSED
    with pytest.raises(ValidationError):
        services.difficulty_answer(report=report, answer="Thêm", by=tree.user("office"))
    assert report.history.count() == 3


def test_another_provinces_office_cannot_act_on_the_directive(tree, directive):
    from tests.trees import build_tree

    other = build_tree(name="Tỉnh Khác", code="98")
    stranger = other_office_user(other)
    with pytest.raises(PermissionDenied):
        services.directive_fan_out(directive=directive, by=stranger)
    with pytest.raises(PermissionDenied):
        services.directive_dispatch(directive=directive, recipients=[tree.org("district", 0)], by=stranger)


def test_addressee_choices_are_the_province_committees_and_agencies(tree):
    names = set(services.addressee_choices(tree.org("office")).values_list("kind", flat=True))
    assert names == {OrganisationKind.STANDING_COMMITTEE, OrganisationKind.AGENCY, OrganisationKind.DISTRICT_COMMITTEE}


def test_difficulty_counts_feed_the_progress_report(tree, directive):
    from directives.selectors import difficulty_counts

    agency = dispatch_of(directive, tree.org("agency"))
    first = services.difficulty_raise(dispatch=agency, text="Một", by=tree.user("agency"))
    services.difficulty_raise(dispatch=agency, text="Hai", by=tree.user("agency"))
    services.difficulty_answer(report=first, answer="Trả lời", by=tree.user("office"))
    assert difficulty_counts(directive) == {"open": 1, "answered": 1, "closed": 0, "total": 2}
    assert difficulty_counts(directive, tree.user("district", 0))["total"] == 0
