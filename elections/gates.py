"""Gates on the result workflow. Other apps contribute their checks through `hooks`."""

from django.core.exceptions import ValidationError

from . import hooks


def check_decision(hamlet_election) -> None:
    """Refuse recording an election as decided while any registered check objects (the letter
    3321-CV/TU: settle every complaint about the nominees before the vote)."""
    messages = hooks.run_decision_checks(hamlet_election)
    if messages:
        raise ValidationError(messages)
