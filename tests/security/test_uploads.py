"""Uploaded files (issue 9): checked by content, size-capped, stored under random names outside the
static root, and reachable only through permission-checked views."""

import pytest
from django.conf import settings as django_settings
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse

from directives.models import Directive
from tests.trees import build_tree

pytestmark = pytest.mark.django_db
PDF = b"%PDF-1.4\n1 0 obj<</Type/Catalog>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n"
FORM = {"number": "12-CV/TU", "kind": "cong_van", "issued_on": "26/07/2024", "issuer": "Tỉnh ủy",
        "summary": "Triển khai", "depth": "addressees", "duties": "addressees", "ack_within_days": "3"}


def test_media_lies_outside_the_static_root_and_has_no_public_url():
    media, static = django_settings.MEDIA_ROOT.resolve(), django_settings.STATIC_ROOT.resolve()
    assert not media.is_relative_to(static) and not static.is_relative_to(media)
    from django.urls import Resolver404, resolve

    with pytest.raises(Resolver404):
        resolve(django_settings.MEDIA_URL + "directives/x.pdf")


@pytest.fixture
def office():
    tree = build_tree()
    client = Client()
    client.force_login(tree.user("office", 0, "officer"))
    return tree, client


def test_a_file_is_stored_under_a_random_name_and_served_only_through_the_checked_view(office):
    tree, client = office
    upload = SimpleUploadedFile("Tố cáo Nguyễn Văn A.pdf", PDF, content_type="application/pdf")
    response = client.post(reverse("directives:create"),
                           {**FORM, "recipients": [tree.org("district", 0).pk], "file": upload})
    assert response.status_code == 302
    directive = Directive.objects.get()
    stored = directive.file.name
    assert "Nguy" not in stored and "cáo" not in stored and stored.endswith(".pdf")
    assert directive.file_name == "Tố cáo Nguyễn Văn A.pdf"
    assert client.get(django_settings.MEDIA_URL + stored).status_code == 404
    download = client.get(reverse("directives:download", args=["van-ban", directive.pk]))
    assert download.status_code == 200 and b"".join(download.streaming_content) == PDF
    outsider = Client()
    outsider.force_login(tree.user("cell", 4, "officer"))  # a cell of the other district: not a recipient
    assert outsider.get(reverse("directives:download", args=["van-ban", directive.pk])).status_code == 404


@pytest.mark.parametrize("name,content", [
    ("ke-hoach.pdf", b"MZ\x90\x00" + b"This program cannot be run." * 10),  # an executable named .pdf
    ("ke-hoach.pdf", b"<html><script>alert(1)</script></html>"),
])
def test_a_file_is_judged_by_its_content_not_its_name(office, name, content):
    tree, client = office
    response = client.post(reverse("directives:create"), {
        **FORM, "recipients": [tree.org("district", 0).pk],
        "file": SimpleUploadedFile(name, content, content_type="application/pdf")})
    assert response.status_code == 200 and not Directive.objects.exists()


def test_a_real_pdf_under_a_wrong_name_is_kept_as_a_pdf(office):
    tree, client = office
    client.post(reverse("directives:create"), {**FORM, "recipients": [tree.org("district", 0).pk],
                                               "file": SimpleUploadedFile("ke-hoach.exe", PDF)})
    directive = Directive.objects.get()
    assert directive.file.name.endswith(".pdf")
    download = client.get(reverse("directives:download", args=["van-ban", directive.pk]))
    assert download["Content-Type"] == "application/pdf" and download["X-Content-Type-Options"] == "nosniff"


def test_an_oversized_file_is_refused(office, settings):
    tree, client = office
    settings.UPLOAD_MAX_BYTES = 1024
    big = SimpleUploadedFile("lon.pdf", PDF + b"0" * 4096, content_type="application/pdf")
    response = client.post(reverse("directives:create"),
                           {**FORM, "recipients": [tree.org("district", 0).pk], "file": big})
    assert response.status_code == 200 and not Directive.objects.exists()
    assert "1,0" in response.content.decode() or "1.0" in response.content.decode()
