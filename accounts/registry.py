"""Extension points of accounts, filled by the apps above it from their `AppConfig.ready()` (see
`common.registry`), so that accounts never imports them.

- `reveal_log_rows`: each returns the reveals of personal data an app logs in its own table, as rows
  (at, username, full name, record type, record id, record, field, how, address) for the audit
  export (issue 9). Complaints registers its log of who saw a sender's identity.
- `pending_work`: each takes the user and returns `PendingItem`s, the work waiting for them in one
  app (directives to acknowledge, lists to review, minutes to record, letters due...), shown on the
  home page as "Việc cần làm" (issue 20). Each figure is counted over the same scoped queryset as
  the list its link opens, with the filter that gives exactly those rows.
"""

from dataclasses import dataclass

from common.registry import Registry

reveal_log_rows = Registry()
pending_work = Registry()

PENDING_TONES = ("late", "soon", "progress", "info")


@dataclass(frozen=True)
class PendingItem:
    """One line of work waiting for a user: how many, what, the list that shows them, and how
    urgent (`tone`: "late" past its due date, "soon" due, "progress" waiting for the user's
    decision, "info" to read); `note` says more (a due date, a state)."""

    label: str
    count: int
    url: str
    tone: str = "info"
    note: str = ""

    def __post_init__(self):
        if self.tone not in PENDING_TONES:
            raise ValueError(f"unknown tone {self.tone!r}")


def run_reveal_log_rows() -> list[tuple]:
    return [row for source in reveal_log_rows for row in source()]


def run_pending_work(user) -> list[PendingItem]:
    """Every app's pending work for `user`, the most urgent first (in the order of PENDING_TONES, then
    of registration); items with nothing to do are left out."""
    items = [item for provider in pending_work for item in provider(user) if item.count]
    return sorted(items, key=lambda item: PENDING_TONES.index(item.tone))
