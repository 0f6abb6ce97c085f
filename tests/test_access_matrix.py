"""The access matrix: every URL of the portal, as every role, for objects inside and outside the
user's territory, with GET and POST.

The URLs come from the URL configuration itself (admin included): a page whose name is missing
from EXPECT fails `test_every_url_has_expectations`, so a new page cannot ship without its access
rules. For each URL name and method, EXPECT says who may use it and with which status; everyone
else gets 403 (or 404 when the object is hidden first), anonymous users are sent to the login
page, and an object outside the user's territory answers 404. No response to a user may contain
the marker text planted in an object outside that user's territory.

Set MATRIX_RECORD=/path.jsonl to write the statuses seen instead of asserting (to review a change).
"""

import json
import os
from dataclasses import dataclass

import pytest
from django.contrib.admin.sites import site as admin_site
from django.db import transaction
from django.test import Client, override_settings
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from tests.security.access_world import build_world

FAST_HASHER = ["django.contrib.auth.hashers.MD5PasswordHasher"]
KINDS = ("office", "standing", "agency", "district", "commune", "cell")
ROLES = ("viewer", "officer", "leader")
USERS = ("anonymous", *(f"{k}.{r}" for k in KINDS for r in ROLES), "admin")
LOCAL = ("district", "commune", "cell")
RECORD = os.environ.get("MATRIX_RECORD")


# --- Discovery --------------------------------------------------------------------------------

def discover(resolver=None, prefix="", namespace=None):
    """(route, name, pattern) for every URL pattern, recursively (unnamed ones as None)."""
    resolver = resolver or get_resolver()
    for entry in resolver.url_patterns:
        if isinstance(entry, URLResolver):
            inner = ":".join(n for n in (namespace, entry.namespace) if n) if entry.namespace else namespace
            yield from discover(entry, prefix + str(entry.pattern), inner)
        elif isinstance(entry, URLPattern):
            name = f"{namespace}:{entry.name}" if namespace and entry.name else entry.name
            yield prefix + str(entry.pattern), name, entry


ALL = list(discover())
ADMIN_PREFIX = reverse("admin:index").lstrip("/")
PORTAL = sorted({name for route, name, _ in ALL if not route.startswith(ADMIN_PREFIX) and name})
UNNAMED = [route for route, name, _ in ALL if not route.startswith(ADMIN_PREFIX) and not name]
ADMIN = sorted({name for route, name, _ in ALL if route.startswith(ADMIN_PREFIX) and name})


# --- Who may do what ----------------------------------------------------------------------------

def who(*specs):
    """A set of user keys from specs like "office", "office.officer", "EDITORS:district", "*"."""
    keys = set()
    for spec in specs:
        if spec == "*":
            keys |= set(USERS) - {"anonymous"}
        elif spec == "admin":
            keys.add("admin")
        elif spec.startswith("EDITORS:"):
            keys |= {f"{spec[8:]}.officer", f"{spec[8:]}.leader"}
        elif spec.startswith("LEADERS:"):
            keys.add(f"{spec[8:]}.leader")
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
        return {self.denied, 404}


def R(*specs, ok=200, denied=403, anonymous=302, hidden=(), other=None):
    return Rule(who(*specs), ok, denied, anonymous, who(*hidden),
                tuple((status, who(*users)) for status, users in (other or {}).items()))


NOBODY = frozenset()
GET_ONLY = Rule(NOBODY, denied=405, anonymous=302)  # POST to a read-only page


@dataclass(frozen=True)
class E:
    get: Rule
    post: Rule = GET_ONLY


POST_ONLY = Rule(NOBODY, denied=405)  # GET to an action that only takes POST

