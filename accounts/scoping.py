"""The one territorial scoping helper. Every queryset a user can reach goes through `restrict`.

A user of a party committee sees the subtree of the committee's unit; the provincial office and
the standing committee see their province; the central organisation commission (Ban Tổ chức
Trung ương) and administrators see everything; provincial agencies
and users without an organisation see no territory at all (they still see what is addressed to
their own organisation, which the directives app filters by organisation).
"""

from dataclasses import dataclass

from django.db.models import QuerySet
from django.shortcuts import get_object_or_404

from territory.models import Unit

from .models import OrganisationKind


@dataclass(frozen=True)
class Scope:
    everything: bool = False
    unit: Unit | None = None

    @property
    def is_empty(self) -> bool:
        return not self.everything and self.unit is None

    def contains(self, unit: Unit | None) -> bool:
        if self.everything:
            return True
        if self.unit is None or unit is None:
            return False
        return unit.path.startswith(self.unit.path)


def user_scope(user) -> Scope:
    """What part of the territory `user` sees; cached on the user object for the request."""
    cached = getattr(user, "_territorial_scope", None)
    if cached is not None:
        return cached
    if not user.is_authenticated or not user.is_active:
        scope = Scope()
    elif user.is_superuser:
        scope = Scope(everything=True)
    elif user.organisation_id is None or not user.organisation.is_active:
        scope = Scope()
    elif user.organisation.kind == OrganisationKind.CENTRAL_COMMITTEE:
        scope = Scope(everything=True)  # Ban Tổ chức Trung ương: the whole country
    else:
        scope = Scope(unit=user.organisation.unit)
    user._territorial_scope = scope
    return scope


def restrict(queryset: QuerySet, user, *, via: str | None = "unit") -> QuerySet:
    """Narrow `queryset` to the objects inside `user`'s part of the territory.

    `via` is the lookup path from the queryset's model to its `territory.Unit`
    (e.g. "hamlet_election__hamlet"); `None` when the queryset is of units itself.
    """
    scope = user_scope(user)
    if scope.everything:
        return queryset
    if scope.unit is None:
        return queryset.none()
    lookup = f"{via}__path__startswith" if via else "path__startswith"
    return queryset.filter(**{lookup: scope.unit.path})


def get_scoped_or_404(queryset: QuerySet, user, *, via: str | None = "unit", **lookup):
    """The object, if `user` may see it; 404 otherwise, never a hint of its existence."""
    return get_object_or_404(restrict(queryset, user, via=via), **lookup)
