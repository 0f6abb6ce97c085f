"""A report whose worker died is shown as stalled with a retry that never duplicates it; the job page
says "being prepared" only while it is, and the queue-down warning once."""

import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from reports import services
from reports.models import JobStatus, ReportJob
from tests.reports.conftest import AS_OF

pytestmark = pytest.mark.django_db

PREPARING = "Báo cáo đang được lập."
STALLED = "không có dấu hiệu hoạt động"


def _running(tree, *, silent_for: dt.timedelta, number=7) -> ReportJob:
    """A job a worker took (number allocated, progress 40%) and then went silent."""
    last = timezone.now() - silent_for
    return ReportJob.objects.create(unit=tree.province, as_of=AS_OF, status=JobStatus.RUNNING, progress=40,
                                    started_at=last, heartbeat_at=last, number=number, year=2024, attempts=1)


def _page(client, tree, job) -> str:
    client.force_login(tree.user("office"))
    return client.get(reverse("reports:job", args=[job.pk])).content.decode()


@pytest.mark.parametrize(("silent", "stalled"), [
    (dt.timedelta(minutes=3) - dt.timedelta(seconds=5), False),
    (dt.timedelta(minutes=3) + dt.timedelta(seconds=5), True),
])
def test_a_job_is_stalled_only_after_the_configured_silence(tree, settings, client, silent, stalled):
    settings.REPORT_STALL_MINUTES = 3
    job = _running(tree, silent_for=silent)
    assert job.is_stalled is stalled
    page = _page(client, tree, job)
    assert (STALLED in page) is stalled and ("Chạy lại" in page) is stalled
    assert (PREPARING in page) is (not stalled)


def test_progress_is_a_sign_of_life(tree, settings):
    settings.REPORT_STALL_MINUTES = 3
    job = _running(tree, silent_for=dt.timedelta(minutes=10))
    services.job_set_progress(job.pk, 50)
    job.refresh_from_db()
    assert not job.is_stalled and job.progress == 50


def test_a_running_job_that_still_reports_cannot_be_retried(tree):
    job = _running(tree, silent_for=dt.timedelta(seconds=10))
    with pytest.raises(ValidationError):
        services.report_retry(job=job, by=tree.user("office"))


def test_retrying_a_stalled_job_keeps_its_number_and_one_file(tree, django_capture_on_commit_callbacks):
    job = _running(tree, silent_for=dt.timedelta(minutes=30))
    with django_capture_on_commit_callbacks(execute=True):
        services.report_retry(job=job, by=tree.user("office"))
    job.refresh_from_db()
    assert job.status == JobStatus.DONE and job.number == 7 and job.reference == "Số 7-BC/VPTU"
    first_file = job.file.name
    # The dead worker's message is redelivered later: it finds the file and leaves it alone.
    assert services.report_generate(job_id=job.pk) == "already generated"
    job.refresh_from_db()
    assert job.file.name == first_file and ReportJob.objects.count() == 1


def test_once_done_the_page_no_longer_says_being_prepared(tree, client, django_capture_on_commit_callbacks):
    client.force_login(tree.user("office"))
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("reports:request"), {"as_of": "05/09/2024 10:30"})
    assert ReportJob.objects.get().status == JobStatus.DONE
    page = client.get(response["Location"]).content.decode()  # the flash messages are shown here
    assert PREPARING not in page and "Tải về PDF" in page
