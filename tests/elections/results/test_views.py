"""Result pages: where the results link leads, roll-ups, forms, export, and query counts that do not
grow with the tree (who may open each page is asserted by the access matrix, tests/access)."""

import datetime
from io import BytesIO

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from elections.models import HamletElection, Meeting, ResultStatus
from elections.results.services import minutes_record, result_recognise
from territory.models import Kind, Level, Unit

from .support import DAY, candidates, minutes

S = ResultStatus

# The users the tests below log in as: (key, index, role).
USERS = {
    "office.viewer": ("office", 0, "viewer"), "standing": ("standing", 0, "leader"),
    "district0": ("district", 0, "officer"), "commune0": ("commune", 0, "officer"),
}


def login(client, tree, who, admin_user):
    if who == "admin":
        client.force_login(admin_user)
    elif who != "anon":
        client.force_login(tree.user(*USERS[who]))


@pytest.mark.parametrize(("who", "target"), [
    ("office.viewer", "province"), ("standing", "province"), ("district0", "district"), ("commune0", "commune"),
])
def test_the_results_link_opens_the_users_own_area(client, tree, he, admin_user, who, target):
    login(client, tree, who, admin_user)
    response = client.get(reverse("elections:results"))
    unit = {"province": tree.province, "district": tree.districts[0], "commune": tree.communes[0]}[target]
    assert response.status_code == 302
    assert response["Location"] == reverse("elections:results_unit", args=[unit.pk])


def test_a_cell_goes_straight_to_its_hamlet(client, tree, he):
    client.force_login(tree.user("cell", 0))
    response = client.get(reverse("elections:results"), follow=True)
    assert response.redirect_chain[-1][0] == reverse("elections:result_detail", args=[he.pk])


def test_the_commune_list_shows_only_its_hamlets_and_what_is_missing(client, tree, he, recorder):
    minutes_record(hamlet_election=he, data=minutes(), candidates=candidates(200), by=recorder)
    client.force_login(recorder)
    html = client.get(reverse("elections:results_unit", args=[tree.communes[0].pk])).content.decode()
    assert tree.hamlets[0].name in html and tree.hamlets[1].name in html
    assert tree.hamlets[2].name not in html
    assert "Nguyễn Văn An" in html
    assert "quyết định công nhận" in html  # hamlet 0 misses its recognition decision
    assert "biên bản" in html  # hamlet 1 misses its minutes


def record_all(tree, campaign):
    """A mix of outcomes over the whole tree, recorded by the provincial office."""
    office = tree.user("office", 0, "officer")
    for i, he in enumerate(HamletElection.objects.filter(election=campaign).order_by("pk")):
        if i % 4 == 3:
            continue  # not held yet
        votes = (90, 5) if i % 4 == 2 else (200, 10)  # no quorum at 100 of 310
        meeting = minutes_record(hamlet_election=he, data=minutes(attending=100 if i % 4 == 2 else 216),
                                 candidates=candidates(*votes, female_first=i % 2 == 0), by=office)
        if i % 8 == 0 and meeting.winner:
            result_recognise(hamlet_election=he, decision_number=f"{i}/QĐ-UBND", decision_date=DAY, by=office)


def test_the_province_rollup_counts_every_figure(client, tree, campaign):
    record_all(tree, campaign)
    client.force_login(tree.user("standing", 0, "viewer"))
    response = client.get(reverse("elections:results_unit", args=[tree.province.pk]))
    total = response.context["total"]
    assert (total.hamlets, total.held, total.elected, total.recognised, total.rerun) == (8, 6, 4, 1, 2)
    assert (total.roll, total.attending) == (6 * 310, 4 * 216 + 2 * 100)
    assert (total.secretaries, total.party_members, total.women, total.reelected) == (4, 4, 2, 0)
    assert str(total.secretary_share) == "100.0"
    rows = {row.unit.pk: row for row in response.context["rows"]}
    assert rows[tree.districts[0].pk].hamlets == 4 and rows[tree.districts[0].pk].elected == 2
    html = response.content.decode()
    assert tree.districts[1].name in html and "100,0%" in html


