"""Extension points of candidates, filled by the apps above it from their `AppConfig.ready()` (see
`common.registry`), so that candidates never imports complaints.

- `acceptance_checks`: each takes the `NomineeList` and returns messages (empty when it passes);
  `candidates.services.nominee_list_accept` refuses acceptance when any check returns one.
  Complaints registers "no open complaint about a nominee of this list" (CV 3321-CV/TU).
"""

from common.registry import Registry

acceptance_checks = Registry()


def run_acceptance_checks(nominee_list) -> list[str]:
    problems: list[str] = []
    for check in acceptance_checks:
        problems.extend(check(nominee_list) or [])
    return problems
