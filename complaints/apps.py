from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ComplaintsConfig(AppConfig):
    name = "complaints"
    verbose_name = _("Complaints and denunciations")

    def ready(self):
        from accounts import registry as accounts_registry
        from candidates import registry as candidates_registry
        from elections import registry as elections_registry

        from . import contributions

        candidates_registry.acceptance_checks.register(contributions.open_complaints_block_acceptance)
        elections_registry.decision_checks.register(contributions.open_complaints_block_decision)
        accounts_registry.reveal_log_rows.register(contributions.identity_access_rows)
        accounts_registry.pending_work.register(contributions.pending_work)
