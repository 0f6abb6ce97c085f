import pytest
from django.core.exceptions import ValidationError

from common.services import audited_delete, audited_save
from tests.factories import OrganisationFactory, UnitFactory, UserFactory


@pytest.mark.django_db
def test_audited_save_records_the_acting_user_in_the_history():
    by = UserFactory()
    unit = UnitFactory()
    unit.name = "Tỉnh Đổi Tên"
    audited_save(unit, by=by, clean=False)
    assert unit.history.first().history_user == by and unit.history.first().name == "Tỉnh Đổi Tên"


@pytest.mark.django_db
def test_audited_save_validates_unless_told_not_to():
    by = UserFactory()
    unit = UnitFactory()
    unit.level = 99
    with pytest.raises(ValidationError):
        audited_save(unit, by=by)
    unit.refresh_from_db()
    assert unit.level != 99


@pytest.mark.django_db
def test_audited_delete_records_the_acting_user():
    by = UserFactory()
    organisation = OrganisationFactory(unit=UnitFactory())
    pk = organisation.pk
    audited_delete(organisation, by=by)
    last = type(organisation).history.filter(id=pk).first()
    assert last.history_type == "-" and last.history_user == by
