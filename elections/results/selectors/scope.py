"""Which campaign, units and hamlet elections a user reads the results of: the campaign asked for
or the latest of the user's province, and the querysets narrowed by `visible_to(user)`."""


from django.db.models import QuerySet
from django.http import Http404

from accounts.permissions import require
from territory.models import Unit
from territory.scoping import scope_of

from ...models import Election, HamletElection


def require_viewer(user) -> None:
    require(user, "result.view")


def campaign_for(user, election_id: str | int | None = None) -> Election | None:
    """The campaign whose results the user reads: the one asked for, else the latest active one
    of the user's province."""
    qs = Election.objects.select_related("province")
    scope = scope_of(user)
    if not scope.everything:
        if scope.unit is None:
            return None
        qs = qs.filter(province_id=scope.unit.province_id)
    if election_id:
        try:
            return qs.get(pk=int(election_id))
        except (Election.DoesNotExist, ValueError, TypeError):
            raise Http404 from None
    return qs.filter(is_active=True).first() or qs.first()


def hamlet_elections_visible_to(user, election: Election) -> QuerySet:
    return HamletElection.objects.filter(election=election).visible_to(user)


def unit_for(user, unit_id: int) -> Unit:
    return Unit.objects.get_visible_or_404(user, pk=unit_id)


def home_unit(user, election: Election) -> Unit | None:
    """Where the user's results start: the campaign's province for whoever sees everything, else
    the top of the user's own territory (the province, a district, a commune or a hamlet)."""
    scope = scope_of(user)
    return election.province if scope.everything else scope.unit
