"""Breadcrumbs: the `crumbs` every page hands to templates/includes/breadcrumbs.html, a list of
(label, url or None); the last crumb, the page itself, has no link."""

from collections.abc import Iterable

from django.urls import reverse
from django.utils.translation import gettext as _

Crumb = tuple[str, str | None]


def trail(*parts: Crumb | Iterable[Crumb], home: bool = True) -> list[Crumb]:
    """Home (unless `home=False`), then each part: a (label, url or None) crumb or a sequence of
    them (e.g. `territory.selectors.unit_crumbs(...)`, the units up the tree)."""
    crumbs: list[Crumb] = [(_("Home"), reverse("home"))] if home else []
    for part in parts:
        if isinstance(part, tuple) and len(part) == 2 and not isinstance(part[0], tuple):
            crumbs.append(part)
        else:
            crumbs.extend(part)
    return crumbs
