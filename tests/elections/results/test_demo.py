import io

from demo import results as results_demo
from elections.models import HamletElection, Meeting, ResultStatus
from territory.models import Kind, Level, Unit

from .support import make_campaign


def test_the_demo_records_a_valid_election_one_without_quorum_and_one_without_majority_once(tree):
    Unit.objects.filter(pk=tree.districts[0].pk).update(code="815")
    commune = tree.communes[1]
    extra = Unit.objects.create(level=Level.HAMLET, kind=Kind.NEIGHBOURHOOD, parent=commune, name="Khu phố Z",
                                households=None)
    tree.hamlets.append(extra)
    campaign = make_campaign(tree)
    tree.user("commune", 1, "officer")
    out = io.StringIO()
    results_demo.seed(password="x", stdout=out)
    results_demo.seed(password="x", stdout=out)
    recorded = HamletElection.objects.filter(election=campaign, hamlet__commune=commune).order_by("hamlet__name")
    assert [(he.status, he.rerun_reason) for he in recorded] == [
        (ResultStatus.RECOGNISED, ""), (ResultStatus.RERUN_REQUIRED, "no_quorum"),
        (ResultStatus.RERUN_REQUIRED, "no_majority")]
    assert Meeting.objects.count() == 3
    assert not HamletElection.objects.filter(hamlet__commune=tree.communes[0]).exclude(status="planned").exists()


def test_the_demo_skips_silently_without_the_campaign(tree):
    out = io.StringIO()
    results_demo.seed(password="x", stdout=out)
    assert out.getvalue() == "" and not Meeting.objects.exists()
