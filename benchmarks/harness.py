"""The benchmark harness: connects to the benchmark database (BENCH_DATABASE_URL), sets Django up,
seeds the national data once (marker SEED_VERSION), and measures: median times, query counts, the
machine, the actors. Imported first by every benchmark module."""


import os
import platform
import statistics
import sys
import time
from pathlib import Path

DEFAULT_URL = "postgres://postgres@127.0.0.1:5432/truongap_bench"
SEED_VERSION = "national-1"
REPS = int(os.environ.get("BENCH_REPS", "15"))
RESULTS = Path(__file__).resolve().parent / "results.md"

os.environ["DATABASE_URL"] = os.environ.get("BENCH_DATABASE_URL", DEFAULT_URL)
os.environ.setdefault("TESTING", "1")
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import django  # noqa: E402

django.setup()

from django.conf import settings  # noqa: E402
from django.core.management import call_command  # noqa: E402
from django.db import connection  # noqa: E402

OUT: list[str] = []


def say(line: str = "") -> None:
    print(line, flush=True)
    OUT.append(line)


def median_time(fn, reps: int = REPS, warm: int = 2) -> float:
    for _ in range(warm):
        fn()
    times = []
    for _ in range(reps):
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def count_queries(fn) -> int:
    """How many statements `fn` sends to the database (an execute wrapper: no query log needed)."""
    seen = []

    def wrapper(execute, sql, params, many, context):
        seen.append(sql)
        return execute(sql, params, many, context)

    with connection.execute_wrapper(wrapper):
        fn()
    return len(seen)


# --- database -------------------------------------------------------------------------------


class _Lines:
    def write(self, text: str) -> None:
        print(text, flush=True)


def create_database_if_missing() -> None:
    """A fresh PostgreSQL server: create the benchmark database (connecting to `postgres`)."""
    import psycopg

    params = connection.get_connection_params()
    try:
        psycopg.connect(**params).close()
    except psycopg.OperationalError as exc:
        if "does not exist" not in str(exc):
            raise SystemExit(f"Không kết nối được PostgreSQL ({exc}). Đặt BENCH_DATABASE_URL="
                             "postgres://user:pass@host:5432/dbname rồi chạy lại `make bench`.") from exc
        name = params.pop("dbname")
        with psycopg.connect(**{**params, "dbname": "postgres"}, autocommit=True) as admin:
            admin.execute(f'CREATE DATABASE "{name}"')
        print(f"Đã tạo cơ sở dữ liệu {name}.")


def ensure_database() -> float | None:
    """Migrate, and seed the national data unless the marker says it is there. Returns the
    seeding time when it seeded."""
    create_database_if_missing()
    call_command("migrate", verbosity=0)
    with connection.cursor() as cursor:
        cursor.execute("CREATE TABLE IF NOT EXISTS bench_marker (version text PRIMARY KEY, seeded_s double precision)")
        cursor.execute("SELECT seeded_s FROM bench_marker WHERE version = %s", [SEED_VERSION])
        row = cursor.fetchone()
    if row:
        say(f"Dữ liệu quốc gia đã có (phiên bản {SEED_VERSION}); dùng lại.")
        return row[0]
    from demo.scale import seed

    say("Nạp dữ liệu quy mô quốc gia (vài phút)...")
    seconds = seed(scale="national", password=settings.DEMO_PASSWORD, stdout=_Lines())
    with connection.cursor() as cursor:
        cursor.execute("INSERT INTO bench_marker VALUES (%s, %s)", [SEED_VERSION, seconds])
    return seconds


def vacuum() -> None:
    """Fresh statistics and no dead rows (rolled-back runs leave them) before measuring."""
    with connection.cursor() as cursor:
        for table in ("directives_dispatch", "directives_historicaldispatch", "directives_directive",
                      "candidates_nominee", "candidates_historicalnominee", "territory_unit"):
            cursor.execute(f"VACUUM ANALYZE {table}")


def machine() -> list[str]:
    with connection.cursor() as cursor:
        cursor.execute("SHOW server_version")
        pg = cursor.fetchone()[0]
    mem = os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES") / 2**30
    return [f"- Date: {time.strftime('%Y-%m-%d %H:%M UTC', time.gmtime())}",
            f"- CPU: {os.cpu_count()} cores ({platform.machine()}), memory {mem:.1f} GiB",
            f"- PostgreSQL {pg}; Python {platform.python_version()}; Django {django.get_version()}",
            f"- Repetitions per figure: {REPS} (median, warm)"]


# --- actors ---------------------------------------------------------------------------------


def actors():
    from accounts.models import Role, User
    from elections.models import Election
    from territory.models import Level, Unit

    admin, _c = User.objects.get_or_create(username="bench.admin", defaults={"is_superuser": True, "is_staff": True})
    province = Unit.objects.get(level=Level.PROVINCE, code="82")
    office = (User.objects.filter(organisation__unit=province, organisation__kind="provincial_office",
                                  role__in=[Role.OFFICER, Role.LEADER]).order_by("username").first())
    central = User.objects.get(username="trunguong")
    election = Election.objects.get(province=province, is_active=True)
    return admin, office, central, province, election


def django_now():
    from django.utils import timezone

    return timezone.now().replace(second=0, microsecond=0)


