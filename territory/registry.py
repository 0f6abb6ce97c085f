"""Extension points of territory, filled by the apps above it from their `AppConfig.ready()` (see
`common.registry`), so that territory never imports them.

- `units_created`: each is called as `fn(*, province, by)` after new units were added to a province
  (an import of hamlets, a unit created in the admin) and returns how many records it created in
  turn. Accounts registers the sync of the party organisations (a cell per hamlet, a committee per
  district and commune).
"""

from django.contrib.auth.base_user import AbstractBaseUser

from common.registry import Registry

units_created = Registry()


def run_units_created(*, province, by: AbstractBaseUser | None = None) -> int:
    """Tell every registered app that `province` has new units; the number of records they created."""
    return sum(receiver(province=province, by=by) or 0 for receiver in units_created)
