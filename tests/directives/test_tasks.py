"""The tasks of a directive (issue 21, points 1 and 2): the office lists them with what each
recipient reports; every recipient that owes a task reports it; the figures roll up by level and
by unit, and equal a recount of the rows."""

import datetime
import random
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from accounts.models import OrganisationKind as K
from directives import services
from directives.assignments import selectors
from directives.assignments import services as tasks
from directives.assignments.models import FieldKind, TaskReport, TaskReportStatus, TaskReportValue
from directives.assignments.rules import figure, parse_number, task_late
from directives.models import Dispatch

from .conftest import ISSUED, pdf_bytes, upload

CONFERENCES = [{"label": "Ngày tổ chức hội nghị", "kind": FieldKind.DATE},
               {"label": "Số lượt cán bộ tham dự", "kind": FieldKind.NUMBER, "unit": "lượt"},
               {"label": "Có kế hoạch bảo vệ an ninh", "kind": FieldKind.YES_NO},
               {"label": "Biên bản hội nghị", "kind": FieldKind.FILE, "required": False},
               {"label": "Ghi chú", "kind": FieldKind.TEXT, "required": False}]


@pytest.fixture
def deployed(tree, directive):
    """The directive sent down to every commune and cell."""
    services.directive_fan_out(directive=directive, by=tree.user("office"))
    return directive


def define(tree, directive, *, levels=(K.DISTRICT_COMMITTEE, K.COMMUNE_COMMITTEE), due=None, fields=CONFERENCES,
           title="Quán triệt, triển khai"):
    return tasks.task_define(directive=directive, by=tree.user("office"), title=title, levels=levels,
                             due=due or ISSUED + datetime.timedelta(days=30), fields=fields)


def keyed(task, **by_label):
    return {tasks.field_key(f): by_label[f.label] for f in task.fields.all() if f.label in by_label}


def dispatch_of(directive, org):
    return Dispatch.objects.get(directive=directive, organisation=org)


def conference(task, attendees="120", held=ISSUED, security=True):
    return keyed(task, **{"Ngày tổ chức hội nghị": held, "Số lượt cán bộ tham dự": attendees,
                          "Có kế hoạch bảo vệ an ninh": security})


# --- Defining tasks -------------------------------------------------------------------------

def test_the_office_lists_a_task_with_its_report_fields(tree, directive):
    task = define(tree, directive)
    assert task.position == 1 and task.levels == [K.DISTRICT_COMMITTEE, K.COMMUNE_COMMITTEE]
    assert [(f.position, f.kind, f.unit, f.required) for f in task.fields.all()] == [
        (1, "date", "", True), (2, "number", "lượt", True), (3, "yes_no", "", True), (4, "file", "", False),
        (5, "text", "", False)]
    assert define(tree, directive, title="Tuyên truyền").position == 2
    assert task.history.first().history_user == tree.user("office")


def test_a_task_needs_who_owes_it_and_something_to_report(tree, directive):
    with pytest.raises(ValidationError) as nobody:
        define(tree, directive, levels=[])
    assert "levels" in nobody.value.message_dict
    with pytest.raises(ValidationError):
        define(tree, directive, fields=[{"label": "", "kind": "number"}])
    with pytest.raises(ValidationError):
        define(tree, directive, due=ISSUED - datetime.timedelta(days=1))
    assert define(tree, directive, due=ISSUED).due == ISSUED  # due the day it is issued: allowed


def test_only_the_registering_office_defines_tasks(tree, directive):
    for user in (tree.user("district"), tree.user("office", role="viewer"), tree.user("standing")):
        with pytest.raises(PermissionDenied):
            tasks.task_define(directive=directive, by=user, title="x", levels=[K.CELL],
                              fields=[{"label": "Số cuộc", "kind": "number"}])


def test_a_task_is_removed_only_until_the_first_report(tree, deployed):
    task, spare = define(tree, deployed), define(tree, deployed, title="Dự phòng")
    tasks.task_remove(task=spare, by=tree.user("office"))
    district = dispatch_of(deployed, tree.org("district"))
    tasks.task_report_submit(dispatch=district, task=task, values=conference(task), by=tree.user("district"))
    with pytest.raises(ValidationError):
        tasks.task_remove(task=task, by=tree.user("office"))
    assert list(deployed.tasks.values_list("title", flat=True)) == ["Quán triệt, triển khai"]


