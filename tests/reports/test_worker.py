"""The report made by a real Celery worker (Redis in CI), and the shell command."""

import time

import pytest
from django.core.management import call_command

from reports.models import JobStatus, ReportJob
from reports.services import report_request
from tests.reports.conftest import AS_OF, add_campaign, nominate, pdf_text
from tests.trees import build_tree


def _wait(job_id, timeout=120):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        job = ReportJob.objects.get(pk=job_id)
        if job.is_finished:
            return job
        time.sleep(0.3)
    raise AssertionError("the worker did not finish the report in time")


@pytest.mark.celery_worker
@pytest.mark.django_db(transaction=True)
def test_a_real_worker_generates_the_report(celery_worker_app):
    tree = build_tree(name="Tỉnh Tiền Giang", code="82")
    tree.election = add_campaign(tree)
    nominate(tree, 0)
    outcome = report_request(by=tree.user("office"), as_of=AS_OF)
    assert outcome.enqueued is True
    job = _wait(outcome.job.pk)
    assert job.status == JobStatus.DONE, job.error
    assert job.task_id and job.started_at and job.finished_at and job.progress == 100
    text = pdf_text(job.file.read())
    assert "ĐẢNG CỘNG SẢN VIỆT NAM" in text and "Số 1-BC/VPTU" in text


@pytest.mark.django_db
def test_the_command_makes_the_same_pdf_inline(tree, tmp_path, capsys):
    target = tmp_path / "bao-cao.pdf"
    call_command("generate_report", "--as-of", "05/09/2024 10:30", "--sync", "--output", str(target))
    job = ReportJob.objects.get()
    assert job.status == JobStatus.DONE and job.trigger == "command"
    text = pdf_text(target.read_bytes())
    assert "Tiền Giang, ngày 05 tháng 9 năm 2024" in text and "BÁO CÁO" in text
    assert "DỰ THẢO" in text and "Dự thảo" in capsys.readouterr().out


@pytest.mark.django_db
def test_a_command_line_draft_takes_no_number_and_does_not_block_the_issued_report(
        tree, tmp_path, django_capture_on_commit_callbacks):
    from reports.models import ReportSequence
    from reports.services import report_request

    call_command("generate_report", "--as-of", "05/09/2024 10:30", "--sync", "--draft",
                 "--output", str(tmp_path / "du-thao.pdf"))
    draft = ReportJob.objects.get()
    assert draft.number is None and draft.reference == "" and draft.is_draft
    assert not ReportSequence.objects.exists()
    with django_capture_on_commit_callbacks(execute=True):
        issued = report_request(by=tree.user("office"), as_of=draft.as_of).job
    issued.refresh_from_db()
    assert issued.pk != draft.pk and issued.number == 1 and issued.reference == "Số 1-BC/VPTU"
    text = pdf_text(issued.file.read())
    assert "Số 1-BC/VPTU" in text and "DỰ THẢO" not in text


@pytest.mark.django_db(transaction=True)
def test_the_command_through_the_queue(tmp_path):
    tree = build_tree(name="Tỉnh Tiền Giang", code="82")
    tree.election = add_campaign(tree)
    target = tmp_path / "bao-cao.pdf"
    # No test transaction around it: the job is enqueued on commit, as in a real shell (eager queue here).
    call_command("generate_report", "--as-of", "05/09/2024", "--output", str(target), "--timeout", "60")
    assert target.read_bytes().startswith(b"%PDF")


@pytest.mark.django_db
def test_the_command_rejects_a_bad_date(tree):
    from django.core.management.base import CommandError

    with pytest.raises(CommandError, match="Ngày không hợp lệ"):
        call_command("generate_report", "--as-of", "32/13/2024", "--sync")


@pytest.mark.celery_worker
@pytest.mark.django_db(transaction=True)
def test_a_failure_in_the_worker_is_recorded_from_the_task_signal(celery_worker_app, monkeypatch):
    from reports import pdf

    def broken(**kwargs):
        raise MemoryError("WeasyPrint hết bộ nhớ")

    monkeypatch.setattr(pdf, "render_pdf", broken)
    tree = build_tree(name="Tỉnh Tiền Giang", code="82")
    tree.election = add_campaign(tree)
    job = _wait(report_request(by=tree.user("office"), as_of=AS_OF).job.pk)
    assert job.status == JobStatus.FAILED
    assert job.error == "MemoryError: WeasyPrint hết bộ nhớ" and job.finished_at and not job.file
