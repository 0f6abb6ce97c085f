"""One person, one nomination (issue 14, point 13): the same citizen ID twice in a campaign is refused,
by the services (every path: form, admin, import, command), compared through a keyed hash kept beside
the encrypted ID, never in clear; the hash survives a key rotation and is filled for existing rows."""

import datetime
import importlib
import io
from types import SimpleNamespace

import openpyxl
import pytest
from cryptography.fernet import Fernet
from django.core.exceptions import ValidationError
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import connection
from django.urls import reverse

from accounts.crypto import blind_index
from accounts.models import User
from candidates import exports, services
from candidates.imports import COLUMNS, ImportFailed, import_nominees
from candidates.models import Nominee, citizen_id_blind_index
from demo import scale
from elections.models import HamletElection

from .conftest import make_election, person

pytestmark = pytest.mark.django_db
KEYS = list(COLUMNS)
ID = "082079001234"
MIGRATION = importlib.import_module("candidates.migrations.0004_citizen_id_blind_index")


def raw_index(nominee) -> str:
    with connection.cursor() as cursor:
        cursor.execute("SELECT citizen_id_index, citizen_id FROM candidates_nominee WHERE id = %s", [nominee.pk])
        index, token = cursor.fetchone()
    assert ID not in token  # the clear ID is stored nowhere
    return index


def officer(world, d=0):
    return world.tree.user("district", d, "officer")


def nominate(world, hamlet, d=0, **fields):
    return services.nominee_create(by=officer(world, d), hamlet_election=world.he(hamlet), **person(**fields))


# --- The rule, in the service ---------------------------------------------------------------------

def test_the_same_citizen_id_in_another_hamlet_of_the_campaign_is_refused_naming_it(world):
    first = nominate(world, 0, citizen_id=ID)
    hamlet = first.hamlet_election.hamlet
    with pytest.raises(ValidationError) as exc:
        nominate(world, 1, citizen_id=ID)
    message = " ".join(exc.value.message_dict["citizen_id"])
    assert f"{hamlet.name}, {hamlet.commune.name}" in message
    assert Nominee.objects.count() == 1


def test_another_district_of_the_campaign_cannot_nominate_the_same_person(world):
    nominate(world, 0, citizen_id=ID)
    with pytest.raises(ValidationError) as exc:
        nominate(world, 4, d=1, citizen_id=ID)  # hamlet 4 is in district 1
    assert world.tree.hamlets[0].name in " ".join(exc.value.message_dict["citizen_id"])


@pytest.mark.parametrize("written", ["082 079 001 234", "０８２０７９００１２３４", " 082079001234 "])
def test_the_id_is_stored_and_compared_normalised(world, written):
    first = nominate(world, 0, citizen_id=written)
    assert Nominee.objects.get(pk=first.pk).citizen_id == ID
    with pytest.raises(ValidationError) as exc:
        nominate(world, 1, citizen_id=ID)
    assert first.hamlet_election.hamlet.name in " ".join(exc.value.message_dict["citizen_id"])


def test_one_digit_apart_is_another_person(world):
    nominate(world, 0, citizen_id=ID)
    assert nominate(world, 1, citizen_id="082079001235").pk


def test_a_withdrawn_nominee_does_not_count(world):
    first = nominate(world, 0, citizen_id=ID)
    services.nominee_withdraw(nominee=first, reason="Chuyển nơi cư trú", by=officer(world))
    assert nominate(world, 1, citizen_id=ID).pk


def test_another_campaign_does_not_count(world):
    nominate(world, 0, citizen_id=ID)
    other = make_election(world.tree, name="Bầu cử bổ sung 2025", term_start_year=2025, term_end_year=2030,
                          nomination_deadline=datetime.date(2025, 9, 30),
                          election_start=datetime.date(2025, 10, 1), election_end=datetime.date(2025, 11, 30))
    he = HamletElection.objects.get(election=other, hamlet=world.tree.hamlets[1])
    assert services.nominee_create(by=officer(world), hamlet_election=he, **person(citizen_id=ID)).pk


def test_a_nominee_is_not_a_duplicate_of_itself(world):
    nominee = nominate(world, 0, citizen_id=ID)
    updated = services.nominee_update(by=officer(world), nominee=nominee, education="Đại học")
    assert updated.education == "Đại học"


def test_the_index_is_a_keyed_hash_kept_beside_the_ciphertext_and_follows_the_id(world):
    nominee = nominate(world, 0, citizen_id="082 079 001 234")
    assert raw_index(nominee) == blind_index(ID) == citizen_id_blind_index(ID)
    assert len(raw_index(nominee)) == 64 and ID not in raw_index(nominee)
    services.nominee_update(by=officer(world), nominee=nominee, citizen_id="082079009999")
    assert raw_index(nominee) == blind_index("082079009999")
    history_fields = {f.name for f in Nominee.history.model._meta.fields}
    assert "citizen_id" in history_fields and "citizen_id_index" not in history_fields  # no index to rotate there


def test_the_nominee_form_and_the_admin_refuse_it_too(client, world):
    first = nominate(world, 0, citizen_id=ID)
    client.force_login(officer(world))
    data = {"full_name": "Lê Văn Hai", "gender": "male", "date_of_birth": "01/05/1979", "ethnicity": "Kinh",
            "citizen_id": ID, "is_permanent_resident": "on", "political_theory": "none",
            "nominated_by": "front_committee"}
    response = client.post(reverse("candidates:nominee_create", args=[world.he(1).pk]), data)
    assert response.status_code == 200 and first.hamlet_election.hamlet.name in response.content.decode()
    client.force_login(User.objects.create_superuser("quantri", password="x"))
    response = client.post(reverse("admin:candidates_nominee_add"), {
        **data, "hamlet_election": world.he(2).pk, "full_name": "Lê Văn Ba"})
    assert response.status_code == 200 and first.hamlet_election.hamlet.name in response.content.decode()
    assert Nominee.objects.count() == 1
    response = client.post(reverse("admin:candidates_nominee_add"), {
        **data, "hamlet_election": world.he(2).pk, "full_name": "Lê Văn Ba", "citizen_id": "082079000002"})
    assert response.status_code == 302
    assert raw_index(Nominee.objects.get(full_name="Lê Văn Ba")) == blind_index("082079000002")


