from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ComplaintsConfig(AppConfig):
    name = "complaints"
    verbose_name = _("Complaints and denunciations")

    def ready(self):
        from candidates.gates import register_acceptance_check
        from elections import hooks

        from .gates import open_complaints_block_acceptance, open_complaints_block_decision

        register_acceptance_check(open_complaints_block_acceptance)
        if open_complaints_block_decision not in hooks.decision_checks:
            hooks.decision_checks.append(open_complaints_block_decision)
