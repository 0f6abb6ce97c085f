import io

import pytest

from complaints.models import Complaint, Status
from demo import complaints as demo

from .conftest import make_world

pytestmark = pytest.mark.django_db


def test_the_demo_seeds_two_letters_in_district_815_once():
    world = make_world()
    district = world.tree.districts[0]
    district.code = "815"
    district.save()
    for key, role in (("district", "officer"), ("district", "leader"), ("commune", "officer")):
        world.user(key, 0, role)
    out = io.StringIO()
    demo.seed(password="x", stdout=out)
    demo.seed(password="x", stdout=out)
    assert Complaint.objects.count() == 2
    signed = Complaint.objects.get(summary=demo.SIGNED)
    anonymous = Complaint.objects.get(summary=demo.ANONYMOUS)
    assert signed.status == Status.VERIFYING and signed.nominee is not None
    assert anonymous.status == Status.NOT_PROCESSED and "anonymous" in anonymous.refusal_grounds


def test_the_demo_skips_without_nominees(world):
    from candidates.models import Nominee

    Nominee.objects.all().delete()
    district = world.tree.districts[0]
    district.code = "815"
    district.save()
    world.user("district", 0, "officer")
    out = io.StringIO()
    demo.seed(password="x", stdout=out)
    assert not Complaint.objects.exists() and "815" in out.getvalue()
