"""Territorial scoping on the queryset: every scoped model's manager knows its own path to the territory.

    Nominee.objects.visible_to(user)              # what `user` may see
    Nominee.objects.get_visible_or_404(user, pk=pk)
    Nominee.objects.within(unit)                  # an explicit unit (reports, jobs with no user)

A model opts in with a queryset subclass that names its lookup path to `territory.Unit`
(`unit_path = "hamlet_election__hamlet"`, or `""` for `Unit` itself) and
`objects = ThatQuerySet.as_manager()`. Which part of the territory a user sees is decided in
`accounts` (`User.territorial_scope`); this module reads it duck-typed so that territory never
imports accounts: anything without the attribute (the anonymous user) sees nothing.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from django.db import models
from django.shortcuts import get_object_or_404

if TYPE_CHECKING:
    from .models import Unit


@dataclass(frozen=True)
class Scope:
    """A part of the territory: everything, one unit's subtree, or nothing (`Scope()`)."""

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


NOTHING = Scope()
EVERYTHING = Scope(everything=True)


def scope_of(user) -> Scope:
    """The part of the territory `user` sees (`accounts.User.territorial_scope`); nothing for anyone else."""
    return getattr(user, "territorial_scope", NOTHING)


class ScopedQuerySet(models.QuerySet):
    """A queryset that can narrow itself to a part of the territory along `unit_path`."""

    unit_path: str = "unit"  # lookup from the model to its territory.Unit; "" for Unit itself

    def _path_lookup(self) -> str:
        return f"{self.unit_path}__path__startswith" if self.unit_path else "path__startswith"

    def within(self, unit: Unit, *, user=None) -> ScopedQuerySet:
        """The rows inside `unit`'s subtree (the unit itself included). With `user`, only those the
        user may also see (a report read by a person); without, all of them (a report job, or any
        work with no reader: the caller chose the unit)."""
        queryset = self.filter(**{self._path_lookup(): unit.path})
        return queryset if user is None else queryset.visible_to(user)

    def within_scope(self, scope: Scope) -> ScopedQuerySet:
        if scope.everything:
            return self
        if scope.unit is None:
            return self.none()
        return self.within(scope.unit)

    def visible_to(self, user) -> ScopedQuerySet:
        """The rows inside `user`'s part of the territory (DESIGN §5: one scoping call for every page)."""
        return self.within_scope(scope_of(user))

    def get_visible_or_404(self, user, **lookup):
        """The object, if `user` may see it; 404 otherwise, never a hint of its existence."""
        return get_object_or_404(self.visible_to(user), **lookup)


class UnitQuerySet(ScopedQuerySet):
    unit_path = ""
