"""On PostgreSQL, compare materialised paths byte by byte (COLLATE "C"): a subtree filter
`path LIKE '/1/5/%'` then becomes a range on the ordinary path index, the same index that orders
a list by path, so a scoped list page reads only its own subtree (see benchmarks/results.md).
The model is unchanged (SQLite has no such collation and needs none)."""

from django.db import migrations

FORWARD = 'ALTER TABLE territory_unit ALTER COLUMN path TYPE varchar(255) COLLATE "C"'
BACKWARD = "ALTER TABLE territory_unit ALTER COLUMN path TYPE varchar(255) COLLATE \"default\""


def forward(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(FORWARD)


def backward(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(BACKWARD)


class Migration(migrations.Migration):
    dependencies = [("territory", "0001_initial")]

    operations = [migrations.RunPython(forward, backward, elidable=False)]
