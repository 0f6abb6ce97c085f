import datetime
import io
import zipfile

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from accounts.models import Organisation, OrganisationKind
from directives import services
from directives.models import Depth, DirectiveType
from territory.models import Kind, Level, Unit
from tests.trees import build_tree

ISSUED = datetime.date(2024, 7, 26)


def other_office_user(other_tree):
    """An officer of another province's office (tree usernames would collide)."""
    from accounts.models import User

    return User.objects.create_user(username="khac.vanphong", password="x", organisation=other_tree.org("office"),
                                    role="officer")


@pytest.fixture
def tree(db):
    return build_tree()


def register(tree, *, recipients=None, **overrides):
    """A plan-and-report directive of the tree's office, sent to its two district committees."""
    fields = {"number": "12-KH/TU", "kind": DirectiveType.PLAN, "issued_on": ISSUED, "issuer": "Tỉnh ủy Thử Nghiệm",
              "summary": "Triển khai bầu cử Trưởng ấp", "body": "Nội dung kế hoạch.", "depth": Depth.CELLS,
              "plan_required": True, "plan_due": ISSUED + datetime.timedelta(days=20),
              "report_required": True, "report_due": ISSUED + datetime.timedelta(days=60)}
    fields.update(overrides)
    if recipients is None:
        recipients = [tree.org("district", 0), tree.org("district", 1), tree.org("agency")]
    return services.directive_register(by=tree.user("office"), recipients=recipients, **fields)


@pytest.fixture
def directive(tree):
    return register(tree)


def grow(tree, *, communes_per_district: int, hamlets_per_commune: int) -> int:
    """Add communes and hamlets (with their committees and cells) under each district; returns cells added."""
    added = 0
    for d, district in enumerate(tree.districts):
        district_org = tree.org("district", d)
        for c in range(communes_per_district):
            commune = Unit.objects.create(level=Level.COMMUNE, kind=Kind.COMMUNE, parent=district,
                                          name=f"Xã Thêm {d}-{c}", code=f"8{d}{c:02d}")
            commune_org = Organisation.objects.create(kind=OrganisationKind.COMMUNE_COMMITTEE, unit=commune,
                                                      parent=district_org, name=f"Đảng ủy {commune.name}")
            for h in range(hamlets_per_commune):
                hamlet = Unit.objects.create(level=Level.HAMLET, kind=Kind.HAMLET, parent=commune,
                                             name=f"Ấp Thêm {d}-{c}-{h}")
                Organisation.objects.create(kind=OrganisationKind.CELL, unit=hamlet, parent=commune_org,
                                            name=f"Chi bộ {hamlet.name}")
                added += 1
    return added


# --- Real documents, built in memory --------------------------------------------------------

def pdf_bytes() -> bytes:
    return (b"%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n2 0 obj<</Type/Pages/Kids[]/Count 0>>endobj\n"
            b"trailer<</Root 1 0 R>>\n%%EOF\n")


def docx_bytes() -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as z:
        z.writestr("[Content_Types].xml", '<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/'
                   'package/2006/content-types"><Override PartName="/word/document.xml" ContentType="application/'
                   'vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>')
        z.writestr("word/document.xml", "<w:document/>")
    return out.getvalue()


def xlsx_bytes() -> bytes:
    from openpyxl import Workbook

    out = io.BytesIO()
    book = Workbook()
    book.active.append(["Báo cáo", 1])
    book.save(out)
    return out.getvalue()


def upload(name: str, content: bytes) -> SimpleUploadedFile:
    return SimpleUploadedFile(name, content, content_type="application/octet-stream")


# The start of a Windows executable: "MZ" header and the DOS stub message.
EXE_BYTES = b"MZ\x90\x00\x03\x00\x00\x00\x04\x00\x00\x00\xff\xff\x00\x00" + b"This program cannot be run." * 4
