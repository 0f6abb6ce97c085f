"""Report jobs: requested, generated in the background, numbered, retried, swept, weekly."""

import datetime as dt

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied
from django.utils import timezone

from reports import services
from reports.models import JobStatus, ReportJob, ReportNotice, ReportSequence
from reports.tasks import generate_report
from tests.reports.conftest import AS_OF, nominate, pdf_text

pytestmark = pytest.mark.django_db


def _request(tree, django_capture_on_commit_callbacks, **kwargs):
    with django_capture_on_commit_callbacks(execute=True):
        return services.report_request(by=tree.user("office"), as_of=kwargs.pop("as_of", AS_OF), **kwargs)


def test_a_request_creates_a_job_that_the_task_completes_with_a_numbered_pdf(tree, django_capture_on_commit_callbacks):
    nominate(tree, 0)
    outcome = _request(tree, django_capture_on_commit_callbacks, assessment="Các huyện triển khai nghiêm túc.")
    assert outcome.created and outcome.enqueued
    job = ReportJob.objects.get(pk=outcome.job.pk)
    assert job.status == JobStatus.DONE and job.progress == 100
    assert job.started_at and job.finished_at and job.attempts == 1
    assert job.number == 1 and job.year == 2024 and job.reference == "Số 1-BC/VPTU"
    assert job.file_size == job.file.size > 1000
    text = pdf_text(job.file.read())
    assert "Số 1-BC/VPTU" in text and "Các huyện triển khai nghiêm túc." in text


def test_numbers_run_per_year(tree, django_capture_on_commit_callbacks):
    ReportSequence.objects.create(year=2024, last_number=11)
    first = _request(tree, django_capture_on_commit_callbacks).job
    second = _request(tree, django_capture_on_commit_callbacks, as_of=AS_OF + dt.timedelta(minutes=5)).job
    third = _request(tree, django_capture_on_commit_callbacks,
                     as_of=timezone.make_aware(dt.datetime(2025, 1, 3, 8, 0))).job
    first.refresh_from_db(), second.refresh_from_db(), third.refresh_from_db()
    assert (first.number, second.number, third.number) == (12, 13, 1)
    assert first.reference == "Số 12-BC/VPTU"


def test_two_requests_for_the_same_minute_make_one_report(tree, django_capture_on_commit_callbacks):
    first = _request(tree, django_capture_on_commit_callbacks)
    second = _request(tree, django_capture_on_commit_callbacks, as_of=AS_OF + dt.timedelta(seconds=40))
    assert first.created and not second.created
    assert second.job.pk == first.job.pk
    assert ReportJob.objects.count() == 1
    assert ReportSequence.objects.get(year=2024).last_number == 1


def test_only_office_editors_may_request(tree):
    for key, role in (("office", "viewer"), ("standing", "leader"), ("district", "leader"), ("agency", "officer")):
        with pytest.raises(PermissionDenied):
            services.report_request(by=tree.user(key, 0, role), as_of=AS_OF)
    assert not ReportJob.objects.exists()


def test_a_failing_task_marks_the_job_failed_with_its_error_and_retry_finishes_it(
        tree, django_capture_on_commit_callbacks, settings):
    settings.REPORT_FONT_DIR = "/nonexistent-font-folder"
    from reports import pdf

    original = pdf.render_pdf

    def broken(**kwargs):
        raise RuntimeError("WeasyPrint hết bộ nhớ")

    pdf.render_pdf = broken
    try:
        outcome = _request(tree, django_capture_on_commit_callbacks)
    finally:
        pdf.render_pdf = original
    job = ReportJob.objects.get(pk=outcome.job.pk)
    assert job.status == JobStatus.FAILED
    assert "RuntimeError: WeasyPrint hết bộ nhớ" in job.error
    assert job.finished_at and not job.file
    settings.REPORT_FONT_DIR = str(settings.BASE_DIR / "reports" / "fonts")
    with django_capture_on_commit_callbacks(execute=True):
        services.report_retry(job=job, by=tree.user("office"))
    job.refresh_from_db()
    assert job.status == JobStatus.DONE and job.error == "" and job.attempts == 2
    assert job.number == 1  # the number allocated on the first attempt is kept


def test_a_done_report_cannot_be_retried(tree, django_capture_on_commit_callbacks):
    from django.core.exceptions import ValidationError

    job = _request(tree, django_capture_on_commit_callbacks).job
    job.refresh_from_db()
    with pytest.raises(ValidationError):
        services.report_retry(job=job, by=tree.user("office"))


def test_a_job_left_running_by_a_dead_worker_is_swept_to_failed(tree, settings):
    job = ReportJob.objects.create(unit=tree.province, as_of=AS_OF, status=JobStatus.RUNNING,
                                   started_at=timezone.now() - dt.timedelta(minutes=settings.REPORT_STALE_MINUTES + 1))
    recent = ReportJob.objects.create(unit=tree.province, as_of=AS_OF + dt.timedelta(minutes=1),
                                      status=JobStatus.RUNNING, started_at=timezone.now())
    result = services.jobs_sweep()
    job.refresh_from_db(), recent.refresh_from_db()
    assert result["failed"] == 1
    assert job.status == JobStatus.FAILED and "Tiến trình xử lý đã dừng" in job.error
    assert recent.status == JobStatus.RUNNING


