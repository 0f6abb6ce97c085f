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
    assert Directive.objects.count() == 2 and Dispatch.objects.count() == before


def test_the_demo_skips_quietly_without_an_office(db):
    out = io.StringIO()
    demo.seed(password="x", stdout=out)
    assert not Directive.objects.exists() and "not loaded" in out.getvalue()


def test_the_demo_lists_the_five_tasks_of_3321_cv_tu_with_some_reported(tree):
    from directives.assignments.models import TaskReport

    tree.districts[0].code = "816"  # one of the demo's active districts, whose communes report too
    tree.districts[0].save()
    for key in ("office", "district", "commune"):
        tree.user(key)
    demo.seed(password="x", stdout=io.StringIO())
    directive = Directive.objects.get(number="3321-CV/TU")
    assert [t.position for t in directive.tasks.all()] == [1, 2, 3, 4, 5]
    assert directive.tasks.get(position=1).fields.count() == 3
    # District 0 and commune 0 have an officer: both report the conferences.
    conferences = TaskReport.objects.filter(task__position=1)
    assert set(conferences.values_list("dispatch__organisation", flat=True)) == {tree.org("district").pk,
                                                                                   tree.org("commune").pk}
