from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ElectionsConfig(AppConfig):
    name = "elections"
    verbose_name = _("Elections")

    def ready(self):
        from accounts import registry as accounts_registry

        from . import contributions

        accounts_registry.pending_work.register(contributions.pending_work)
        accounts_registry.pending_work.register(contributions.incident_work)
