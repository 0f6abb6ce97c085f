"""Who may do what with letters (one place). Scoping itself is `accounts.scoping.restrict`."""

from accounts.models import OrganisationKind, Role
from accounts.scoping import user_scope

# Party committees that receive and handle letters.
HANDLING_KINDS = (
    OrganisationKind.PROVINCIAL_OFFICE, OrganisationKind.DISTRICT_COMMITTEE, OrganisationKind.COMMUNE_COMMITTEE,
)
# ... and those that may read the register (the standing committee reads, never writes).
READING_KINDS = (*HANDLING_KINDS, OrganisationKind.STANDING_COMMITTEE)
EDITING_ROLES = (Role.OFFICER, Role.LEADER)


def _active(user) -> bool:
    return bool(user and user.is_authenticated and user.is_active)


def can_read(user) -> bool:
    if not _active(user):
        return False
    return user.is_superuser or (user.organisation_id is not None and user.organisation.kind in READING_KINDS)


def can_register(user) -> bool:
    return _active(user) and (user.is_superuser or (
        user.organisation_id is not None and user.organisation.kind in HANDLING_KINDS
        and user.role in EDITING_ROLES))


def covers(user, hamlet) -> bool:
    return user_scope(user).contains(hamlet)


def can_be_handler(user, hamlet) -> bool:
    """An officer or leader of a committee whose area holds the hamlet."""
    return (_active(user) and user.organisation_id is not None and user.organisation.kind in HANDLING_KINDS
            and user.role in EDITING_ROLES and covers(user, hamlet))


def can_be_approver(user, hamlet) -> bool:
    return can_be_handler(user, hamlet) and user.role == Role.LEADER


def is_handler(user, complaint) -> bool:
    return _active(user) and complaint.handler_id is not None and complaint.handler_id == user.pk


def can_view_identity(user, complaint) -> bool:
    """Luật Tố cáo 2018: only the person handling the letter and the approving leader."""
    return _active(user) and user.pk in {complaint.handler_id, complaint.approver_id} - {None}


def can_assign(user, complaint) -> bool:
    """A leader of a handling committee over the hamlet (re)assigns the handler."""
    return can_be_approver(user, complaint.hamlet)
