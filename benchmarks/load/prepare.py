"""Prepare a seeded database for the load run and print the sessions the simulated users use.

Run after `manage.py seed_demo` on the load database (see run.sh). It makes the afternoon
repeatable: every district list back to draft, every cell dispatch unacknowledged; it creates one
officer per cell for 200 cells and logs every simulated user in by creating its session directly,
so the run measures the portal's work rather than 211 PBKDF2 password checks at once.
Prints JSON: {"office": [...], "districts": [...], "cells": [...]} with sessionid and target ids.
"""

import json
import os
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")

import django  # noqa: E402

django.setup()

from django.conf import settings  # noqa: E402
from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY  # noqa: E402
from django.contrib.sessions.backends.db import SessionStore  # noqa: E402

from accounts.models import OrganisationKind, Role, User  # noqa: E402
from candidates.models import NomineeList  # noqa: E402
from directives.models import Dispatch  # noqa: E402

CELLS = int(os.environ.get("LOAD_CELLS", "200"))


def session_for(user) -> str:
    store = SessionStore()
    store[SESSION_KEY] = str(user.pk)
    store[BACKEND_SESSION_KEY] = settings.AUTHENTICATION_BACKENDS[-1]
    store[HASH_SESSION_KEY] = user.get_session_auth_hash()
    store.create()
    return store.session_key


def main():
    districts = []
    for user in User.objects.filter(username__regex=r"^huyen\d+\.canbo$").select_related("organisation").order_by(
            "username"):
        nominee_list = NomineeList.objects.filter(unit=user.organisation.unit).order_by("-election_id").first()
        if nominee_list is None:
            continue
        NomineeList.objects.filter(pk=nominee_list.pk).update(status="draft", submitted_at=None, content_hash="")
        districts.append({"username": user.username, "sessionid": session_for(user), "list": nominee_list.pk})
    dispatches = (Dispatch.objects.filter(organisation__kind=OrganisationKind.CELL, organisation__is_active=True)
                  .select_related("organisation").order_by("pk")[:CELLS])
    cells = []
    for dispatch in dispatches:
        org = dispatch.organisation
        user, _created = User.objects.get_or_create(
            username=f"tai.chibo{org.pk}", defaults={"organisation": org, "role": Role.OFFICER,
                                                    "first_name": "Bí thư", "last_name": org.name[:100]})
        Dispatch.objects.filter(pk=dispatch.pk).update(acknowledged_at=None, acknowledged_by=None)
        cells.append({"username": user.username, "sessionid": session_for(user), "dispatch": dispatch.pk})
    office = [{"username": u.username, "sessionid": session_for(u)}
              for u in User.objects.filter(username__in=["vanphong", "vanphong.lanhdao"])]
    print(json.dumps({"office": office, "districts": districts, "cells": cells}))
    print(f"{len(districts)} districts, {len(cells)} cells, {len(office)} office users", file=sys.stderr)


if __name__ == "__main__":
    main()
