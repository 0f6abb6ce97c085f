"""The blind index of every nominee's citizen ID (one person, one nomination per campaign).

The ID is decrypted through the field (FIELD_ENCRYPTION_KEYS) and hashed with `accounts.crypto.blind_index`
after the same normalisation as `candidates.models.normalise_citizen_id` (copied here: a migration must
not change when the model module does). Going back drops the column, so the reverse needs no work.
"""

import unicodedata

from django.db import migrations, models


def fill_index(apps, schema_editor):
    from accounts.crypto import blind_index

    nominees = apps.get_model("candidates", "Nominee").objects.using(schema_editor.connection.alias)
    for pk, citizen_id in list(nominees.values_list("pk", "citizen_id")):
        normalised = "".join(unicodedata.normalize("NFKC", citizen_id or "").split())
        nominees.filter(pk=pk).update(citizen_id_index=blind_index(normalised) if normalised else "")


class Migration(migrations.Migration):

    dependencies = [
        ("candidates", "0003_encrypt_existing_citizen_ids"),
    ]

    operations = [
        migrations.AddField(
            model_name="nominee",
            name="citizen_id_index",
            field=models.CharField(blank=True, db_index=True, editable=False, max_length=64),
        ),
        migrations.RunPython(fill_index, migrations.RunPython.noop),
    ]
