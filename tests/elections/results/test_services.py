"""Minutes, outcome, recognition, re-runs and acting heads through the services."""

import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from elections.models import HamletHead, HeadKind, Meeting, ResultStatus, StatusChange
from elections.results.services import (
    TRANSITIONS,
    acting_head_appoint,
    hamlet_election_transition,
    milestones_record,
    minutes_record,
    recognition_due,
    rerun_schedule,
    result_recognise,
    result_refuse,
)

from .support import DAY, candidates, minutes

S = ResultStatus
D = datetime.date
BOARD = ("Võ Văn Một", "Đặng Thị Hai", "Huỳnh Văn Ba")


def test_a_valid_election_elects_the_winner_and_logs_the_change(he, recorder):
    meeting = minutes_record(hamlet_election=he, data=minutes(roll=310, attending=216, held_on=D(2024, 10, 27)),
                             by=recorder, candidates=candidates(180, 30))
    he.refresh_from_db()
    assert he.status == S.ELECTED
    assert he.election_date == D(2024, 10, 27)  # the actual day replaces the planned one
    assert meeting.winner.full_name == "Nguyễn Văn An"
    assert meeting.round == 1 and meeting.outcome == ""
    change = StatusChange.objects.get(hamlet_election=he)
    assert (change.from_status, change.to_status, change.by) == (S.PLANNED, S.ELECTED, recorder)
    assert meeting.history.first().history_user == recorder


def test_the_310_216_210_110_secret_ballot_requires_a_re_run(he, recorder, settings):
    data = minutes(roll=310, attending=216, method="ballot", ballots_issued=216, ballots_returned=215,
                   ballots_valid=210, ballots_invalid=5, counting_board=BOARD)
    meeting = minutes_record(hamlet_election=he, data=data, candidates=candidates(110, 100), by=recorder)
    he.refresh_from_db()
    assert meeting.winner is None and meeting.outcome == "no_majority"
    assert he.status == S.RERUN_REQUIRED and he.rerun_reason == "no_majority"
    assert he.rerun_due_by == DAY + datetime.timedelta(days=settings.RERUN_WITHIN_DAYS)
    assert meeting.counting_board_members == list(BOARD)


def test_no_quorum_requires_a_re_run(he, recorder):
    minutes_record(hamlet_election=he, data=minutes(roll=310, attending=155), candidates=candidates(150), by=recorder)
    he.refresh_from_db()
    assert (he.status, he.rerun_reason) == (S.RERUN_REQUIRED, "no_quorum")


def test_minutes_that_do_not_add_up_save_nothing(he, recorder):
    data = minutes(method="ballot", ballots_issued=216, ballots_returned=215, ballots_valid=200, ballots_invalid=5,
                   counting_board=BOARD)
    with pytest.raises(ValidationError) as error:
        minutes_record(hamlet_election=he, data=data, candidates=candidates(110, 100), by=recorder)
    assert len(error.value.messages) == 2  # valid + invalid != returned; votes exceed valid ballots
    he.refresh_from_db()
    assert he.status == S.PLANNED
    assert not Meeting.objects.exists() and not StatusChange.objects.exists()


def test_show_of_hands_minutes_with_more_votes_than_people_present_are_refused_not_decided(he, recorder):
    with pytest.raises(ValidationError, match="320"):
        minutes_record(hamlet_election=he, data=minutes(attending=216), candidates=candidates(160, 160),
                       by=recorder)
    he.refresh_from_db()
    assert he.status == S.PLANNED and not Meeting.objects.exists()


def test_show_of_hands_drops_ballot_figures(he, recorder):
    meeting = minutes_record(hamlet_election=he, data=minutes(ballots_issued=5, counting_board=("X",)),
                             candidates=candidates(200), by=recorder)
    assert meeting.ballots_issued is None and meeting.counting_board == ""


def test_an_open_letter_does_not_stop_the_minutes_of_a_meeting_held(he, recorder, clean_registry):
    seen = []
    clean_registry.decision_checks.append(lambda h: seen.append(h.pk) or ["Đơn thư 07/ĐT chưa được giải quyết."])
    meeting = minutes_record(hamlet_election=he, data=minutes(), candidates=candidates(200), by=recorder)
    he.refresh_from_db()
    assert he.status == S.ELECTED and meeting.winner.full_name == "Nguyễn Văn An" and seen == []


def test_the_gate_refuses_recognition_with_every_registered_message(he, recorder, clean_registry):
    minutes_record(hamlet_election=he, data=minutes(), candidates=candidates(200), by=recorder)
    seen = []
    clean_registry.decision_checks.append(lambda h: seen.append(h.pk) or ["Đơn thư số 07/ĐT chưa được giải quyết."])
    clean_registry.decision_checks.append(lambda h: [])
    with pytest.raises(ValidationError) as error:
        result_recognise(hamlet_election=he, decision_number="12/QĐ-UBND", decision_date=DAY, by=recorder)
    assert error.value.messages == ["Đơn thư số 07/ĐT chưa được giải quyết."] and seen == [he.pk]
    he.refresh_from_db()
    assert he.status == S.ELECTED and not HamletHead.objects.exists()
    assert he.current_meeting.recognition_number == ""  # the decision's figures were rolled back too


