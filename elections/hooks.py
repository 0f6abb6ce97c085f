"""Extension points other apps fill from their AppConfig.ready(), so that elections never imports
candidates or complaints (they depend on elections, not the reverse).

    from elections import hooks
    hooks.decision_checks.append(open_complaints_block_decision)

- `decision_checks`: each returns Vietnamese messages that refuse recording an election as decided
  (empty list: no objection). Complaints registers "an open complaint about this hamlet's nominees".
- `ballot_prefill`: each returns candidate rows to pre-fill the minutes form, as dicts with the keys
  full_name, gender ("male"/"female"), is_party_member, is_cell_secretary, nominee_id.
- `exception_info`: each returns a line shown beside a result whose head is not the cell secretary
  (the concurrency exception decided at nomination), or None.
"""

from collections.abc import Callable

decision_checks: list[Callable] = []
ballot_prefill: list[Callable] = []
exception_info: list[Callable] = []


def run_decision_checks(hamlet_election) -> list[str]:
    return [str(message) for check in decision_checks for message in (check(hamlet_election) or [])]


def prefill_rows(hamlet_election) -> list[dict]:
    return [row for provider in ballot_prefill for row in (provider(hamlet_election) or [])]


def exception_lines(hamlet_election) -> list[str]:
    return [str(line) for provider in exception_info if (line := provider(hamlet_election))]
