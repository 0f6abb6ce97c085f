"""Dates that cannot be true are refused; dates that are merely late are recorded and warned about
(issue 14, point 3). The meeting of these tests is held on Sunday 20/10/2024 in a campaign whose
election window opened on 01/10/2024; October and early November 2024 have no public holiday."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from elections.models import HamletHead, Meeting, ResultStatus
from elections.results.selectors import hamlet_warnings
from elections.results.services import (
    acting_head_appoint,
    minutes_record,
    rerun_schedule,
    result_recognise,
    result_refuse,
)

from .support import DAY, candidates, minutes

S = ResultStatus
D = datetime.date
ONE_DAY = datetime.timedelta(days=1)


def elected(he, recorder, **kw):
    return minutes_record(hamlet_election=he, data=minutes(**kw), candidates=candidates(200), by=recorder)


def failed_twice(he, recorder):
    """The meeting of 20/10 and its re-run of 03/11 both without quorum: an acting head is next."""
    minutes_record(hamlet_election=he, data=minutes(attending=100), candidates=candidates(90), by=recorder)
    rerun_schedule(hamlet_election=he, date=D(2024, 11, 3), by=recorder)
    minutes_record(hamlet_election=he, data=minutes(held_on=D(2024, 11, 3), attending=100),
                   candidates=candidates(90), by=recorder)


def warnings_of(he):
    he.refresh_from_db()
    return hamlet_warnings(he)


# --- Refused: the meeting -----------------------------------------------------------------------


def test_a_meeting_held_today_is_recorded(he, recorder):
    today = timezone.localdate()
    elected(he, recorder, held_on=today, received=today)
    assert Meeting.objects.get().held_on == today


def test_a_meeting_held_tomorrow_is_refused(he, recorder):
    tomorrow = timezone.localdate() + ONE_DAY
    with pytest.raises(ValidationError, match="tương lai"):
        elected(he, recorder, held_on=tomorrow, received=tomorrow)
    assert not Meeting.objects.exists()


def test_minutes_received_tomorrow_are_refused(he, recorder):
    with pytest.raises(ValidationError, match="tương lai"):
        elected(he, recorder, received=timezone.localdate() + ONE_DAY)
    assert not Meeting.objects.exists()


def test_a_meeting_the_day_the_election_window_opens_is_recorded(he, recorder, campaign):
    elected(he, recorder, held_on=campaign.election_start)
    assert Meeting.objects.get().held_on == D(2024, 10, 1)


def test_a_meeting_the_day_before_the_election_window_opens_is_refused(he, recorder, campaign):
    with pytest.raises(ValidationError, match="01/10/2024") as error:
        elected(he, recorder, held_on=campaign.election_start - ONE_DAY)
    assert "30/09/2024" in error.value.messages[0]
    assert not Meeting.objects.exists()


# --- Refused: the chairman's decisions ----------------------------------------------------------


def test_a_recognition_dated_the_day_of_the_meeting_is_recorded(he, recorder):
    elected(he, recorder)
    head = result_recognise(hamlet_election=he, decision_number="12/QĐ-UBND", decision_date=DAY, by=recorder)
    assert head.decision_date == DAY


def test_a_recognition_dated_the_day_before_the_meeting_is_refused(he, recorder):
    elected(he, recorder)
    with pytest.raises(ValidationError, match="20/10/2024"):
        result_recognise(hamlet_election=he, decision_number="12/QĐ-UBND", decision_date=DAY - ONE_DAY, by=recorder)
    assert not HamletHead.objects.exists()


def test_a_recognition_dated_today_is_recorded_and_tomorrow_refused(he, recorder):
    elected(he, recorder)
    today = timezone.localdate()
    with pytest.raises(ValidationError, match="tương lai"):
        result_recognise(hamlet_election=he, decision_number="12/QĐ-UBND", decision_date=today + ONE_DAY,
                         by=recorder)
    assert result_recognise(hamlet_election=he, decision_number="12/QĐ-UBND", decision_date=today,
                            by=recorder).decision_date == today


def test_a_refusal_dated_the_day_before_the_meeting_is_refused_and_the_day_of_it_recorded(he, recorder):
    elected(he, recorder)
    with pytest.raises(ValidationError, match="20/10/2024"):
        result_refuse(hamlet_election=he, reasons="Sai quy trình.", decision_date=DAY - ONE_DAY, by=recorder)
    result_refuse(hamlet_election=he, reasons="Sai quy trình.", decision_date=DAY, by=recorder)
    he.refresh_from_db()
    assert he.status == S.RERUN_REQUIRED


def test_a_refusal_dated_tomorrow_is_refused(he, recorder):
    elected(he, recorder)
    with pytest.raises(ValidationError, match="tương lai"):
        result_refuse(hamlet_election=he, reasons="Sai quy trình.", decision_date=timezone.localdate() + ONE_DAY,
                      by=recorder)
    he.refresh_from_db()
    assert he.status == S.ELECTED


def test_an_acting_head_dated_the_day_before_the_failed_re_run_is_refused(he, recorder):
    failed_twice(he, recorder)
    with pytest.raises(ValidationError, match="03/11/2024"):
        acting_head_appoint(hamlet_election=he, full_name="Lê Văn Tạm", gender="male", decision_number="5/QĐ",
                            decision_date=D(2024, 11, 2), by=recorder)
    assert not HamletHead.objects.exists()


def test_an_acting_head_dated_the_day_of_the_failed_re_run_is_recorded(he, recorder):
    failed_twice(he, recorder)
    head = acting_head_appoint(hamlet_election=he, full_name="Lê Văn Tạm", gender="male", decision_number="5/QĐ",
                               decision_date=D(2024, 11, 3), by=recorder)
    assert head.next_election_due == D(2025, 5, 3)


def test_an_acting_head_dated_tomorrow_is_refused_and_today_recorded(he, recorder):
    failed_twice(he, recorder)
    today = timezone.localdate()
    with pytest.raises(ValidationError, match="tương lai"):
        acting_head_appoint(hamlet_election=he, full_name="Lê Văn Tạm", gender="male", decision_number="5/QĐ",
                            decision_date=today + ONE_DAY, by=recorder)
    head = acting_head_appoint(hamlet_election=he, full_name="Lê Văn Tạm", gender="male", decision_number="5/QĐ",
                               decision_date=today, by=recorder)
    assert head.decision_date == today


# --- Warned: late, but true -----------------------------------------------------------------------


def test_a_re_run_scheduled_on_its_limit_is_not_warned_about(he, recorder):
    minutes_record(hamlet_election=he, data=minutes(attending=100), candidates=candidates(90), by=recorder)
    rerun_schedule(hamlet_election=he, date=D(2024, 11, 4), by=recorder)  # 20/10 + 15 days
    assert warnings_of(he) == []


def test_a_re_run_scheduled_after_its_limit_is_accepted_and_warned_about(he, recorder):
    minutes_record(hamlet_election=he, data=minutes(attending=100), candidates=candidates(90), by=recorder)
    rerun_schedule(hamlet_election=he, date=D(2024, 11, 5), by=recorder)
    he.refresh_from_db()
    assert (he.status, he.rerun_date) == (S.RERUN_SCHEDULED, D(2024, 11, 5))
    [warning] = hamlet_warnings(he)
    assert "05/11/2024" in warning and "04/11/2024" in warning


@pytest.mark.parametrize(("held_on", "warned"), [(D(2024, 11, 4), False), (D(2024, 11, 5), True)])
def test_the_minutes_of_a_re_run_held_after_its_limit_are_recorded_with_a_warning(he, recorder, held_on, warned):
    minutes_record(hamlet_election=he, data=minutes(attending=100), candidates=candidates(90), by=recorder)
    rerun_schedule(hamlet_election=he, date=D(2024, 11, 4), by=recorder)
    meeting = minutes_record(hamlet_election=he, data=minutes(held_on=held_on), candidates=candidates(200),
                             by=recorder)
    assert meeting.round == 2 and meeting.rerun_due_by == D(2024, 11, 4)
    he.refresh_from_db()
    assert he.status == S.ELECTED
    assert bool(hamlet_warnings(he)) is warned


@pytest.mark.parametrize(("received", "warned"), [
    (D(2024, 10, 25), False),  # Sunday 20/10 + 5 working days = Friday 25/10
    (D(2024, 10, 28), True),   # the next working day
])
def test_minutes_received_after_the_working_days_allowed_are_recorded_with_a_warning(he, recorder, received,
                                                                                     warned):
    elected(he, recorder, received=received)
    warnings = warnings_of(he)
    assert bool(warnings) is warned
    if warned:
        assert "28/10/2024" in warnings[0] and "25/10/2024" in warnings[0]


def test_the_working_days_for_the_minutes_are_a_setting(he, recorder, settings):
    settings.MINUTES_RECEIPT_WORKING_DAYS = 3  # Sunday 20/10 + 3 = Wednesday 23/10
    elected(he, recorder, received=D(2024, 10, 24))
    assert len(warnings_of(he)) == 1


@pytest.mark.parametrize(("decided", "warned"), [
    (D(2024, 10, 28), False),  # received Monday 21/10 + 5 working days = Monday 28/10
    (D(2024, 10, 29), True),
])
def test_a_recognition_after_its_deadline_is_recorded_with_a_warning(he, recorder, decided, warned):
    elected(he, recorder, received=D(2024, 10, 21))
    result_recognise(hamlet_election=he, decision_number="12/QĐ-UBND", decision_date=decided, by=recorder)
    warnings = warnings_of(he)
    assert bool(warnings) is warned
    if warned:
        assert "29/10/2024" in warnings[0] and "28/10/2024" in warnings[0]


def test_the_warnings_show_on_the_hamlet_page_and_flag_it_on_the_communes_list(client, tree, he, recorder):
    elected(he, recorder, received=D(2024, 10, 21))
    result_recognise(hamlet_election=he, decision_number="12/QĐ-UBND", decision_date=D(2024, 10, 29), by=recorder)
    client.force_login(recorder)
    detail = client.get(reverse("elections:result_detail", args=[he.pk])).content.decode()
    assert 'id="warnings"' in detail and "29/10/2024" in detail and "28/10/2024" in detail
    html = client.get(reverse("elections:results_unit", args=[tree.communes[0].pk])).content.decode()
    row = html[html.index(tree.hamlets[0].name):html.index(tree.hamlets[1].name)]
    assert 'badge--soon' in row and "1 cảnh báo" in row  # a word beside the amber colour
    other = html[html.index(tree.hamlets[1].name):]
    assert "cảnh báo" not in other.split("</tr>")[0]
