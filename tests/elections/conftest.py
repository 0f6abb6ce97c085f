"""Fixtures of the election tests (results helpers in results/support.py)."""

import pytest

from elections import registry
from elections.models import HamletElection
from tests.trees import build_tree

from .results.support import make_campaign


@pytest.fixture
def tree(db):
    """Hamlets of 310 households, the roll of the worked case (domain-rules §1.5)."""
    return build_tree(households=310)


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
def clean_registry():
    saved = [list(registry.decision_checks), list(registry.ballot_prefill), list(registry.exception_info)]
    yield registry
    registry.decision_checks[:], registry.ballot_prefill[:], registry.exception_info[:] = saved