def test_the_rollup_works_without_a_district_level(client, db):
    from tests.trees import build_tree

    from .support import make_campaign

    flat = build_tree(with_districts=False, code="97", households=310)
    campaign = make_campaign(flat)
    record_all(flat, campaign)
    client.force_login(flat.user("office", 0, "viewer"))
    response = client.get(reverse("elections:results_unit", args=[flat.province.pk]))
    assert [r.unit for r in response.context["rows"]] == sorted(flat.communes, key=lambda u: u.name)
    assert response.context["total"].held == 6


def grow(tree, campaign, communes=6, hamlets=5):
    """Add communes and hamlets (with elections and results) to district 1 of the tree."""
    for c in range(communes):
        commune = Unit.objects.create(level=Level.COMMUNE, kind=Kind.COMMUNE, parent=tree.districts[1],
                                      name=f"Xã Thêm {c}", code=f"X{c}")
        for h in range(hamlets):
            hamlet = Unit.objects.create(level=Level.HAMLET, kind=Kind.HAMLET, parent=commune, name=f"Ấp Thêm {c}-{h}")
            he = HamletElection.objects.create(election=campaign, hamlet=hamlet, election_date=DAY)
            minutes_record(hamlet_election=he, data=minutes(), candidates=candidates(200 - h, 5),
                           by=tree.user("office", 0, "officer"))


@pytest.mark.parametrize("page", ["province", "district1", "export"])
def test_rollups_take_a_fixed_number_of_queries(client, tree, campaign, django_assert_max_num_queries, page):
    record_all(tree, campaign)
    client.force_login(tree.user("office", 0, "viewer"))
    unit = tree.province if page != "district1" else tree.districts[1]
    name = "elections:results_export" if page == "export" else "elections:results_unit"
    url = reverse(name, args=[unit.pk])
    with django_assert_max_num_queries(10):
        assert client.get(url).status_code == 200
    grow(tree, campaign)
    with django_assert_max_num_queries(10):
        response = client.get(url)
    assert response.status_code == 200


def test_the_commune_list_takes_a_fixed_number_of_queries(client, tree, campaign, django_assert_max_num_queries):
    client.force_login(tree.user("office", 0, "viewer"))
    url = reverse("elections:results_unit", args=[tree.communes[0].pk])
    with django_assert_max_num_queries(10):
        assert client.get(url).status_code == 200
    for i in range(20):
        hamlet = Unit.objects.create(level=Level.HAMLET, kind=Kind.HAMLET, parent=tree.communes[0], name=f"Ấp Mới {i}")
        he = HamletElection.objects.create(election=campaign, hamlet=hamlet, election_date=DAY)
        minutes_record(hamlet_election=he, data=minutes(), candidates=candidates(200), by=tree.user("office", 0))
    with django_assert_max_num_queries(10):
        assert client.get(url).status_code == 200


def post_minutes(client, he, **overrides):
    data = {
        "held_on": "20/10/2024", "voting_method": "ballot", "counting_board": "Võ Văn Một\nĐặng Thị Hai\nHuỳnh Văn Ba",
        "roll": "310", "attending": "216", "ballots_issued": "216", "ballots_returned": "215", "ballots_valid": "210",
        "ballots_invalid": "5", "minutes_received_on": "21/10/2024",
        "candidates-TOTAL_FORMS": "3", "candidates-INITIAL_FORMS": "0",
        "candidates-MIN_NUM_FORMS": "0", "candidates-MAX_NUM_FORMS": "20",
        "candidates-0-full_name": "Nguyễn Văn An", "candidates-0-gender": "male", "candidates-0-origin": "front",
        "candidates-0-votes": "110", "candidates-0-is_party_member": "on", "candidates-0-is_cell_secretary": "on",
        "candidates-0-date_of_birth": "17/05/1980",
        "candidates-1-full_name": "Trần Thị Bình", "candidates-1-gender": "female", "candidates-1-origin": "meeting",
        "candidates-1-votes": "100", "candidates-1-date_of_birth": "02/09/1985",
        "candidates-2-full_name": "", "candidates-2-gender": "male", "candidates-2-origin": "front",
        "candidates-2-votes": "",
    }
    data.update(overrides)
    return client.post(reverse("elections:result_minutes", args=[he.pk]), data)


