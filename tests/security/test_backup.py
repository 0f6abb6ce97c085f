"""Backups (issue 9): a backup restored into a fresh database holds every row and every file."""

import datetime as dt
import json

import pytest
from django.core.files.base import ContentFile
from django.db import connection
from django.db.backends.postgresql.base import DatabaseWrapper as PostgresWrapper
from django.db.backends.sqlite3.base import DatabaseWrapper as SqliteWrapper

from candidates.models import Nominee, NomineeList
from complaints.models import Attachment, ComplainantIdentity, Complaint
from elections.models import Election, HamletElection
from reports.models import ReportJob
from tests.trees import build_tree
from tools.backup import backup, restore, row_counts

pytestmark = pytest.mark.django_db(transaction=True)


def _fill(tmp_media):
    tree = build_tree()
    election = Election.objects.create(
        name="Bầu cử", province=tree.province, term_start_year=2024, term_end_year=2029,
        nomination_deadline=dt.date(2024, 9, 15), election_start=dt.date(2024, 10, 1),
        election_end=dt.date(2024, 12, 31))
    HamletElection.objects.bulk_create([HamletElection(election=election, hamlet=h) for h in tree.hamlets])
    he = HamletElection.objects.get(election=election, hamlet=tree.hamlets[0])
    Nominee.objects.create(hamlet_election=he, nominee_list=NomineeList.objects.create(election=election,
                                                                                      unit=tree.districts[0]),
                           full_name="Nguyễn Văn Lưu", search_name="nguyen van luu", gender="male",
                           date_of_birth=dt.date(1979, 5, 1), citizen_id="082079001234", is_party_member=True)
    complaint = Complaint.objects.create(kind="to_cao", channel="post", received_on=dt.date(2024, 8, 20),
                                         hamlet=tree.hamlets[0], summary="Thư", due_on=dt.date(2024, 8, 30),
                                         created_by=tree.user("office"))
    ComplainantIdentity.objects.create(complaint=complaint, name="Người Gửi")
    scan = Attachment(complaint=complaint, content_type="application/pdf", size=9, uploaded_by=tree.user("office"))
    scan.file.save("scan.pdf", ContentFile(b"%PDF-1.4\n"), save=True)
    job = ReportJob.objects.create(unit=tree.province, as_of=dt.datetime(2024, 9, 1, tzinfo=dt.UTC), status="done")
    job.file.save("bao-cao.pdf", ContentFile(b"%PDF-1.4 report\n"), save=True)
    return scan, job


def test_backup_and_restore_into_a_fresh_database_keep_every_row_and_file(tmp_path, settings):
    settings.MEDIA_ROOT = tmp_path / "media"
    _fill(settings.MEDIA_ROOT)
    before = row_counts(connection)
    assert before["candidates_nominee"] == 1 and before["territory_unit"] > 10

    folder = backup(connection=connection, media_root=settings.MEDIA_ROOT, dest=tmp_path / "backups")
    manifest = json.loads((folder / "manifest.json").read_text())
    assert manifest["tables"] == before and len(manifest["media"]) == 2

    fresh_media = tmp_path / "restored-media"
    if connection.vendor == "postgresql":
        name = f"{connection.settings_dict['NAME']}_restore"
        with connection.cursor() as cursor:
            cursor.execute(f'DROP DATABASE IF EXISTS "{name}"')
            cursor.execute(f'CREATE DATABASE "{name}"')
        target = {**connection.settings_dict, "NAME": name}
        wrapper = PostgresWrapper
    else:
        target = {**connection.settings_dict, "NAME": str(tmp_path / "restored.sqlite3")}
        wrapper = SqliteWrapper
    restore(source=folder, vendor=connection.vendor, database=target, media_root=fresh_media)

    restored = wrapper(target, alias="restored")
    try:
        assert row_counts(restored) == before
        with restored.cursor() as cursor:
            cursor.execute("SELECT citizen_id FROM candidates_nominee")
            assert cursor.fetchone()[0] != "082079001234"  # still encrypted in the restored copy
    finally:
        restored.close()
        if connection.vendor == "postgresql":
            with connection.cursor() as cursor:
                cursor.execute(f'DROP DATABASE IF EXISTS "{target["NAME"]}"')
    for relative in manifest["media"]:
        assert (fresh_media / relative).read_bytes() == (settings.MEDIA_ROOT / relative).read_bytes()
