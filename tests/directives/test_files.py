import io
import zipfile

import pytest
from django.core.exceptions import ValidationError

from common.uploads import DOCX, PDF, XLSX, sniff
from directives import services
from directives.files import DOCUMENT_KINDS
from directives.models import Dispatch

from .conftest import EXE_BYTES, docx_bytes, pdf_bytes, register, upload, xlsx_bytes


@pytest.mark.parametrize("name,content,kind", [
    ("ke-hoach.pdf", pdf_bytes(), PDF), ("ke-hoach.docx", docx_bytes(), DOCX), ("bao-cao.xlsx", xlsx_bytes(), XLSX),
    ("tep-khong-duoi", pdf_bytes(), PDF),  # the name does not matter, the content does
])
def test_real_documents_are_recognised_by_content(name, content, kind):
    assert sniff(upload(name, content), allowed=DOCUMENT_KINDS) == kind


def test_a_renamed_executable_and_other_zips_are_refused():
    assert sniff(upload("ke-hoach.pdf", EXE_BYTES), allowed=DOCUMENT_KINDS) is None
    assert sniff(upload("bao-cao.docx", EXE_BYTES), allowed=DOCUMENT_KINDS) is None
    plain_zip = io.BytesIO()
    with zipfile.ZipFile(plain_zip, "w") as z:
        z.writestr("virus.exe", EXE_BYTES)
    assert sniff(upload("bao-cao.xlsx", plain_zip.getvalue()), allowed=DOCUMENT_KINDS) is None
    assert sniff(upload("bao-cao.docx", b"PK\x03\x04 broken"), allowed=DOCUMENT_KINDS) is None


@pytest.fixture
def agency_dispatch(tree, directive):
    return Dispatch.objects.get(directive=directive, organisation=tree.org("agency"))


def test_a_renamed_executable_is_refused_and_nothing_is_saved(tree, agency_dispatch, settings):
    with pytest.raises(ValidationError) as error:
        services.dispatch_submit_plan(dispatch=agency_dispatch, text="Kế hoạch", file=upload("ke-hoach.pdf", EXE_BYTES),
                                      by=tree.user("agency"))
    assert "plan_file" in error.value.message_dict
    agency_dispatch.refresh_from_db()
    assert agency_dispatch.plan_submitted_at is None and not agency_dispatch.plan_file
    assert not (settings.MEDIA_ROOT / "dispatches").exists()


def test_an_oversize_file_is_refused(tree, agency_dispatch, settings):
    settings.UPLOAD_MAX_BYTES = 100
    with pytest.raises(ValidationError) as error:
        services.dispatch_submit_report(dispatch=agency_dispatch, file=upload("bao-cao.pdf", pdf_bytes() + b" " * 200),
                                        by=tree.user("agency"))
    assert "report_file" in error.value.message_dict


@pytest.mark.parametrize("name,content,extension", [
    ("Kế hoạch triển khai.pdf", pdf_bytes(), ".pdf"), ("kh.docx", docx_bytes(), ".docx"),
    ("so-lieu.xlsx", xlsx_bytes(), ".xlsx"),
])
def test_accepted_files_are_stored_under_a_random_name_in_media(tree, agency_dispatch, settings, name, content,
                                                                extension):
    services.dispatch_submit_plan(dispatch=agency_dispatch, file=upload(name, content), by=tree.user("agency"))
    agency_dispatch.refresh_from_db()
    stored = agency_dispatch.plan_file
    assert stored.name.startswith("dispatches/") and stored.name.endswith(extension)
    assert name.rsplit(".", 1)[0] not in stored.name
    assert agency_dispatch.plan_file_name == name
    assert (settings.MEDIA_ROOT / stored.name).read_bytes() == content
    assert "static" not in str(settings.MEDIA_ROOT / stored.name)


def test_the_directive_file_is_checked_too(tree):
    with pytest.raises(ValidationError):
        register(tree, number="40-CV/TU", kind="cong_van", body="", file=upload("cv.pdf", EXE_BYTES))
    directive = register(tree, number="41-CV/TU", kind="cong_van", body="", file=upload("cv.pdf", pdf_bytes()))
    assert directive.file.name.endswith(".pdf") and directive.file_name == "cv.pdf"


def test_files_are_served_only_to_those_who_see_them(tree, agency_dispatch, client):
    services.dispatch_submit_plan(dispatch=agency_dispatch, file=upload("Kế hoạch.pdf", pdf_bytes()),
                                  by=tree.user("agency"))
    url = f"/van-ban/tep/ke-hoach/{agency_dispatch.pk}/"
    client.force_login(tree.user("agency", 0, "viewer"))
    response = client.get(url)
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    assert b"".join(response.streaming_content) == pdf_bytes()
    assert "attachment" in response["Content-Disposition"]
    client.force_login(tree.user("office", 0, "viewer"))
    assert client.get(url).status_code == 200
    for outsider in (tree.user("district", 0), tree.user("cell", 0), tree.user("standing", 0, "viewer")):
        client.force_login(outsider)
        expected = 200 if outsider.organisation.kind == "standing_committee" else 404
        assert client.get(url).status_code == expected
    client.force_login(tree.user("agency"))
    assert client.get(f"/van-ban/tep/bao-cao/{agency_dispatch.pk}/").status_code == 404  # no report yet
    assert client.get(f"/van-ban/tep/khac/{agency_dispatch.pk}/").status_code == 404


def test_the_media_url_serves_nothing(tree, agency_dispatch, client, settings):
    services.dispatch_submit_plan(dispatch=agency_dispatch, file=upload("kh.pdf", pdf_bytes()), by=tree.user("agency"))
    agency_dispatch.refresh_from_db()
    client.force_login(tree.user("agency"))
    assert client.get(f"{settings.MEDIA_URL}{agency_dispatch.plan_file.name}").status_code == 404


def test_the_report_form_refuses_a_renamed_executable_with_a_message(tree, directive, client):
    from directives import services as svc

    svc.directive_fan_out(directive=directive, by=tree.user("office"))
    cell = Dispatch.objects.get(directive=directive, organisation=tree.org("cell", 0))
    client.force_login(tree.user("cell", 0))
    url = f"/van-ban/nhan/{cell.pk}/bao-cao/"
    response = client.post(url, {"text": "Báo cáo", "file": upload("bc.pdf", EXE_BYTES)})
    assert response.status_code == 200
    assert "Chỉ nhận tệp PDF" in response.content.decode()
    cell.refresh_from_db()
    assert cell.report_submitted_at is None
    ok = client.post(url, {"text": "Báo cáo", "file": upload("bc.xlsx", xlsx_bytes())})
    assert ok.status_code == 302
    cell.refresh_from_db()
    assert cell.report_file.name.endswith(".xlsx")
