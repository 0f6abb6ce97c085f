import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from candidates import services as candidate_services
from candidates.models import ListStatus
from complaints import services
from complaints.models import ComplaintEvent, RefusalGround, Status
from complaints.services import TRANSITIONS

from .conftest import register

pytestmark = pytest.mark.django_db


def handler_of(world, index=0):
    return world.user("district", index, "officer")


def walk_to_verifying(world, letter):
    h = letter.handler
    services.complaint_classify(complaint=letter, by=h)
    services.complaint_accept(complaint=letter, by=h)
    services.complaint_start_verification(complaint=letter, by=h)
    return letter


def test_a_signed_denunciation_walks_the_whole_workflow_with_a_timeline(world, letter):
    h = letter.handler
    walk_to_verifying(world, letter)
    services.complaint_conclude(complaint=letter, outcome="unfounded", conclusion_number="12-KL/HU",
                                conclusion_date=datetime.date.today(), by=h, internal_note="ghi chú nội bộ")
    services.complaint_notify(complaint=letter, message_to_sender="Đã trả lời bằng văn bản", by=h)
    services.complaint_close(complaint=letter, by=h)
    letter.refresh_from_db()
    assert letter.status == Status.CLOSED and letter.due_on is None and letter.closed_on
    steps = list(ComplaintEvent.objects.filter(complaint=letter).values_list("from_status", "to_status"))
    assert steps == [("", "received"), ("received", "classified"), ("classified", "accepted"),
                     ("accepted", "verifying"), ("verifying", "concluded"), ("concluded", "notified"),
                     ("notified", "closed")]
    concluded = ComplaintEvent.objects.get(complaint=letter, to_status="concluded")
    notified = ComplaintEvent.objects.get(complaint=letter, to_status="notified")
    assert concluded.internal_note == "ghi chú nội bộ" and concluded.message_to_sender == ""
    assert notified.message_to_sender == "Đã trả lời bằng văn bản" and notified.by == h


def test_the_transition_map_refuses_every_jump_it_does_not_list(world, letter):
    for target in Status.values:
        if target in TRANSITIONS[Status.RECEIVED]:
            continue
        with pytest.raises(ValidationError):
            services.complaint_transition(complaint=letter, to=target, by=letter.handler)
    assert TRANSITIONS[Status.CLOSED] == {} and TRANSITIONS[Status.NOT_PROCESSED] == {}


def test_only_the_handler_moves_a_letter(world, letter):
    for intruder in (world.user("district", 0, "leader"), world.user("commune", 0, "officer"),
                     world.user("office", 0, "officer")):
        with pytest.raises(PermissionDenied):
            services.complaint_classify(complaint=letter, by=intruder)
    letter.refresh_from_db()
    assert letter.status == Status.RECEIVED


@pytest.mark.parametrize(("extra", "flags", "ground"), [
    ({"named": False}, {}, RefusalGround.ANONYMOUS),
    ({}, {"false_name": True}, RefusalGround.FALSE_NAME),
    ({"sender_address": ""}, {}, RefusalGround.NO_ADDRESS),
    ({"signatories": 3}, {}, RefusalGround.MULTIPLE_SIGNATORIES),
    ({"signed_in_person": False}, {}, RefusalGround.NOT_SIGNED),
    ({"signatories": 0}, {}, RefusalGround.NOT_SIGNED),
    ({}, {"already_concluded": True}, RefusalGround.ALREADY_CONCLUDED),
    ({}, {"outside_remit": True, "forwarded_to": "Ủy ban kiểm tra Tỉnh ủy"}, RefusalGround.OUTSIDE_REMIT),
])
def test_every_refusal_ground_leads_to_not_processed_with_its_reason(world, extra, flags, ground):
    letter = register(world, **extra)
    services.complaint_classify(complaint=letter, by=letter.handler, **flags)
    letter.refresh_from_db()
    assert letter.status == Status.NOT_PROCESSED
    assert ground in letter.refusal_grounds
    last = ComplaintEvent.objects.filter(complaint=letter).last()
    assert str(ground.label) in last.internal_note
    if "forwarded_to" in flags:
        assert letter.forwarded_to == "Ủy ban kiểm tra Tỉnh ủy" and "Ủy ban kiểm tra Tỉnh ủy" in last.internal_note


