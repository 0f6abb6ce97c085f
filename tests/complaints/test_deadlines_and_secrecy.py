import datetime

import pytest
from cryptography.fernet import Fernet
from django.core.management import call_command
from django.db import connection

from complaints import deadlines, services
from complaints.models import ComplainantIdentity, Status

from .conftest import SENDER, SENDER_ID, make_world, register

D = datetime.date


# --- deadlines ----------------------------------------------------------------------------------

@pytest.mark.parametrize(("received", "due"), [
    (D(2024, 8, 1), D(2024, 8, 12)),    # Thursday -> 7 working days later, over one weekend
    (D(2024, 8, 30), D(2024, 9, 12)),   # Friday at a month's end; Mon 2 and Tue 3/9/2024 are Quốc khánh
    (D(2024, 8, 31), D(2024, 9, 12)),   # received on a Saturday: Wednesday 4 is day 1
    (D(2024, 12, 27), D(2025, 1, 8)),   # over the year's end and Tết Dương lịch (1/1/2025)
    (D(2025, 1, 24), D(2025, 2, 11)),   # over the five days of Tết Ất Tỵ (27-31/01/2025)
    (D(2024, 2, 26), D(2024, 3, 6)),    # over 29 February (leap year)
])
def test_a_denunciation_is_accepted_within_seven_working_days(received, due):
    assert deadlines.acceptance_due("to_cao", received) == due
    assert deadlines.acceptance_due("to_cao", received).weekday() < 5


def test_configured_holidays_are_not_working_days(settings):
    assert deadlines.acceptance_due("to_cao", D(2024, 10, 11)) == D(2024, 10, 22)
    settings.PUBLIC_HOLIDAYS = ["2024-10-14", "2024-10-15"]  # days a province would add
    assert deadlines.acceptance_due("to_cao", D(2024, 10, 11)) == D(2024, 10, 24)


@pytest.mark.parametrize(("kind", "received", "due"), [
    ("khieu_nai", D(2024, 1, 25), D(2024, 2, 4)),  # 10 calendar days, across a month's end
    ("kien_nghi", D(2024, 12, 25), D(2025, 1, 4)),
    ("phan_anh", D(2024, 2, 25), D(2024, 3, 6)),
])
def test_complaints_petitions_and_feedback_count_calendar_days(kind, received, due):
    assert deadlines.acceptance_due(kind, received) == due


def test_resolution_deadlines_per_kind_and_complexity():
    accepted = D(2024, 1, 31)
    assert deadlines.resolution_due("to_cao", accepted) == D(2024, 3, 1)
    assert deadlines.resolution_due("to_cao", accepted, extensions=2) == D(2024, 4, 30)
    assert deadlines.resolution_due("khieu_nai", accepted) == D(2024, 3, 1)
    assert deadlines.resolution_due("khieu_nai", accepted, complexity="complex") == D(2024, 3, 16)
    assert deadlines.resolution_due("khieu_nai", accepted, complexity="especially_complex") == D(2024, 3, 16)
    assert deadlines.resolution_due("to_cao", accepted, complexity="especially_complex") == D(2024, 3, 1)


def test_deadlines_are_settings_with_their_citation(settings):
    assert "Tố cáo" in settings.COMPLAINT_DEADLINES["to_cao"]["citation"]
    settings.COMPLAINT_DEADLINES = {**settings.COMPLAINT_DEADLINES,
                                    "kien_nghi": {**settings.COMPLAINT_DEADLINES["kien_nghi"], "acceptance_days": 5}}
    assert deadlines.acceptance_due("kien_nghi", D(2024, 5, 1)) == D(2024, 5, 6)


@pytest.mark.django_db
def test_the_current_deadline_is_the_nearer_of_the_statutory_and_the_election_deadline():
    nearby = datetime.date.today() + datetime.timedelta(days=2)
    world = make_world(election_date=nearby + datetime.timedelta(days=1))  # the hamlet votes the day after
    letter = register(world, kind="kien_nghi")  # 10 days to accept, but the hamlet votes in 3
    assert letter.election_due == nearby and letter.due_on == nearby
    assert deadlines.urgency(letter.due_on) == "soon"
    assert deadlines.urgency(nearby, on=nearby + datetime.timedelta(days=1)) == "late"
    assert deadlines.urgency(nearby + datetime.timedelta(days=30)) == ""


