"""Personal data (issue 9): citizen ID numbers encrypted at rest with keys from the environment,
rotated by a command, masked by default, every reveal logged, the log exported by administrators."""

import datetime as dt
import importlib
import io
from types import SimpleNamespace

import pytest
from cryptography.fernet import Fernet
from django.core.management import call_command
from django.db import connection
from django.test import Client
from django.urls import reverse
from openpyxl import load_workbook

from accounts.crypto import blind_index, blind_indexes, is_token
from accounts.models import PersonalDataAccess
from candidates.models import Nominee, NomineeList
from complaints.models import ComplainantIdentity, Complaint
from elections.models import Election, HamletElection
from tests.trees import build_tree

pytestmark = pytest.mark.django_db
CITIZEN_ID = "082079001234"
MIGRATION = importlib.import_module("candidates.migrations.0003_encrypt_existing_citizen_ids")


@pytest.fixture
def world():
    tree = build_tree()
    today = dt.date.today()
    election = Election.objects.create(
        name="Bầu cử", province=tree.province, term_start_year=2024, term_end_year=2029,
        nomination_deadline=today + dt.timedelta(days=60), election_start=today + dt.timedelta(days=70),
        election_end=today + dt.timedelta(days=90))
    HamletElection.objects.bulk_create([HamletElection(election=election, hamlet=h) for h in tree.hamlets])
    tree.he = HamletElection.objects.get(election=election, hamlet=tree.hamlets[0])
    tree.list = NomineeList.objects.create(election=election, unit=tree.districts[0])
    tree.nominee = Nominee.objects.create(
        hamlet_election=tree.he, nominee_list=tree.list, full_name="Nguyễn Văn Riêng", search_name="nguyen van rieng",
        gender="male", date_of_birth=dt.date(1979, 5, 1), citizen_id=CITIZEN_ID, is_party_member=True)
    return tree


def raw_citizen_ids(table="candidates_nominee"):
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT citizen_id FROM {table}")
        return [row[0] for row in cursor.fetchall()]


