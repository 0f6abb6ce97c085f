"""Issue 14 points 9 and 10: the Party's refusal grounds about signatures and addresses refuse
denunciations only; a denunciation's extensions follow its recorded complexity (Luật Tố cáo 2018
Điều 30)."""

import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from complaints import services
from complaints.models import Complaint, IdentityAccessLog, RefusalGround, Status

from .conftest import register

pytestmark = pytest.mark.django_db

OTHER_KINDS = ["khieu_nai", "kien_nghi", "phan_anh"]
PARTY_ONLY = [  # (the letter, the ground the Party rules give for a denunciation)
    ({"signatories": 2}, RefusalGround.MULTIPLE_SIGNATORIES),
    ({"signatories": 12}, RefusalGround.MULTIPLE_SIGNATORIES),
    ({"signed_in_person": False}, RefusalGround.NOT_SIGNED),
    ({"sender_address": ""}, RefusalGround.NO_ADDRESS),
]


def classify(letter, **flags):
    services.complaint_classify(complaint=letter, by=letter.handler, **flags)
    letter.refresh_from_db()
    return letter


# --- point 9: which grounds refuse which kind ----------------------------------------------------

@pytest.mark.parametrize(("extra", "ground"), PARTY_ONLY)
def test_the_party_grounds_refuse_a_denunciation(world, extra, ground):
    letter = classify(register(world, kind="to_cao", **extra))
    assert letter.status == Status.NOT_PROCESSED and letter.refusal_grounds == [ground]


@pytest.mark.parametrize("kind", OTHER_KINDS)
@pytest.mark.parametrize(("extra", "ground"), PARTY_ONLY)
def test_the_party_grounds_do_not_refuse_the_other_kinds(world, kind, extra, ground):
    letter = classify(register(world, kind=kind, **extra))
    assert letter.status == Status.CLASSIFIED and letter.refusal_grounds == []
    services.complaint_accept(complaint=letter, by=letter.handler)
    letter.refresh_from_db()
    assert letter.status == Status.ACCEPTED


def test_a_denunciation_signed_by_one_person_is_processed(world):
    letter = classify(register(world, kind="to_cao", signatories=1))
    assert letter.status == Status.CLASSIFIED and letter.refusal_grounds == []


@pytest.mark.parametrize("kind", ["to_cao", *OTHER_KINDS])
def test_an_anonymous_letter_of_any_kind_is_not_processed(world, kind):
    letter = classify(register(world, kind=kind, named=False))
    assert letter.status == Status.NOT_PROCESSED and RefusalGround.ANONYMOUS in letter.refusal_grounds


@pytest.mark.parametrize("kind", ["to_cao", *OTHER_KINDS])
def test_a_false_name_found_by_the_officer_refuses_any_kind(world, kind):
    letter = classify(register(world, kind=kind), false_name=True)
    assert letter.status == Status.NOT_PROCESSED and letter.refusal_grounds == [RefusalGround.FALSE_NAME]


@pytest.mark.parametrize(("kind", "refused"), [("khieu_nai", True), ("kien_nghi", False), ("phan_anh", False)])
def test_a_complaint_with_no_signature_at_all_is_not_accepted(world, kind, refused):
    """Luật Khiếu nại 2011 Điều 11 khoản 6: no signature or fingerprint of the complainant."""
    letter = classify(register(world, kind=kind, signatories=0))
    assert (letter.refusal_grounds == [RefusalGround.NOT_SIGNED]) is refused


def test_a_complaint_signed_by_many_households_is_handled_through_its_representative(world, client):
    letter = register(world, kind="khieu_nai", nominee=None, about_election=True, signatories=37,
                      sender_name="Trần Văn Đại Diện", sender_address="Ấp 99-0",
                      summary="37 hộ khiếu nại việc lập danh sách cử tri")
    classify(letter)
    services.complaint_accept(complaint=letter, by=letter.handler)
    letter.refresh_from_db()
    assert letter.status == Status.ACCEPTED
    client.force_login(letter.handler)
    page = client.get(reverse("complaints:identity", args=[letter.pk])).content.decode()
    assert "Trần Văn Đại Diện" in page and "đại diện cho 37 người" in page
    assert IdentityAccessLog.objects.count() == 1
    client.force_login(world.user("district", 0, "leader"))  # not the handler: the representative stays secret
    assert "Trần Văn Đại Diện" not in client.get(reverse("complaints:detail", args=[letter.pk])).content.decode()