@pytest.mark.django_db
def test_the_queue_flags_overdue_and_due_soon_letters_with_words(client):
    world = make_world()
    late = register(world, received_on=datetime.date.today() - datetime.timedelta(days=20))
    register(world, kind="khieu_nai", received_on=datetime.date.today() - datetime.timedelta(days=8))
    client.force_login(world.user("district", 0, "officer"))
    body = client.get("/don-thu/").content.decode()
    assert "Quá hạn" in body or "Overdue" in body
    assert late.reference in client.get("/don-thu/", {"due": "late"}).content.decode()
    soon = client.get("/don-thu/", {"due": "soon"}).content.decode()
    assert late.reference not in soon.split('id="complaint-table"')[1]


# --- encryption at rest -------------------------------------------------------------------------

def raw_identity(pk):
    with connection.cursor() as cursor:
        cursor.execute("SELECT name, address, phone, id_number FROM complaints_complainantidentity WHERE id = %s",
                       [pk])
        return cursor.fetchone()


@pytest.mark.django_db
def test_the_identity_is_encrypted_in_the_database(world):
    letter = register(world)
    raw = raw_identity(letter.identity.pk)
    assert all(value and value.startswith("gAAAA") for value in raw)
    assert SENDER not in " ".join(raw) and SENDER_ID not in " ".join(raw)
    assert ComplainantIdentity.objects.get(pk=letter.identity.pk).name == SENDER


@pytest.mark.django_db
def test_the_identity_table_has_no_history():
    tables = connection.introspection.table_names()
    assert "complaints_historicalcomplainantidentity" not in tables
    assert "complaints_historicalcomplaint" in tables
    columns = {c.name for c in connection.introspection.get_table_description(
        connection.cursor(), "complaints_historicalcomplaint")}
    assert not {"name", "address", "phone", "id_number"} & columns


@pytest.mark.django_db
def test_keys_rotate_with_the_new_key_first_and_the_command(world, settings, capsys):
    letter = register(world)
    old_raw = raw_identity(letter.identity.pk)
    new_key = Fernet.generate_key().decode()
    settings.FIELD_ENCRYPTION_KEYS = [new_key, *settings.FIELD_ENCRYPTION_KEYS]
    assert ComplainantIdentity.objects.get(pk=letter.identity.pk).name == SENDER  # old rows still read
    call_command("rotate_identity_keys")
    assert "1" in capsys.readouterr().out
    new_raw = raw_identity(letter.identity.pk)
    assert new_raw != old_raw
    settings.FIELD_ENCRYPTION_KEYS = [new_key]  # the old key can now go
    assert ComplainantIdentity.objects.get(pk=letter.identity.pk).name == SENDER
    assert Fernet(new_key.encode()).decrypt(new_raw[0].encode()).decode() == SENDER


# --- reminders, through a real worker -----------------------------------------------------------

@pytest.mark.django_db(transaction=True)
def test_the_daily_job_reminds_each_handler_once_a_day(celery_worker_app, mailoutbox, settings):
    from complaints.models import HandlerReminder
    from complaints.tasks import remind_handlers

    assert settings.CELERY_BEAT_SCHEDULE["complaints-remind-handlers"]["task"] == "complaints.remind_handlers"
    world = make_world(election_date=datetime.date.today() + datetime.timedelta(days=2))
    handler = world.user("district", 0, "officer")
    handler.email = "canbo@example.vn"
    handler.save()
    letter = register(world, handler=handler)
    closed = register(world, handler=handler, named=False)
    services.complaint_classify(complaint=closed, by=handler)  # anonymous: not processed, no reminder
    assert remind_handlers.delay().get(timeout=30) == 1
    assert remind_handlers.delay().get(timeout=30) == 0
    assert HandlerReminder.objects.get().handler == handler
    assert len(mailoutbox) == 1
    body = mailoutbox[0].body
    assert letter.reference in body and closed.reference not in body
    assert SENDER not in body
    letter.refresh_from_db()
    assert letter.status == Status.RECEIVED
