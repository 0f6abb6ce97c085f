"""What accounts gives to the registries of the apps below it (registered in `AccountsConfig.ready()`,
so territory never imports accounts)."""

from .models import User
from .services import organisations_sync_for_territory


def organisations_for_new_units(*, province, by: User | None = None) -> int:
    """New units get their party organisations, as the territory import always did; the number created."""
    return organisations_sync_for_territory(province=province, by=by).created
