"""Fixtures of the election-results tests (helpers in results_support.py)."""

import pytest

from elections import hooks
from elections.models import HamletElection
from tests.trees import build_tree

from .results_support import make_campaign


@pytest.fixture
def tree(db):
    return build_tree()


@pytest.fixture
def campaign(tree):
    return make_campaign(tree)


@pytest.fixture
def he(campaign, tree):
    """The election of hamlet 0 (commune 0, district 0)."""
    return HamletElection.objects.get(election=campaign, hamlet=tree.hamlets[0])


@pytest.fixture
def recorder(tree):
    return tree.user("commune", 0, "officer")


@pytest.fixture
def clean_hooks():
    saved = [list(hooks.decision_checks), list(hooks.ballot_prefill), list(hooks.exception_info)]
    yield hooks
    hooks.decision_checks[:], hooks.ballot_prefill[:], hooks.exception_info[:] = saved