# --- The rule, in the import ----------------------------------------------------------------------

def _upload(nominee_list, rows: dict[int, dict]) -> io.BytesIO:
    workbook = openpyxl.load_workbook(io.BytesIO(exports.template_xlsx(nominee_list)))
    sheet = workbook.worksheets[0]
    for number, values in rows.items():
        for key, value in values.items():
            sheet.cell(row=number, column=KEYS.index(key) + 1).value = value
    buffer = io.BytesIO()
    workbook.save(buffer)
    buffer.seek(0)
    return buffer


def _row(name, citizen_id):
    return {"full_name": name, "gender": "Nam", "date_of_birth": "12/05/1975", "citizen_id": citizen_id,
            "is_party_member": "Có", "is_cell_secretary": "Có", "political_theory": "Trung cấp"}


def test_the_same_id_twice_in_a_file_names_both_rows(world):
    nominee_list = services.nominee_list_get_or_create(election=world.election, unit=world.tree.districts[0])
    upload = _upload(nominee_list, {2: _row("Trần Văn Một", ID), 3: _row("Trần Văn Hai", "082079000003"),
                                    5: _row("Trần Văn Năm", "082 079 001 234")})
    with pytest.raises(ImportFailed) as exc:
        import_nominees(nominee_list=nominee_list, source=upload, by=officer(world))
    assert [(e.row, e.column) for e in exc.value.errors] == [(5, "Số CCCD (12 số)")]
    assert "dòng 2" in str(exc.value.errors[0]) and str(exc.value.errors[0]).startswith("Dòng 5")
    assert not Nominee.objects.exists()


def test_an_id_nominated_by_another_district_names_that_hamlet_and_nothing_is_written(world):
    elsewhere = nominate(world, 4, d=1, citizen_id=ID)
    hamlet = elsewhere.hamlet_election.hamlet
    nominee_list = services.nominee_list_get_or_create(election=world.election, unit=world.tree.districts[0])
    upload = _upload(nominee_list, {2: _row("Trần Văn Một", "082079000001"), 3: _row("Trần Văn Hai", ID)})
    with pytest.raises(ImportFailed) as exc:
        import_nominees(nominee_list=nominee_list, source=upload, by=officer(world))
    assert [(e.row, e.column) for e in exc.value.errors] == [(3, "Số CCCD (12 số)")]
    assert f"{hamlet.name}, {hamlet.commune.name}" in str(exc.value.errors[0])
    assert list(Nominee.objects.all()) == [elsewhere]


def test_the_command_refuses_the_same_person_twice(tmp_path, world):
    nominee_list = services.nominee_list_get_or_create(election=world.election, unit=world.tree.districts[0])
    path = tmp_path / "ds.xlsx"
    path.write_bytes(_upload(nominee_list, {2: _row("Trần Văn Một", ID), 4: _row("Trần Văn Bốn", ID)}).getvalue())
    err = io.StringIO()
    with pytest.raises(CommandError):
        call_command("import_nominees", str(path), district=world.tree.districts[0].code,
                     user=officer(world).username, stdout=io.StringIO(), stderr=err)
    assert "Dòng 4" in err.getvalue() and "dòng 2" in err.getvalue() and ID not in err.getvalue()
    assert not Nominee.objects.exists()


# --- Existing rows, key rotation, demo seeding ----------------------------------------------------

def test_the_migration_fills_the_index_of_existing_rows(world):
    nominee = nominate(world, 0, citizen_id=ID)
    Nominee.objects.filter(pk=nominee.pk).update(citizen_id_index="")
    from django.apps import apps

    MIGRATION.fill_index(apps, SimpleNamespace(connection=connection))
    assert raw_index(nominee) == blind_index(ID)
    with pytest.raises(ValidationError):
        nominate(world, 1, citizen_id=ID)


def test_a_key_rotation_keeps_finding_the_person_and_the_command_rewrites_the_index(world, settings):
    nominee = nominate(world, 0, citizen_id=ID)
    old_index = raw_index(nominee)
    settings.FIELD_ENCRYPTION_KEYS = [Fernet.generate_key().decode(), *settings.FIELD_ENCRYPTION_KEYS]
    assert blind_index(ID) != old_index  # the new key hashes differently...
    with pytest.raises(ValidationError):  # ...yet the row indexed under the old key is still found
        nominate(world, 1, citizen_id=ID)
    call_command("rotate_identity_keys", stdout=io.StringIO())
    assert raw_index(nominee) == blind_index(ID) != old_index
    settings.FIELD_ENCRYPTION_KEYS = settings.FIELD_ENCRYPTION_KEYS[:1]  # the old key dropped
    with pytest.raises(ValidationError):
        nominate(world, 1, citizen_id=ID)


def test_scale_seeding_indexes_every_nominee_once_per_campaign(world):
    scale._nominees(world.tree.province, world.election, world.tree.user("office", 0, "officer"))
    rows = list(Nominee.objects.filter(hamlet_election__election=world.election)
                .values_list("citizen_id", "citizen_id_index"))
    assert len(rows) > len(world.tree.hamlets)  # some hamlets have a second nominee
    assert all(index == citizen_id_blind_index(cid) for cid, index in rows)
    assert len({index for _cid, index in rows}) == len(rows)
