"""Who may do what: the users of the matrix and the rule of one URL name and method."""

from dataclasses import dataclass

from accounts.models import OrganisationKind, Role
from accounts.permissions import EDITORS, LEADERS, THROUGH_ORGANISATION_ONLY, role_allows

# The matrix's users: one per organisation kind of province A and role, named "kind.role".
KIND_OF = {
    "office": OrganisationKind.PROVINCIAL_OFFICE, "standing": OrganisationKind.STANDING_COMMITTEE,
    "agency": OrganisationKind.AGENCY, "district": OrganisationKind.DISTRICT_COMMITTEE,
    "commune": OrganisationKind.COMMUNE_COMMITTEE, "cell": OrganisationKind.CELL,
}
KINDS = tuple(KIND_OF)
ROLES = tuple(Role.values)
USERS = ("anonymous", *(f"{k}.{r}" for k in KINDS for r in ROLES), "admin")
LOCAL = ("district", "commune", "cell")


def can(action: str) -> set:
    """The users the permission table lets do `action` (the administrator unless it is held only
    through an organisation)."""
    keys = {f"{k}.{r}" for k in KINDS for r in ROLES if role_allows(KIND_OF[k], r, action)}
    return keys if action in THROUGH_ORGANISATION_ONLY else keys | {"admin"}


def who(*specs):
    """A set of user keys from specs like "can:campaign.create" (the permission table),
    "office", "office.officer", "EDITORS:district", "*"; "-spec" takes users away."""
    keys = set()
    for spec in specs:
        if spec.startswith("-"):
            keys -= who(spec[1:])
        elif spec.startswith("can:"):
            keys |= can(spec[4:])
        elif spec == "*":
            keys |= set(USERS) - {"anonymous"}
        elif spec == "admin":
            keys.add("admin")
        elif spec.startswith("EDITORS:"):
            keys |= {f"{spec[8:]}.{r}" for r in EDITORS}
        elif spec.startswith("LEADERS:"):
            keys |= {f"{spec[8:]}.{r}" for r in LEADERS}
        elif "." in spec:
            keys.add(spec)
        else:
            keys |= {f"{spec}.{r}" for r in ROLES}
    return frozenset(keys)


@dataclass(frozen=True)
class Rule:
    """`ok` for the users in `allowed` on a visible object; `denied` for the others."""
    allowed: frozenset
    ok: int = 200
    denied: int = 403
    anonymous: int = 302
    hidden: frozenset = frozenset()
    other: tuple = ()  # ((status, frozenset of users), ...)
    # Users refused in their territory to whom an object outside it is hidden (404), not refused.
    hidden_outside: frozenset = frozenset()

    def own(self, user_key: str) -> set:
        """The status of a request about an object inside the territory of province A's users."""
        if user_key == "anonymous":
            return {self.anonymous}
        if user_key in self.hidden:
            return {404}
        for status, users in self.other:
            if user_key in users:
                return {status}
        return {self.ok} if user_key in self.allowed else {self.denied}

    def outside(self, user_key: str) -> set:
        """The status of a request about an object outside the user's territory."""
        if user_key == "anonymous":
            return {self.anonymous}
        if user_key == "admin":
            return self.own(user_key)
        if user_key in self.allowed:
            return {405} if self.ok == 405 else {404}  # a method refused whatever the object
        if user_key in self.hidden or user_key in self.hidden_outside:
            return {404}
        return {self.denied, 404}


def R(*specs, ok=200, denied=403, anonymous=302, hidden=(), other=None, hidden_outside=()):
    return Rule(who(*specs), ok, denied, anonymous, who(*hidden),
                tuple((status, who(*users)) for status, users in (other or {}).items()), who(*hidden_outside))


NOBODY = frozenset()
GET_ONLY = Rule(NOBODY, denied=405, anonymous=302)  # POST to a read-only page


@dataclass(frozen=True)
class E:
    get: Rule
    post: Rule = GET_ONLY


POST_ONLY = Rule(NOBODY, denied=405)  # GET to an action that only takes POST