@pytest.mark.parametrize("votes, shown", [
    (501, "501/1001 hộ trong danh sách, 50,0%"),  # the least majority of a 1,001-household roll rounds to 50,0%
    (502, "502/1001 hộ trong danh sách, 50,1%"),
])
def test_a_winner_is_shown_with_the_votes_beside_the_rounded_share(client, he, recorder, votes, shown):
    minutes_record(hamlet_election=he, data=minutes(roll=1001, attending=900,
                                                    roll_confirmation="Ấp vừa sáp nhập, số hộ chưa cập nhật."),
                   candidates=candidates(votes, 300), by=recorder)
    client.force_login(recorder)
    html = client.get(reverse("elections:result_detail", args=[he.pk])).content.decode()
    assert f"Trúng cử: Nguyễn Văn An ({shown})" in html


def test_recording_the_310_households_case_through_the_form_requires_a_re_run(client, he, recorder):
    client.force_login(recorder)
    response = post_minutes(client, he)
    assert response.status_code == 302
    he.refresh_from_db()
    assert he.status == S.RERUN_REQUIRED and he.rerun_reason == "no_majority"
    html = client.get(reverse("elections:result_detail", args=[he.pk])).content.decode()
    assert "35,5%" in html and "32,3%" in html and "69,7%" in html


def test_a_form_whose_arithmetic_fails_shows_every_error_and_saves_nothing(client, he, recorder):
    client.force_login(recorder)
    response = post_minutes(client, he, ballots_valid="200", attending="400")
    assert response.status_code == 200
    html = response.content.decode()
    assert "(400)" in html and "(200)" in html
    assert not Meeting.objects.exists()


def test_a_row_with_a_name_but_no_votes_is_refused(client, he, recorder):
    client.force_login(recorder)
    response = post_minutes(client, he, **{"candidates-2-full_name": "Lê Văn Cường"})
    assert response.status_code == 200 and not Meeting.objects.exists()


def test_the_minutes_form_is_prefilled_from_the_nominees(client, he, recorder, clean_registry):
    clean_registry.ballot_prefill.append(lambda h: [{"full_name": "Huỳnh Thị Đề Cử", "gender": "female",
                                                   "is_party_member": True, "is_cell_secretary": True,
                                                   "nominee_id": 42}])
    client.force_login(recorder)
    html = client.get(reverse("elections:result_minutes", args=[he.pk])).content.decode()
    assert 'value="Huỳnh Thị Đề Cử"' in html and 'value="42"' in html


def test_the_detail_shows_the_concurrency_exception_when_the_head_is_not_the_secretary(client, he, recorder,
                                                                                        clean_registry):
    clean_registry.exception_info.append(lambda h: f"Ngoại lệ số 7-QĐ/HU cho {h.hamlet.name}")
    minutes_record(hamlet_election=he, data=minutes(), candidates=candidates(200, secretary_first=False),
                   by=recorder)
    client.force_login(recorder)
    html = client.get(reverse("elections:result_detail", args=[he.pk])).content.decode()
    assert f"Ngoại lệ số 7-QĐ/HU cho {he.hamlet.name}" in html


def test_an_open_letter_is_shown_before_the_recognition_and_refuses_it_on_the_form(client, he, recorder,
                                                                                  clean_registry):
    letter = "Đơn thư 07/ĐT về Nguyễn Văn An chưa được giải quyết xong (đang xác minh)."
    clean_registry.decision_checks.append(lambda h: [letter])
    client.force_login(recorder)
    response = post_minutes(client, he, **{"candidates-0-votes": "200", "candidates-1-votes": "10"})
    assert response.status_code == 302  # the meeting's minutes are recorded whatever letters are open
    he.refresh_from_db()
    assert he.status == S.ELECTED
    detail = client.get(reverse("elections:result_detail", args=[he.pk])).content.decode()
    assert 'id="blockers"' in detail and letter in detail  # before anyone clicks
    form = client.get(reverse("elections:result_decision", args=[he.pk])).content.decode()
    assert letter in form
    response = client.post(reverse("elections:result_decision", args=[he.pk]), {
        "decision": "recognise", "decision_number": "15/QĐ-UBND", "decision_date": "23/10/2024"})
    assert response.status_code == 200 and letter in response.content.decode()
    he.refresh_from_db()
    assert he.status == S.ELECTED


