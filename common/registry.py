"""Extension points: how a lower app lets higher apps add to its work without importing them.

One naming scheme in every app (the layers in pyproject.toml forbid upward imports):

- `<app>/registry.py` holds the extension points the app OFFERS: `Registry` lists and the functions
  that run them (`elections/registry.py`: `decision_checks`, `run_decision_checks(...)`).
- `<app>/contributions.py` holds what the app GIVES to lower apps' registries; its
  `AppConfig.ready()` registers them (`complaints/contributions.py`: `open_complaints_block_decision`
  into `elections.registry.decision_checks`).
"""

from collections.abc import Callable


class Registry(list):
    """The functions registered for one extension point, in registration order."""

    def register(self, fn: Callable) -> Callable:
        """Add `fn` once (registering again is a no-op, so `ready()` may run twice); usable as a decorator."""
        if fn not in self:
            self.append(fn)
        return fn
