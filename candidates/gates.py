"""Checks other apps add to the acceptance of a nominee list, without candidates importing them.

Apps depend downward only (candidates <- complaints), so the complaints app registers its
"no open complaint about a nominee of this list" check here from its `AppConfig.ready()`:

    from candidates.gates import register_acceptance_check
    register_acceptance_check(open_complaints_block_acceptance)

A check takes the `NomineeList` and returns a list of Vietnamese messages (empty when it passes).
`candidates.services.nominee_list_accept` refuses acceptance when any check returns a message.
"""

from collections.abc import Callable

acceptance_checks: list[Callable] = []


def register_acceptance_check(fn: Callable) -> Callable:
    """Add `fn(nominee_list) -> list[str]` to the acceptance checks (once); usable as a decorator."""
    if fn not in acceptance_checks:
        acceptance_checks.append(fn)
    return fn


def run_acceptance_checks(nominee_list) -> list[str]:
    problems: list[str] = []
    for check in acceptance_checks:
        problems.extend(check(nominee_list) or [])
    return problems
