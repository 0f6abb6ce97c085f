"""Reads of organisations: the party cells a user sees and the secretaries they recorded."""

import datetime
from collections import defaultdict
from collections.abc import Iterable

from django.db.models import QuerySet

from common.text import search_key

from .models import CellSecretary, Organisation, OrganisationKind


def cells_visible_to(user, *, query: str = "") -> QuerySet:
    """The hamlet party cells inside `user`'s territory, by their hamlet's place in the tree; with
    `query`, those whose name or hamlet's name contains it (accents optional)."""
    cells = (Organisation.objects.filter(kind=OrganisationKind.CELL, is_active=True).visible_to(user)
             .select_related("unit__commune", "parent").order_by("unit__path"))
    if query:
        key = search_key(query)
        cells = cells.filter(unit__search_name__contains=key) | cells.filter(name__icontains=query.strip())
    return cells


def secretary_in_office(terms: Iterable[CellSecretary], day: datetime.date) -> CellSecretary | None:
    """The term of `terms` that covers `day` (a cell has one secretary at a time), or None."""
    return next((term for term in terms if term.in_office_on(day)), None)


def secretaries_by_cell(cell_ids: Iterable[int]) -> dict[int, list[CellSecretary]]:
    """{cell id: its recorded terms, newest first}: one query."""
    found: dict[int, list[CellSecretary]] = defaultdict(list)
    for term in CellSecretary.objects.filter(organisation_id__in=list(cell_ids)).order_by("-term_start"):
        found[term.organisation_id].append(term)
    return found


def secretaries_by_hamlet(hamlet_ids: Iterable[int]) -> dict[int, list[CellSecretary]]:
    """{hamlet id: the terms recorded by the hamlet's party cell, newest first}: one query. A
    hamlet whose cell recorded nothing (or that has no cell) is absent."""
    found: dict[int, list[CellSecretary]] = defaultdict(list)
    for term in (CellSecretary.objects.filter(organisation__kind=OrganisationKind.CELL,
                                              organisation__unit_id__in=list(hamlet_ids))
                 .select_related("organisation").order_by("-term_start")):
        found[term.organisation.unit_id].append(term)
    return found
