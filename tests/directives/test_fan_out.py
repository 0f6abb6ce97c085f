import pytest
from django.core.exceptions import ValidationError

from accounts.models import OrganisationKind
from directives import services
from directives.models import Depth, Dispatch
from tests.trees import build_tree

from .conftest import grow, register

# Fixed, whatever the tree size: organisations, existing dispatches, then per level an insert, a
# read-back and a history insert, and the forwarding marks with their history (plus savepoints). SQLite
# splits an insert every 999 parameters (~37 rows here), so the sizes below stay under that; on
# PostgreSQL one insert carries ~2,000 rows.
FAN_OUT_MAX_QUERIES = 14


def test_fan_out_reaches_every_commune_and_cell_with_correct_parent_links(tree, directive):
    created = services.directive_fan_out(directive=directive, by=tree.user("office"))
    assert created == 4 + 8
    rows = Dispatch.objects.filter(directive=directive).select_related("organisation", "parent__organisation")
    by_org = {d.organisation: d for d in rows}
    for i in range(4):
        commune = by_org[tree.org("commune", i)]
        assert commune.parent.organisation == tree.org("district", i // 2)
    for i in range(8):
        cell = by_org[tree.org("cell", i)]
        assert cell.parent.organisation == tree.org("commune", i // 2)
        assert cell.plan_due == directive.plan_due
    assert by_org[tree.org("district", 0)].forwarded_at is not None
    assert Dispatch.history.filter(directive_id=directive.pk, history_type="+").count() == rows.count()
    forwarded = by_org[tree.org("commune", 0)]
    assert forwarded.history.first().forwarded_at == forwarded.forwarded_at  # the mark is in the history too


def test_fan_out_twice_creates_nothing_twice(tree, directive):
    services.directive_fan_out(directive=directive, by=tree.user("office"))
    before = Dispatch.objects.filter(directive=directive).count()
    assert services.directive_fan_out(directive=directive, by=tree.user("office")) == 0
    assert Dispatch.objects.filter(directive=directive).count() == before == 3 + 4 + 8


def test_fan_out_fills_only_what_is_missing_after_a_manual_forward(tree, directive):
    district = Dispatch.objects.get(directive=directive, organisation=tree.org("district", 0))
    services.dispatch_forward(dispatch=district, by=tree.user("district", 0))
    assert services.directive_fan_out(directive=directive, by=tree.user("office")) == 2 + 8
    commune = Dispatch.objects.get(directive=directive, organisation=tree.org("commune", 3))
    assert commune.parent.organisation == tree.org("district", 1)


def test_fan_out_to_communes_only_stops_above_the_cells(tree):
    directive = register(tree, number="30-CV/TU", kind="cong_van", depth=Depth.COMMUNES)
    services.directive_fan_out(directive=directive, by=tree.user("office"))
    kinds = set(Dispatch.objects.filter(directive=directive).values_list("organisation__kind", flat=True))
    assert OrganisationKind.CELL not in kinds and OrganisationKind.COMMUNE_COMMITTEE in kinds


def test_fan_out_works_without_a_district_level(db):
    flat = build_tree(with_districts=False, code="97")
    directive = register(flat, recipients=[flat.org("agency")])
    assert services.directive_fan_out(directive=directive, by=flat.user("office")) == 4 + 8
    commune = Dispatch.objects.get(directive=directive, organisation=flat.org("commune", 2))
    assert commune.parent is None
    cell = Dispatch.objects.get(directive=directive, organisation=flat.org("cell", 5))
    assert cell.parent == commune


@pytest.mark.parametrize("extra_communes,extra_hamlets", [(0, 0), (2, 5)])
def test_fan_out_is_one_bulk_operation_whatever_the_tree_size(tree, django_assert_max_num_queries,
                                                               extra_communes, extra_hamlets):
    added = grow(tree, communes_per_district=extra_communes, hamlets_per_commune=extra_hamlets)
    directive = register(tree)
    user = tree.user("office")
    user.organisation  # noqa: B018 - loaded before counting, as in a request
    with django_assert_max_num_queries(FAN_OUT_MAX_QUERIES):
        created = services.directive_fan_out(directive=directive, by=user)
    assert created == 4 + 2 * extra_communes + 8 + added
    with django_assert_max_num_queries(FAN_OUT_MAX_QUERIES):
        assert services.directive_fan_out(directive=directive, by=user) == 0


def test_when_only_addressees_owe_a_plan_the_forwarded_dispatches_owe_nothing(tree):
    directive = register(tree, number="31-CV/TU", kind="cong_van", duties="addressees")
    services.directive_fan_out(directive=directive, by=tree.user("office"))
    rows = Dispatch.objects.filter(directive=directive)
    assert all(d.plan_due and d.report_due for d in rows.filter(parent__isnull=True))
    assert not rows.filter(parent__isnull=False, plan_due__isnull=False).exists()
    assert not rows.filter(parent__isnull=False, report_due__isnull=False).exists()
    cell = rows.get(organisation=tree.org("cell", 0))
    with pytest.raises(ValidationError):
        services.dispatch_submit_report(dispatch=cell, text="x", by=tree.user("cell", 0))
