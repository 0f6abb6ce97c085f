"""Start-up checks of the encryption keys (FIELD_ENCRYPTION_KEYS): a malformed key, or keys that no
longer open the rows already stored, are found at start-up and on /healthz, not as 500 pages on the
nominee and identity screens days later.

The encrypted columns are found by field type across every installed model, so this app needs to
know none of the apps above it.
"""

from django.apps import apps
from django.core import checks
from django.core.exceptions import ImproperlyConfigured
from django.db import DatabaseError, connection

from .crypto import EncryptedTextField, fernet, is_token


def encrypted_columns() -> list[tuple[str, str]]:
    return [(model._meta.db_table, field.column) for model in apps.get_models()
            for field in model._meta.concrete_fields if isinstance(field, EncryptedTextField)]


def _sample(table: str, column: str) -> str | None:
    """One stored (still encrypted) value of the column, read raw, so the field does not decrypt it."""
    quote = connection.ops.quote_name
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT {quote(column)} FROM {quote(table)} WHERE {quote(column)} <> '' LIMIT 1")  # noqa: S608 — names from the model registry
        row = cursor.fetchone()
    return row[0] if row else None


def key_problems(*, sample_rows: bool = True) -> list[str]:
    """What is wrong with the keys: malformed or missing keys; with `sample_rows`, each encrypted
    column whose stored sample none of the keys decrypts. Never echoes a key or a value."""
    try:
        fernet()
    except ImproperlyConfigured as exc:
        return [str(exc)]
    if not sample_rows:
        return []
    problems = []
    for table, column in encrypted_columns():
        try:
            value = _sample(table, column)
        except DatabaseError:
            return []  # no database (yet): the database check reports that, not this one
        if value and not is_token(value):
            problems.append(f"No key in FIELD_ENCRYPTION_KEYS decrypts the stored {table}.{column} "
                            "(a key was replaced or dropped before `rotate_identity_keys` ran?).")
    return problems


@checks.register(checks.Tags.security, "encryption")
def check_encryption_keys(app_configs=None, databases=None, **kwargs):
    """accounts.E001: the keys are malformed, or (when the check is given the database, as `migrate`
    and `check --database default` do, and at every web process start) do not open the stored rows."""
    return [checks.Error(problem, hint="Set FIELD_ENCRYPTION_KEYS to the keys the data was encrypted with, "
                         "newest first.", id="accounts.E001")
            for problem in key_problems(sample_rows=bool(databases))]
