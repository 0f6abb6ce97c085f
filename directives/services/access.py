"""Who may act on a directive or a dispatch: the office that registered the directive, and the
officers and leaders of the organisation that received a dispatch. Every write of the package asks here."""

from django.core.exceptions import PermissionDenied
from django.utils.translation import gettext as _

from accounts.permissions import holds, require

from ..models import Directive, Dispatch


def _require_office(user, directive: Directive | None = None) -> None:
    require(user, "directive.register")
    if directive is not None and not user.is_superuser and directive.owner_id != user.organisation_id:
        raise PermissionDenied(_("Only the office that registered this directive may do this."))


def is_recipient(user, dispatch: Dispatch) -> bool:
    """An officer or leader of the receiving organisation (administrators included only through one)."""
    return holds(user, "dispatch.act") and user.organisation_id == dispatch.organisation_id


def _require_recipient(user, dispatch: Dispatch) -> None:
    """Only officers and leaders of the receiving organisation act on a dispatch."""
    if not is_recipient(user, dispatch):
        raise PermissionDenied(_("Only officers and leaders of the receiving organisation may do this."))
