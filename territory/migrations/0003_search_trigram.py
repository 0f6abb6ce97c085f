"""On PostgreSQL, a trigram index for the accent-free name search (`search_name LIKE '%key%'`),
which a B-tree cannot serve: at national scale (~110,000 units) the search no longer reads the
whole table (see benchmarks/results.md). Needs the pg_trgm extension (bundled with PostgreSQL)."""

from django.db import migrations

FORWARD = [
    "CREATE EXTENSION IF NOT EXISTS pg_trgm",
    "CREATE INDEX IF NOT EXISTS unit_search_trgm ON territory_unit USING gin (search_name gin_trgm_ops)",
]
BACKWARD = ["DROP INDEX IF EXISTS unit_search_trgm"]


def forward(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        for sql in FORWARD:
            schema_editor.execute(sql)


def backward(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        for sql in BACKWARD:
            schema_editor.execute(sql)


class Migration(migrations.Migration):
    dependencies = [("territory", "0002_path_collation_c")]

    operations = [migrations.RunPython(forward, backward, elidable=False)]
