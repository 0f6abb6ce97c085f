import pytest
from django.apps import apps
from django.contrib.auth.models import AnonymousUser
from django.http import Http404

from accounts.models import Organisation, OrganisationKind, Role, User
from territory.models import Kind, Level, Unit
from territory.scoping import Scope, ScopedQuerySet, scope_of
from tests.trees import PASSWORD, build_tree


@pytest.fixture
def tree(db):
    return build_tree()


def hamlet_names(user):
    return set(Unit.objects.filter(level=Level.HAMLET).visible_to(user).values_list("name", flat=True))


def names(units):
    return {u.name for u in units}


def test_the_provincial_office_sees_every_hamlet_of_its_province(tree):
    other = build_tree(name="Tỉnh Khác", code="98")
    names = hamlet_names(tree.user("office"))
    assert names == {h.name for h in tree.hamlets}
    assert not names & {h.name for h in other.hamlets}


def test_a_district_sees_only_its_subtree(tree):
    assert hamlet_names(tree.user("district", 1)) == {h.name for h in tree.hamlets[4:]}


def test_a_commune_and_a_cell_see_only_their_own(tree):
    assert hamlet_names(tree.user("commune", 0)) == {tree.hamlets[0].name, tree.hamlets[1].name}
    assert hamlet_names(tree.user("cell", 5)) == {tree.hamlets[5].name}


def test_agencies_and_users_without_organisation_see_no_territory(tree, django_user_model):
    assert hamlet_names(tree.user("agency")) == set()
    assert hamlet_names(django_user_model.objects.create_user("lone", password="x")) == set()


def test_administrators_see_everything(tree, admin_user):
    assert scope_of(admin_user).everything
    assert hamlet_names(admin_user) == {h.name for h in tree.hamlets}


def test_scoping_works_without_a_district_level(db):
    flat = build_tree(with_districts=False, code="97")
    assert flat.hamlets[0].district_id is None
    assert flat.hamlets[0].commune_id == flat.communes[0].pk
    assert hamlet_names(flat.user("commune", 3)) == {flat.hamlets[6].name, flat.hamlets[7].name}


# --- visible_to for every kind of reader ------------------------------------------------------


def test_an_anonymous_visitor_sees_nothing(tree):
    assert scope_of(AnonymousUser()).is_empty
    assert not Unit.objects.visible_to(AnonymousUser()).exists()


def test_an_inactive_user_sees_nothing(tree):
    user = tree.user("office")
    user.is_active = False
    user.save()
    assert not Unit.objects.visible_to(User.objects.get(pk=user.pk)).exists()


def test_a_user_of_an_inactive_organisation_sees_nothing(tree):
    Organisation.objects.filter(pk=tree.org("district", 0).pk).update(is_active=False)
    assert hamlet_names(User.objects.get(pk=tree.user("district", 0).pk)) == set()


def test_a_user_without_organisation_sees_nothing(tree):
    lone = User.objects.create_user("lone", password=PASSWORD)
    assert scope_of(lone).is_empty
    assert not Unit.objects.visible_to(lone).exists()


def test_an_agency_sees_no_territory(tree):
    assert scope_of(tree.user("agency")).is_empty
    assert not Unit.objects.visible_to(tree.user("agency")).exists()


def test_a_commune_sees_itself_and_its_hamlets(tree):
    visible = Unit.objects.visible_to(tree.user("commune", 2))
    assert names(visible) == names([tree.communes[2], *tree.hamlets[4:6]])


def test_a_district_sees_itself_its_communes_and_hamlets(tree):
    visible = Unit.objects.visible_to(tree.user("district", 0))
    assert names(visible) == names([tree.districts[0], *tree.communes[:2], *tree.hamlets[:4]])


def test_the_province_sees_its_whole_tree_and_no_other(tree):
    other = build_tree(name="Tỉnh Khác", code="98")
    visible = names(Unit.objects.visible_to(tree.user("standing")))
    assert visible == names([tree.province, *tree.districts, *tree.communes, *tree.hamlets])
    assert not visible & names([other.province, *other.hamlets])


