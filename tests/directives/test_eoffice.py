"""The e-office habits of directives (issue 21 point 4): addressees "để biết" (for information),
plans and reports returned for completion, state guidance, difficulties passed up and escalated."""

import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from accounts.models import OrganisationKind as K
from directives import selectors, services
from directives.assignments import selectors as task_selectors
from directives.assignments import services as tasks
from directives.assignments.models import FieldKind
from directives.models import Directive, DirectiveType, Dispatch, IssuerKind, validate_number

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


# --- 3. State guidance: another issuer, another number style (NĐ 30/2020) ----------------------

@pytest.mark.parametrize("number", ["15/HD-SNV", "120/KH-UBND", "Số: 45/SNV-XDCQ", "7/QĐ-UBND", "3/TB-MTTQ-BTT",
                                    "12/2024/QĐ-UBND", "9/QyĐ-UBND"])
def test_state_numbers_are_accepted_for_a_state_issuer(number):
    validate_number(number, IssuerKind.DEPARTMENT)
    with pytest.raises(ValidationError):  # not in the Party's style
        validate_number(number, IssuerKind.PARTY)


@pytest.mark.parametrize("number", ["3321-CV/TU", "15-HD/SNV", "15/HD-SNV-", "/HD-SNV", "15/hd-snv", "15/HD-", "HD-SNV",
                                    "15/HD-SNV/2024", "15/XX-"])
def test_malformed_state_numbers_are_refused_with_a_vietnamese_message(number):
    with pytest.raises(ValidationError) as error:
        validate_number(number, IssuerKind.PEOPLES_COMMITTEE)
    assert "không phải số, ký hiệu văn bản" in error.value.messages[0] and "15/HD-SNV" in error.value.messages[0]


def test_the_party_style_is_unchanged():
    validate_number("Số 3321-CV/TU")
    with pytest.raises(ValidationError):
        validate_number("120/KH-UBND")


def test_a_state_guidance_is_registered_with_its_type_read_from_its_number(tree):
    guidance = register(tree, issuer_kind=IssuerKind.DEPARTMENT, number="Số: 15/HD-SNV", kind=DirectiveType.GUIDANCE,
                        issuer="Sở Nội vụ tỉnh Thử Nghiệm", plan_required=False, plan_due=None,
                        report_required=False, report_due=None)
    assert guidance.number == "15/HD-SNV" and guidance.issuer_kind == IssuerKind.DEPARTMENT
    with pytest.raises(ValidationError) as error:  # a plan number on a guidance
        register(tree, issuer_kind=IssuerKind.PEOPLES_COMMITTEE, number="120/KH-UBND", kind=DirectiveType.GUIDANCE)
    assert "kind" in error.value.message_dict
    with pytest.raises(ValidationError) as error:  # a state number for a Party issuer
        register(tree, number="120/KH-UBND")
    assert "3321-CV/TU" in error.value.message_dict["number"][0]
    letter = register(tree, issuer_kind=IssuerKind.PEOPLES_COMMITTEE, number="45/UBND-VX",
                      kind=DirectiveType.OFFICIAL_LETTER)
    assert letter.get_issuer_kind_display() == "Ủy ban nhân dân (UBND)"


def test_the_registration_form_takes_a_state_number_for_a_state_issuer(tree, client):
    client.force_login(tree.user("office"))
    data = {"number": "120/KH-UBND", "kind": "ke_hoach", "issued_on": "01/08/2024",
            "issuer": "Ủy ban nhân dân tỉnh Thử Nghiệm", "summary": "Kế hoạch tổ chức bầu cử", "body": "Nội dung",
            "ack_within_days": "3", "depth": "addressees", "duties": "addressees",
            "for_information": [tree.org("district", 0).pk]}
    refused = client.post("/van-ban/dang-ky/", {**data, "issuer_kind": "party"})
    assert refused.status_code == 200 and "number" in refused.context["form"].errors
    response = client.post("/van-ban/dang-ky/", {**data, "issuer_kind": "peoples_committee"})
    assert response.status_code == 302, response.content.decode()[:2000]
    assert Directive.objects.get(number="120/KH-UBND").issuer_kind == IssuerKind.PEOPLES_COMMITTEE