# --- Reporting ------------------------------------------------------------------------------

def test_a_district_reports_every_kind_of_field(tree, deployed):
    task = define(tree, deployed)
    district = dispatch_of(deployed, tree.org("district"))
    values = conference(task, attendees="1.240")
    values.update(keyed(task, **{"Biên bản hội nghị": upload("bien-ban.pdf", pdf_bytes()),
                                 "Ghi chú": "Hội nghị trực tuyến\nđến 12 điểm cầu"}))
    report = tasks.task_report_submit(dispatch=district, task=task, values=values, by=tree.user("district"))
    answers = {v.field.label: v for v in report.values.select_related("field")}
    assert answers["Số lượt cán bộ tham dự"].value_number == Decimal("1240")
    assert answers["Ngày tổ chức hội nghị"].value_date == ISSUED
    assert answers["Có kế hoạch bảo vệ an ninh"].value_bool is True
    assert answers["Biên bản hội nghị"].value_file_name == "bien-ban.pdf"
    assert answers["Ghi chú"].value_text == "Hội nghị trực tuyến\nđến 12 điểm cầu"
    assert report.status == TaskReportStatus.SUBMITTED and report.submitted_by == tree.user("district")
    district.refresh_from_db()
    assert district.acknowledged_at is not None  # reporting counts as receipt


def test_every_missing_or_wrong_answer_is_named_at_once(tree, deployed):
    task = define(tree, deployed)
    district = dispatch_of(deployed, tree.org("district"))
    with pytest.raises(ValidationError) as refused:
        tasks.task_report_submit(dispatch=district, task=task, by=tree.user("district"),
                                 values=keyed(task, **{"Số lượt cán bộ tham dự": "-1",
                                                       "Biên bản hội nghị": upload("x.pdf", b"MZ not a pdf")}))
    keys = {f.label: tasks.field_key(f) for f in task.fields.all()}
    assert set(refused.value.message_dict) == {keys["Ngày tổ chức hội nghị"], keys["Số lượt cán bộ tham dự"],
                                               keys["Có kế hoạch bảo vệ an ninh"], keys["Biên bản hội nghị"]}
    assert not TaskReport.objects.exists()


def test_a_no_is_an_answer_and_zero_is_a_number(tree, deployed):
    task = define(tree, deployed)
    district = dispatch_of(deployed, tree.org("district"))
    report = tasks.task_report_submit(dispatch=district, task=task, by=tree.user("district"),
                                      values=conference(task, attendees="0", security=False))
    assert {v.value_bool for v in report.values.filter(field__kind="yes_no")} == {False}


def test_only_recipients_of_an_owing_level_report(tree, deployed):
    task = define(tree, deployed, levels=[K.COMMUNE_COMMITTEE])
    district = dispatch_of(deployed, tree.org("district"))
    with pytest.raises(ValidationError):
        tasks.task_report_submit(dispatch=district, task=task, values=conference(task), by=tree.user("district"))
    commune = dispatch_of(deployed, tree.org("commune"))
    for outsider in (tree.user("district"), tree.user("commune", 1), tree.user("commune", role="viewer")):
        with pytest.raises(PermissionDenied):
            tasks.task_report_submit(dispatch=commune, task=task, values=conference(task), by=outsider)


def test_a_returned_report_is_completed_and_submitted_again(tree, deployed):
    task = define(tree, deployed)
    district = dispatch_of(deployed, tree.org("district"))
    report = tasks.task_report_submit(dispatch=district, task=task, values=conference(task, attendees="12"),
                                      by=tree.user("district"))
    with pytest.raises(PermissionDenied):
        tasks.task_report_return(report=report, reason="Thiếu số liệu", by=tree.user("district"))
    with pytest.raises(ValidationError):
        tasks.task_report_return(report=report, reason="  ", by=tree.user("office"))
    report = tasks.task_report_return(report=report, reason="Bổ sung số lượt tham dự của các xã.",
                                      by=tree.user("office"))
    assert report.status == TaskReportStatus.RETURNED
    with pytest.raises(ValidationError):  # returned already: nothing to return
        tasks.task_report_return(report=report, reason="Lần nữa", by=tree.user("office"))
    assert selectors.task_figures(deployed, tree.user("office"))[0]["reported"] == 0  # not counted meanwhile
    report = tasks.task_report_submit(dispatch=district, task=task, values=conference(task, attendees="140"),
                                      by=tree.user("district"))
    assert report.status == TaskReportStatus.SUBMITTED
    assert TaskReportValue.objects.get(report=report, field__kind="number").value_number == 140
    assert [h.status for h in report.history.order_by("history_date")] == ["submitted", "returned", "submitted"]