def test_the_central_commission_and_administrators_see_every_province(tree, admin_user):
    other = build_tree(name="Tỉnh Khác", code="98")
    org = Organisation.objects.create(kind=OrganisationKind.CENTRAL_COMMITTEE, name="Ban Tổ chức Trung ương")
    central = User.objects.create_user("trunguong", password=PASSWORD, organisation=org, role=Role.VIEWER)
    for user in (central, admin_user):
        assert scope_of(user).everything
        assert Unit.objects.visible_to(user).count() == Unit.objects.count()
    assert other.province in Unit.objects.visible_to(central)


def test_the_scope_is_computed_once_per_user_object(tree, django_assert_num_queries):
    user = User.objects.get(pk=tree.user("commune", 0).pk)
    with django_assert_num_queries(2):  # the organisation, then its unit
        scope_of(user)
    with django_assert_num_queries(0):
        assert scope_of(user).unit == tree.communes[0]


# --- within, get_visible_or_404, chaining -------------------------------------------------------


def test_within_a_unit_needs_no_user(tree):
    assert names(Unit.objects.filter(level=Level.HAMLET).within(tree.districts[1])) == names(tree.hamlets[4:])
    assert names(Unit.objects.within(tree.hamlets[3])) == {tree.hamlets[3].name}


def test_within_with_a_user_keeps_only_what_the_user_also_sees(tree):
    hamlets = Unit.objects.filter(level=Level.HAMLET)
    assert names(hamlets.within(tree.districts[0], user=tree.user("commune", 1))) == names(tree.hamlets[2:4])
    assert not hamlets.within(tree.districts[1], user=tree.user("commune", 1)).exists()


def test_get_visible_or_404_returns_what_the_user_sees(tree):
    assert Unit.objects.get_visible_or_404(tree.user("commune", 0), pk=tree.hamlets[1].pk) == tree.hamlets[1]


def test_get_visible_or_404_raises_404_outside_the_scope(tree):
    with pytest.raises(Http404):
        Unit.objects.get_visible_or_404(tree.user("commune", 0), pk=tree.hamlets[2].pk)
    with pytest.raises(Http404):
        Unit.objects.get_visible_or_404(AnonymousUser(), pk=tree.hamlets[0].pk)


def test_visible_to_chains_from_related_managers_and_querysets(tree):
    user = tree.user("commune", 0)
    assert names(tree.districts[0].children.visible_to(user)) == {tree.communes[0].name}
    assert names(Unit.objects.filter(level=Level.HAMLET).visible_to(user).filter(name=tree.hamlets[0].name)) == {
        tree.hamlets[0].name}


def test_every_scoped_model_declares_a_path_that_resolves(tree):
    """Each manager's own path to the territory is a valid lookup (no caller spells one)."""
    scoped = [m for m in apps.get_models() if isinstance(m._default_manager.all(), ScopedQuerySet)]
    assert {m.__name__ for m in scoped} >= {"Unit", "HamletElection", "NomineeList", "Nominee",
                                            "ConcurrencyException", "Complaint", "Directive", "Dispatch"}
    for model in scoped:
        assert model._default_manager.visible_to(tree.user("district", 0)).count() >= 0
        assert model._default_manager.within(tree.communes[0]).count() >= 0


def test_a_unit_whose_id_extends_another_ids_digits_is_outside_its_subtree(db):
    """Paths end with "/": the subtree of unit 900 ("/900/") holds neither unit 9001 nor its children."""
    inner = Unit.objects.create(pk=900, level=Level.PROVINCE, kind=Kind.PROVINCE, name="Tỉnh 900", code="90")
    outer = Unit.objects.create(pk=9001, level=Level.PROVINCE, kind=Kind.PROVINCE, name="Tỉnh 9001", code="91")
    below = Unit.objects.create(level=Level.DISTRICT, kind=Kind.DISTRICT, parent=outer, name="Huyện", code="911")
    assert names(Unit.objects.within(inner)) == {inner.name}
    assert not Scope(unit=inner).contains(outer) and not Scope(unit=inner).contains(below)
    assert Scope(unit=outer).contains(below)
