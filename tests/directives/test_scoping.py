from decimal import Decimal

import pytest

from directives import selectors, services
from directives.models import Dispatch
from tests.trees import build_tree

from .conftest import other_office_user, register


@pytest.fixture
def deployed(tree, directive):
    services.directive_fan_out(directive=directive, by=tree.user("office"))
    return directive


def names(user):
    return set(selectors.dispatches_visible_to(user).values_list("organisation__name", flat=True))


def test_a_cell_sees_only_its_own_dispatches(tree, deployed):
    assert names(tree.user("cell", 3)) == {tree.org("cell", 3).name}


def test_a_district_sees_its_subtree_and_its_own(tree, deployed):
    expected = {tree.org("district", 1).name, *(tree.org("commune", i).name for i in (2, 3)),
                *(tree.org("cell", i).name for i in range(4, 8))}
    assert names(tree.user("district", 1, "viewer")) == expected


def test_a_commune_sees_its_cells_and_its_own(tree, deployed):
    assert names(tree.user("commune", 0)) == {tree.org("commune", 0).name, tree.org("cell", 0).name,
                                              tree.org("cell", 1).name}


def test_an_agency_sees_only_what_is_addressed_to_it(tree, deployed):
    assert names(tree.user("agency")) == {tree.org("agency").name}


def test_the_province_sees_everything_of_its_own_directives_only(tree, deployed):
    assert len(names(tree.user("office", 0, "viewer"))) == 3 + 4 + 8
    assert len(names(tree.user("standing", 0, "viewer"))) == 3 + 4 + 8
    stranger = other_office_user(build_tree(name="Tỉnh Khác", code="98"))
    assert names(stranger) == set()
    assert not selectors.directives_visible_to(stranger).exists()


def test_directives_are_visible_through_their_dispatches(tree, deployed, django_user_model):
    assert list(selectors.directives_visible_to(tree.user("cell", 0))) == [deployed]
    other = register(tree, number="50-CV/TU", kind="cong_van", recipients=[tree.org("district", 1)])
    assert other not in selectors.directives_visible_to(tree.user("district", 0))
    assert other in selectors.directives_visible_to(tree.user("district", 1))
    lone = django_user_model.objects.create_user("lone", password="x")
    assert not selectors.dispatches_visible_to(lone).exists()


def test_rates_are_computed_per_level_and_district_in_a_fixed_number_of_queries(tree, deployed,
                                                                                django_assert_num_queries):
    office = tree.user("office")
    services.dispatch_acknowledge(dispatch=Dispatch.objects.get(directive=deployed, organisation=tree.org("cell", 0)),
                                  by=tree.user("cell", 0))
    with django_assert_num_queries(1):
        levels = {r["kind"]: r for r in selectors.rates_by_level(deployed, office)}
    assert levels["cell"]["total"] == 8 and levels["cell"]["acknowledged"] == 1
    assert levels["cell"]["ack_pct"] == Decimal("12.5")
    assert levels["district_committee"]["total"] == 2 and levels["agency"]["total"] == 1
    with django_assert_num_queries(2):
        districts = {r["unit"]: r for r in selectors.rates_by_district(deployed, office)}
    first = districts[tree.districts[0]]
    assert first["total"] == 1 + 2 + 4 and first["cells"] == 4 and first["cells_acknowledged"] == 1
    assert districts[tree.districts[1]]["cells_acknowledged"] == 0
    unacknowledged = selectors.unacknowledged_cells(deployed, office, tree.districts[0])
    assert set(unacknowledged.values_list("organisation__name", flat=True)) == {
        tree.org("cell", i).name for i in (1, 2, 3)}


def test_rates_by_district_fall_back_to_communes_without_districts(db):
    flat = build_tree(with_districts=False, code="97")
    directive = register(flat, recipients=[flat.org("agency")])
    services.directive_fan_out(directive=directive, by=flat.user("office"))
    rows = selectors.rates_by_district(directive, flat.user("office"))
    assert {r["unit"] for r in rows} == set(flat.communes)
    assert all(r["total"] == 3 for r in rows)


def test_a_district_sees_rates_per_commune_and_a_commune_per_hamlet(tree, deployed):
    district_rows = selectors.rates_by_unit(deployed, tree.user("district", 1))
    assert [r["unit"] for r in district_rows] == [tree.communes[2], tree.communes[3]]
    assert all(r["total"] == 3 and r["cells"] == 2 for r in district_rows)
    commune_rows = selectors.rates_by_unit(deployed, tree.user("commune", 0))
    assert {r["unit"] for r in commune_rows} == {tree.hamlets[0], tree.hamlets[1]}