def test_the_demo_registers_sở_nội_vụs_guidance_for_information_once(tree):
    import io

    from demo import directives as demo

    tree.user("office")
    demo.seed(password="x", stdout=io.StringIO())
    demo.seed(password="x", stdout=io.StringIO())
    guidance = Directive.objects.get(number=demo.GUIDANCE_NUMBER)
    assert guidance.issuer_kind == IssuerKind.DEPARTMENT and guidance.kind == DirectiveType.GUIDANCE
    guidance.full_clean()
    rows = list(guidance.dispatches.values_list("organisation__kind", "for_information"))
    assert rows == [(K.DISTRICT_COMMITTEE, True)] * 2


# --- 4. Difficulties: answered where they are raised, passed up, escalated when late ----------

@pytest.fixture
def deployed(tree, directive):
    services.directive_fan_out(directive=directive, by=tree.user("office"))
    return directive


def raise_from(tree, directive, key, index=0, text="Ấp chưa có kinh phí in phiếu bầu."):
    return services.difficulty_raise(dispatch=dispatch_of(directive, tree.org(key, index)), text=text,
                                     by=tree.user(key, index))


def test_a_difficulty_goes_to_the_committee_that_forwarded_the_directive_with_an_answer_due(tree, deployed, settings):
    from common.workdays import add_working_days

    settings.DIFFICULTY_ANSWER_DAYS = 2
    from_cell = raise_from(tree, deployed, "cell")
    from_commune = raise_from(tree, deployed, "commune")
    from_district = raise_from(tree, deployed, "district")
    assert from_cell.handler == tree.org("commune") and from_commune.handler == tree.org("district")
    assert from_district.handler is None  # an addressee of the province: the office answers
    raised_on = timezone.localdate(from_cell.raised_at)
    assert from_cell.answer_due == add_working_days(raised_on, 2)


def test_the_commune_answers_a_cells_difficulty_or_passes_it_up_to_the_district_then_the_office(tree, deployed):
    first = raise_from(tree, deployed, "cell")
    with pytest.raises(PermissionDenied):  # not the office's yet
        services.difficulty_answer(report=first, answer="Văn phòng trả lời", by=tree.user("office"))
    with pytest.raises(PermissionDenied):  # another commune
        services.difficulty_answer(report=first, answer="x", by=tree.user("commune", 1))
    services.difficulty_answer(report=first, answer="Xã hỗ trợ kinh phí in phiếu.", by=tree.user("commune"))
    first.refresh_from_db()
    assert first.status == "answered" and first.answered_by == tree.user("commune")

    second = raise_from(tree, deployed, "cell", text="Chưa rõ cách lập danh sách cử tri.")
    with pytest.raises(PermissionDenied):  # the cell does not pass its own difficulty up
        services.difficulty_pass_up(report=second, by=tree.user("cell"))
    services.difficulty_pass_up(report=second, by=tree.user("commune"))
    second.refresh_from_db()
    assert second.handler == tree.org("district")
    assert not selectors.difficulty_answer_open(tree.user("commune"), second)
    assert selectors.difficulty_pass_up_open(tree.user("district"), second)
    services.difficulty_pass_up(report=second, by=tree.user("district"))
    second.refresh_from_db()
    assert second.handler is None and selectors.difficulty_answer_open(tree.user("office"), second)
    with pytest.raises(ValidationError, match="đã ở Văn phòng Tỉnh ủy"):
        services.difficulty_pass_up(report=second, by=tree.user("office"))
    services.difficulty_answer(report=second, answer="Theo Hướng dẫn 15/HD-SNV.", by=tree.user("office"))
    assert [h.handler_id for h in second.history.order_by("history_date")] == [
        tree.org("commune").pk, tree.org("district").pk, None, None]


