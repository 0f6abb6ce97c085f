"""`manage.py generate_report [--as-of DATE] [--sync] [--output FILE] [--draft]`: the same PDF as the
portal's, through the worker (default) or inline with --sync. A command-line report is always a
draft: marked "DỰ THẢO", it takes none of the office's report numbers (those go only to reports
issued to the Standing Committee: requested in the portal or made by the weekly job)."""

import datetime as dt
import time

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from reports.models import JobStatus, JobTrigger, ReportJob
from reports.services import report_generate_inline, report_request


def _moment(value: str) -> dt.datetime:
    for pattern in ("%d/%m/%Y %H:%M", "%d/%m/%Y", "%Y-%m-%d %H:%M", "%Y-%m-%d"):
        try:
            parsed = dt.datetime.strptime(value, pattern)
        except ValueError:
            continue
        if len(value) <= 10:  # a bare date: the figures at the end of that day
            parsed = parsed.replace(hour=23, minute=59)
        return timezone.make_aware(parsed)
    raise CommandError(f"Ngày không hợp lệ: {value!r} (dùng dd/mm/yyyy hoặc dd/mm/yyyy hh:mm).")


class Command(BaseCommand):
    help = "Lập báo cáo tiến độ (PDF) như trên cổng: qua hàng đợi Celery, hoặc chạy ngay với --sync."

    def add_arguments(self, parser):
        parser.add_argument("--as-of", dest="as_of", help="Số liệu tính đến (dd/mm/yyyy [hh:mm]); mặc định: bây giờ.")
        parser.add_argument("--sync", action="store_true", help="Chạy ngay trong tiến trình này, không qua worker.")
        parser.add_argument("--output", help="Ghi bản PDF ra tệp này.")
        parser.add_argument("--timeout", type=int, default=600, help="Số giây chờ worker (mặc định 600).")
        parser.add_argument("--draft", action="store_true",
                            help="Bản dự thảo, không lấy số (mọi báo cáo lập từ dòng lệnh đều là dự thảo).")

    def handle(self, *args, as_of, sync, output, timeout, draft, **options):
        moment = _moment(as_of) if as_of else timezone.now()
        if moment > timezone.now():
            moment = timezone.now()
        outcome = report_request(by=None, as_of=moment, trigger=JobTrigger.COMMAND) if not sync else None
        if sync:
            from django.db import transaction

            with transaction.atomic():  # create without enqueueing; run the task here
                outcome = _create_only(moment)
            report_generate_inline(outcome.job)
        elif outcome.enqueued is False:
            raise CommandError("Hàng đợi không sẵn sàng; báo cáo vẫn được giữ trong hàng đợi để chạy lại sau.")
        job = self._wait(outcome.job.pk, timeout)
        if job.status != JobStatus.DONE:
            raise CommandError(f"Không lập được báo cáo: {job.error or job.get_status_display()}")
        if output:
            with job.file.open("rb") as source, open(output, "wb") as target:
                target.write(source.read())
        label = job.reference or "Dự thảo"
        self.stdout.write(self.style.SUCCESS(f"{label}: {output or job.file.name} ({job.file_size} byte)"))

    def _wait(self, job_id: int, timeout: int) -> ReportJob:
        deadline = time.monotonic() + timeout
        while True:
            job = ReportJob.objects.get(pk=job_id)
            if job.is_finished or time.monotonic() > deadline:
                return job
            time.sleep(0.5)


def _create_only(moment):
    from reports.services import RequestOutcome, _report_unit, minute

    job, created = ReportJob.objects.get_or_create(unit=_report_unit(None), as_of=minute(moment),
                                                   trigger=JobTrigger.COMMAND)
    if job.status == JobStatus.FAILED:
        ReportJob.objects.filter(pk=job.pk).update(status=JobStatus.QUEUED, error="")
    return RequestOutcome(job=job, created=created)
