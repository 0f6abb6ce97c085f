from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CandidatesConfig(AppConfig):
    name = "candidates"
    verbose_name = _("Nomination")

    def ready(self):
        from elections import hooks as election_hooks

        from . import hooks

        if hooks.ballot_rows not in election_hooks.ballot_prefill:
            election_hooks.ballot_prefill.append(hooks.ballot_rows)
        if hooks.exception_line not in election_hooks.exception_info:
            election_hooks.exception_info.append(hooks.exception_line)
