"""Whether an action on a directive or a dispatch is open to a user, for the pages to offer it: the
fan-out, forwarding and the return of a plan or report (the services enforce the same rules)."""

from accounts.permissions import user_can

from ..models import Depth, Directive, Dispatch
from ..services import FORWARD_TO, is_recipient


def fan_out_open(user, directive: Directive) -> bool:
    """Whether `user` may fan `directive` out to the lower levels from its tracking page: an editor
    of the registering office, for a directive that goes beyond its addressees."""
    return (user_can(user, "directive.register") and directive.depth != Depth.ADDRESSEES
            and (user.is_superuser or directive.owner_id == user.organisation_id))


def forwarding_open(user, dispatch: Dispatch) -> bool:
    """Whether `user` may forward the dispatch to the level below: a recipient, in a committee that
    forwards (district to communes, commune to cells), for a directive that reaches that level
    (`services.dispatch_forward` enforces the same)."""
    target = FORWARD_TO.get(dispatch.organisation.kind)
    return bool(is_recipient(user, dispatch) and target and not dispatch.for_information
                and dispatch.directive.allows_forwarding_to(target[1]))


def return_open(user, dispatch: Dispatch) -> bool:
    """Whether `user` may return the dispatch's plan or report for completion: an editor of the
    office that registered the directive (`services.dispatch_return` enforces the same)."""
    return user_can(user, "directive.register") and (user.is_superuser
                                                      or dispatch.directive.owner_id == user.organisation_id)
