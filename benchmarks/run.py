"""`make bench`: measure the portal at national and province scale against PostgreSQL.

    BENCH_DATABASE_URL=postgres://user:pass@host:5432/dbname make bench

The database is created and seeded once (`seed_demo --scale national`, several minutes) and
reused while its version marker matches this file's SEED_VERSION. Every figure is a ratio to a
reference measured in the same run, so it holds on a noisy machine. Results go to stdout and to
benchmarks/results.md.
"""

import io
import os
import platform
import resource
import statistics
import sys
import time
import tracemalloc
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
from django.db import connection, transaction  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import override_settings, setup_test_environment  # noqa: E402

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
    from territory.scale import seed

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


# --- (a) pages ------------------------------------------------------------------------------


def page_urls(province, election):
    from candidates.models import NomineeList
    from directives.models import Directive

    nominee_list = NomineeList.objects.filter(election=election).order_by("pk").first()
    directive = Directive.objects.filter(owner__unit=province).order_by("pk").first()
    return [
        ("Dashboard (tổng quan)", "/bao-cao/tong-quan/"),
        ("Territory: province page", f"/dia-ban/{province.pk}/"),
        ("Territory: search, common word", "/dia-ban/tim-kiem/?q=tan"),
        ("Territory: search, selective", "/dia-ban/tim-kiem/?q=ninh+kieu"),
        ("Campaigns", "/bau-cu/"),
        ("Campaign detail", f"/bau-cu/{election.pk}/"),
        ("Results: province", f"/bau-cu/ket-qua/don-vi/{province.pk}/"),
        ("Nominees: province", f"/nhan-su/dot/{election.pk}/"),
        ("Nominees: one district list", f"/nhan-su/danh-sach/{nominee_list.pk}/"),
        ("Complaints queue", "/don-thu/"),
        ("Complaints overview", "/don-thu/tong-hop/"),
        ("Directives list", "/van-ban/danh-sach/"),
        ("Directive tracking", f"/van-ban/{directive.pk}/"),
        ("Report archive", "/bao-cao/"),
    ]


def bench_pages(office, central, admin, province, election) -> dict:
    say("\n## (a) Pages: median server time against the framework floor\n")
    say("Floor: a bare view behind the same middleware that runs one query and renders a small template.")
    say("Province scale: an officer of the Tiền Giang office (sees ~1,000 hamlets) on the national database. "
        "National scale: the central commission (Ban Tổ chức Trung ương) or, where its role has no access "
        "to a page, an administrator; both see all ~100,000 hamlets.\n")
    results = {}
    with override_settings(ROOT_URLCONF="benchmarks.urls", DEBUG=False):
        for label, user in (("province", office), ("national", central)):
            client = Client()
            client.force_login(user)
            admin_client = Client()
            admin_client.force_login(admin)
            floor = median_time(lambda c=client: c.get("/__bench_floor__/"))
            say(f"### {label.capitalize()} scale (floor {floor * 1000:.1f} ms)\n")
            say("| Page | HTTP | ms | × floor | queries |")
            say("|---|---|---|---|---|")
            for name, url in page_urls(province, election):
                c = client
                if c.get(url).status_code in (403, 404) and label == "national":
                    c = admin_client
                status = c.get(url).status_code
                queries = count_queries(lambda c=c, url=url: c.get(url))
                seconds = median_time(lambda c=c, url=url: c.get(url), reps=max(5, REPS // 2 if label == "national"
                                                                              else REPS))
                who = "" if c is client else " (admin)"
                say(f"| {name}{who} | {status} | {seconds * 1000:.1f} | {seconds / floor:.1f} | {queries} |")
                results[(label, name)] = (seconds / floor, queries, status)
            say()
    return results


# --- (b) report -----------------------------------------------------------------------------


