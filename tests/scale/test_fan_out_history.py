"""The fan-out's set-based path (PostgreSQL) writes the same history as the ORM path (SQLite):
one creation row per dispatch, by the sender, and one change row per forwarding mark."""

import datetime

import pytest

from accounts.models import Organisation, OrganisationKind
from directives.models import Depth, DirectiveType, Dispatch, Duties
from directives.services import directive_dispatch, directive_fan_out, directive_register
from tests.trees import build_tree

pytestmark = pytest.mark.django_db


def test_fan_out_records_history_for_every_dispatch_and_every_forwarding():
    tree = build_tree()
    clerk = tree.user("office", role="officer")
    directive = directive_register(
        by=clerk, owner=tree.org("office"), number="12-CV/TU", kind=DirectiveType.OFFICIAL_LETTER,
        issued_on=datetime.date(2024, 7, 26), issuer="Tỉnh ủy", summary="Bầu cử", body="Nội dung",
        plan_required=True, plan_due=datetime.date(2024, 8, 15), duties=Duties.ADDRESSEES, depth=Depth.CELLS)
    districts = list(Organisation.objects.filter(kind=OrganisationKind.DISTRICT_COMMITTEE,
                                                 unit__province=tree.province))
    directive_dispatch(directive=directive, recipients=districts, by=clerk)
    created = directive_fan_out(directive=directive, by=clerk)

    dispatches = Dispatch.objects.filter(directive=directive)
    assert created == 4 + 8  # communes and cells
    assert dispatches.count() == 2 + 4 + 8
    cells = dispatches.filter(organisation__kind=OrganisationKind.CELL)
    assert all(d.parent.organisation.unit_id == d.organisation.unit.commune_id for d in cells)
    assert all(d.plan_due is None for d in cells) and all(d.sent_by_id == clerk.pk for d in cells)
    history = Dispatch.history.filter(directive=directive)
    assert history.filter(history_type="+").count() == dispatches.count()
    assert set(history.filter(history_type="+").values_list("history_user", flat=True)) == {clerk.pk}
    forwarded = dispatches.filter(forwarded_at__isnull=False)
    assert forwarded.count() == 2 + 4  # every committee above a cell
    marked = set(history.filter(history_type="~").values_list("id", flat=True))
    assert marked == set(forwarded.values_list("pk", flat=True))
    # Again: nothing twice.
    assert directive_fan_out(directive=directive, by=clerk) == 0
    assert Dispatch.history.filter(directive=directive, history_type="+").count() == dispatches.count()
