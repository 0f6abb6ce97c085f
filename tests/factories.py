"""factory-boy factories for the core models; apps add theirs in their own test packages."""

import factory

from accounts.models import Organisation, OrganisationKind, Role, User
from territory.models import Kind, Level, Unit


class UnitFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Unit

    level = Level.PROVINCE
    kind = Kind.PROVINCE
    name = factory.Sequence(lambda n: f"Tỉnh Mẫu {n}")
    code = factory.Sequence(lambda n: f"{n:02d}")


class OrganisationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Organisation

    kind = OrganisationKind.PROVINCIAL_OFFICE
    name = factory.Sequence(lambda n: f"Tổ chức {n}")


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = User
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"user{n}")
    first_name = "Nguyễn Văn"
    last_name = factory.Sequence(lambda n: f"A{n}")
    role = Role.OFFICER
    password = factory.PostGenerationMethodCall("set_password", "mat-khau-thu-nghiem-1")

    @classmethod
    def _after_postgeneration(cls, instance, create, results=None):
        if create:
            instance.save()
