"""Back up and restore the portal: the database and the uploaded files (MEDIA_ROOT).

    python -m tools.backup backup [--dest backups]      -> backups/<timestamp>/
    python -m tools.backup restore backups/<timestamp>  (into the configured database and MEDIA_ROOT)

A backup folder holds `database.dump` (PostgreSQL: `pg_dump -Fc`) or `database.sqlite3` (SQLite:
the sqlite3 online backup API, consistent while the portal runs), `media.tar.gz`, and
`manifest.json` (row count of every table and the list of media files) to check a restore against.
The Fernet keys (FIELD_ENCRYPTION_KEYS) are NOT in a backup: keep them in the secret store; a
restore without them cannot read identities and citizen ID numbers.
"""

import argparse
import datetime as dt
import json
import os
import shutil
import sqlite3
import subprocess
import tarfile
from pathlib import Path
from urllib.parse import quote


def _pg_url(database: dict) -> str:
    user = quote(database.get("USER") or "")
    password = f":{quote(database['PASSWORD'])}" if database.get("PASSWORD") else ""
    auth = f"{user}{password}@" if user else ""
    return (f"postgresql://{auth}{database.get('HOST') or '127.0.0.1'}:{database.get('PORT') or 5432}/"
            f"{database['NAME']}")


def row_counts(connection) -> dict[str, int]:
    """Rows per table of a Django connection's database."""
    counts = {}
    with connection.cursor() as cursor:
        for table in sorted(connection.introspection.table_names(cursor)):
            cursor.execute(f"SELECT COUNT(*) FROM {connection.ops.quote_name(table)}")  # noqa: S608 - table names
            counts[table] = cursor.fetchone()[0]
    return counts


def media_files(media_root: Path) -> list[str]:
    if not media_root.exists():
        return []
    return sorted(str(p.relative_to(media_root)) for p in media_root.rglob("*") if p.is_file())


def backup(*, connection, media_root: Path, dest: Path) -> Path:
    """Write a backup of `connection`'s database and of `media_root` into a new folder under `dest`."""
    folder = dest / dt.datetime.now().strftime("%Y%m%d-%H%M%S-%f")
    folder.mkdir(parents=True)
    database = connection.settings_dict
    if connection.vendor == "postgresql":
        subprocess.run(["pg_dump", "-Fc", "--no-owner", "-f", str(folder / "database.dump"), "-d", _pg_url(database)],
                       check=True, capture_output=True)
    elif connection.vendor == "sqlite":
        connection.ensure_connection()
        target = sqlite3.connect(folder / "database.sqlite3")
        with target:
            connection.connection.backup(target)  # works for a file or an in-memory database
        target.close()
    else:
        raise SystemExit(f"Unsupported database: {connection.vendor}")
    with tarfile.open(folder / "media.tar.gz", "w:gz") as archive:
        if media_root.exists():
            archive.add(media_root, arcname=".")
    manifest = {"vendor": connection.vendor, "tables": row_counts(connection), "media": media_files(media_root),
                "created": dt.datetime.now().isoformat(timespec="seconds")}
    (folder / "manifest.json").write_text(json.dumps(manifest, indent=1, ensure_ascii=False), encoding="utf-8")
    return folder


def restore(*, source: Path, vendor: str, database: dict, media_root: Path) -> None:
    """Load a backup folder into `database` (a settings dict; its database must exist for
    PostgreSQL, it is replaced for SQLite) and unpack the media files into `media_root`."""
    if vendor == "postgresql":
        subprocess.run(["pg_restore", "--clean", "--if-exists", "--no-owner", "--exit-on-error",
                        "-d", _pg_url(database), str(source / "database.dump")], check=True, capture_output=True)
    elif vendor == "sqlite":
        target = Path(database["NAME"])
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(source / "database.sqlite3", target)
    else:
        raise SystemExit(f"Unsupported database: {vendor}")
    media_root.mkdir(parents=True, exist_ok=True)
    with tarfile.open(source / "media.tar.gz", "r:gz") as archive:
        archive.extractall(media_root, filter="data")  # refuses absolute paths and "..": no escape from MEDIA_ROOT


def main(argv=None) -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
    import django

    django.setup()
    from django.conf import settings
    from django.db import connection

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    commands = parser.add_subparsers(dest="command", required=True)
    make = commands.add_parser("backup")
    make.add_argument("--dest", default="backups")
    load = commands.add_parser("restore")
    load.add_argument("folder")
    args = parser.parse_args(argv)
    if args.command == "backup":
        folder = backup(connection=connection, media_root=Path(settings.MEDIA_ROOT), dest=Path(args.dest))
        print(f"Backup written to {folder}")
    else:
        source = Path(args.folder)
        manifest = json.loads((source / "manifest.json").read_text(encoding="utf-8"))
        connection.close()
        restore(source=source, vendor=manifest["vendor"], database=settings.DATABASES["default"],
                media_root=Path(settings.MEDIA_ROOT))
        restored = row_counts(connection)
        missing = [t for t, n in manifest["tables"].items() if restored.get(t) != n]
        print(f"Restored {source}: {len(manifest['tables'])} tables, {len(manifest['media'])} media files"
              + (f"; row counts differ in {missing}" if missing else ""))


if __name__ == "__main__":
    main()
