"""Guards for views and services that ask the user, not the table: `user.can(action)` (the permission
table lives in `accounts.permissions`, above this layer). Apps below accounts (territory) and above it
share these, so a refusal reads the same everywhere; an anonymous user has no `can` and may do nothing."""

from functools import wraps

from django.core.exceptions import PermissionDenied
from django.utils.translation import gettext as _


def can(user, action: str) -> bool:
    """May `user` do `action`? (`accounts.User.can`, read duck-typed.)"""
    check = getattr(user, "can", None)
    return bool(check and check(action))


def require(user, action: str) -> None:
    """Raise PermissionDenied (HTTP 403) unless `user` may do `action`."""
    if not can(user, action):
        raise PermissionDenied(_("Your organisation or role does not allow this action."))


def permission_required(action: str):
    """Function views: 403 unless the user may do `action`."""
    def decorator(view):
        @wraps(view)
        def wrapped(request, *args, **kwargs):
            require(request.user, action)
            return view(request, *args, **kwargs)
        return wrapped
    return decorator


class PermissionRequiredMixin:
    """Class-based views: 403 unless the user may do `permission_action`."""

    permission_action: str = ""

    def dispatch(self, request, *args, **kwargs):
        require(request.user, self.permission_action)
        return super().dispatch(request, *args, **kwargs)