# --- point 10: complexity and extensions ----------------------------------------------------------

def verifying(world, complexity="simple", reason="", **extra):
    letter = register(world, complexity=complexity, complexity_reason=reason, **extra)
    services.complaint_classify(complaint=letter, by=letter.handler)
    services.complaint_accept(complaint=letter, by=letter.handler)
    services.complaint_start_verification(complaint=letter, by=letter.handler)
    letter.refresh_from_db()
    return letter


@pytest.mark.parametrize(("complexity", "allowed"), [("simple", 0), ("complex", 1), ("especially_complex", 2)])
def test_a_denunciation_is_extended_as_often_as_its_complexity_allows(world, complexity, allowed):
    letter = verifying(world, complexity, "" if complexity == "simple" else "Xác minh ở hai nơi")
    first_due = letter.resolution_due
    for n in range(allowed):
        services.complaint_extend(complaint=letter, reason=f"Lần {n + 1}", by=letter.handler)
        letter.refresh_from_db()
        assert letter.extensions == n + 1 and letter.resolution_due == first_due + datetime.timedelta(days=30 * (n + 1))
        assert ("gia-han" in services.available_actions(letter, letter.handler)) is (n + 1 < allowed)
    with pytest.raises(ValidationError) as exc:
        services.complaint_extend(complaint=letter, reason="Thêm một lần", by=letter.handler)
    assert "Điều 30" in " ".join(exc.value.messages)
    letter.refresh_from_db()
    assert letter.extensions == allowed and letter.resolution_due == first_due + datetime.timedelta(days=30 * allowed)


def test_a_simple_denunciation_is_not_offered_an_extension_but_may_be_found_complex(world):
    letter = verifying(world)
    actions = services.available_actions(letter, letter.handler)
    assert "gia-han" not in actions and "muc-do" in actions
    services.complaint_set_complexity(complaint=letter, complexity="complex", reason="Nhiều người tố cáo",
                                      by=letter.handler)
    letter.refresh_from_db()
    assert (letter.complexity, letter.complexity_reason) == ("complex", "Nhiều người tố cáo")
    assert "gia-han" in services.available_actions(letter, letter.handler)
    assert letter.events.last().internal_note == "Mức độ phức tạp: Phức tạp. Nhiều người tố cáo"


def test_a_complex_case_needs_its_reason(world):
    with pytest.raises(ValidationError) as exc:
        register(world, complexity="complex", complexity_reason="  ")
    assert "complexity_reason" in exc.value.message_dict
    assert not Complaint.objects.exists()
    letter = verifying(world)
    with pytest.raises(ValidationError) as exc:
        services.complaint_set_complexity(complaint=letter, complexity="especially_complex", reason="",
                                          by=letter.handler)
    assert "reason" in exc.value.message_dict


def test_the_complexity_cannot_fall_below_the_extensions_granted(world):
    letter = verifying(world, "especially_complex", "Hai tiêu chí cùng lúc")
    services.complaint_extend(complaint=letter, reason="Lần 1", by=letter.handler)
    services.complaint_extend(complaint=letter, reason="Lần 2", by=letter.handler)
    with pytest.raises(ValidationError):
        services.complaint_set_complexity(complaint=letter, complexity="complex", reason="Bớt", by=letter.handler)
    letter.refresh_from_db()
    assert letter.complexity == "especially_complex"


def test_the_database_refuses_more_extensions_than_the_complexity_allows(world):
    letter = verifying(world, "complex", "Hai nội dung")
    letter.extensions = 2
    letter.status = Status.EXTENDED
    with pytest.raises(ValidationError):
        letter.full_clean()


