"""The access matrix: every URL of the portal, as every role, for objects inside and outside the
user's territory, with GET and POST.

The URLs come from the URL configuration itself (admin included): a page whose name is missing
from EXPECT fails `test_every_url_has_expectations`, so a new page cannot ship without its access
rules. For each URL name and method, EXPECT says who may use it and with which status; everyone
else gets 403 (or 404 when the object is hidden first), anonymous users are sent to the login
page, and an object outside the user's territory answers 404. No response to a user may contain
the marker text planted in an object outside that user's territory, and a refusal (403, 404) never
names the object it refuses. VARIANTS opens some pages again with other objects (a province's or a
commune's results, a cell's dispatch opened from above).

Set MATRIX_RECORD=/path.jsonl to write the statuses seen instead of asserting (to review a change).
"""

import json
import os

import pytest
from django.db import transaction
from django.urls import reverse

from tests.access.discovery import PORTAL, UNNAMED
from tests.access.expectations import EXPECT, VARIANTS
from tests.access.objects import PARAM_OF, PARAMS, POST_DATA, hidden_places, outside_place
from tests.access.rules import USERS
from tests.access.world import Clients

RECORD = os.environ.get("MATRIX_RECORD")


def _record(row):
    with open(RECORD, "a", encoding="utf-8") as out:
        out.write(json.dumps(row, ensure_ascii=False) + "\n")


def _check_body(world, user_key, response, where, place):
    if response.streaming or response.get("Content-Type", "").split(";")[0] not in ("text/html", "application/json",
                                                                                    "text/plain"):
        return
    body = response.content.decode("utf-8", "replace")
    for hidden in hidden_places(user_key):
        for text in world.markers.get(hidden, ()):
            assert text not in body, f"{where}: {user_key} sees {hidden} object text {text!r}"
    if response.status_code in (403, 404):  # a refusal does not name the object it refuses
        # (the page's frame names the user's own organisation, e.g. a cell named after its hamlet: only
        # the refusal itself, inside <main>, is searched)
        refusal = body.split("<main", 1)[-1].split("</main>", 1)[0]
        for text in world.own_names if place == "own" else world.markers.get(place, ()):
            assert text not in refusal, f"{where}: the refusal to {user_key} names {text!r}"


def _walk(world, name, spec, params):
    """Every method, user and place of one URL name taking objects of kind `params`."""
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
                where = f"{method.upper()} {url} ({name}, {params or '-'}, {place})"
                if RECORD:
                    _record({"name": name, "params": params, "method": method, "place": place, "user": user_key,
                             "status": response.status_code})
                else:
                    assert response.status_code in expected, (
                        f"{where} as {user_key}: {response.status_code}, expected {expected}")
                if response.status_code == 302 and user_key == "anonymous" and name != "set_language":
                    assert response["Location"].startswith(reverse("login")), where
                _check_body(world, user_key, response, where, place)


# --- The tests ---------------------------------------------------------------------------------

def test_every_url_has_expectations():
    missing = [name for name in PORTAL if name not in EXPECT]
    assert not missing, f"new page without access expectations: {missing}"
    assert not UNNAMED, f"unnamed URL patterns cannot be checked: {UNNAMED}"
    stale = [name for name in EXPECT if name not in PORTAL]
    assert not stale, f"expectations for URLs that no longer exist: {stale}"
    stale = [name for name, _ in VARIANTS if name not in PORTAL]
    assert not stale, f"variants for URLs that no longer exist: {stale}"


@pytest.mark.parametrize("name", PORTAL)
def test_portal_url(name, world, db):
    spec = EXPECT.get(name)
    if spec is None and not RECORD:
        pytest.fail(f"new page without access expectations: {name}")
    _walk(world, name, spec, PARAM_OF.get(name, ""))


@pytest.mark.parametrize(("name", "params"), list(VARIANTS), ids=[f"{n}-{p}" for n, p in VARIANTS])
def test_portal_url_with_other_objects(name, params, world, db):
    _walk(world, name, VARIANTS[(name, params)], params)