def test_outside_remit_needs_where_to(world, letter):
    with pytest.raises(ValidationError):
        services.complaint_classify(complaint=letter, by=letter.handler, outside_remit=True)


def test_a_letter_with_refusal_grounds_cannot_be_accepted(world):
    letter = register(world, signatories=2)
    services.complaint_transition(complaint=letter, to=Status.CLASSIFIED, by=letter.handler,
                                  changes={"refusal_grounds": ["multiple_signatories"]})
    with pytest.raises(ValidationError):
        services.complaint_accept(complaint=letter, by=letter.handler)


def test_an_anonymous_letter_is_checked_only_with_justification_and_another_leaders_approval(world):
    leader = world.user("district", 0, "leader")
    letter = register(world, named=False, handler=leader)
    with pytest.raises(ValidationError):
        services.complaint_classify(complaint=letter, by=leader, request_check=True, justification="")
    services.complaint_classify(complaint=letter, by=leader, request_check=True,
                                justification="Nội dung rõ ràng, có chứng cứ kèm theo")
    letter.refresh_from_db()
    assert letter.status == Status.CHECK_REQUESTED
    with pytest.raises(PermissionDenied):  # the same person cannot approve their own request
        services.complaint_decide_check(complaint=letter, approve=True, by=leader)
    with pytest.raises(PermissionDenied):  # an officer is not a leader
        services.complaint_decide_check(complaint=letter, approve=True, by=world.user("district", 0, "officer"))
    other_leader = world.user("office", 0, "leader")
    services.complaint_decide_check(complaint=letter, approve=True, by=other_leader)
    letter.refresh_from_db()
    assert letter.status == Status.ACCEPTED and letter.approver == other_leader and letter.resolution_due


def test_a_leader_may_refuse_the_check(world):
    officer = handler_of(world)
    letter = register(world, named=False)
    services.complaint_classify(complaint=letter, by=officer, request_check=True, justification="Rõ ràng")
    services.complaint_decide_check(complaint=letter, approve=False, by=world.user("district", 0, "leader"))
    letter.refresh_from_db()
    assert letter.status == Status.NOT_PROCESSED


def test_a_letter_already_concluded_cannot_be_sent_for_checking(world):
    letter = register(world, named=False)
    with pytest.raises(ValidationError):
        services.complaint_classify(complaint=letter, by=letter.handler, already_concluded=True,
                                    request_check=True, justification="x")


def especially_complex(letter):
    services.complaint_set_complexity(complaint=letter, complexity="especially_complex",
                                      reason="Xác minh ở hai xã, nhiều nội dung", by=letter.handler)


def test_denunciations_are_extended_at_most_twice_by_thirty_days(world, letter):
    walk_to_verifying(world, letter)
    especially_complex(letter)
    letter.refresh_from_db()
    first_due = letter.resolution_due
    services.complaint_extend(complaint=letter, reason="Phức tạp", by=letter.handler)
    services.complaint_extend(complaint=letter, reason="Đặc biệt phức tạp", by=letter.handler)
    letter.refresh_from_db()
    assert letter.status == Status.EXTENDED and letter.extensions == 2
    assert letter.resolution_due == first_due + datetime.timedelta(days=60)
    with pytest.raises(ValidationError):
        services.complaint_extend(complaint=letter, reason="Lần ba", by=letter.handler)


def test_a_complaint_cannot_be_extended(world):
    letter = register(world, kind="khieu_nai")
    walk_to_verifying(world, letter)
    with pytest.raises(ValidationError):
        services.complaint_extend(complaint=letter, reason="x", by=letter.handler)


def test_closing_needs_the_sender_notified(world, letter):
    walk_to_verifying(world, letter)
    services.complaint_conclude(complaint=letter, outcome="partly", conclusion_number="1/KL",
                                conclusion_date=datetime.date.today(), by=letter.handler)
    with pytest.raises(ValidationError):
        services.complaint_close(complaint=letter, by=letter.handler)


def test_conclusion_needs_number_and_date(world, letter):
    walk_to_verifying(world, letter)
    with pytest.raises(ValidationError) as exc:
        services.complaint_conclude(complaint=letter, outcome="substantiated", conclusion_number="",
                                    conclusion_date=None, by=letter.handler)
    assert {"conclusion_number", "conclusion_date"} <= set(exc.value.message_dict)