def test_each_answerer_lists_the_difficulties_it_holds_and_its_pending_work_counts_them(tree, deployed):
    from directives.contributions import pending_work

    raise_from(tree, deployed, "cell")
    passed = raise_from(tree, deployed, "cell", text="Thiếu thùng phiếu.")
    services.difficulty_pass_up(report=passed, by=tree.user("commune"))
    raise_from(tree, deployed, "district")
    for key, expected in (("commune", 1), ("district", 1), ("office", 1), ("cell", 0)):
        user = tree.user(key)
        held = selectors.difficulties_visible_to(user, mine=True)
        assert held.count() == expected, key
        items = {i.label: i for i in pending_work(user)}
        answering = items.get("Khó khăn, vướng mắc cần trả lời")
        assert (answering.count if answering else 0) == expected, key
    assert {d.handler_id for d in selectors.difficulties_visible_to(tree.user("commune"), mine=True)} == {
        tree.org("commune").pk}


def test_an_unanswered_difficulty_is_escalated_the_day_after_its_due_date_once(
        tree, deployed, mailoutbox, django_capture_on_commit_callbacks):
    from directives.contributions import pending_work
    from directives.reminders import difficulties_escalate

    standing = tree.org("standing")
    standing.email = "thuongtruc@example.vn"
    standing.save()
    late = raise_from(tree, deployed, "cell")
    answered = raise_from(tree, deployed, "cell", text="Đã có hướng giải quyết.")
    services.difficulty_answer(report=answered, answer="Đã giải quyết.", by=tree.user("commune"))
    due = late.answer_due
    with django_capture_on_commit_callbacks(execute=True):
        assert difficulties_escalate(today=due) == 0  # the due day: not yet late
    with django_capture_on_commit_callbacks(execute=True):
        assert difficulties_escalate(today=due + datetime.timedelta(days=1)) == 1
    with django_capture_on_commit_callbacks(execute=True):
        assert difficulties_escalate(today=due + datetime.timedelta(days=2)) == 0  # once
    late.refresh_from_db()
    assert late.escalated_at is not None
    assert len(mailoutbox) == 1 and mailoutbox[0].to == ["thuongtruc@example.vn"]
    assert "Ấp chưa có kinh phí" in mailoutbox[0].body
    viewer = tree.user("standing", 0, "viewer")
    listed = selectors.difficulties_visible_to(viewer, escalated=True)
    assert list(listed) == [late]
    items = {i.label: i.count for i in pending_work(viewer)}
    assert items["Khó khăn, vướng mắc quá hạn trả lời, đã chuyển Thường trực Tỉnh ủy"] == listed.count() == 1
    # Answered, it leaves the Standing Committee's list.
    services.difficulty_answer(report=late, answer="Xã bố trí kinh phí.", by=tree.user("commune"))
    assert not selectors.difficulties_visible_to(viewer, escalated=True).exists()


# --- 5. Members of the Provincial Party Executive Committee, addressed by name ----------------

@pytest.fixture
def members(tree):
    """The district 0 leader and the office leader are Tỉnh ủy viên; the district 1 leader is not."""
    flagged = [tree.user("district", 0, "leader"), tree.user("office", 0, "leader")]
    for user in flagged:
        user.is_provincial_committee_member = True
        user.save()
    tree.user("district", 1, "leader")
    return flagged


