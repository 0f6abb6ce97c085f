"""The permission table itself: for a few actions, which organisation kind and role may do them
(one role below, at and above the threshold), and how superusers and anonymous users fare."""

import pytest
from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import PermissionDenied
from django.template import Context, Template

from accounts.models import Organisation, Role, User
from accounts.models import OrganisationKind as K
from accounts.permissions import PERMISSIONS, holds, kinds_for, require, role_allows, user_can

VIEWER, OFFICER, LEADER = Role.VIEWER, Role.OFFICER, Role.LEADER


def member(kind, role, **extra) -> User:
    return User(username=f"{kind}.{role}", role=role, organisation=Organisation(pk=1, kind=kind), **extra)


@pytest.mark.parametrize(("action", "kind", "allowed"), [
    ("exception.decide", K.DISTRICT_COMMITTEE, {LEADER}),
    ("exception.decide", K.COMMUNE_COMMITTEE, {LEADER}),
    ("exception.decide", K.PROVINCIAL_OFFICE, set()),
    ("campaign.create", K.PROVINCIAL_OFFICE, {OFFICER, LEADER}),
    ("campaign.create", K.STANDING_COMMITTEE, set()),
    ("result.record", K.COMMUNE_COMMITTEE, {OFFICER, LEADER}),
    ("result.record", K.DISTRICT_COMMITTEE, set()),
    ("complaint.read", K.STANDING_COMMITTEE, {VIEWER, OFFICER, LEADER}),
    ("complaint.register", K.STANDING_COMMITTEE, set()),
    ("complaint.approve", K.DISTRICT_COMMITTEE, {LEADER}),
    ("directive.track", K.CELL, set()),
    ("dispatch.act", K.CELL, {OFFICER, LEADER}),
    ("result.view", K.AGENCY, set()),
    ("result.view", K.CENTRAL_COMMITTEE, {VIEWER, OFFICER, LEADER}),
    ("incident.view", K.AGENCY, set()),
    ("incident.view", K.CELL, {VIEWER, OFFICER, LEADER}),
    ("incident.log", K.CELL, {OFFICER, LEADER}),
    ("incident.log", K.PROVINCIAL_OFFICE, set()),
    ("incident.handle", K.CELL, set()),
    ("incident.handle", K.PROVINCIAL_OFFICE, {OFFICER, LEADER}),
    ("report.dashboard", K.CENTRAL_COMMITTEE, {VIEWER, OFFICER, LEADER}),
    ("territory.import_hamlets", K.CELL, set()),
])
def test_viewer_officer_leader_below_at_and_above_the_threshold(action, kind, allowed):
    for role in (VIEWER, OFFICER, LEADER):
        assert role_allows(kind, role, action) is (role in allowed), (action, kind, role)
        assert user_can(member(kind, role), action) is (role in allowed), (action, kind, role)


def test_a_superuser_may_do_everything_but_what_only_a_committee_member_may():
    admin = User(username="admin", is_superuser=True)
    assert all(user_can(admin, a) for a in PERMISSIONS if a not in {"complaint.handle", "complaint.approve",
                                                                     "dispatch.act"})
    assert not user_can(admin, "complaint.handle")
    assert not user_can(admin, "dispatch.act")
    assert user_can(member(K.DISTRICT_COMMITTEE, OFFICER, is_superuser=True), "complaint.handle")


def test_inactive_and_anonymous_users_and_users_without_organisation_may_nothing():
    for user in (AnonymousUser(), member(K.PROVINCIAL_OFFICE, LEADER, is_active=False),
                 User(username="x", role=LEADER), User(username="y", is_superuser=True, is_active=False)):
        assert not any(user_can(user, a) for a in PERMISSIONS)
        with pytest.raises(PermissionDenied):
            require(user, "campaign.view")


def test_holds_ignores_superuser_status():
    assert not holds(User(username="admin", is_superuser=True), "campaign.create")
    assert holds(member(K.PROVINCIAL_OFFICE, OFFICER), "campaign.create")


def test_the_user_model_and_templates_read_the_same_table():
    user = member(K.PROVINCIAL_OFFICE, OFFICER)
    assert user.can("directive.register") and not user.can("exception.decide")
    template = Template('{% load permissions %}{% if user|can:"directive.register" %}yes{% endif %}')
    assert template.render(Context({"user": user})) == "yes"
    assert template.render(Context({"user": AnonymousUser()})) == ""
    assert kinds_for("directive.register") == {K.PROVINCIAL_OFFICE}


def test_an_unknown_action_is_an_error_not_a_refusal():
    with pytest.raises(KeyError):
        user_can(member(K.PROVINCIAL_OFFICE, LEADER), "campaign.destroy")