def test_intake_refuses_a_hamlet_outside_the_area_and_a_foreign_nominee(world):
    with pytest.raises(PermissionDenied):
        register(world, hamlet_index=4, by=world.user("commune", 0, "officer"))
    with pytest.raises(ValidationError) as exc:
        register(world, hamlet_index=0, nominee=world.nominees[1])
    assert "nominee" in exc.value.message_dict


def test_viewers_cells_and_agencies_cannot_register(world):
    for user in (world.user("commune", 0, "viewer"), world.user("cell", 0, "officer"),
                 world.user("agency", 0, "officer"), world.user("standing", 0, "leader")):
        with pytest.raises(PermissionDenied):
            register(world, by=user)


# --- the election gates --------------------------------------------------------------------------

def submit_list(world, district=0):
    nominee_list = world.lists[world.tree.districts[district].pk]
    candidate_services.nominee_list_submit(nominee_list=nominee_list, by=world.user("district", district, "officer"))
    nominee_list.refresh_from_db()
    return nominee_list


def test_an_open_letter_blocks_accepting_the_list_and_deciding_the_election_until_closed(world, letter):
    from elections import registry

    nominee_list = world.lists[world.tree.districts[0].pk]
    from candidates.registry import run_acceptance_checks

    assert any(letter.reference in m for m in run_acceptance_checks(nominee_list))
    assert any(letter.reference in m for m in registry.run_decision_checks(world.hamlet_elections[0]))
    assert not registry.run_decision_checks(world.hamlet_elections[1])
    assert not run_acceptance_checks(world.lists[world.tree.districts[1].pk])
    services.complaint_classify(complaint=letter, by=letter.handler, already_concluded=True)
    assert not run_acceptance_checks(nominee_list)
    assert not registry.run_decision_checks(world.hamlet_elections[0])


def test_the_province_cannot_accept_a_list_with_an_open_letter(world, letter):
    from candidates.models import ConcurrencyException  # noqa: F401  (list rules need the model loaded)

    nominee_list = submit_list(world)
    with pytest.raises(ValidationError) as exc:
        candidate_services.nominee_list_accept(nominee_list=nominee_list, by=world.user("office", 0, "officer"))
    assert letter.reference in " ".join(exc.value.messages)


def test_a_substantiated_conclusion_by_the_province_withdraws_the_nominee_and_returns_the_list(world):
    office = world.user("office", 0, "officer")
    letter = register(world, handler=office)
    nominee_list = submit_list(world)
    walk_to_verifying(world, letter)
    services.complaint_conclude(complaint=letter, outcome="substantiated", conclusion_number="5-KL/TU",
                                conclusion_date=datetime.date.today(), by=office)
    nominee_list.refresh_from_db()
    nominee = world.nominees[0]
    nominee.refresh_from_db()
    letter.refresh_from_db()
    assert nominee_list.status == ListStatus.RETURNED and letter.reference in nominee_list.return_reason
    assert nominee.status == "withdrawn" and letter.reference in nominee.withdrawn_reason
    assert not letter.effect_pending
    effect = ComplaintEvent.objects.filter(complaint=letter).exclude(effect="").get().effect
    assert nominee.full_name in effect


def test_a_substantiated_conclusion_by_the_district_handler_withdraws_the_nominee_and_returns_the_list(
        world, letter):
    nominee_list = submit_list(world)
    walk_to_verifying(world, letter)
    services.complaint_conclude(complaint=letter, outcome="substantiated", conclusion_number="5-KL/HU",
                                conclusion_date=datetime.date.today(), by=letter.handler)
    letter.refresh_from_db()
    nominee_list.refresh_from_db()
    world.nominees[0].refresh_from_db()
    assert not letter.effect_pending
    assert nominee_list.status == ListStatus.RETURNED and letter.reference in nominee_list.return_reason
    assert world.nominees[0].status == "withdrawn" and letter.reference in world.nominees[0].withdrawn_reason
    assert nominee_list.events.last().by == letter.handler


