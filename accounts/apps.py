from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AccountsConfig(AppConfig):
    name = "accounts"
    verbose_name = _("Accounts and organisations")

    def ready(self):
        from territory import registry as territory_registry

        from . import checks, contributions  # noqa: F401 — checks registers the encryption-key check

        territory_registry.units_created.register(contributions.organisations_for_new_units)