def test_a_file_sent_before_is_kept_when_the_report_is_sent_again(tree, deployed):
    fields = [{"label": "Kế hoạch bảo vệ an ninh", "kind": FieldKind.FILE}]
    task = define(tree, deployed, fields=fields)
    district = dispatch_of(deployed, tree.org("district"))
    key = tasks.field_key(task.fields.get())
    with pytest.raises(ValidationError):  # a required file
        tasks.task_report_submit(dispatch=district, task=task, values={}, by=tree.user("district"))
    tasks.task_report_submit(dispatch=district, task=task, values={key: upload("kh.pdf", pdf_bytes())},
                             by=tree.user("district"))
    report = tasks.task_report_submit(dispatch=district, task=task, values={}, by=tree.user("district"))
    assert report.values.get().value_file_name == "kh.pdf"


# --- Due dates ------------------------------------------------------------------------------

def test_a_task_due_today_is_not_late_due_yesterday_is():
    today = datetime.date(2024, 8, 20)
    assert not task_late(today, False, today)
    assert task_late(today - datetime.timedelta(days=1), False, today)
    assert not task_late(today + datetime.timedelta(days=1), False, today)
    assert not task_late(today - datetime.timedelta(days=1), True, today)
    assert not task_late(None, False, today)


def test_late_tasks_on_the_dispatch_and_the_tracking_figures(tree, deployed):
    today = timezone.localdate()
    on_time = define(tree, deployed, due=today, title="Hạn hôm nay")
    late = define(tree, deployed, due=today - datetime.timedelta(days=1), title="Hạn hôm qua")
    district = dispatch_of(deployed, tree.org("district"))
    owed = {t["task"].pk: t["late"] for t in selectors.tasks_owed(district, tree.user("district"))}
    assert owed == {on_time.pk: False, late.pk: True}
    figures = {f["task"].pk: f["late"] for f in selectors.task_figures(deployed, tree.user("office"))}
    assert figures == {on_time.pk: 0, late.pk: 2 + 4}  # two districts and four communes owe it


# --- Numbers --------------------------------------------------------------------------------

@pytest.mark.parametrize(("text", "number"), [("1.240", 1240), ("1 240", 1240), ("1240", 1240), ("12,5", "12.5"),
                                              ("1.240,5", "1240.5"), ("12.5", "12.5"), ("0", 0), ("abc", None)])
def test_numbers_are_read_the_vietnamese_way(text, number):
    assert parse_number(text) == (None if number is None else Decimal(str(number)))


def test_figures_are_written_the_vietnamese_way():
    assert figure(Decimal("1240.00")) == "1.240" and figure(Decimal("1234.50")) == "1.234,5" and figure(None) == "–"


# --- Roll-ups equal a recount ---------------------------------------------------------------

