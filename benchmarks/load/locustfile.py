"""The province's busy afternoon (issue 9): 11 district officers download, upload and submit their
nominee lists, 200 party cells acknowledge a directive, the provincial office watches the dashboard.

Run with `make load` (run.sh: gunicorn + PostgreSQL + Redis on 127.0.0.1, bounded run time).
Sessions come from prepare.py (LOAD_SESSIONS, a JSON file). Any status >= 400 counts as an error.
"""

import json
import os
import re
from itertools import count
from pathlib import Path

from locust import HttpUser, between, task

SESSIONS = json.loads(Path(os.environ.get("LOAD_SESSIONS", "benchmarks/load/out/sessions.json")).read_text("utf-8"))
_district_ids, _cell_ids, _office_ids = count(), count(), count()
TOKEN = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')


class PortalUser(HttpUser):
    abstract = True
    pool = "office"
    ids = _office_ids

    def on_start(self):
        people = SESSIONS[self.pool]
        self.person = people[next(self.ids) % len(people)]
        self.client.cookies.set("sessionid", self.person["sessionid"])
        self.token = ""

    def page(self, url, name):
        """GET a page; keep the CSRF token it carries for the next POST."""
        response = self.client.get(url, name=name)
        found = TOKEN.search(response.text or "")
        if found:
            self.token = found.group(1)
        return response

    def post(self, url, name, data=None, files=None):
        return self.client.post(url, name=name, data={"csrfmiddlewaretoken": self.token, **(data or {})},
                                files=files, headers={"X-CSRFToken": self.token, "Referer": self.host + url})


class DistrictOfficer(PortalUser):
    """Downloads the template, uploads it back filled, looks at the list, and submits it once."""

    weight, fixed_count = 0, 11
    pool, ids = "districts", _district_ids
    wait_time = between(2, 6)

    @task(4)
    def upload(self):
        list_pk = self.person["list"]
        self.page(f"/nhan-su/danh-sach/{list_pk}/", "district list")
        template = self.client.get(f"/nhan-su/danh-sach/{list_pk}/mau.xlsx", name="template .xlsx")
        self.page(f"/nhan-su/danh-sach/{list_pk}/tai-len/", "upload page")
        self.post(f"/nhan-su/danh-sach/{list_pk}/tai-len/", "upload .xlsx",
                  files={"file": ("danh-sach.xlsx", template.content,
                                  "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")})

    @task(1)
    def submit(self):
        list_pk = self.person["list"]
        self.page(f"/nhan-su/danh-sach/{list_pk}/", "district list")
        self.post(f"/nhan-su/danh-sach/{list_pk}/gui/", "submit list")


class CellSecretary(PortalUser):
    """Opens the incoming directive and acknowledges it."""

    weight, fixed_count = 0, 200
    pool, ids = "cells", _cell_ids
    wait_time = between(5, 15)

    @task
    def acknowledge(self):
        dispatch = self.person["dispatch"]
        self.page("/van-ban/", "inbox")
        self.page(f"/van-ban/nhan/{dispatch}/", "dispatch")
        self.post(f"/van-ban/nhan/{dispatch}/xac-nhan/", "acknowledge")


class Office(PortalUser):
    """Watches the dashboard refresh and the province's nomination page."""

    weight, fixed_count = 0, 1
    wait_time = between(1, 3)

    @task(3)
    def dashboard(self):
        self.page("/bao-cao/tong-quan/", "dashboard")
        self.client.get("/bao-cao/tong-quan/so-lieu/", name="dashboard figures", headers={"HX-Request": "true"})

    @task(1)
    def nomination(self):
        self.page("/nhan-su/", "nomination")