# Who may use each page, by URL name. Specs: "office" (every role), "EDITORS:district" (officers
# and leaders), "district.officer", "admin", "*" (everyone logged in). `hidden`: users to whom
# the "own" object is outside their territory (404); `other`: statuses for named users.
EXPECT: dict[str, E] = {
    "candidates:accept": E(
        get=POST_ONLY,
        post=R('office', 'standing', 'district', 'admin', ok=302, hidden=('agency', 'commune', 'cell'))),
    "candidates:exception_decide": E(
        get=POST_ONLY,
        post=R('district.leader', 'admin', ok=302, hidden=('agency', 'cell'))),
    "candidates:exception_request": E(
        get=R('EDITORS:district', 'admin', hidden=('agency',)),
        post=R('EDITORS:district', 'admin', hidden=('agency',))),
    "candidates:export": E(
        get=R('office', 'standing', 'district', 'admin', hidden=('agency', 'commune', 'cell')),
        post=R('office', 'standing', 'district', 'admin', hidden=('agency', 'commune', 'cell'))),
    "candidates:hamlet": E(
        get=R('office', 'standing', 'district', 'commune', 'cell', 'admin', hidden=('agency',)),
        post=R('office', 'standing', 'district', 'commune', 'cell', 'admin', hidden=('agency',))),
    "candidates:index": E(
        get=R('office', 'standing', 'district', 'commune', 'cell', 'admin', ok=302, other={200: ('agency',)}),
        post=R('office', 'standing', 'district', 'commune', 'cell', 'admin', ok=302, other={200: ('agency',)})),
    "candidates:list": E(
        get=R('office', 'standing', 'district', 'admin', hidden=('agency', 'commune', 'cell')),
        post=R('office', 'standing', 'district', 'admin', hidden=('agency', 'commune', 'cell'))),
    "candidates:nominee_create": E(
        get=R('EDITORS:office', 'EDITORS:district', 'admin', hidden=('agency',)),
        post=R('EDITORS:office', 'EDITORS:district', 'admin', hidden=('agency',))),
    "candidates:nominee_edit": E(
        get=R('EDITORS:office', 'EDITORS:district', 'admin', hidden=('agency',)),
        post=R('EDITORS:office', 'EDITORS:district', 'admin', hidden=('agency',))),
    "candidates:nominee_withdraw": E(
        get=R('EDITORS:office', 'EDITORS:district', 'admin', hidden=('agency',)),
        post=R('EDITORS:office', 'EDITORS:district', 'admin', hidden=('agency',))),
    "candidates:province": E(get=R('office', 'standing', 'admin'), post=R('office', 'standing', 'admin')),
    "candidates:province_export": E(get=R('office', 'standing', 'admin'), post=R('office', 'standing', 'admin')),
    "candidates:return": E(
        get=R('EDITORS:office', 'admin', hidden=('agency', 'commune', 'cell')),
        post=R('EDITORS:office', 'admin', hidden=('agency', 'commune', 'cell'))),
    "candidates:search": E(
        get=R('office', 'standing', 'district', 'commune', 'cell', 'admin', hidden=('agency',)),
        post=R('office', 'standing', 'district', 'commune', 'cell', 'admin', hidden=('agency',))),
    "candidates:submit": E(
        get=POST_ONLY,
        post=R('EDITORS:district', 'admin', ok=302, hidden=('agency', 'commune', 'cell'))),
    "candidates:template": E(
        get=R('EDITORS:office', 'EDITORS:district', 'admin', hidden=('agency', 'commune', 'cell')),
        post=R('EDITORS:office', 'EDITORS:district', 'admin', hidden=('agency', 'commune', 'cell'))),
    "candidates:upload": E(
        get=R('EDITORS:office', 'EDITORS:district', 'admin', hidden=('agency', 'commune', 'cell')),
        post=R('EDITORS:office', 'EDITORS:district', 'admin', hidden=('agency', 'commune', 'cell'))),
    "complaints:act": E(get=POST_ONLY, post=R('district.officer', ok=302)),
    "complaints:detail": E(get=R('office', 'standing', 'district', 'commune', 'admin')),
    "complaints:identity": E(get=R('district.officer')),
    "complaints:overview": E(get=R('office', 'standing', 'district', 'commune', 'admin')),
    "complaints:overview_export": E(get=R('office', 'standing', 'district', 'commune', 'admin')),
    "complaints:queue": E(get=R('office', 'standing', 'district', 'commune', 'admin')),
    "complaints:register": E(
        get=R('EDITORS:office', 'EDITORS:district', 'EDITORS:commune', 'admin'),
        post=R('EDITORS:office', 'EDITORS:district', 'EDITORS:commune', 'admin')),
    "complaints:scan": E(get=R('district.officer')),
    "directives:acknowledge": E(
        get=POST_ONLY,
        post=R('EDITORS:agency', 'EDITORS:district', 'EDITORS:commune', 'EDITORS:cell', ok=302)),
    "directives:create": E(get=R('EDITORS:office'), post=R('EDITORS:office')),
    "directives:difficulties": E(get=R('*'), post=R('*')),
    "directives:difficulty": E(
        get=R('office', 'standing', 'district', 'commune', 'cell', 'admin', hidden=('agency',)),
        post=R('office', 'standing', 'district', 'commune', 'cell', 'admin', hidden=('agency',))),
    "directives:dispatch": E(get=R('*'), post=R('*')),
    "directives:download": E(get=R('*'), post=R('*')),
    "directives:export": E(
        get=R('office', 'standing', 'district', 'commune', 'admin'),
        post=R('office', 'standing', 'district', 'commune', 'admin')),
    "directives:fan_out": E(get=POST_ONLY, post=R('EDITORS:office', 'admin', ok=302)),
    "directives:forward": E(
        get=POST_ONLY,
        post=R('EDITORS:agency', 'EDITORS:district', 'EDITORS:commune', 'EDITORS:cell', ok=302)),
    "directives:inbox": E(get=R('*'), post=R('*')),
    "directives:list": E(
        get=R('office', 'standing', 'district', 'commune', 'admin'),
        post=R('office', 'standing', 'district', 'commune', 'admin')),
    "directives:overdue": E(
        get=R('office', 'standing', 'district', 'commune', 'admin'),
        post=R('office', 'standing', 'district', 'commune', 'admin')),
    "directives:plan": E(
        get=R('EDITORS:agency', 'EDITORS:district', 'EDITORS:commune', 'EDITORS:cell'),
        post=R('EDITORS:agency', 'EDITORS:district', 'EDITORS:commune', 'EDITORS:cell')),
    "directives:raise_difficulty": E(
        get=POST_ONLY,
        post=R('EDITORS:agency', 'EDITORS:district', 'EDITORS:commune', 'EDITORS:cell', ok=302)),
    "directives:report": E(
        get=R('EDITORS:agency', 'EDITORS:district', 'EDITORS:commune', 'EDITORS:cell'),
        post=R('EDITORS:agency', 'EDITORS:district', 'EDITORS:commune', 'EDITORS:cell')),
    "directives:tracking": E(
        get=R('office', 'standing', 'district', 'commune', 'admin'),
        post=R('office', 'standing', 'district', 'commune', 'admin')),
    "directives:unacknowledged": E(
        get=R('office', 'standing', 'district', 'admin', hidden=('commune',)),
        post=R('office', 'standing', 'district', 'admin', hidden=('commune',))),
    "elections:create": E(get=R('EDITORS:office', 'admin'), post=R('EDITORS:office', 'admin')),
    "elections:detail": E(get=R('office', 'standing', 'admin'), post=R('office', 'standing', 'admin', ok=405)),
    "elections:list": E(get=R('office', 'standing', 'admin'), post=R('office', 'standing', 'admin', ok=405)),
    "elections:result_acting_head": E(
        get=R('EDITORS:office', 'EDITORS:commune', 'admin'),
        post=R('EDITORS:office', 'EDITORS:commune', 'admin')),
    "elections:result_decision": E(
        get=R('EDITORS:office', 'EDITORS:commune', 'admin'),
        post=R('EDITORS:office', 'EDITORS:commune', 'admin')),
    "elections:result_detail": E(
        get=R('office', 'standing', 'district', 'commune', 'cell', 'admin'),
        post=R('office', 'standing', 'district', 'commune', 'cell', 'admin')),
    "elections:result_milestones": E(
        get=R('EDITORS:office', 'EDITORS:commune', 'admin'),
        post=R('EDITORS:office', 'EDITORS:commune', 'admin')),
    "elections:result_minutes": E(
        get=R('EDITORS:office', 'EDITORS:commune', 'admin'),
        post=R('EDITORS:office', 'EDITORS:commune', 'admin')),
    "elections:result_rerun": E(
        get=R('EDITORS:office', 'EDITORS:commune', 'admin'),
        post=R('EDITORS:office', 'EDITORS:commune', 'admin')),
    "elections:results": E(
        get=R('office', 'standing', 'district', 'commune', 'cell', 'admin', ok=302),
        post=R('office', 'standing', 'district', 'commune', 'cell', 'admin', ok=302)),
    "elections:results_export": E(
        get=R('office', 'standing', 'district', 'admin', hidden=('commune', 'cell')),
        post=R('office', 'standing', 'district', 'admin', hidden=('commune', 'cell'))),
    "elections:results_unit": E(
        get=R('office', 'standing', 'district', 'admin', hidden=('commune', 'cell')),
        post=R('office', 'standing', 'district', 'admin', hidden=('commune', 'cell'))),
    "elections:sync": E(get=R('EDITORS:office', 'admin', ok=405), post=R('EDITORS:office', 'admin', ok=302)),
    "healthz": E(get=R('*', anonymous=200), post=Rule(NOBODY, denied=405, anonymous=405)),
    # Switching the language is open to all, and sends back to the page it came from ("/").
    "set_language": E(get=R('*', ok=302), post=R('*', ok=302)),
    "home": E(
        get=R('*'),
        post=R('office', 'standing', 'district', 'commune', other={405: ('agency', 'cell', 'admin')})),
    "login": E(get=R('*', ok=302, anonymous=200), post=R('*', ok=302, anonymous=200)),
    "logout": E(get=POST_ONLY, post=R('*', ok=302)),
    "password_change": E(get=R('*'), post=R('*')),
    "password_change_done": E(get=R('*')),
    "reports:archive": E(get=R('office', 'standing', 'admin'), post=R('office', 'standing', 'admin')),
    "reports:dashboard": E(
        get=R('office', 'standing', 'district', 'commune', 'admin'),
        post=R('office', 'standing', 'district', 'commune', 'admin')),
    "reports:download": E(get=R('office', 'standing', 'admin'), post=R('office', 'standing', 'admin')),
    "reports:figures": E(
        get=R('office', 'standing', 'district', 'commune', 'admin'),
        post=R('office', 'standing', 'district', 'commune', 'admin')),
    "reports:job": E(get=R('office', 'standing', 'admin'), post=R('office', 'standing', 'admin')),
    "reports:job_status": E(get=R('office', 'standing', 'admin'), post=R('office', 'standing', 'admin')),
    "reports:job_xlsx": E(get=R('office', 'standing', 'admin'), post=R('office', 'standing', 'admin')),
    "reports:national": E(get=R('admin'), post=R('admin')),
    "reports:national_pdf": E(get=R('admin'), post=R('admin')),
    "reports:request": E(get=R('EDITORS:office', 'admin'), post=R('EDITORS:office', 'admin')),
    "reports:retry": E(get=POST_ONLY, post=R('EDITORS:office', 'admin', ok=302)),
    "reports:xlsx": E(
        get=R('office', 'standing', 'district', 'commune', 'admin'),
        post=R('office', 'standing', 'district', 'commune', 'admin')),
    "territory:export": E(get=R('*'), post=R('*')),
    "territory:home": E(get=R('*'), post=R('*')),
    "territory:import": E(
        get=R('EDITORS:office', 'EDITORS:district', 'EDITORS:commune', 'admin'),
        post=R('EDITORS:office', 'EDITORS:district', 'EDITORS:commune', 'admin')),
    "territory:import_template": E(
        get=R('EDITORS:office', 'EDITORS:district', 'EDITORS:commune', 'admin'),
        post=R('EDITORS:office', 'EDITORS:district', 'EDITORS:commune', 'admin', ok=405)),
    "territory:search": E(get=R('*'), post=R('*')),
    "territory:unit": E(
        get=R('office', 'standing', 'district', 'commune', 'cell', 'admin', hidden=('agency',)),
        post=R('office', 'standing', 'district', 'commune', 'cell', 'admin', hidden=('agency',))),
}

