"""A province with a campaign, hamlet elections and some progress, for the report tests."""

import datetime as dt
import subprocess
import tempfile
from pathlib import Path

import pytest
from django.utils import timezone

from elections.models import Election, HamletElection
from tests.conftest import require_poppler
from tests.trees import build_tree

AS_OF = timezone.make_aware(dt.datetime(2024, 9, 5, 10, 30))
BEFORE = timezone.make_aware(dt.datetime(2024, 8, 10, 9, 0))


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
    require_poppler("pdftotext")
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "report.pdf"
        path.write_bytes(content)
        return subprocess.run(["pdftotext", "-layout", str(path), "-"], capture_output=True, check=True,
                              text=True).stdout


def pdf_fonts(content: bytes) -> str:
    """The fonts embedded in the PDF, as pdffonts lists them."""
    require_poppler("pdffonts")
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "report.pdf"
        path.write_bytes(content)
        return subprocess.run(["pdffonts", str(path)], capture_output=True, check=True, text=True).stdout


def pdf_png(content: bytes, target: Path) -> Path:
    """Page 1 as a PNG at 60 dpi (pdftoppm), for looking at."""
    require_poppler("pdftoppm")
    source = target.with_suffix(".pdf")
    source.write_bytes(content)
    subprocess.run(["pdftoppm", "-png", "-r", "60", "-f", "1", "-l", "1", "-singlefile", str(source),
                    str(target.with_suffix(""))], check=True)
    return target.with_suffix(".png")


def nominate(tree, index: int, *, secretary: bool = True, woman: bool = False, name: str | None = None):
    """A nominee for hamlet `index` on its district's list (created on first use)."""
    from candidates.models import Nominee, NomineeList

    hamlet = tree.hamlets[index]
    hamlet_election = HamletElection.objects.get(election=tree.election, hamlet=hamlet)
    nominee_list, _ = NomineeList.objects.get_or_create(election=tree.election, unit_id=hamlet.district_id
                                                        or hamlet.commune_id)
    nominee = Nominee.objects.create(
        hamlet_election=hamlet_election, nominee_list=nominee_list, full_name=name or f"Nguyễn Văn Ứng {index}",
        search_name=f"nguyen van ung {index}", gender="female" if woman else "male",
        date_of_birth=dt.date(1975, 5, 1), citizen_id="082075000123", is_party_member=True,
        is_cell_secretary=secretary,
    )
    Nominee.objects.filter(pk=nominee.pk).update(created_at=BEFORE)  # entered before the report's moment
    return nominee


def request_exception(tree, index: int, *, decision: str = "pending"):
    from candidates.models import ConcurrencyException, NomineeList

    hamlet = tree.hamlets[index]
    hamlet_election = HamletElection.objects.get(election=tree.election, hamlet=hamlet)
    nominee_list, _ = NomineeList.objects.get_or_create(election=tree.election, unit_id=hamlet.district_id)
    decided = decision != "pending"
    exception = ConcurrencyException.objects.create(
        hamlet_election=hamlet_election, nominee_list=nominee_list, reason="health", explanation="Sức khỏe yếu.",
        decision=decision, decision_number="12-QĐ/HU" if decided else "",
        decision_date=dt.date(2024, 8, 15) if decided else None,
        decided_at=timezone.make_aware(dt.datetime(2024, 8, 15, 9, 0)) if decided else None,
    )
    ConcurrencyException.objects.filter(pk=exception.pk).update(requested_at=BEFORE)
    return exception


def elect(tree, index: int, *, roll: int = 100, attending: int = 90, votes: int = 80, recognised: bool = True,
          secretary: bool = True, woman: bool = False, held_on=dt.date(2024, 9, 1)):
    """Minutes of a valid meeting in hamlet `index` with a winner; with `recognised`, the head."""
    from elections.models import HamletHead, Meeting, MeetingCandidate

    hamlet_election = HamletElection.objects.get(election=tree.election, hamlet=tree.hamlets[index])
    meeting = Meeting.objects.create(hamlet_election=hamlet_election, round=1, held_on=held_on,
                                     voting_method="hands", roll=roll, attending=attending,
                                     minutes_received_on=held_on)
    winner = MeetingCandidate.objects.create(meeting=meeting, full_name="Trần Văn Thắng", gender="male",
                                             is_party_member=True, is_cell_secretary=secretary, votes=votes)
    meeting.winner = winner
    meeting.save(update_fields=["winner"])
    if recognised:
        HamletHead.objects.create(hamlet_election=hamlet_election, kind="elected", full_name="Trần Văn Thắng",
                                  gender="female" if woman else "male", is_party_member=True,
                                  is_cell_secretary=secretary, decision_number="5/QĐ-UBND",
                                  decision_date=held_on + dt.timedelta(days=2), meeting=meeting)
    return meeting