def login(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def test_citizen_ids_are_encrypted_at_rest_and_read_in_clear(world):
    stored = raw_citizen_ids()
    assert stored and all(CITIZEN_ID not in value and is_token(value) for value in stored)
    assert all(CITIZEN_ID not in (value or "") for value in raw_citizen_ids("candidates_historicalnominee"))
    assert Nominee.objects.get(pk=world.nominee.pk).citizen_id == CITIZEN_ID
    assert list(Nominee.objects.values_list("citizen_id", flat=True)) == [CITIZEN_ID]


def test_the_data_migration_encrypts_plaintext_and_reverses(world):
    with connection.cursor() as cursor:
        cursor.execute("UPDATE candidates_nominee SET citizen_id = %s", [CITIZEN_ID])
    editor = SimpleNamespace(connection=connection)  # the functions use only the editor's connection
    MIGRATION.encrypt_plaintext(None, editor)
    assert is_token(raw_citizen_ids()[0])
    MIGRATION.encrypt_plaintext(None, editor)  # runs twice without double encryption
    assert Nominee.objects.get(pk=world.nominee.pk).citizen_id == CITIZEN_ID
    MIGRATION.decrypt_tokens(None, editor)
    assert raw_citizen_ids() == [CITIZEN_ID]


def test_rotation_re_encrypts_with_the_new_key(world, settings):
    old_token = raw_citizen_ids()[0]
    new_key = Fernet.generate_key().decode()
    settings.FIELD_ENCRYPTION_KEYS = [new_key, *settings.FIELD_ENCRYPTION_KEYS]
    out = io.StringIO()
    call_command("rotate_identity_keys", stdout=out)
    assert "citizen ID numbers" in out.getvalue() and CITIZEN_ID not in out.getvalue()
    new_token = raw_citizen_ids()[0]
    assert new_token != old_token
    assert Fernet(new_key.encode()).decrypt(new_token.encode()).decode() == CITIZEN_ID
    settings.FIELD_ENCRYPTION_KEYS = [new_key]  # the old key dropped: still readable
    assert Nominee.objects.get(pk=world.nominee.pk).citizen_id == CITIZEN_ID


def test_blind_index_is_keyed_and_stable(settings):
    assert blind_index(CITIZEN_ID) == blind_index(CITIZEN_ID) != blind_index("082079001235")
    first = blind_index(CITIZEN_ID)
    settings.SECRET_KEY = "another-secret-key-for-the-blind-index-test-0123456789"
    assert blind_index(CITIZEN_ID) == first  # SECRET_KEY rotations leave the index alone
    settings.FIELD_ENCRYPTION_KEYS = [Fernet.generate_key().decode(), *settings.FIELD_ENCRYPTION_KEYS]
    assert blind_index(CITIZEN_ID) != first and blind_indexes(CITIZEN_ID)[1:] == [first]


def test_masked_for_viewers_and_every_reveal_logged(world):
    viewer = login(world.user("district", 0, "viewer"))
    page = viewer.get(reverse("candidates:hamlet", args=[world.he.pk])).content.decode()
    assert CITIZEN_ID not in page and "0820******34" in page
    assert not PersonalDataAccess.objects.exists()

    officer_user = world.user("district", 0, "officer")
    officer = login(officer_user)
    assert CITIZEN_ID in officer.get(reverse("candidates:hamlet", args=[world.he.pk])).content.decode()
    assert CITIZEN_ID in officer.get(reverse("candidates:list", args=[world.list.pk])).content.decode()
    officer.get(reverse("candidates:export", args=[world.list.pk]))
    officer.get(reverse("candidates:template", args=[world.list.pk]))
    logged = list(PersonalDataAccess.objects.order_by("pk").values_list("user", "object_id", "field", "purpose"))
    assert logged == [(officer_user.pk, world.nominee.pk, "citizen_id", "page"),
                      (officer_user.pk, world.nominee.pk, "citizen_id", "page"),
                      (officer_user.pk, world.nominee.pk, "citizen_id", "export"),
                      (officer_user.pk, world.nominee.pk, "citizen_id", "export")]


def test_administrators_export_the_audit_log_with_identity_viewings(world):
    officer = world.user("district", 0, "officer")
    login(officer).get(reverse("candidates:hamlet", args=[world.he.pk]))
    complaint = Complaint.objects.create(
        kind="to_cao", channel="post", received_on=dt.date.today(), hamlet=world.hamlets[0], summary="Thư",
        status="received", due_on=dt.date.today() + dt.timedelta(days=10), created_by=world.user("office"),
        handler=officer)
    ComplainantIdentity.objects.create(complaint=complaint, name="Người Gửi Kín")
    assert login(officer).get(reverse("complaints:identity", args=[complaint.pk])).status_code == 200

    url = reverse("admin:accounts_personaldataaccess_export")
    assert Client().get(url).status_code == 302
    staff = world.user("office", 0, "leader")
    staff.is_staff = True
    staff.save()
    assert login(staff).get(url).status_code == 403
    from accounts.models import User

    admin = User.objects.create_superuser(username="quantri", password="x")
    response = login(admin).get(url)
    assert response.status_code == 200
    sheet = load_workbook(io.BytesIO(response.content)).worksheets[0]
    rows = [[cell.value for cell in row] for row in sheet.iter_rows(min_row=2)]
    assert {(r[1], r[3], r[6]) for r in rows} == {(officer.username, "candidates.nominee", "citizen_id"),
                                                  (officer.username, "complaints.complaint", "identity")}
    assert all("Người Gửi Kín" not in str(value) for r in rows for value in r)
    changelist = login(admin).get(reverse("admin:accounts_personaldataaccess_changelist"))
    assert url in changelist.content.decode()
