"""The grouping unit of every roll-up: the district, or the commune where there is no district."""

import pytest

from territory.models import Kind, Level, Unit
from territory.selectors import grouping_unit, grouping_unit_id, grouping_units
from tests.trees import build_tree

pytestmark = pytest.mark.django_db


def _mixed_province():
    """A province with one district (commune and hamlet below it) and one commune directly under it."""
    province = Unit.objects.create(level=Level.PROVINCE, kind=Kind.PROVINCE, name="Tỉnh Hỗn Hợp", code="97")
    district = Unit.objects.create(level=Level.DISTRICT, kind=Kind.DISTRICT, parent=province, name="Huyện A",
                                   code="971")
    inner = Unit.objects.create(level=Level.COMMUNE, kind=Kind.COMMUNE, parent=district, name="Xã B", code="9701")
    flat = Unit.objects.create(level=Level.COMMUNE, kind=Kind.WARD, parent=province, name="Phường C", code="9702")
    inner_hamlet = Unit.objects.create(level=Level.HAMLET, kind=Kind.HAMLET, parent=inner, name="Ấp 1")
    flat_hamlet = Unit.objects.create(level=Level.HAMLET, kind=Kind.NEIGHBOURHOOD, parent=flat, name="Khu phố 2")
    return province, district, inner, flat, inner_hamlet, flat_hamlet


def _grouped(under=Level.PROVINCE, path=""):
    return dict(Unit.objects.values_list("pk", grouping_unit(path, under=under)))


def test_a_hamlet_with_a_district_is_grouped_by_its_district():
    tree = build_tree()
    grouped = _grouped()
    assert grouped[tree.hamlets[0].pk] == tree.districts[0].pk
    assert grouped[tree.hamlets[7].pk] == tree.districts[1].pk
    assert grouped[tree.communes[2].pk] == tree.districts[1].pk
    assert grouped[tree.districts[0].pk] == tree.districts[0].pk
    assert grouped[tree.province.pk] is None


def test_a_hamlet_without_a_district_is_grouped_by_its_commune():
    tree = build_tree(with_districts=False)
    grouped = _grouped()
    assert grouped[tree.hamlets[0].pk] == tree.communes[0].pk
    assert grouped[tree.hamlets[7].pk] == tree.communes[3].pk
    assert grouped[tree.communes[1].pk] == tree.communes[1].pk


def test_a_province_mixing_both_groups_each_hamlet_by_its_own_rule():
    province, district, inner, flat, inner_hamlet, flat_hamlet = _mixed_province()
    grouped = _grouped()
    assert grouped[inner_hamlet.pk] == district.pk
    assert grouped[flat_hamlet.pk] == flat.pk
    assert grouped[inner.pk] == district.pk
    assert grouped[flat.pk] == flat.pk
    assert set(Unit.objects.filter(grouping_units(), path__startswith=province.path)) == {district, flat}


def test_through_a_relation_the_related_unit_is_grouped():
    _province, district, _inner, flat, inner_hamlet, flat_hamlet = _mixed_province()
    by_parent = _grouped(path="parent")  # a hamlet's parent is its commune
    assert by_parent[inner_hamlet.pk] == district.pk
    assert by_parent[flat_hamlet.pk] == flat.pk


def test_below_a_district_the_commune_and_below_a_commune_the_hamlet():
    tree = build_tree()
    assert _grouped(Level.DISTRICT)[tree.hamlets[3].pk] == tree.communes[1].pk
    assert _grouped(Level.DISTRICT)[tree.communes[1].pk] == tree.communes[1].pk
    assert _grouped(Level.COMMUNE)[tree.hamlets[3].pk] == tree.hamlets[3].pk
    assert _grouped(Level.COMMUNE)[tree.communes[1].pk] is None


@pytest.mark.parametrize("under", [Level.PROVINCE, Level.DISTRICT, Level.COMMUNE])
def test_the_python_rule_agrees_with_the_expression(under):
    build_tree()
    _mixed_province()
    grouped = _grouped(under)
    for unit in Unit.objects.all():
        assert grouping_unit_id(unit, under=under) == grouped[unit.pk], unit