def test_task_figures_equal_a_recount_of_the_rows(tree, deployed):
    from .conftest import grow

    grow(tree, communes_per_district=3, hamlets_per_commune=0)
    services.directive_fan_out(directive=deployed, by=tree.user("office"))
    task = define(tree, deployed, levels=[K.DISTRICT_COMMITTEE, K.COMMUNE_COMMITTEE])
    rng = random.Random(21)
    reporters = {}
    for dispatch in Dispatch.objects.filter(directive=deployed, organisation__kind__in=task.levels).select_related(
            "organisation"):
        if rng.random() < 0.3:
            continue
        user = reporters.setdefault(dispatch.organisation_id, _member(dispatch.organisation))
        tasks.task_report_submit(dispatch=dispatch, task=task, by=user, values=conference(
            task, attendees=str(rng.randint(0, 500)), held=ISSUED + datetime.timedelta(days=rng.randint(0, 9)),
            security=rng.random() < 0.6))
    returned = TaskReport.objects.filter(task=task).first()
    tasks.task_report_return(report=returned, reason="Bổ sung", by=tree.user("office"))

    counted = list(TaskReport.objects.filter(task=task, status=TaskReportStatus.SUBMITTED)
                   .select_related("dispatch__organisation__unit").prefetch_related("values__field"))
    numbers = [v.value_number for r in counted for v in r.values.all() if v.field.kind == "number"]
    dates = [v.value_date for r in counted for v in r.values.all() if v.field.kind == "date"]
    yes = sum(v.value_bool is True for r in counted for v in r.values.all())
    [figures] = selectors.task_figures(deployed, tree.user("office"))
    by_label = {f["field"].label: f for f in figures["fields"]}
    assert by_label["Số lượt cán bộ tham dự"]["total"] == sum(numbers)
    assert by_label["Có kế hoạch bảo vệ an ninh"]["yes"] == yes
    assert (by_label["Ngày tổ chức hội nghị"]["first"], by_label["Ngày tổ chức hội nghị"]["last"]) == (min(dates),
                                                                                                     max(dates))
    owing = Dispatch.objects.filter(directive=deployed, organisation__kind__in=task.levels)
    assert {r["kind"]: (r["reported"], r["owing"]) for r in figures["levels"]} == {
        kind: (sum(r.dispatch.organisation.kind == kind for r in counted),
               owing.filter(organisation__kind=kind).count()) for kind in task.levels}

    by_unit = selectors.task_figures_by_unit(task, tree.user("office"))
    position = [f.label for f in by_unit["fields"]].index("Số lượt cán bộ tham dự")
    for row in by_unit["rows"]:
        mine = [r for r in counted if row["unit"].path in r.dispatch.organisation.unit.path]
        assert row["reported"] == len(mine)
        assert (row["fields"][position]["total"] or 0) == sum(
            v.value_number for r in mine for v in r.values.all() if v.field.kind == "number")
    assert sum(r["owing"] for r in by_unit["rows"]) == owing.count()


def _member(organisation):
    from accounts.models import User

    return User.objects.create_user(username=f"bc{organisation.pk}", password="x", organisation=organisation,
                                    role="officer")


def test_a_district_sees_only_its_own_subtree_in_the_figures(tree, deployed):
    task = define(tree, deployed)
    for index in (0, 2):  # commune 0 in district 0, commune 2 in district 1
        tasks.task_report_submit(dispatch=dispatch_of(deployed, tree.org("commune", index)), task=task,
                                 values=conference(task, attendees="100"), by=tree.user("commune", index))
    [mine] = selectors.task_figures(deployed, tree.user("district"))
    assert {r["kind"]: (r["reported"], r["owing"]) for r in mine["levels"]} == {
        K.DISTRICT_COMMITTEE: (0, 1), K.COMMUNE_COMMITTEE: (1, 2)}
    assert next(f for f in mine["fields"] if f["field"].kind == "number")["total"] == 100


# --- On the recipient's desk ----------------------------------------------------------------

@pytest.mark.parametrize("days_past_due,key", [(-1, "tasks-due"), (0, "tasks-due"), (1, "tasks-late")])
def test_a_task_owed_is_on_the_recipients_home_and_its_link_lists_exactly_that_directive(
        tree, deployed, client, days_past_due, key):
    from django.urls import reverse

    from directives.selectors import inbox

    today = timezone.localdate()
    task = define(tree, deployed, levels=(K.DISTRICT_COMMITTEE,), due=today - datetime.timedelta(days=days_past_due))
    user = tree.user("district")
    owed = selectors.dispatches_with_tasks_owed(user, today)
    assert owed[key] == {dispatch_of(deployed, tree.org("district")).pk}
    assert [d.pk for d in inbox(user, status=key)] == list(owed[key])
    client.force_login(user)
    page = client.get(reverse("home")).content.decode()
    assert f"?trang-thai={key}" in page
    # Reported: nothing owed any more; a commune (not owing this task) never had it.
    tasks.task_report_submit(dispatch=dispatch_of(deployed, tree.org("district")), task=task,
                             values=conference(task), by=user)
    assert selectors.dispatches_with_tasks_owed(user, today) == {"tasks-due": set(), "tasks-late": set()}
    assert selectors.dispatches_with_tasks_owed(tree.user("commune"), today) == {"tasks-due": set(),
                                                                                "tasks-late": set()}
