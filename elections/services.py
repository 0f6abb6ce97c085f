"""Writes for election campaigns: creating a campaign and its hamlet elections."""

import datetime

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from accounts.models import User
from accounts.permissions import require
from common.services import audited_save
from territory.models import Level, Unit

from .models import Election, HamletElection


def _require_office_of(by: User, province: Unit) -> None:
    """Only officers and leaders of the provincial office of `province` manage its campaigns."""
    require(by, "campaign.create")
    if not by.is_superuser and by.organisation.unit_id != province.pk:
        raise PermissionDenied(_("You may only manage campaigns of your own province."))


def election_create(*, by: User, name: str, province: Unit, term_start_year: int, term_end_year: int,
                    term_months: int, nomination_deadline: datetime.date, election_start: datetime.date,
                    election_end: datetime.date) -> Election:
    """Create a campaign and one hamlet election per active hamlet of the province (one bulk insert)."""
    if province.level != Level.PROVINCE:
        raise ValidationError({"province": _("A campaign covers a province.")})
    _require_office_of(by, province)
    election = Election(
        name=" ".join((name or "").split()), province=province, term_start_year=term_start_year,
        term_end_year=term_end_year, term_months=term_months, nomination_deadline=nomination_deadline,
        election_start=election_start, election_end=election_end, created_by=by,
    )
    election.full_clean()
    if nomination_deadline > election_start:
        raise ValidationError({"nomination_deadline": _("Nominations must close before the election window opens.")})
    with transaction.atomic():
        audited_save(election, by=by, clean=False)
        election_sync_hamlets(election=election)
    return election


def election_sync_hamlets(*, election: Election) -> int:
    """Add a hamlet election for every active hamlet of the province that has none yet.

    Idempotent: hamlets imported after the campaign was created get their election; nothing is
    created twice. Returns the number of hamlet elections created. A fixed number of queries.
    """
    with transaction.atomic():
        existing = set(HamletElection.objects.filter(election=election).values_list("hamlet_id", flat=True))
        hamlet_ids = Unit.objects.filter(
            level=Level.HAMLET, is_active=True, path__startswith=election.province.path,
        ).values_list("pk", flat=True)
        new = [HamletElection(election=election, hamlet_id=pk) for pk in hamlet_ids if pk not in existing]
        HamletElection.objects.bulk_create(new, batch_size=1000, ignore_conflicts=True)
    return len(new)
