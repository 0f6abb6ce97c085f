"""Benchmarks (b) the province and national reports, (c) the nominee import, (d) the directive
fan-out: each against its reference measured in the same run."""

import io
import resource
import time
import tracemalloc

from django.conf import settings
from django.db import connection, transaction

from .harness import REPS, django_now, median_time, say

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


