import io

from demo import directives as demo
from directives.models import Directive, Dispatch


def test_the_demo_registers_3321_cv_tu_down_to_the_cells_once(tree):
    tree.user("office")
    demo.seed(password="x", stdout=io.StringIO())
    directive = Directive.objects.get(number="3321-CV/TU")
    assert directive.summary == demo.SUMMARY and directive.plan_required and directive.issued_on.day == 26
    assert "Công văn này triển khai đến chi bộ ấp, khu phố." in directive.body
    kinds = list(Dispatch.objects.filter(directive=directive).values_list("organisation__kind", flat=True))
    assert kinds.count("district_committee") == 2 and kinds.count("agency") == 1 and kinds.count("cell") == 8
    owing = Dispatch.objects.filter(directive=directive, plan_due__isnull=False)
    assert set(owing.values_list("organisation__kind", flat=True)) == {"district_committee", "agency"}
    before = Dispatch.objects.count()
    demo.seed(password="x", stdout=io.StringIO())
    assert Directive.objects.count() == 1 and Dispatch.objects.count() == before


def test_the_demo_skips_quietly_without_an_office(db):
    out = io.StringIO()
    demo.seed(password="x", stdout=out)
    assert not Directive.objects.exists() and "not loaded" in out.getvalue()
