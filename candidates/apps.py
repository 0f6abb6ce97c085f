from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CandidatesConfig(AppConfig):
    name = "candidates"
    verbose_name = _("Nomination")

    def ready(self):
        from elections import registry as elections_registry

        from . import contributions

        elections_registry.ballot_prefill.register(contributions.ballot_rows)
        elections_registry.exception_info.register(contributions.exception_line)