# --- Object parameters ------------------------------------------------------------------------

DISPATCH_OF = {"agency": "dispatch_agency", "commune": "dispatch_commune", "cell": "dispatch_cell"}


def dispatch_kind(user_key):
    return DISPATCH_OF.get(user_key.split(".")[0], "dispatch_district")


PARAMS = {
    "hamlet": lambda w, place, user: {"pk": w.pk("hamlet", place)},
    "election": lambda w, place, user: {"pk": w.pk("election", place)},
    "election_pk": lambda w, place, user: {"election_pk": w.pk("election", place)},
    "unit": lambda w, place, user: {"unit_id": w.pk("district", place)},
    "hamlet_election": lambda w, place, user: {"pk": w.pk("hamlet_election", place)},
    "hamlet_pk": lambda w, place, user: {"hamlet_pk": w.pk("hamlet_election", place)},
    "list": lambda w, place, user: {"pk": w.pk("list", place)},
    "nominee": lambda w, place, user: {"pk": w.pk("nominee", place)},
    "exception": lambda w, place, user: {"pk": w.pk("exception", place)},
    "complaint": lambda w, place, user: {"pk": w.pk("complaint", place)},
    "scan": lambda w, place, user: {"pk": w.pk("complaint", place), "scan_pk": w.pk("scan", place)},
    "complaint_action": lambda w, place, user: {"pk": w.pk("complaint", place), "action": "phan-loai"},
    "dispatch": lambda w, place, user: {"pk": w.pk(dispatch_kind(user), place)},
    "dispatch_file": lambda w, place, user: {"kind": "ke-hoach", "pk": w.pk(dispatch_kind(user), place)},
    "directive": lambda w, place, user: {"pk": w.pk("directive", place)},
    "directive_unit": lambda w, place, user: {"pk": w.pk("directive", place), "unit_pk": w.pk("district", place)},
    "difficulty": lambda w, place, user: {"pk": w.pk("difficulty", place)},
    "job": lambda w, place, user: {"pk": w.pk("job", place)},
}
# The object each URL takes (URL names without parameters are absent).
PARAM_OF = {
    "territory:unit": "hamlet",
    "elections:detail": "election", "elections:sync": "election",
    "elections:results_unit": "unit", "elections:results_export": "unit",
    **{f"elections:{n}": "hamlet_election" for n in ("result_detail", "result_milestones", "result_minutes",
                                                     "result_decision", "result_rerun", "result_acting_head")},
    **{f"candidates:{n}": "election_pk" for n in ("province", "province_export", "search")},
    **{f"candidates:{n}": "list" for n in ("list", "submit", "return", "accept", "template", "upload", "export")},
    "candidates:hamlet": "hamlet_election",
    "candidates:nominee_create": "hamlet_pk", "candidates:exception_request": "hamlet_pk",
    "candidates:nominee_edit": "nominee", "candidates:nominee_withdraw": "nominee",
    "candidates:exception_decide": "exception",
    "complaints:detail": "complaint", "complaints:identity": "complaint", "complaints:scan": "scan",
    "complaints:act": "complaint_action",
    **{f"directives:{n}": "dispatch" for n in ("dispatch", "acknowledge", "forward", "plan", "report",
                                               "raise_difficulty")},
    "directives:download": "dispatch_file",
    **{f"directives:{n}": "directive" for n in ("tracking", "fan_out", "overdue", "export")},
    "directives:unacknowledged": "directive_unit",
    "directives:difficulty": "difficulty",
    **{f"reports:{n}": "job" for n in ("job", "job_status", "retry", "download", "job_xlsx")},
}
# Valid POST data where a form would otherwise refuse the request before the permission check.
POST_DATA = {
    "directives:plan": {"text": "Kế hoạch triển khai."},
    "directives:report": {"text": "Báo cáo kết quả."},
    "directives:raise_difficulty": {"text": "Thiếu kinh phí tổ chức."},
    "candidates:exception_decide": {"decision": "approved", "decision_number": "12-QĐ/HU",
                                    "decision_date": "01/09/2024"},
    "candidates:return": {"reason": "Thiếu hồ sơ."},
}
# Kinds of object that belong to the whole province (the sibling district's is the same object).
PROVINCE_WIDE = {"election", "election_pk", "directive"}


