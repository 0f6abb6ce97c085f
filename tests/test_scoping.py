import pytest

from accounts.scoping import restrict, user_scope
from territory.models import Level, Unit
from tests.trees import build_tree


@pytest.fixture
def tree(db):
    return build_tree()


def hamlet_names(user):
    return set(restrict(Unit.objects.filter(level=Level.HAMLET), user, via=None).values_list("name", flat=True))


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
    assert user_scope(admin_user).everything
    assert hamlet_names(admin_user) == {h.name for h in tree.hamlets}


def test_scoping_works_without_a_district_level(db):
    flat = build_tree(with_districts=False, code="97")
    assert flat.hamlets[0].district_id is None
    assert flat.hamlets[0].commune_id == flat.communes[0].pk
    assert hamlet_names(flat.user("commune", 3)) == {flat.hamlets[6].name, flat.hamlets[7].name}