def test_when_the_candidates_app_refuses_the_effect_it_is_recorded_and_left_for_the_province(world, letter):
    submit_list(world)
    walk_to_verifying(world, letter)
    handler = letter.handler
    handler.role = "viewer"  # the handler's account became read-only before the conclusion was entered
    handler.save()
    services.complaint_conclude(complaint=letter, outcome="substantiated", conclusion_number="5-KL/HU",
                                conclusion_date=datetime.date.today(), by=handler)
    letter.refresh_from_db()
    assert letter.effect_pending
    effect = ComplaintEvent.objects.exclude(effect="").get().effect
    assert "Chưa rút tên" in effect
    services.complaint_notify(complaint=letter, message_to_sender="Đã báo", by=handler)
    with pytest.raises(ValidationError):  # not closable while the effect is pending
        services.complaint_close(complaint=letter, by=handler)
    from django.test import Client

    client = Client()
    client.force_login(world.user("office", 0, "officer"))
    assert "Chưa áp dụng kết luận" in client.get("/don-thu/").content.decode()
    services.complaint_apply_conclusion(complaint=letter, by=world.user("office", 0, "officer"))
    letter.refresh_from_db()
    world.nominees[0].refresh_from_db()
    assert not letter.effect_pending and world.nominees[0].status == "withdrawn"


def test_an_unfounded_conclusion_changes_nothing(world, letter):
    nominee_list = submit_list(world)
    walk_to_verifying(world, letter)
    services.complaint_conclude(complaint=letter, outcome="unfounded", conclusion_number="6/KL",
                                conclusion_date=datetime.date.today(), by=letter.handler)
    nominee_list.refresh_from_db()
    world.nominees[0].refresh_from_db()
    assert nominee_list.status == ListStatus.SUBMITTED and world.nominees[0].status == "active"


def test_intake_names_every_bad_field_and_writes_nothing(world):
    from complaints.models import Complaint

    with pytest.raises(ValidationError) as exc:
        services.complaint_register(by=world.user("commune", 0, "officer"), kind="thu_la", channel="forwarded",
                                    received_on=None, hamlet=world.tree.hamlets[0], summary="x",
                                    handler=world.user("cell", 0, "officer"))
    assert {"kind", "received_on", "forwarded_by", "handler"} <= set(exc.value.message_dict)
    assert not Complaint.objects.exists()
    with pytest.raises(ValidationError) as exc:
        register(world, received_on=datetime.date.today() + datetime.timedelta(days=1))
    assert "received_on" in exc.value.message_dict


# --- which steps the letter's page offers (services.available_actions) -------------------------

def test_a_received_letter_offers_classifying_to_its_handler_and_assigning_to_a_leader(world, letter):
    assert services.available_actions(letter, letter.handler) == ["phan-loai", "muc-do"]
    assert services.available_actions(letter, world.user("district", 0, "leader")) == ["phan-cong"]
    assert services.available_actions(letter, world.user("district", 1, "officer")) == []


def test_the_officer_who_asked_for_a_check_is_not_offered_to_decide_it(world):
    leader = world.user("district", 0, "leader")
    letter = register(world, named=False, handler=leader)
    services.complaint_classify(complaint=letter, by=leader, request_check=True, justification="Rõ ràng")
    letter.refresh_from_db()
    assert "duyet-kiem-tra" not in services.available_actions(letter, leader)
    assert "duyet-kiem-tra" in services.available_actions(letter, world.user("office", 0, "leader"))


def test_a_letter_with_refusal_grounds_is_not_offered_for_acceptance(world):
    letter = register(world, signatories=2)
    services.complaint_transition(complaint=letter, to=Status.CLASSIFIED, by=letter.handler,
                                  changes={"refusal_grounds": ["multiple_signatories"]})
    letter.refresh_from_db()
    assert "thu-ly" not in services.available_actions(letter, letter.handler)


def test_a_denunciation_extended_twice_is_offered_only_the_conclusion(world, letter):
    walk_to_verifying(world, letter)
    especially_complex(letter)
    letter.refresh_from_db()
    assert services.available_actions(letter, letter.handler)[:2] == ["ket-luan", "gia-han"]
    services.complaint_extend(complaint=letter, reason="Phức tạp", by=letter.handler)
    services.complaint_extend(complaint=letter, reason="Đặc biệt phức tạp", by=letter.handler)
    letter.refresh_from_db()
    assert "gia-han" not in services.available_actions(letter, letter.handler)
    assert "ket-luan" in services.available_actions(letter, letter.handler)


def test_an_especially_complex_denunciation_extended_once_is_still_offered_a_second_extension(world, letter):
    walk_to_verifying(world, letter)
    especially_complex(letter)
    services.complaint_extend(complaint=letter, reason="Phức tạp", by=letter.handler)
    letter.refresh_from_db()
    assert "gia-han" in services.available_actions(letter, letter.handler)
