"""Who may do what with letters (one place). Scoping itself is `Complaint.objects.visible_to(user)`."""

from accounts.permissions import holds, user_can
from territory.scoping import scope_of


def _active(user) -> bool:
    return bool(user and user.is_authenticated and user.is_active)


def can_read(user) -> bool:
    """Party committees read the register (the standing committee reads, never writes)."""
    return _active(user) and user_can(user, "complaint.read")


def can_register(user) -> bool:
    return _active(user) and user_can(user, "complaint.register")


def covers(user, hamlet) -> bool:
    return scope_of(user).contains(hamlet)


def can_be_handler(user, hamlet) -> bool:
    """An officer or leader of a committee whose area holds the hamlet (administrators only
    through such a committee: the table's "complaint.handle")."""
    return _active(user) and holds(user, "complaint.handle") and covers(user, hamlet)


def can_be_approver(user, hamlet) -> bool:
    return _active(user) and holds(user, "complaint.approve") and covers(user, hamlet)


def is_handler(user, complaint) -> bool:
    return _active(user) and complaint.handler_id is not None and complaint.handler_id == user.pk


def can_view_identity(user, complaint) -> bool:
    """Luật Tố cáo 2018: only the person handling the letter and the approving leader."""
    return _active(user) and user.pk in {complaint.handler_id, complaint.approver_id} - {None}


def can_reveal_as_administrator(user) -> bool:
    """An administrator (staff with `complaints.view_identity`; a superuser holds it) may see a sender
    only through the administration's logged reveal, giving a reason: never on the admin's pages."""
    return _active(user) and user.is_staff and user.has_perm("complaints.view_identity")


def can_assign(user, complaint) -> bool:
    """A leader of a handling committee over the hamlet (re)assigns the handler."""
    return can_be_approver(user, complaint.hamlet)