def test_the_gate_refuses_the_acting_head_but_not_the_failed_re_run(he, recorder, clean_registry):
    minutes_record(hamlet_election=he, data=minutes(attending=100), candidates=candidates(90), by=recorder)
    rerun_schedule(hamlet_election=he, date=D(2024, 11, 3), by=recorder)
    clean_registry.decision_checks.append(lambda h: ["Đơn thư số 07/ĐT chưa được giải quyết."])
    minutes_record(hamlet_election=he, data=minutes(held_on=D(2024, 11, 3), attending=120),
                   candidates=candidates(100), by=recorder)
    he.refresh_from_db()
    assert he.status == S.RERUN_REQUIRED
    with pytest.raises(ValidationError, match="07/ĐT"):
        acting_head_appoint(hamlet_election=he, full_name="Lê Văn Tạm", gender="male", decision_number="5/QĐ",
                            decision_date=D(2024, 11, 5), by=recorder)
    he.refresh_from_db()
    assert he.status == S.RERUN_REQUIRED and not HamletHead.objects.exists()
    clean_registry.decision_checks.clear()  # the letter is settled
    acting_head_appoint(hamlet_election=he, full_name="Lê Văn Tạm", gender="male", decision_number="5/QĐ",
                        decision_date=D(2024, 11, 5), by=recorder)
    he.refresh_from_db()
    assert he.status == S.ACTING_HEAD


def test_a_refusal_and_a_failed_re_run_are_never_held_back_by_the_gate(he, recorder, clean_registry):
    clean_registry.decision_checks.append(lambda h: ["blocked"])
    minutes_record(hamlet_election=he, data=minutes(), candidates=candidates(200), by=recorder)
    result_refuse(hamlet_election=he, reasons="Sai quy trình.", decision_date=D(2024, 10, 22), by=recorder)
    rerun_schedule(hamlet_election=he, date=D(2024, 11, 3), by=recorder)
    minutes_record(hamlet_election=he, data=minutes(held_on=D(2024, 11, 3), attending=100),
                   candidates=candidates(90), by=recorder)
    he.refresh_from_db()
    assert (he.status, he.rerun_reason) == (S.RERUN_REQUIRED, "no_quorum")


def test_recognition_starts_the_term_and_records_the_figures(he, recorder):
    minutes_record(hamlet_election=he, data=minutes(), candidates=candidates(200, 10, female_first=True),
                   by=recorder)
    head = result_recognise(hamlet_election=he, decision_number="12/QĐ-UBND", decision_date=D(2024, 10, 23),
                            by=recorder)
    he.refresh_from_db()
    assert he.status == S.RECOGNISED
    assert (head.kind, head.term_start, head.term_end) == (HeadKind.ELECTED, D(2024, 10, 23), D(2029, 10, 23))
    assert head.is_cell_secretary and head.is_party_member and head.gender == "female"
    assert he.current_meeting.recognition_number == "12/QĐ-UBND"


def test_recognition_is_due_five_working_days_after_the_minutes_arrive(he, recorder):
    # Thursday 24/10/2024 + 5 working days (NĐ 59/2023 Điều 8, forms.md §4.4) = Thursday 31/10/2024.
    meeting = minutes_record(hamlet_election=he, data=minutes(received=D(2024, 10, 24)),
                             candidates=candidates(200), by=recorder)
    assert recognition_due(meeting) == D(2024, 10, 31)


def test_refusal_needs_reasons_and_requires_a_re_run(he, recorder):
    minutes_record(hamlet_election=he, data=minutes(), candidates=candidates(200), by=recorder)
    with pytest.raises(ValidationError):
        result_refuse(hamlet_election=he, reasons="  ", decision_date=D(2024, 10, 22), by=recorder)
    result_refuse(hamlet_election=he, reasons="Người trúng cử không thường trú tại ấp.",
                  decision_date=D(2024, 10, 22), by=recorder)
    he.refresh_from_db()
    assert (he.status, he.rerun_reason, he.rerun_due_by) == (S.RERUN_REQUIRED, "refused", D(2024, 11, 6))


def test_a_re_run_is_scheduled_after_the_failed_meeting_then_recorded_as_round_two(he, recorder):
    minutes_record(hamlet_election=he, data=minutes(attending=100), candidates=candidates(90), by=recorder)
    he.refresh_from_db()
    with pytest.raises(ValidationError, match="20/10/2024"):
        rerun_schedule(hamlet_election=he, date=DAY, by=recorder)
    rerun_schedule(hamlet_election=he, date=D(2024, 11, 3), by=recorder)
    he.refresh_from_db()
    assert (he.status, he.rerun_date) == (S.RERUN_SCHEDULED, D(2024, 11, 3))
    meeting = minutes_record(hamlet_election=he, data=minutes(held_on=D(2024, 11, 3)), candidates=candidates(200),
                             by=recorder)
    he.refresh_from_db()
    assert meeting.round == 2 and he.status == S.ELECTED and he.current_meeting == meeting


