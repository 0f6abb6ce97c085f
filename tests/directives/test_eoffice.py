"""The e-office habits of directives (issue 21 point 4): addressees "để biết" (for information),
plans and reports returned for completion, state guidance, difficulties passed up and escalated."""

import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from accounts.models import OrganisationKind as K
from directives import selectors, services
from directives.assignments import selectors as task_selectors
from directives.assignments import services as tasks
from directives.assignments.models import FieldKind
from directives.models import Dispatch

from .conftest import ISSUED, register

pytestmark = pytest.mark.django_db


def dispatch_of(directive, org):
    return Dispatch.objects.get(directive=directive, organisation=org)


# --- 1. "Để biết": receipt only ------------------------------------------------------------

@pytest.fixture
def informed(tree):
    """The two districts owe a plan and a report; the agency receives the letter for information."""
    return register(tree, recipients=[tree.org("district", 0), tree.org("district", 1)],
                    for_information=[tree.org("agency")])


def test_an_addressee_for_information_is_sent_the_letter_and_owes_nothing(tree, informed):
    agency = dispatch_of(informed, tree.org("agency"))
    district = dispatch_of(informed, tree.org("district", 0))
    assert agency.for_information and agency.plan_due is None and agency.report_due is None
    assert not district.for_information and district.plan_due == informed.plan_due
    with pytest.raises(ValidationError, match="nhận văn bản này để biết"):
        services.dispatch_submit_plan(dispatch=agency, text="Kế hoạch", by=tree.user("agency"))
    with pytest.raises(ValidationError):
        services.dispatch_submit_report(dispatch=agency, text="Báo cáo", by=tree.user("agency"))
    # Receipt is still owed, and acknowledged like any other.
    services.dispatch_acknowledge(dispatch=agency, by=tree.user("agency"))
    agency.refresh_from_db()
    assert agency.acknowledged_by == tree.user("agency")
    assert agency.status()[1] == "Đã nhận"


def test_the_database_refuses_a_due_date_on_a_dispatch_for_information(tree, informed):
    from django.db import IntegrityError, transaction

    with pytest.raises(IntegrityError), transaction.atomic():
        Dispatch.objects.filter(directive=informed, organisation=tree.org("agency")).update(plan_due=ISSUED)


def test_past_the_plan_due_date_the_recipient_for_information_is_not_overdue_the_others_are(tree, informed):
    for key in (("agency", 0), ("district", 0), ("district", 1)):
        services.dispatch_acknowledge(dispatch=dispatch_of(informed, tree.org(*key)), by=tree.user(*key))
    qs = Dispatch.objects.filter(directive=informed)
    for day, late_districts in ((informed.plan_due, 0), (informed.plan_due + datetime.timedelta(days=1), 2)):
        overdue = set(qs.filter(selectors.overdue_filter(day)).values_list("organisation__kind", flat=True))
        assert len(qs.filter(selectors.overdue_filter(day))) == late_districts
        assert K.AGENCY not in overdue
        rows = {d.organisation.kind: d for d in selectors.with_overdue(qs, day)}
        assert rows[K.AGENCY].is_overdue is False
        assert dispatch_of(informed, tree.org("agency")).status(day)[0] == "done"
    day_after = informed.plan_due + datetime.timedelta(days=1)
    candidates = selectors.reminder_candidates(day_after, 3)
    assert set(candidates["plan"].values_list("organisation__kind", flat=True)) == {K.DISTRICT_COMMITTEE}
    # Rates count the plans owed by the two districts only: a recount of the rows.
    office = tree.user("office")
    level = {r["kind"]: r for r in selectors.rates_by_level(informed, office, today=day_after)}
    assert level[K.AGENCY]["plans_due"] == 0 and level[K.AGENCY]["overdue"] == 0
    assert level[K.DISTRICT_COMMITTEE]["plans_due"] == qs.filter(organisation__kind=K.DISTRICT_COMMITTEE,
                                                                 plan_due__isnull=False).count() == 2
    # The agency's pending work names nothing to submit.
    work = selectors.inbox_work(tree.user("agency"), today=day_after)
    assert work["plan-late"][0] == 0 and work["report-due"][0] == 0
    assert selectors.inbox_work(tree.user("district", 0), today=day_after)["plan-late"][0] == 1


