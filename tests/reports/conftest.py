"""A province with a campaign, hamlet elections and some progress, for the report tests."""

import datetime as dt
import subprocess
import tempfile
from pathlib import Path

import pytest
from django.utils import timezone

from elections.models import Election, HamletElection
from tests.trees import build_tree

AS_OF = timezone.make_aware(dt.datetime(2024, 9, 5, 10, 30))


def add_campaign(tree, *, dated: int = 4) -> Election:
    """The 2024-2029 campaign over the tree's province; the first `dated` hamlets hold their meeting
    on 01/09/2024, the rest have no date yet."""
    election = Election.objects.create(
        name="Bầu cử Trưởng ấp, Trưởng khu phố nhiệm kỳ 2024-2029", province=tree.province,
        term_start_year=2024, term_end_year=2029, nomination_deadline=dt.date(2024, 8, 20),
        election_start=dt.date(2024, 9, 1), election_end=dt.date(2024, 10, 31),
    )
    for index, hamlet in enumerate(tree.hamlets):
        HamletElection.objects.create(election=election, hamlet=hamlet,
                                      election_date=dt.date(2024, 9, 1) if index < dated else None)
    return election


@pytest.fixture
def tree(db):
    built = build_tree(name="Tỉnh Tiền Giang", code="82")
    built.election = add_campaign(built)
    return built


def pdf_text(content: bytes) -> str:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "report.pdf"
        path.write_bytes(content)
        return subprocess.run(["pdftotext", "-layout", str(path), "-"], capture_output=True, check=True,
                              text=True).stdout


def pdf_png(content: bytes, target: Path) -> Path:
    """Page 1 as a PNG at 60 dpi (pdftoppm), for looking at."""
    source = target.with_suffix(".pdf")
    source.write_bytes(content)
    subprocess.run(["pdftoppm", "-png", "-r", "60", "-f", "1", "-l", "1", "-singlefile", str(source),
                    str(target.with_suffix(""))], check=True)
    return target.with_suffix(".png")
