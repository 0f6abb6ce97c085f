"""Who may do what, by organisation kind and role. Services call `require`; views use the mixin."""

from collections.abc import Iterable

from django.core.exceptions import PermissionDenied
from django.utils.translation import gettext as _

from .models import Role


def has_permission(user, *, kinds: Iterable[str] | None = None, roles: Iterable[str] | None = None) -> bool:
    if not user.is_authenticated or not user.is_active:
        return False
    if user.is_superuser:
        return True
    if user.organisation_id is None:
        return False
    if kinds is not None and user.organisation.kind not in set(kinds):
        return False
    return roles is None or user.role in set(roles)


def require(user, *, kinds: Iterable[str] | None = None, roles: Iterable[str] | None = None) -> None:
    """Raise PermissionDenied (HTTP 403) unless `user` has one of `kinds` and one of `roles`."""
    if not has_permission(user, kinds=kinds, roles=roles):
        raise PermissionDenied(_("Your organisation or role does not allow this action."))


EDITORS = (Role.OFFICER, Role.LEADER)
LEADERS = (Role.LEADER,)


class RoleRequiredMixin:
    """Class-based views: 403 unless the user has one of `allowed_kinds` and `allowed_roles`."""

    allowed_kinds: Iterable[str] | None = None
    allowed_roles: Iterable[str] | None = None

    def dispatch(self, request, *args, **kwargs):
        require(request.user, kinds=self.allowed_kinds, roles=self.allowed_roles)
        return super().dispatch(request, *args, **kwargs)
