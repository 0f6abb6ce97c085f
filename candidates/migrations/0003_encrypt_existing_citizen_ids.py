"""Encrypt the citizen ID numbers stored in clear before 0002 (and decrypt them on the way back).

Raw SQL on purpose: the model field now decrypts on load, so plaintext rows cannot be read through
the ORM. Rows already holding a token are left alone, so the migration can run more than once.
"""

from django.db import migrations

TABLES = ("candidates_nominee", "candidates_historicalnominee")


def _convert(schema_editor, forward: bool) -> None:
    from accounts.crypto import decrypt, encrypt, is_token

    connection = schema_editor.connection
    quote = connection.ops.quote_name
    with connection.cursor() as cursor:
        for table in TABLES:
            key = "history_id" if "historical" in table else "id"
            cursor.execute(f"SELECT {quote(key)}, citizen_id FROM {quote(table)}")  # noqa: S608 - constant names
            for pk, value in cursor.fetchall():
                if not value:
                    continue
                tokenised = is_token(value)
                if forward and not tokenised:
                    new = encrypt(value)
                elif not forward and tokenised:
                    new = decrypt(value)
                else:
                    continue
                cursor.execute(f"UPDATE {quote(table)} SET citizen_id = %s WHERE {quote(key)} = %s",  # noqa: S608
                               [new, pk])


def encrypt_plaintext(apps, schema_editor):
    _convert(schema_editor, forward=True)


def decrypt_tokens(apps, schema_editor):
    _convert(schema_editor, forward=False)


class Migration(migrations.Migration):
    dependencies = [("candidates", "0002_citizen_id_encrypted")]

    operations = [migrations.RunPython(encrypt_plaintext, decrypt_tokens)]