def bench_report(province) -> dict:
    from weasyprint import HTML

    from reports.models import ReportJob
    from reports.pdf import render_html, render_pdf
    from reports.selectors import report_data
    from reports.services import _Reader

    say("\n## (b) Progress report of a province: gathering + PDF against WeasyPrint alone\n")
    job = ReportJob(unit=province, as_of=django_now())
    reader = _Reader(province)

    def whole():
        data = report_data(user=reader, as_of=job.as_of, root=province)
        return render_pdf(job=job, data=data)

    data = report_data(user=reader, as_of=job.as_of, root=province)
    html = render_html(job=job, data=data)

    def floor():
        return HTML(string=html, base_url=str(settings.BASE_DIR)).render().write_pdf()

    reps = max(3, REPS // 3)
    t_floor = median_time(floor, reps=reps, warm=1)
    t_gather = median_time(lambda: report_data(user=reader, as_of=job.as_of, root=province), reps=reps, warm=1)
    t_whole = median_time(whole, reps=reps, warm=1)
    tracemalloc.start()
    pdf = whole()
    _cur, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    say("| Figure | Value |")
    say("|---|---|")
    say(f"| Pending hamlets listed in the appendix | {len(data.pending_hamlets)} |")
    say(f"| WeasyPrint alone on the final HTML (floor) | {t_floor:.2f} s |")
    say(f"| Data gathering alone | {t_gather:.3f} s |")
    say(f"| Gathering + HTML + PDF | {t_whole:.2f} s |")
    say(f"| **Ratio to the renderer's floor** | **{t_whole / t_floor:.2f}×** |")
    say(f"| PDF size | {len(pdf) / 1024:.0f} KiB |")
    say(f"| Peak Python allocations during one generation (tracemalloc) | {peak / 2**20:.0f} MiB |")
    say(f"| Peak resident memory of the benchmark process so far (ru_maxrss) | {rss:.0f} MiB |")
    return {"ratio": t_whole / t_floor, "floor": t_floor, "whole": t_whole}


def bench_national_report() -> dict:
    from reports.national import national_pdf

    say("\n## (b) National report by province\n")
    tracemalloc.start()
    start = time.perf_counter()
    pdf, rows = national_pdf()
    seconds = time.perf_counter() - start
    _cur, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    say("| Figure | Value | Goal |")
    say("|---|---|---|")
    say(f"| Provinces summarised | {rows} | 63 |")
    say(f"| Gathering + PDF | {seconds:.2f} s | ≤ 60 s |")
    say(f"| Peak Python allocations (tracemalloc) | {peak / 2**20:.0f} MiB | ≤ 1024 MiB |")
    say(f"| Peak resident memory of the process so far | {rss:.0f} MiB | ≤ 1024 MiB |")
    say(f"| PDF size | {len(pdf) / 1024:.0f} KiB | |")
    return {"seconds": seconds, "peak": peak}


# --- (c) import -----------------------------------------------------------------------------


def bench_import(admin, election) -> dict:
    import openpyxl
    from django.db.models import Count

    from candidates.imports import COLUMNS, import_nominees
    from candidates.models import Nominee, NomineeList
    from candidates.selectors import hamlet_elections_of_list
    from elections.models import HamletElection

    say("\n## (c) Nominee import of a 1,000-row .xlsx against openpyxl reading the file\n")
    # The list with the most hamlets in the country (500 in this data); its nominees are removed
    # inside the rolled-back transaction so that the 1,000 rows (two per hamlet) are all new.
    biggest = (HamletElection.objects.values("hamlet__district").annotate(n=Count("pk")).order_by("-n").first())
    nominee_list = NomineeList.objects.get(unit_id=biggest["hamlet__district"])
    hes = list(hamlet_elections_of_list(nominee_list).select_related("hamlet", "hamlet__commune")
               .order_by("hamlet__path"))
    book = openpyxl.Workbook()
    sheet = book.active
    keys = ["hamlet_code", "commune", "hamlet", "full_name", "gender", "date_of_birth", "citizen_id",
            "is_party_member", "is_cell_secretary", "political_theory"]
    sheet.append([COLUMNS[k][0] for k in keys])
    for i in range(1000):
        he = hes[(i // 2) % len(hes)]
        sheet.append([he.hamlet.code or str(he.hamlet.pk), he.hamlet.commune.name,
                      he.hamlet.name, f"Nguyễn Văn Nhập {i:04d}", "Nam", "12/03/1980",
                      f"0820{80:02d}{900000 + i:06d}", "Không", "Không", "Không"])
    buffer = io.BytesIO()
    book.save(buffer)
    data = buffer.getvalue()

    def read():
        wb = openpyxl.load_workbook(io.BytesIO(data), read_only=True, data_only=True)
        return sum(1 for _row in wb.active.iter_rows(values_only=True))

    outcome = {}

    def run():
        with transaction.atomic():  # a savepoint inside the outer transaction below
            upload = io.BytesIO(data)
            upload.name = "de-cu.xlsx"
            try:
                outcome["result"] = import_nominees(nominee_list=nominee_list, source=upload, by=admin)
            except Exception as exc:  # noqa: BLE001 - reported in the results
                outcome["error"] = exc
            transaction.set_rollback(True)

    reps = max(3, REPS // 3)
    t_read = median_time(read, reps=reps, warm=1)
    with transaction.atomic():
        Nominee.objects.filter(nominee_list=nominee_list).delete()
        NomineeList.objects.filter(pk=nominee_list.pk).update(status="draft")
        nominee_list.refresh_from_db()
        t_import = median_time(run, reps=reps, warm=1)
        transaction.set_rollback(True)
    detail = (f"{outcome['result'].counts()}" if "result" in outcome
              else f"refused: {getattr(outcome.get('error'), 'errors', outcome.get('error'))!s:.300}")
    say("| Figure | Value |")
    say("|---|---|")
    say(f"| Rows | 1000 (list {nominee_list.unit.name}, {len(hes)} hamlets) |")
    say(f"| Outcome (rolled back after each run) | {detail} |")
    say(f"| openpyxl read alone (floor) | {t_read:.3f} s |")
    say(f"| Whole import | {t_import:.3f} s |")
    say(f"| **Ratio** | **{t_import / t_read:.2f}×** |")
    return {"ratio": t_import / t_read}


# --- (d) fan-out ----------------------------------------------------------------------------


def bench_fan_out() -> dict:
    import datetime

    from accounts.models import Organisation, OrganisationKind, User
    from directives.models import Depth, Directive, DirectiveType, Dispatch, Duties
    from directives.services import directive_dispatch, directive_fan_out, directive_register

    say("\n## (d) A directive deployed to every cell of the country against PostgreSQL COPY\n")
    offices = list(Organisation.objects.filter(kind=OrganisationKind.PROVINCIAL_OFFICE).select_related("unit"))
    clerks = {u.organisation_id: u for u in User.objects.filter(organisation__in=offices,
                                                                 role__in=["officer", "leader"])}
    counts = {}

    def fan_out():
        total = 0
        for office in offices:
            by = clerks[office.pk]
            directive = directive_register(
                by=by, owner=office, number="9999-CV/BENCH", kind=DirectiveType.OFFICIAL_LETTER,
                issued_on=datetime.date(2024, 8, 1), issuer="Benchmark", summary="Benchmark", body="Benchmark",
                duties=Duties.ADDRESSEES, ack_within_days=3, depth=Depth.CELLS)
            districts = Organisation.objects.filter(kind=OrganisationKind.DISTRICT_COMMITTEE,
                                                    unit__province=office.unit)
            directive_dispatch(directive=directive, recipients=list(districts), by=by)
            total += directive_fan_out(directive=directive, by=by)
        counts["rows"] = Dispatch.objects.filter(directive__number="9999-CV/BENCH").count()
        counts["fan_out"] = total

    start = time.perf_counter()
    with transaction.atomic():
        fan_out()
        transaction.set_rollback(True)
    t_fan = time.perf_counter() - start
    rows = counts["rows"]
    # Reference: COPY of as many dispatch rows, and as many history rows (fan-out writes both),
    # into the real tables (same indexes, constraints and WAL), for a fresh directive; rolled back.
    template = Directive.objects.order_by("pk").first()
    org_ids = list(Organisation.objects.filter(kind__in=["district_committee", "commune_committee", "cell"])
                   .order_by("pk").values_list("pk", flat=True)[:rows])
    with transaction.atomic():
        template.pk = None
        template.number = "9998-CV/BENCH"
        template.save()
        start = time.perf_counter()
        with connection.cursor() as cursor:
            with cursor.cursor.copy("COPY directives_dispatch (directive_id, organisation_id, delivered_at, ack_due, "
                                    "plan_text, plan_file, plan_file_name, report_text, report_file, "
                                    "report_file_name) FROM STDIN") as copy:
                for org in org_ids:
                    copy.write_row((template.pk, org, "2024-08-01 00:00:00+00", "2024-08-04", "", "", "", "", "",
                                    ""))
            with cursor.cursor.copy("COPY directives_historicaldispatch (id, directive_id, organisation_id, "
                                    "delivered_at, ack_due, plan_text, plan_file, plan_file_name, report_text, "
                                    "report_file, report_file_name, history_date, history_type) FROM STDIN") as copy:
                for n, org in enumerate(org_ids):
                    copy.write_row((n, template.pk, org, "2024-08-01 00:00:00+00", "2024-08-04", "", "", "", "", "",
                                    "", "2024-08-01 00:00:00+00", "+"))
        t_copy = time.perf_counter() - start
        transaction.set_rollback(True)
    say("| Figure | Value |")
    say("|---|---|")
    say(f"| Provinces | {len(offices)} |")
    say(f"| Dispatches created (committees and cells) | {rows} |")
    say(f"| Fan-out service, all provinces (register, send, fan out, history) | {t_fan:.2f} s |")
    say(f"| COPY of as many dispatch rows and history rows (floor) | {t_copy:.2f} s |")
    say(f"| **Ratio** | **{t_fan / t_copy:.2f}×** |")
    return {"ratio": t_fan / t_copy, "rows": rows}


# --- (e) scoping ----------------------------------------------------------------------------


def bench_scoping(office, admin) -> dict:
    from accounts.scoping import restrict
    from candidates.models import Nominee
    from directives.models import Dispatch
    from territory.models import Level, Unit

    say("\n## (e) The scoping helper on the largest lists: scoped against unscoped\n")
    say("Each query is what a list page runs: the count and the first page of 50 rows in the model's "
        "default order. Scoped: "
        "`restrict(...)` for the Tiền Giang office (a path prefix). Unscoped: the same query for an "
        "administrator (no filter) and, for comparison, filtered by the province foreign key.\n")
    province_id = office.organisation.unit_id
    cases = [
        ("Hamlets", Unit.objects.filter(level=Level.HAMLET), None, "province_id"),
        ("Nominees", Nominee.objects.all(), "hamlet_election__hamlet", "hamlet_election__hamlet__province_id"),
        ("Dispatches", Dispatch.objects.all(), "organisation__unit", "organisation__unit__province_id"),
    ]
    say("| List | scoped ms | unscoped ms | **scoped ÷ unscoped** | by-FK ms |")
    say("|---|---|---|---|---|")
    ratios = {}
    for name, qs, via, fk in cases:
        def page(q):
            return q.count(), list(q[:50])
        scoped = median_time(lambda qs=qs, via=via: page(restrict(qs, office, via=via)))
        unscoped = median_time(lambda qs=qs, via=via: page(restrict(qs, admin, via=via)))
        by_fk = median_time(lambda qs=qs, fk=fk: page(qs.filter(**{fk: province_id})))
        say(f"| {name} | {scoped * 1000:.1f} | {unscoped * 1000:.1f} | **{scoped / unscoped:.2f}×** | "
            f"{by_fk * 1000:.1f} |")
        ratios[name] = scoped / unscoped
    return ratios


def explain(sql_label: str, queryset) -> None:
    with connection.cursor() as cursor:
        sql, params = queryset.query.sql_with_params()
        cursor.execute("EXPLAIN (ANALYZE, BUFFERS OFF, TIMING OFF) " + sql, params)
        plan = "\n".join(r[0] for r in cursor.fetchall())
    say(f"\n**{sql_label}**\n\n```\n{plan}\n```")


def django_now():
    from django.utils import timezone

    return timezone.now().replace(second=0, microsecond=0)


def main() -> None:
    import logging

    from django.core import signals
    from django.db import close_old_connections

    for name in ("weasyprint", "axes", "django.request", "fontTools"):
        logging.getLogger(name).setLevel(logging.ERROR)
    # As in Django's test runner: keep the one connection across requests (no reconnect per request).
    signals.request_started.disconnect(close_old_connections)
    signals.request_finished.disconnect(close_old_connections)
    setup_test_environment()
    settings.ALLOWED_HOSTS = ["*"]
    say("# Benchmarks")
    say()
    say("Generated by `make bench` (benchmarks/run.py). Every figure is a ratio to a reference measured in the "
        "same run.")
    say()
    seeded = ensure_database()
    say()
    from territory.models import Level, Unit

    counts = {lvl.label: Unit.objects.filter(level=lvl).count() for lvl in Level}
    say("## Machine and data\n")
    OUT.extend(machine())
    for line in machine():
        print(line)
    say(f"- Data: {', '.join(f'{n} {k.lower()}' for k, n in counts.items())}; national seeding took "
        f"{seeded:.0f} s (`seed_demo --scale national`)" if seeded else "")
    vacuum()
    admin, office, central, province, election = actors()
    pages = bench_pages(office, central, admin, province, election)
    report = bench_report(province)
    national = None
    try:
        national = bench_national_report()
    except ImportError:
        say("\n(National report: not available.)")
    imp = bench_import(admin, election)
    fan = bench_fan_out()
    vacuum()  # the fan-out and import runs were rolled back: their dead rows must not skew the plans
    scoping = bench_scoping(office, admin)
    from candidates.models import Nominee

    say("\n## Plans of the slowest queries (EXPLAIN ANALYZE)")
    from accounts.scoping import restrict
    from directives.models import Dispatch
    from territory.selectors import units_search

    explain("Nominees of a province, scoped (path range on the C-collated path index), first page",
            restrict(Nominee.objects.all(), office, via="hamlet_election__hamlet")[:50])
    explain("Dispatches of a province, scoped, first page (ordered by directive, id)",
            restrict(Dispatch.objects.all(), office, via="organisation__unit")[:50])
    explain("Name search over the whole country (trigram index), first page", units_search(admin, "ninh kieu")[:50])
    goals(pages, report, national, imp, fan, scoping)
    notes = (Path(__file__).resolve().parent / "notes.md").read_text(encoding="utf-8")
    OUT.append("")
    OUT.append(notes)
    RESULTS.write_text("\n".join(OUT) + "\n", encoding="utf-8")
    print(f"\nKết quả đã ghi vào {RESULTS}")


def goals(pages, report, national, imp, fan, scoping) -> None:
    say("\n## Goals\n")
    say("| Goal | Measured | Met |")
    say("|---|---|---|")
    for label, limit in (("national", 5), ("province", 2)):
        ratio = pages[(label, "Dashboard (tổng quan)")][0]
        say(f"| Dashboard, {label} scale ≤ {limit}× floor | {ratio:.1f}× | {'yes' if ratio <= limit else 'no'} |")
    say(f"| Province report ≤ 1.3× renderer | {report['ratio']:.2f}× | {'yes' if report['ratio'] <= 1.3 else 'no'} |")
    if national:
        ok = national["seconds"] <= 60 and national["peak"] <= 2**30
        say(f"| National report ≤ 60 s, ≤ 1 GiB | {national['seconds']:.1f} s, {national['peak'] / 2**20:.0f} MiB "
            f"| {'yes' if ok else 'no'} |")
    say(f"| Import ≤ 3× openpyxl | {imp['ratio']:.2f}× | {'yes' if imp['ratio'] <= 3 else 'no'} |")
    say(f"| National fan-out ≤ 3× COPY | {fan['ratio']:.2f}× | {'yes' if fan['ratio'] <= 3 else 'no'} |")
    worst = max(scoping.values())
    say(f"| Scoped lists ≤ 1.5× unscoped | worst {worst:.2f}× | {'yes' if worst <= 1.5 else 'no'} |")
    grow = [name for (label, name), (_r, q, _s) in pages.items() if label == "national"
            and q > pages.get(("province", name), (0, q))[1]]
    say(f"| Query counts do not grow: national ≤ province (pinned equal per role in tests/scale) | "
        f"{'none grows' if not grow else 'more at national: ' + ', '.join(grow)} | {'yes' if not grow else 'no'} |")


if __name__ == "__main__":
    main()