def test_a_complex_complaint_has_45_days_also_when_found_complex_after_acceptance(world):
    letter = verifying(world, kind="khieu_nai")
    assert letter.resolution_due == letter.accepted_on + datetime.timedelta(days=30)
    services.complaint_set_complexity(complaint=letter, complexity="complex", reason="Xác minh nhiều nơi",
                                      by=letter.handler)
    letter.refresh_from_db()
    assert letter.resolution_due == letter.accepted_on + datetime.timedelta(days=45)
    with pytest.raises(ValidationError):  # a complaint is never extended
        services.complaint_extend(complaint=letter, reason="x", by=letter.handler)


def test_only_the_handler_records_the_complexity_and_only_while_handling(world):
    letter = verifying(world)
    with pytest.raises(PermissionDenied):
        services.complaint_set_complexity(complaint=letter, complexity="complex", reason="x",
                                          by=world.user("district", 0, "leader"))
    services.complaint_conclude(complaint=letter, outcome="unfounded", conclusion_number="1/KL",
                                conclusion_date=datetime.date.today(), by=letter.handler)
    letter.refresh_from_db()
    with pytest.raises(ValidationError):
        services.complaint_set_complexity(complaint=letter, complexity="complex", reason="x", by=letter.handler)
    assert "muc-do" not in services.available_actions(letter, letter.handler)


def test_the_handler_records_the_complexity_from_the_letters_page(world, client):
    letter = verifying(world)
    client.force_login(letter.handler)
    page = client.get(reverse("complaints:detail", args=[letter.pk])).content.decode()
    assert 'id="action-muc-do"' in page
    response = client.post(reverse("complaints:act", args=[letter.pk, "muc-do"]),
                           {"muc-do-complexity": "especially_complex", "muc-do-reason": ""})
    assert response.status_code == 400 and 'class="field__error"' in response.content.decode()
    response = client.post(reverse("complaints:act", args=[letter.pk, "muc-do"]),
                           {"muc-do-complexity": "especially_complex", "muc-do-reason": "Hai tiêu chí"})
    assert response.status_code == 302
    letter.refresh_from_db()
    assert letter.complexity == "especially_complex"


# --- the migration: the old flag becomes a level, and back ----------------------------------------

@pytest.mark.django_db(transaction=True)
def test_the_migration_turns_the_complex_flag_into_a_level_and_back():
    from django.db import connection
    from django.db.migrations.executor import MigrationExecutor

    from .conftest import make_world

    world = make_world()
    before, after = [("complaints", "0001_initial")], [("complaints", "0002_rules_at_their_moment")]
    executor = MigrationExecutor(connection)
    executor.migrate(before)
    OldComplaint = executor.loader.project_state(before).apps.get_model("complaints", "Complaint")
    common = {"kind": "to_cao", "channel": "post", "received_on": datetime.date(2024, 9, 1), "summary": "x",
              "hamlet_id": world.tree.hamlets[0].pk, "created_by_id": world.user("district", 0, "officer").pk,
              "status": "verifying"}
    rows = [OldComplaint.objects.create(is_complex=flag, extensions=ext, **common).pk
            for flag, ext in ((False, 0), (True, 0), (False, 1), (True, 2))]
    executor = MigrationExecutor(connection)
    executor.migrate(after)
    levels = dict(Complaint.objects.filter(pk__in=rows).values_list("pk", "complexity"))
    assert [levels[pk] for pk in rows] == ["simple", "complex", "complex", "especially_complex"]
    assert all(Complaint.objects.get(pk=pk).complexity_reason for pk in rows[1:])
    executor = MigrationExecutor(connection)
    executor.migrate(before)
    flags = dict(OldComplaint.objects.filter(pk__in=rows).values_list("pk", "is_complex"))
    assert [flags[pk] for pk in rows] == [False, True, True, True]
    executor = MigrationExecutor(connection)
    executor.migrate(executor.loader.graph.leaf_nodes())