def outside_place(user_key: str, params: str) -> str:
    """The place whose object lies outside the user's territory."""
    kind = user_key.split(".")[0]
    if kind in LOCAL and params not in PROVINCE_WIDE:
        return "sibling"
    return "foreign"


def hidden_places(user_key: str) -> tuple:
    """Places whose markers must never reach this user."""
    kind = user_key.split(".")[0]
    if user_key == "admin":
        return ()
    if kind in LOCAL or kind == "agency":
        return ("sibling", "foreign")
    return ("foreign",)


# --- The world ----------------------------------------------------------------------------------

@pytest.fixture(scope="module")
def world(django_db_setup, django_db_blocker, tmp_path_factory):
    media = tmp_path_factory.mktemp("matrix-media")
    with django_db_blocker.unblock(), override_settings(MEDIA_ROOT=media, PASSWORD_HASHERS=FAST_HASHER):
        atomic = transaction.atomic()
        atomic.__enter__()
        try:
            built = build_world()
            built.media = media
            yield built
        finally:
            transaction.set_rollback(True)
            atomic.__exit__(None, None, None)


@pytest.fixture(autouse=True)
def _media_root(settings, world):
    settings.MEDIA_ROOT = world.media
    settings.PASSWORD_HASHERS = FAST_HASHER