def test_the_sweep_enqueues_jobs_the_queue_never_took(tree):
    job = ReportJob.objects.create(unit=tree.province, as_of=AS_OF, enqueue_error=True)
    ReportJob.objects.filter(pk=job.pk).update(requested_at=timezone.now() - dt.timedelta(hours=1))
    assert services.jobs_sweep()["requeued"] == 1
    job.refresh_from_db()
    assert job.status == JobStatus.DONE and not job.enqueue_error


def test_a_redelivered_task_finishes_the_job_once(tree, django_capture_on_commit_callbacks):
    job = _request(tree, django_capture_on_commit_callbacks).job
    job.refresh_from_db()
    first_file, finished = job.file.name, job.finished_at
    assert generate_report.apply(args=[job.pk]).get() == "already generated"
    job.refresh_from_db()
    assert job.status == JobStatus.DONE and job.file.name == first_file and job.finished_at == finished
    assert ReportSequence.objects.get(year=2024).last_number == 1


def test_a_redelivered_task_after_the_sweep_completes_the_job(tree):
    job = ReportJob.objects.create(unit=tree.province, as_of=AS_OF, status=JobStatus.RUNNING,
                                   started_at=timezone.now() - dt.timedelta(hours=2))
    services.jobs_sweep()
    generate_report.apply(args=[job.pk])  # the broker hands the unacknowledged message to another worker
    job.refresh_from_db()
    assert job.status == JobStatus.DONE and job.number == 1


def test_when_the_broker_is_down_the_job_stays_queued(tree, django_capture_on_commit_callbacks, settings):
    from config.celery import app

    def use_broker(url):
        app.conf.broker_url = url
        app._pool = None  # connections are pooled per broker URL: start afresh
        app.amqp._producer_pool = None

    app.conf.task_always_eager = False
    previous = app.conf.broker_url
    use_broker("redis://127.0.0.1:1/0")  # nothing listens there
    try:
        outcome = _request(tree, django_capture_on_commit_callbacks)
    finally:
        use_broker(previous)
        app.conf.task_always_eager = True
    assert outcome.enqueued is False
    job = ReportJob.objects.get(pk=outcome.job.pk)
    assert job.status == JobStatus.QUEUED and job.enqueue_error


def test_the_weekly_beat_entry_calls_the_weekly_task(settings):
    from celery.schedules import crontab

    from config.celery import app

    entry = settings.CELERY_BEAT_SCHEDULE["reports-weekly"]
    assert entry["task"] == "reports.tasks.generate_weekly_report"
    assert entry["task"] in app.tasks
    assert isinstance(entry["schedule"], crontab)
    assert entry["schedule"].hour == {settings.REPORT_WEEKLY_HOUR}
    sweep = settings.CELERY_BEAT_SCHEDULE["reports-sweep-stale-jobs"]
    assert sweep["task"] == "reports.tasks.sweep_report_jobs" and sweep["task"] in app.tasks


def test_the_weekly_report_is_generated_and_the_office_notified(tree, django_capture_on_commit_callbacks):
    from reports.tasks import generate_weekly_report

    office = tree.org("office")
    office.email = "vanphong@tiengiang.example"
    office.save()
    with django_capture_on_commit_callbacks(execute=True):
        ids = generate_weekly_report.apply().get()
    job = ReportJob.objects.get(pk=ids[0])
    assert job.status == JobStatus.DONE and job.trigger == "weekly" and job.requested_by is None
    assert ReportNotice.objects.filter(job=job).count() == 1
    assert [m.to for m in mail.outbox] == [["vanphong@tiengiang.example"]]
    assert job.reference in mail.outbox[0].body


@pytest.mark.django_db(transaction=True)
def test_simultaneous_requests_for_one_minute_create_one_job():
    from tests.concurrency import race
    from tests.conftest import require_postgres
    from tests.reports.conftest import add_campaign
    from tests.trees import build_tree

    require_postgres()  # concurrent transactions
    tree = build_tree(name="Tỉnh Tiền Giang", code="82")
    tree.election = add_campaign(tree)
    office = tree.user("office")
    outcomes = []

    def ask():
        outcomes.append(services.report_request(by=office, as_of=AS_OF))

    race(ask, ask)
    assert sorted(o.created for o in outcomes) == [False, True]
    assert ReportJob.objects.count() == 1 and len({o.job.pk for o in outcomes}) == 1
    assert ReportJob.objects.get().status == JobStatus.DONE


def test_a_report_may_describe_this_minute_but_not_the_next(tree):
    """The boundary of "no moment in the future": the current minute is accepted (rounded down),
    the next one refused."""
    from django.core.exceptions import ValidationError

    now = timezone.now()
    assert services.report_request(by=tree.user("office"), as_of=now).created
    with pytest.raises(ValidationError):
        services.report_request(by=tree.user("office"), as_of=now + dt.timedelta(minutes=1))
    assert ReportJob.objects.count() == 1
