"""The page rules that moved out of the directive views: who may fan out and who may answer."""

import pytest

from directives import selectors, services
from directives.models import Depth, Dispatch

from .conftest import register

pytestmark = pytest.mark.django_db


def test_only_the_registering_office_fans_out_a_directive_that_goes_beyond_its_addressees(tree, directive):
    assert selectors.fan_out_open(tree.user("office"), directive)
    assert not selectors.fan_out_open(tree.user("office", 0, "viewer"), directive)
    assert not selectors.fan_out_open(tree.user("district", 0, "leader"), directive)
    addressees_only = register(tree, number="20-CV/TU", kind="cong_van", depth=Depth.ADDRESSEES)
    assert not selectors.fan_out_open(tree.user("office"), addressees_only)


def test_the_registering_office_answers_a_difficulty_until_it_is_closed(tree, directive):
    agency = Dispatch.objects.get(directive=directive, organisation=tree.org("agency"))
    report = services.difficulty_raise(dispatch=agency, text="Thiếu kinh phí", by=tree.user("agency"))
    office = tree.user("office")
    assert selectors.difficulty_answer_open(office, report)
    assert not selectors.difficulty_answer_open(tree.user("district", 0, "leader"), report)
    services.difficulty_close(report=report, by=office)
    report.refresh_from_db()
    assert not selectors.difficulty_answer_open(office, report)