class Clients:
    def __init__(self, world):
        self.world, self.cache = world, {}

    def __call__(self, key):
        if key not in self.cache:
            client = Client()
            if key != "anonymous":
                client.force_login(self.world.users[key])
            self.cache[key] = client
        return self.cache[key]


def _record(row):
    with open(RECORD, "a", encoding="utf-8") as out:
        out.write(json.dumps(row, ensure_ascii=False) + "\n")


def _check_body(world, user_key, response, where):
    if response.streaming or response.get("Content-Type", "").split(";")[0] not in ("text/html", "application/json",
                                                                                    "text/plain"):
        return
    body = response.content.decode("utf-8", "replace")
    for place in hidden_places(user_key):
        for text in world.markers.get(place, ()):
            assert text not in body, f"{where}: {user_key} sees {place} object text {text!r}"


# --- The tests ---------------------------------------------------------------------------------

def test_every_url_has_expectations():
    missing = [name for name in PORTAL if name not in EXPECT]
    assert not missing, f"new page without access expectations: {missing}"
    assert not UNNAMED, f"unnamed URL patterns cannot be checked: {UNNAMED}"
    stale = [name for name in EXPECT if name not in PORTAL]
    assert not stale, f"expectations for URLs that no longer exist: {stale}"


@pytest.mark.parametrize("name", PORTAL)
def test_portal_url(name, world, db):
    spec = EXPECT.get(name)
    if spec is None and not RECORD:
        pytest.fail(f"new page without access expectations: {name}")
    params = PARAM_OF.get(name, "")
    clients = Clients(world)
    for method in ("get", "post"):
        rule = getattr(spec, method) if spec else None
        for user_key in USERS:
            places = ("own", outside_place(user_key, params)) if params else ("own",)
            for place in places:
                kwargs = PARAMS[params](world, place, user_key) if params else {}
                url = reverse(name, kwargs=kwargs)
                expected = rule.own(user_key) if place == "own" else rule.outside(user_key)
                client = clients(user_key)  # logged in outside the rolled-back block
                with transaction.atomic():
                    response = client.post(url, POST_DATA.get(name, {})) if method == "post" else client.get(url)
                    transaction.set_rollback(True)
                where = f"{method.upper()} {url} ({name}, {place})"
                if RECORD:
                    _record({"name": name, "method": method, "place": place, "user": user_key,
                             "status": response.status_code})
                else:
                    assert response.status_code in expected, (
                        f"{where} as {user_key}: {response.status_code}, expected {expected}")
                if response.status_code == 302 and user_key == "anonymous" and name != "set_language":
                    assert response["Location"].startswith(reverse("login")), where
                _check_body(world, user_key, response, where)


# --- The admin -----------------------------------------------------------------------------------

ADMIN_SUFFIXES = {
    "changelist": 200, "add": 200, "change": 200, "delete": 200, "history": 200, "simple_history": 200,
    "password_change": 200, "export": 200,
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
    "elections_hamletelection", "elections_hamlethead", "elections_meeting", "elections_milestone",
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
