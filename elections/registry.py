"""Extension points of elections, filled by the apps above it from their `AppConfig.ready()`, so that
elections never imports candidates or complaints (see `common.registry`).

- `decision_checks`: each returns messages that refuse recording an election as decided (empty
  list: no objection). Complaints registers "an open complaint about this hamlet's nominees".
- `ballot_prefill`: each returns candidate rows to pre-fill the minutes form, as dicts with the keys
  full_name, gender ("male"/"female"), is_party_member, is_cell_secretary, nominee_id.
- `exception_info`: each returns a line shown beside a result whose head is not the cell secretary
  (the concurrency exception decided at nomination), or None.
- `date_checks`: each takes (hamlet election, its new election date) and returns what that date makes
  wrong (e.g. a nominee under 21 on it), shown when the date is set. Candidates registers the age
  re-check of nominees accepted with a warning while the hamlet had no date (TT 04/2012 Điều 11).
"""

from django.core.exceptions import ValidationError

from common.registry import Registry

decision_checks = Registry()
ballot_prefill = Registry()
exception_info = Registry()
date_checks = Registry()


def run_decision_checks(hamlet_election) -> list[str]:
    return [str(message) for check in decision_checks for message in (check(hamlet_election) or [])]


def check_decision(hamlet_election) -> None:
    """Refuse recording an election as decided while any registered check objects (the letter
    3321-CV/TU: settle every complaint about the nominees before the vote)."""
    messages = run_decision_checks(hamlet_election)
    if messages:
        raise ValidationError(messages)


def prefill_rows(hamlet_election) -> list[dict]:
    return [row for provider in ballot_prefill for row in (provider(hamlet_election) or [])]


def exception_lines(hamlet_election) -> list[str]:
    return [str(line) for provider in exception_info if (line := provider(hamlet_election))]


def run_date_checks(hamlet_election, election_date) -> list[str]:
    return [str(message) for check in date_checks for message in (check(hamlet_election, election_date) or [])]

