import io

import pytest

from candidates.models import ConcurrencyException, ListStatus, Nominee, NomineeList
from demo import candidates as demo
from demo import elections as elections_demo
from territory.models import Kind, Level, Unit
from tests.trees import build_tree

pytestmark = pytest.mark.django_db


def test_demo_nomination_is_idempotent():
    tree = build_tree(code="82", name="Tỉnh Tiền Giang")
    Unit.objects.filter(pk=tree.districts[0].pk).update(code="815")
    Unit.objects.filter(pk=tree.districts[1].pk).update(code="822")
    for commune in tree.communes:
        for i in range(2):
            Unit.objects.create(level=Level.HAMLET, kind=Kind.HAMLET, parent=commune, name=f"Ấp thêm {i}")
    for d in (0, 1):
        tree.user("district", d, "officer")
        tree.user("district", d, "leader")
    tree.user("office", 0, "officer")
    out = io.StringIO()
    for _ in range(2):
        elections_demo.seed(password="x", stdout=out)
        demo.seed(password="x", stdout=out)
    assert Nominee.objects.count() == 16  # every hamlet of both districts, once
    lists = {nl.unit.code: nl for nl in NomineeList.objects.select_related("unit")}
    assert lists["815"].status == ListStatus.SUBMITTED and lists["822"].status == ListStatus.DRAFT
    assert ConcurrencyException.objects.filter(nominee_list=lists["815"], decision="approved").exists()
    assert Nominee.objects.filter(is_cell_secretary=False).count() == ConcurrencyException.objects.count()


def test_demo_cells_record_the_secretaries_their_nominees_claim():
    from accounts.models import CellSecretary
    from candidates import selectors

    tree = build_tree(code="82", name="Tỉnh Tiền Giang")
    Unit.objects.filter(pk=tree.districts[0].pk).update(code="815")
    Unit.objects.filter(pk=tree.districts[1].pk).update(code="822")
    for d in (0, 1):
        tree.user("district", d, "officer")
        tree.user("district", d, "leader")
    for c in range(4):
        tree.user("commune", c, "officer")  # the commune records for its cells
    tree.user("office", 0, "officer")
    out = io.StringIO()
    elections_demo.seed(password="x", stdout=out)
    demo.seed(password="x", stdout=out)
    assert CellSecretary.objects.count() == len(tree.hamlets)  # every cell whose hamlet was nominated
    for nominee_list in NomineeList.objects.all():
        progress = selectors.list_progress(nominee_list)
        assert selectors.nominee_problems(progress) == [] and selectors.list_warnings(progress) == []
    for nominee in Nominee.objects.filter(is_cell_secretary=True).select_related("hamlet_election__hamlet"):
        secretary = CellSecretary.objects.get(organisation__unit=nominee.hamlet_election.hamlet)
        assert secretary.search_name == nominee.search_name and secretary.elected_at == "Đại hội chi bộ quý IV/2024"
    for nominee in Nominee.objects.filter(is_cell_secretary=False).select_related("hamlet_election__hamlet"):
        secretary = CellSecretary.objects.get(organisation__unit=nominee.hamlet_election.hamlet)
        assert secretary.search_name != nominee.search_name  # the secretary who could not stand
