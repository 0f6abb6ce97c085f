"""Extension points of accounts, filled by the apps above it from their `AppConfig.ready()` (see
`common.registry`), so that accounts never imports them.

- `reveal_log_rows`: each returns the reveals of personal data an app logs in its own table, as rows
  (at, username, full name, record type, record id, record, field, how, address) for the audit
  export (issue 9). Complaints registers its log of who saw a sender's identity.
"""

from common.registry import Registry

reveal_log_rows = Registry()


def run_reveal_log_rows() -> list[tuple]:
    return [row for source in reveal_log_rows for row in source()]