def test_an_open_letter_is_shown_before_the_acting_head_is_appointed(client, he, recorder, clean_registry):
    from elections.results.services import rerun_schedule

    letter = "Đơn thư 07/ĐT về Nguyễn Văn An chưa được giải quyết xong (đang xác minh)."
    clean_registry.decision_checks.append(lambda h: [letter])
    minutes_record(hamlet_election=he, data=minutes(attending=100), candidates=candidates(90), by=recorder)
    client.force_login(recorder)
    url = reverse("elections:result_detail", args=[he.pk])
    assert letter not in client.get(url).content.decode()  # a re-run, not a decision, comes next
    rerun_schedule(hamlet_election=he, date=datetime.date(2024, 11, 3), by=recorder)
    minutes_record(hamlet_election=he, data=minutes(held_on=datetime.date(2024, 11, 3), attending=100),
                   candidates=candidates(90), by=recorder)
    assert letter in client.get(url).content.decode()
    assert letter in client.get(reverse("elections:result_acting_head", args=[he.pk])).content.decode()


def test_without_an_open_letter_the_results_page_shows_no_blocker(client, he, recorder, clean_registry):
    clean_registry.decision_checks.append(lambda h: [])
    minutes_record(hamlet_election=he, data=minutes(), candidates=candidates(200), by=recorder)
    client.force_login(recorder)
    assert 'id="blockers"' not in client.get(reverse("elections:result_detail", args=[he.pk])).content.decode()


def test_recognise_then_view_the_term(client, he, recorder):
    minutes_record(hamlet_election=he, data=minutes(), candidates=candidates(200), by=recorder)
    client.force_login(recorder)
    response = client.post(reverse("elections:result_decision", args=[he.pk]), {
        "decision": "recognise", "decision_number": "15/QĐ-UBND", "decision_date": "23/10/2024"})
    assert response.status_code == 302
    html = client.get(reverse("elections:result_detail", args=[he.pk])).content.decode()
    assert "15/QĐ-UBND" in html and "23/10/2029" in html


def test_refuse_needs_reasons_on_the_form(client, he, recorder):
    minutes_record(hamlet_election=he, data=minutes(), candidates=candidates(200), by=recorder)
    client.force_login(recorder)
    url = reverse("elections:result_decision", args=[he.pk])
    assert client.post(url, {"decision": "refuse", "decision_date": "23/10/2024"}).status_code == 200
    assert client.post(url, {"decision": "refuse", "decision_date": "23/10/2024",
                             "reasons": "Sai quy trình."}).status_code == 302
    he.refresh_from_db()
    assert he.status == S.RERUN_REQUIRED


def test_schedule_a_re_run_and_appoint_an_acting_head_through_the_forms(client, he, recorder):
    minutes_record(hamlet_election=he, data=minutes(attending=100), candidates=candidates(90), by=recorder)
    client.force_login(recorder)
    assert client.post(reverse("elections:result_rerun", args=[he.pk]),
                       {"date": "20/10/2024"}).status_code == 200  # not after the failed meeting
    assert client.post(reverse("elections:result_rerun", args=[he.pk]), {"date": "03/11/2024"}).status_code == 302
    minutes_record(hamlet_election=he, data=minutes(held_on=datetime.date(2024, 11, 3), attending=100),
                   candidates=candidates(90), by=recorder)
    response = client.post(reverse("elections:result_acting_head", args=[he.pk]), {
        "full_name": "Lê Văn Tạm", "gender": "male", "decision_number": "20/QĐ-UBND", "decision_date": "05/11/2024"})
    assert response.status_code == 302
    html = client.get(reverse("elections:result_detail", args=[he.pk])).content.decode()
    assert "Lê Văn Tạm" in html and "05/05/2025" in html


