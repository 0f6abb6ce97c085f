from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CandidatesConfig(AppConfig):
    name = "candidates"
    verbose_name = _("Nomination")

    def ready(self):
        from accounts import registry as accounts_registry
        from elections import registry as elections_registry

        from . import contributions

        elections_registry.ballot_prefill.register(contributions.ballot_rows)
        elections_registry.exception_info.register(contributions.exception_line)
        elections_registry.date_checks.register(contributions.under_age_on_new_date)
        elections_registry.decision_checks.register(contributions.under_age_winner_blocks_decision)
        accounts_registry.pending_work.register(contributions.pending_work)