def test_an_unacknowledged_recipient_for_information_is_late_for_its_receipt_only(tree, informed):
    agency = dispatch_of(informed, tree.org("agency"))
    qs = Dispatch.objects.filter(pk=agency.pk)
    assert not qs.filter(selectors.overdue_filter(agency.ack_due)).exists()
    row = selectors.with_overdue(qs, agency.ack_due + datetime.timedelta(days=1)).get()
    assert row.ack_late and not row.plan_late and not row.report_late


def test_a_recipient_for_information_neither_forwards_nor_owes_tasks(tree):
    directive = register(tree, recipients=[tree.org("district", 1)], for_information=[tree.org("district", 0)])
    informed_district = dispatch_of(directive, tree.org("district", 0))
    assert not selectors.forwarding_open(tree.user("district", 0), informed_district)
    with pytest.raises(ValidationError):
        services.dispatch_forward(dispatch=informed_district, by=tree.user("district", 0))
    task = tasks.task_define(directive=directive, by=tree.user("office"), title="Quán triệt",
                             levels=[K.DISTRICT_COMMITTEE], due=ISSUED + datetime.timedelta(days=30),
                             fields=[{"label": "Số lượt dự", "kind": FieldKind.NUMBER}])
    assert task_selectors.tasks_owed(informed_district, tree.user("district", 0)) == []
    with pytest.raises(ValidationError):
        tasks.task_report_submit(dispatch=informed_district, task=task, by=tree.user("district", 0),
                                 values={tasks.field_key(task.fields.get()): "5"})
    figures = task_selectors.task_figures(directive, tree.user("office"), today=ISSUED + datetime.timedelta(days=31))
    assert figures[0]["owing"] == 1 and figures[0]["late"] == 1
    assert [d.organisation for d, _report in task_selectors.task_recipients(task, tree.user("office"))] == [
        tree.org("district", 1)]


def test_the_registration_form_marks_addressees_for_information(tree, client):
    client.force_login(tree.user("office"))
    response = client.post("/van-ban/dang-ky/", {
        "number": "80-KH/TU", "kind": "ke_hoach", "issued_on": "01/08/2024", "issuer": "Tỉnh ủy Thử Nghiệm",
        "summary": "Kế hoạch tuyên truyền", "body": "Nội dung", "ack_within_days": "3", "depth": "addressees",
        "plan_required": "on", "plan_due": "15/08/2024", "duties": "addressees",
        "recipients": [tree.org("district", 0).pk], "for_information": [tree.org("agency").pk],
    })
    assert response.status_code == 302, response.content.decode()[:3000]
    rows = dict(Dispatch.objects.filter(directive__number="80-KH/TU").values_list("organisation", "for_information"))
    assert rows == {tree.org("district", 0).pk: False, tree.org("agency").pk: True}
    client.force_login(tree.user("agency"))
    agency = Dispatch.objects.get(directive__number="80-KH/TU", organisation=tree.org("agency"))
    page = client.get(f"/van-ban/nhan/{agency.pk}/").content.decode()
    assert "Để biết" in page and "Nộp kế hoạch" not in page
    assert "để biết" in client.get("/van-ban/").content.decode()


# --- 2. Plans and reports returned for completion ("yêu cầu bổ sung") --------------------------