def test_a_re_run_may_be_held_on_its_due_date(he, recorder):
    minutes_record(hamlet_election=he, data=minutes(attending=100), candidates=candidates(90), by=recorder)
    he.refresh_from_db()
    assert he.rerun_due_by == D(2024, 11, 4)
    rerun_schedule(hamlet_election=he, date=D(2024, 11, 4), by=recorder)
    he.refresh_from_db()
    assert (he.status, he.rerun_date) == (S.RERUN_SCHEDULED, D(2024, 11, 4))


def test_after_a_failed_re_run_an_acting_head_is_appointed_with_six_months_to_elect(he, recorder):
    minutes_record(hamlet_election=he, data=minutes(attending=100), candidates=candidates(90), by=recorder)
    with pytest.raises(ValidationError, match="re-run|bầu lại"):
        acting_head_appoint(hamlet_election=he, full_name="Lê Văn Tạm", gender="male", decision_number="5/QĐ",
                            decision_date=D(2024, 10, 25), by=recorder)
    rerun_schedule(hamlet_election=he, date=D(2024, 11, 3), by=recorder)
    minutes_record(hamlet_election=he, data=minutes(held_on=D(2024, 11, 3), attending=120),
                   candidates=candidates(100), by=recorder)
    head = acting_head_appoint(hamlet_election=he, full_name="Lê  Văn Tạm", gender="male", decision_number="5/QĐ",
                               decision_date=D(2024, 11, 30), by=recorder)
    he.refresh_from_db()
    assert he.status == S.ACTING_HEAD
    assert (head.kind, head.full_name, head.next_election_due) == (HeadKind.ACTING, "Lê Văn Tạm", D(2025, 5, 30))
    rerun_schedule(hamlet_election=he, date=D(2025, 1, 12), by=recorder)
    he.refresh_from_db()
    assert he.status == S.RERUN_SCHEDULED


@pytest.mark.parametrize(("source", "target"), [(a, b) for a in S.values for b in S.values])
def test_the_transition_map_allows_exactly_its_moves(he, recorder, source, target):
    he.status = source
    he.save()
    if target in TRANSITIONS[source]:
        hamlet_election_transition(hamlet_election=he, to=target, by=recorder)
        he.refresh_from_db()
        assert he.status == target
        assert StatusChange.objects.filter(from_status=source, to_status=target, by=recorder).exists()
    else:
        with pytest.raises(ValidationError):
            hamlet_election_transition(hamlet_election=he, to=target, by=recorder)
        he.refresh_from_db()
        assert he.status == source and not StatusChange.objects.exists()


def test_minutes_cannot_be_recorded_twice_for_a_decided_election(he, recorder):
    minutes_record(hamlet_election=he, data=minutes(), candidates=candidates(200), by=recorder)
    with pytest.raises(ValidationError):
        minutes_record(hamlet_election=he, data=minutes(), candidates=candidates(200), by=recorder)
    assert Meeting.objects.count() == 1


@pytest.mark.parametrize(("key", "index", "role", "allowed"), [
    ("commune", 0, "officer", True), ("commune", 0, "leader", True), ("office", 0, "officer", True),
    ("commune", 0, "viewer", False), ("commune", 1, "officer", False), ("district", 0, "officer", False),
    ("cell", 0, "officer", False), ("standing", 0, "leader", False), ("agency", 0, "officer", False),
])
def test_only_the_hamlets_commune_and_the_provincial_office_record_results(he, tree, key, index, role, allowed):
    user = tree.user(key, index, role)
    if allowed:
        minutes_record(hamlet_election=he, data=minutes(), candidates=candidates(200), by=user)
        assert Meeting.objects.count() == 1
    else:
        with pytest.raises((PermissionDenied, ValidationError)):
            minutes_record(hamlet_election=he, data=minutes(), candidates=candidates(200), by=user)
        assert not Meeting.objects.exists()


def test_milestones_are_recorded_updated_and_cleared(he, recorder):
    milestones_record(hamlet_election=he, by=recorder, values={
        "decision": (D(2024, 9, 30), "45/QĐ-UBND"), "posting": (D(2024, 10, 14), "")})
    assert dict(he.milestones.values_list("kind", "document_number")) == {"decision": "45/QĐ-UBND", "posting": ""}
    milestones_record(hamlet_election=he, by=recorder, values={"decision": (D(2024, 9, 29), "46/QĐ-UBND")})
    assert list(he.milestones.values_list("kind", "date")) == [("decision", D(2024, 9, 29))]