def test_a_directive_reaches_each_member_by_name_for_acknowledgement_only(tree, members):
    directive = register(tree, members=members)
    assert set(services.member_choices(tree.org("office"))) == set(members)
    rows = list(directive.personal_dispatches.order_by("pk"))
    assert [r.person for r in rows] == members and all(r.acknowledged_at is None for r in rows)
    assert selectors.personal_counts(directive) == {"total": 2, "acknowledged": 0}
    # Sending again creates nothing; a non-member is refused.
    assert services.directive_address_members(directive=directive, members=members, by=tree.user("office")) == 0
    with pytest.raises(ValidationError, match="không phải Ủy viên Ban Chấp hành"):
        services.directive_address_members(directive=directive, members=[tree.user("district", 1, "leader")],
                                           by=tree.user("office"))
    # Only the member acknowledges their own; it owes nothing else, and counts.
    with pytest.raises(PermissionDenied):
        services.personal_acknowledge(dispatch=rows[0], by=tree.user("district", 0))
    services.personal_acknowledge(dispatch=rows[0], by=members[0])
    assert selectors.personal_counts(directive) == {"total": 2, "acknowledged": 1} == {
        "total": directive.personal_dispatches.count(),
        "acknowledged": directive.personal_dispatches.filter(acknowledged_at__isnull=False).count()}


def test_the_member_sees_it_in_the_inbox_and_confirms_receipt(tree, members, client):
    from directives.contributions import pending_work

    directive = register(tree, members=members[:1], recipients=[tree.org("district", 1)])
    member = members[0]
    label = "Văn bản gửi đích danh đồng chí chưa xác nhận"
    assert {i.label: i.count for i in pending_work(member)}[label] == 1
    client.force_login(member)
    page = client.get("/van-ban/").content.decode()
    assert 'id="ca-nhan"' in page and directive.summary in page
    # The letter is readable by its member, though district 0 is not an addressee.
    assert "Nội dung kế hoạch." in page and directive in selectors.directives_visible_to(member)
    assert directive not in selectors.directives_visible_to(tree.user("district", 0))
    assert client.post(f"/van-ban/{directive.pk}/ca-nhan/xac-nhan/").status_code == 302
    assert directive.personal_dispatches.get().acknowledged_at is not None
    assert {i.label: i.count for i in pending_work(member)}[label] == 0
    client.force_login(tree.user("district", 1, "leader"))
    assert client.post(f"/van-ban/{directive.pk}/ca-nhan/xac-nhan/").status_code == 404
    assert label not in {i.label for i in pending_work(tree.user("district", 1, "leader"))}


def test_the_registration_form_addresses_every_member(tree, members, client):
    client.force_login(tree.user("office"))
    response = client.post("/van-ban/dang-ky/", {
        "number": "81-CV/TU", "kind": "cong_van", "issued_on": "01/08/2024", "issuer": "Tỉnh ủy Thử Nghiệm",
        "summary": "Lãnh đạo bầu cử", "body": "Nội dung", "ack_within_days": "3", "depth": "addressees",
        "duties": "addressees", "recipients": [tree.org("district", 0).pk], "all_members": "on"})
    assert response.status_code == 302, response.content.decode()[:2000]
    directive = Directive.objects.get(number="81-CV/TU")
    assert set(directive.personal_dispatches.values_list("person", flat=True)) == {u.pk for u in members}
    tracking = client.get(f"/van-ban/{directive.pk}/").content.decode()
    assert "0/2 đồng chí đã xác nhận" in tracking


def test_the_demo_addresses_3321_to_the_members_and_every_ban_can_su_and_dang_doan(tree, members):
    import io

    from accounts.models import Organisation
    from accounts.services import PROVINCIAL_AGENCIES
    from demo import directives as demo

    for name, short in PROVINCIAL_AGENCIES:
        Organisation.objects.get_or_create(kind=K.AGENCY, name=name, defaults={"short_name": short})
    demo.seed(password="x", stdout=io.StringIO())
    letter = Directive.objects.get(number=demo.NUMBER)
    assert set(letter.personal_dispatches.values_list("person", flat=True)) == {u.pk for u in members}
    agencies = set(letter.dispatches.filter(organisation__kind=K.AGENCY).values_list("organisation__name", flat=True))
    party_groups = {n for n, _s in PROVINCIAL_AGENCIES if n.startswith(("Ban cán sự Đảng", "Đảng đoàn"))}
    assert len(party_groups) >= 9 and party_groups <= agencies