def fail_meeting(tree, index: int, *, roll: int = 100, attending: int = 40, held_on=dt.date(2024, 9, 1)):
    from elections.models import Meeting

    hamlet_election = HamletElection.objects.get(election=tree.election, hamlet=tree.hamlets[index])
    return Meeting.objects.create(hamlet_election=hamlet_election, round=1, held_on=held_on, voting_method="hands",
                                  roll=roll, attending=attending, minutes_received_on=held_on, outcome="no_quorum")


def grow(tree, *, communes_per_district: int = 3, hamlets_per_commune: int = 4) -> None:
    """More communes and hamlets (with their hamlet elections) under the tree's districts."""
    from territory.models import Kind, Level, Unit

    for d_index, district in enumerate(tree.districts):
        for c in range(communes_per_district):
            commune = Unit.objects.create(level=Level.COMMUNE, kind=Kind.COMMUNE, parent=district,
                                          name=f"Xã Thêm {d_index}-{c}", code=f"9{d_index}{c}")
            tree.communes.append(commune)
            for h in range(hamlets_per_commune):
                hamlet = Unit.objects.create(level=Level.HAMLET, kind=Kind.HAMLET, parent=commune,
                                             name=f"Ấp Thêm {d_index}-{c}-{h}", households=50)
                tree.hamlets.append(hamlet)
                HamletElection.objects.create(election=tree.election, hamlet=hamlet,
                                              election_date=dt.date(2024, 9, 2))


def send_directive(tree, *, acknowledged=("district", 0), difficulty: bool = True):
    """3321-CV/TU sent to the agency, both districts and every commune and cell; the organisation
    `acknowledged` names has acknowledged it; a cell raised a difficulty that was answered."""
    from directives.models import DifficultyReport, Directive, Dispatch

    directive = Directive.objects.create(
        number="3321-CV/TU", kind="cong_van", issued_on=dt.date(2024, 7, 26), issuer="Tỉnh ủy Tiền Giang",
        owner=tree.org("office"), summary="Lãnh đạo cuộc bầu cử Trưởng ấp, Trưởng khu phố nhiệm kỳ 2024-2029",
        election=tree.election, registered_at=BEFORE,
    )
    dispatches = {}
    for key, count in (("agency", 1), ("district", 2), ("commune", 4), ("cell", 8)):
        for index in range(count):
            dispatches[(key, index)] = Dispatch.objects.create(
                directive=directive, organisation=tree.org(key, index), delivered_at=BEFORE,
                ack_due=dt.date(2024, 8, 15),
                acknowledged_at=BEFORE if (key, index) == acknowledged else None)
    if difficulty:
        DifficultyReport.objects.create(dispatch=dispatches[("cell", 0)], text="Thiếu kinh phí.", raised_at=BEFORE,
                                        status="answered", answer="Đã bố trí.", answered_at=BEFORE)
    return directive


IDENTITY_NAME = "Lê Thị Bí Mật"


def add_complaint(tree, index: int = 0, *, kind: str = "to_cao", status: str = "received", with_identity=True):
    """A letter about hamlet `index`, received 20/08/2024, with a named sender (encrypted identity)."""
    from complaints.models import ComplainantIdentity, Complaint

    complaint = Complaint.objects.create(
        kind=kind, channel="post", received_on=dt.date(2024, 8, 20), hamlet=tree.hamlets[index],
        summary="Phản ánh về người được giới thiệu", status=status, due_on=dt.date(2024, 8, 29),
        created_by=tree.user("office"),
        closed_on=dt.date(2024, 8, 30) if status == "closed" else None,
        outcome="unfounded" if status == "closed" else "",
    )
    if with_identity:
        ComplainantIdentity.objects.create(complaint=complaint, name=IDENTITY_NAME, address="Số 7 đường Bí Mật",
                                           phone="0909000111", id_number="082090000777")
    return complaint
