"""The admin in the access matrix: anonymous users go to the login page, portal users who are not
staff are refused, the administrator reaches every changelist, add and change page."""

import pytest
from django.contrib.admin.sites import site as admin_site
from django.urls import reverse

from tests.access.discovery import ADMIN
from tests.access.world import Clients

ADMIN_SUFFIXES = {
    "changelist": 200, "add": 200, "change": 200, "delete": 200, "history": 200, "simple_history": 200,
    "password_change": 200, "export": 200,
    "sender": 200,  # complaints: the sender's identity, behind a reason (tests/complaints/test_admin_secrecy.py)
}
ADMIN_PAGES = {"admin:index": 200, "admin:login": 302, "admin:logout": 405, "admin:password_change": 200,
               "admin:password_change_done": 200, "admin:jsi18n": 200, "admin:autocomplete": 403,
               "admin:view_on_site": 404, "admin:app_list": 200}
# Workflow records are written by the apps' services only: the admin offers no "add" for them.
ADMIN_FORBIDDEN_TO_ADD = {f"admin:{m}_add" for m in (
    "axes_accessattempt", "axes_accessfailurelog", "axes_accesslog", "complaints_identityaccesslog",
    "accounts_personaldataaccess",
    "candidates_concurrencyexception", "candidates_nomineelist", "complaints_complaint", "complaints_handlerreminder",
    "directives_difficultyreport", "directives_directive", "directives_dispatch", "directives_reminder",
    "directives_directivetask", "directives_taskreport",
    "elections_hamletelection", "elections_hamlethead", "elections_incident", "elections_incidentnotice",
    "elections_meeting", "elections_milestone",
    "elections_statuschange", "reports_reportjob", "reports_reportnotice", "reports_reportsequence")}


def _admin_kind(name: str) -> str | None:
    if name in ADMIN_PAGES:
        return name
    for suffix in sorted(ADMIN_SUFFIXES, key=len, reverse=True):
        if name.endswith("_" + suffix):
            return suffix
    return None


def test_every_admin_url_has_expectations():
    unknown = [name for name in ADMIN if _admin_kind(name) is None]
    assert not unknown, f"new admin page without access expectations: {unknown}"


def _admin_model(name):
    """The model class of an admin URL name like admin:candidates_nominee_change."""
    for model in admin_site._registry:
        prefix = f"admin:{model._meta.app_label}_{model._meta.model_name}_"
        if name.startswith(prefix):
            return model
    return None


@pytest.mark.parametrize("name", [n for n in ADMIN if n.endswith(("_changelist", "_add", "_export"))
                                  or (n.endswith("_change") and not n.endswith("password_change"))
                                  or n in ("admin:index",)])
def test_admin_url(name, world, db):
    """Anonymous users go to the login page; portal users who are not staff are refused; the
    administrator reaches every changelist, add and change page."""
    model = _admin_model(name)
    kwargs = {}
    if name.endswith("_change"):
        instance = model._default_manager.order_by("pk").first()
        kwargs = {"object_id": instance.pk if instance else 999999}  # a missing object: back to the index
    url = reverse(name, kwargs=kwargs)
    clients = Clients(world)
    anonymous = clients("anonymous").get(url, follow=True)
    assert anonymous.redirect_chain and anonymous.request["PATH_INFO"] == reverse("login"), url
    for user_key in ("office.leader", "district.officer", "cell.viewer"):
        response = clients(user_key).get(url)
        assert response.status_code in (302, 403), f"{url} as {user_key}: {response.status_code}"
        if response.status_code == 302:
            assert response["Location"].startswith((reverse("login"), reverse("admin:login"))), url
    response = clients("admin").get(url)
    expected = 403 if name in ADMIN_FORBIDDEN_TO_ADD else 200 if kwargs.get("object_id") != 999999 else 302
    assert response.status_code == expected, f"{url} as admin: {response.status_code}"