def test_milestones_form_saves_and_the_detail_warns_about_late_ones(client, he, recorder):
    client.force_login(recorder)
    response = client.post(reverse("elections:result_milestones", args=[he.pk]), {
        "decision_date": "05/10/2024", "decision_number": "45/QĐ-UBND", "posting_date": "10/10/2024"})
    assert response.status_code == 302
    html = client.get(reverse("elections:result_detail", args=[he.pk])).content.decode()
    assert "45/QĐ-UBND" in html and "30/09/2024" in html


def test_the_export_has_one_row_per_hamlet_and_neutralises_formulas(client, tree, he, recorder):
    rows = candidates(200, 5)
    rows[0].full_name = "=HYPERLINK(\"http://x\")"
    minutes_record(hamlet_election=he, data=minutes(), candidates=rows, by=recorder)
    client.force_login(tree.user("district", 0, "viewer"))
    response = client.get(reverse("elections:results_export", args=[tree.districts[0].pk]))
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    ws = load_workbook(BytesIO(response.content)).active
    values = [[c.value for c in row] for row in ws.iter_rows(min_row=6)]
    assert len(values) == 4  # the district's hamlets only
    first = values[0]
    assert first[1:7] == [tree.districts[0].name, tree.communes[0].name, tree.hamlets[0].name, 310, 216, 69.7]
    assert first[7].startswith("'=") and first[8:] == [200, 64.5, "Có", "Có", "Không", "Đã bầu, chờ công nhận"]


def test_the_commune_list_filters_by_status_and_flags_overdue_recognition(client, tree, he, recorder):
    minutes_record(hamlet_election=he, data=minutes(received=datetime.date(2024, 10, 21)), candidates=candidates(200),
                   by=recorder)
    client.force_login(recorder)
    url = reverse("elections:results_unit", args=[tree.communes[0].pk])
    html = client.get(url, {"trang-thai": "elected"}).content.decode()
    assert tree.hamlets[0].name in html and tree.hamlets[1].name not in html
    assert "Quá hạn công nhận" in html
    html = client.get(url, {"trang-thai": "planned"}).content.decode()
    assert tree.hamlets[0].name not in html and tree.hamlets[1].name in html


def test_the_acting_head_alert_shows_from_the_fifth_month(client, he, recorder):
    from django.utils import timezone

    from common.workdays import add_months
    from elections.models import HamletHead
    from elections.results.selectors import result_detail

    he.status = S.ACTING_HEAD
    he.save()
    today = timezone.localdate()
    head = HamletHead.objects.create(hamlet_election=he, kind="acting", full_name="Lê Văn Tạm", gender="male",
                                     decision_number="5/QĐ", decision_date=add_months(today, -4),
                                     next_election_due=add_months(today, 2))
    detail = result_detail(recorder, he)
    assert detail.acting_alert is None and not detail.acting_overdue
    head.decision_date, head.next_election_due = add_months(today, -5), add_months(today, 1)
    head.save()
    assert result_detail(recorder, he).acting_alert == today
    head.decision_date, head.next_election_due = add_months(today, -7), add_months(today, -1)
    head.save()
    assert result_detail(recorder, he).acting_overdue


def test_a_re_run_form_starts_from_the_previous_candidates(client, he, recorder):
    from elections.results.services import rerun_schedule

    minutes_record(hamlet_election=he, data=minutes(attending=100), candidates=candidates(90, 5), by=recorder)
    rerun_schedule(hamlet_election=he, date=datetime.date(2024, 11, 3), by=recorder)
    client.force_login(recorder)
    html = client.get(reverse("elections:result_minutes", args=[he.pk])).content.decode()
    assert 'value="Nguyễn Văn An"' in html and 'value="Trần Thị Bình"' in html and 'value="03/11/2024"' in html
