"""A wrong FIELD_ENCRYPTION_KEYS is found at start-up (system check accounts.E001) and on /healthz,
not as 500 pages on the nominee and identity screens."""

import json

import pytest
from cryptography.fernet import Fernet
from django.core import checks

from accounts.checks import encrypted_columns
from tests.reports.conftest import add_campaign, nominate
from tests.trees import build_tree


def _errors(databases=None):
    return [m for m in checks.run_checks(tags=["encryption"], databases=databases) if m.id == "accounts.E001"]


@pytest.fixture
def stored(db, settings):
    """A nominee whose citizen ID was encrypted with the keys in use."""
    tree = build_tree()
    tree.election = add_campaign(tree)
    nominate(tree, 0)
    return list(settings.FIELD_ENCRYPTION_KEYS)


def test_every_encrypted_column_is_found_without_importing_the_apps_above():
    columns = set(encrypted_columns())
    assert ("candidates_nominee", "citizen_id") in columns
    assert {"name", "address", "phone", "id_number"} <= {c for t, c in columns if t == "complaints_complainantidentity"}


def test_a_malformed_key_is_a_start_up_error(settings):
    settings.FIELD_ENCRYPTION_KEYS = ["not-a-fernet-key"]
    errors = _errors()
    assert len(errors) == 1 and "malformed" in errors[0].msg and "not-a-fernet-key" not in errors[0].msg


def test_keys_that_open_the_stored_rows_pass(stored):
    assert _errors(databases=["default"]) == []


def test_a_replaced_key_is_an_error_naming_the_column_and_healthz_says_so(stored, settings, client):
    settings.FIELD_ENCRYPTION_KEYS = [Fernet.generate_key().decode()]
    errors = _errors(databases=["default"])
    assert any("candidates_nominee.citizen_id" in e.msg for e in errors)
    response = client.get("/healthz")
    body = json.loads(response.content)
    assert response.status_code == 503 and body["encryption"].startswith("error")
    assert body["database"] == "ok"


def test_a_new_key_put_first_during_a_rotation_still_opens_the_rows(stored, settings, client):
    settings.FIELD_ENCRYPTION_KEYS = [Fernet.generate_key().decode(), *stored]
    assert _errors(databases=["default"]) == []
    assert json.loads(client.get("/healthz").content)["encryption"] == "ok"


def test_without_the_database_only_the_key_format_is_checked(stored, settings):
    settings.FIELD_ENCRYPTION_KEYS = [Fernet.generate_key().decode()]
    assert _errors() == []
