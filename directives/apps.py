from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DirectivesConfig(AppConfig):
    name = "directives"
    verbose_name = _("Directives")

    def ready(self):
        from accounts import registry as accounts_registry

        from . import contributions

        accounts_registry.pending_work.register(contributions.pending_work)