def test_the_office_returns_a_plan_with_a_reason_and_it_counts_as_not_submitted_until_sent_again(tree, directive):
    agency = dispatch_of(directive, tree.org("agency"))
    services.dispatch_submit_plan(dispatch=agency, text="Kế hoạch 5-KH/BCS", by=tree.user("agency"))
    with pytest.raises(ValidationError, match="ghi rõ nội dung cần bổ sung"):
        services.dispatch_return(dispatch=agency, what="plan", reason="  ", by=tree.user("office"))
    with pytest.raises(PermissionDenied):
        services.dispatch_return(dispatch=agency, what="plan", reason="Thiếu", by=tree.user("agency"))
    services.dispatch_return(dispatch=agency, what="plan", reason="Bổ sung phân công thành viên.",
                             by=tree.user("office"))
    agency.refresh_from_db()
    assert agency.plan_submitted_at is None and agency.plan_text == "Kế hoạch 5-KH/BCS"
    assert agency.plan_return_reason == "Bổ sung phân công thành viên."
    assert agency.plan_returned_by == tree.user("office")
    assert agency.status(directive.plan_due)[1] == "Kế hoạch bị trả lại để bổ sung"
    qs = Dispatch.objects.filter(pk=agency.pk)
    # Due day: returned, not yet late; the day after: overdue, reminded, and not in the plan rate.
    assert not qs.filter(selectors.overdue_filter(directive.plan_due)).exists()
    day_after = directive.plan_due + datetime.timedelta(days=1)
    assert qs.filter(selectors.overdue_filter(day_after)).exists()
    assert agency.pk in selectors.reminder_candidates(day_after, 3)["plan"].values_list("pk", flat=True)
    level = {r["kind"]: r for r in selectors.rates_by_level(directive, tree.user("office"), today=day_after)}
    assert level[K.AGENCY]["plans"] == 0 and level[K.AGENCY]["plans_due"] == 1
    assert selectors.inbox_work(tree.user("agency"), today=day_after)["plan-late"][0] == 1
    # Completed and sent again: counted once more; both submissions and the return are in the history.
    services.dispatch_submit_plan(dispatch=agency, text="Kế hoạch 5-KH/BCS, có phân công", by=tree.user("agency"))
    assert not qs.filter(selectors.overdue_filter(day_after)).exists()
    assert selectors.rates_by_level(directive, tree.user("office"), today=day_after)[0]["plans"] >= 1
    texts = [h.plan_text for h in agency.history.order_by("history_date") if h.plan_submitted_at]
    assert texts == ["Kế hoạch 5-KH/BCS", "Kế hoạch 5-KH/BCS, có phân công"]
    assert agency.history.filter(plan_return_reason="Bổ sung phân công thành viên.", plan_submitted_at=None).exists()


def test_only_a_submitted_plan_or_report_is_returned(tree, directive):
    agency = dispatch_of(directive, tree.org("agency"))
    with pytest.raises(ValidationError, match="Chưa có báo cáo đã nộp"):
        services.dispatch_return(dispatch=agency, what="report", reason="Thiếu số liệu", by=tree.user("office"))
    services.dispatch_submit_report(dispatch=agency, text="Báo cáo", by=tree.user("agency"))
    services.dispatch_return(dispatch=agency, what="report", reason="Thiếu số liệu", by=tree.user("office"))
    with pytest.raises(ValidationError):  # returned already: nothing submitted to return
        services.dispatch_return(dispatch=agency, what="report", reason="Lần nữa", by=tree.user("office"))


def test_the_recipient_sees_the_reason_and_submits_again_through_the_pages(tree, directive, client):
    agency = dispatch_of(directive, tree.org("agency"))
    services.dispatch_submit_report(dispatch=agency, text="Báo cáo sơ bộ", by=tree.user("agency"))
    client.force_login(tree.user("office"))
    page = client.get(f"/van-ban/nhan/{agency.pk}/").content.decode()
    assert "Trả lại để bổ sung" in page
    assert client.post(f"/van-ban/nhan/{agency.pk}/bao-cao/tra-lai/", {"reason": ""}).status_code == 302
    assert Dispatch.objects.get(pk=agency.pk).report_submitted_at is not None  # no reason, not returned
    response = client.post(f"/van-ban/nhan/{agency.pk}/bao-cao/tra-lai/", {"reason": "Bổ sung số chi bộ đã họp."})
    assert response.status_code == 302
    client.force_login(tree.user("agency"))
    page = client.get(f"/van-ban/nhan/{agency.pk}/").content.decode()
    assert "Bổ sung số chi bộ đã họp." in page and "Trả lại để bổ sung ngày" in page
    assert 'action="/van-ban/nhan/' not in page.split('id="report"')[1].split("</section>")[0]  # no return form
    form = client.get(f"/van-ban/nhan/{agency.pk}/bao-cao/")
    assert "Bổ sung số chi bộ đã họp." in form.content.decode()
    assert form.context["form"].initial["text"] == "Báo cáo sơ bộ"
    assert client.post(f"/van-ban/nhan/{agency.pk}/bao-cao/", {"text": "Báo cáo đầy đủ"}).status_code == 302
    assert Dispatch.objects.get(pk=agency.pk).report_submitted_at is not None
