"""Writes every service shares: saving a row with its history entry attributed to the acting user."""

from collections.abc import Iterable

from django.contrib.auth.base_user import AbstractBaseUser
from django.db import models


def audited_save(obj: models.Model, *, by: AbstractBaseUser | None, update_fields: Iterable[str] | None = None,
                 clean: bool = True, exclude: Iterable[str] | None = None) -> models.Model:
    """Validate (`full_clean`, unless `clean=False`; `exclude` skips fields) and save `obj`, its
    django-simple-history entry naming `by` as the author (STYLE.md: set the acting user explicitly,
    since services also run outside a request). Returns `obj`."""
    if clean:
        obj.full_clean(exclude=list(exclude) if exclude is not None else None)
    obj._history_user = by
    obj.save(update_fields=update_fields)
    return obj


def audited_delete(obj: models.Model, *, by: AbstractBaseUser) -> None:
    """Delete `obj`, its history entry naming `by` as the author."""
    obj._history_user = by
    obj.delete()
