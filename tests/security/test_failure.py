"""Concurrency and failure (issue 9). PostgreSQL- and Redis-only tests skip on a laptop with
SQLite and no Redis, and FAIL in CI (CI sets DATABASE_URL and REDIS_URL)."""

import datetime as dt
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from django.db import connection
from django.test import Client
from django.urls import reverse

from candidates import services as candidate_services
from candidates.models import ConcurrencyException, ExceptionDecision, NomineeList
from reports.models import JobStatus, ReportJob
from tests.candidates.conftest import World, make_election, person
from tests.concurrency import race
from tests.conftest import require_postgres, require_redis

ROOT = Path(__file__).resolve().parents[2]
pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def world():
    from tests.trees import build_tree

    tree = build_tree()
    return World(tree, make_election(tree))




# --- Two users at once -----------------------------------------------------------------------

def test_two_officers_submitting_one_list_at_once_only_one_wins(world):
    require_postgres()
    nominee_list, _ = world.fill_district(0)
    officer, leader = world.tree.user("district", 0, "officer"), world.tree.user("district", 0, "leader")
    outcomes = race(lambda: candidate_services.nominee_list_submit(nominee_list=nominee_list, by=officer),
                    lambda: candidate_services.nominee_list_submit(nominee_list=nominee_list, by=leader))
    assert outcomes == ["refused", "won"]
    assert NomineeList.objects.get(pk=nominee_list.pk).status == "submitted"
    assert nominee_list.events.filter(to_status="submitted").count() == 1


def test_two_leaders_deciding_one_exception_at_once_only_one_wins(world):
    require_postgres()
    officer = world.tree.user("district", 0, "officer")
    candidate_services.nominee_create(by=officer, hamlet_election=world.he(0), **person(is_cell_secretary=False))
    exception = candidate_services.exception_request(by=officer, hamlet_election=world.he(0), reason="health",
                                                     explanation="Bí thư đang điều trị")
    leader = world.tree.user("district", 0, "leader")
    from accounts.models import User

    other_leader = User.objects.create_user(username="lanhdao2", password="x", organisation=world.tree.org("district"),
                                            role="leader")

    def decide(by, decision):
        return lambda: candidate_services.exception_decide(
            by=by, exception=exception, decision=decision, decision_number="12-QĐ/HU",
            decision_date=dt.date.today())

    outcomes = race(decide(leader, ExceptionDecision.APPROVED), decide(other_leader, ExceptionDecision.REFUSED))
    assert outcomes == ["refused", "won"]
    decided = ConcurrencyException.objects.get(pk=exception.pk)
    assert decided.decision in (ExceptionDecision.APPROVED, ExceptionDecision.REFUSED)
    assert decided.history.filter(decision=decided.decision).count() == 1


# --- A worker killed in the middle of a report -------------------------------------------------

def _database_url() -> str:
    db = connection.settings_dict
    auth = db["USER"] + (f":{db['PASSWORD']}" if db["PASSWORD"] else "")
    return f"postgres://{auth}@{db['HOST'] or '127.0.0.1'}:{db['PORT'] or 5432}/{db['NAME']}"


def _worker(delay: int, log: Path) -> subprocess.Popen:
    env = {**os.environ, "DATABASE_URL": _database_url(), "REPORT_TEST_DELAY_SECONDS": str(delay),
           "CELERY_VISIBILITY_TIMEOUT": "5", "CELERY_TASK_ALWAYS_EAGER": "0"}
    return subprocess.Popen([str(Path(sys.executable).parent / "celery"), "-A", "config", "worker", "--pool=solo",
                             "--without-gossip", "--without-mingle", "--without-heartbeat", "-l", "INFO"],
                            cwd=ROOT, env=env, stdout=log.open("wb"), stderr=subprocess.STDOUT,
                            start_new_session=True)


def _wait_for(predicate, timeout: float) -> bool:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if predicate():
            return True
        time.sleep(0.5)
    return False


def test_a_report_whose_worker_is_killed_is_finished_by_another_worker(tmp_path, settings):
    require_postgres()
    require_redis()
    from config.celery import app
    from reports.tasks import generate_report
    from tests.trees import build_tree

    tree = build_tree()
    job = ReportJob.objects.create(unit=tree.province, as_of=dt.datetime.now(dt.UTC), requested_by=tree.user("office"))
    app.conf.task_always_eager = False
    first = _worker(delay=60, log=tmp_path / "worker1.log")
    second = None
    try:
        generate_report.apply_async(args=[job.pk])
        started = _wait_for(lambda: ReportJob.objects.get(pk=job.pk).status == JobStatus.RUNNING, 60)
        assert started, (tmp_path / "worker1.log").read_text()
        os.killpg(first.pid, signal.SIGKILL)  # kill -9 in the middle of the report
        first.wait(timeout=10)
        assert ReportJob.objects.get(pk=job.pk).status == JobStatus.RUNNING  # nobody finished it
        second = _worker(delay=0, log=tmp_path / "worker2.log")
        done = _wait_for(lambda: ReportJob.objects.get(pk=job.pk).status == JobStatus.DONE, 120)
        assert done, (tmp_path / "worker2.log").read_text()
    finally:
        for worker in (first, second):
            if worker is not None and worker.poll() is None:
                os.killpg(worker.pid, signal.SIGKILL)
                worker.wait(timeout=10)
        app.conf.task_always_eager = True
    job.refresh_from_db()
    assert job.file and job.number == 1 and job.attempts == 2


# --- Redis down ------------------------------------------------------------------------------

def test_with_the_queue_down_pages_are_served_and_a_report_request_is_kept():
    from config.celery import app
    from tests.trees import build_tree

    tree = build_tree()
    client = Client()
    client.force_login(tree.user("office", 0, "officer"))

    def use_broker(url):
        app.conf.broker_url = url
        app._pool = None
        app.amqp._producer_pool = None

    previous = app.conf.broker_url
    app.conf.task_always_eager = False
    use_broker("redis://127.0.0.1:1/0")  # a closed port: Redis is down
    try:
        for name in ("home", "reports:dashboard", "reports:archive", "territory:home", "directives:inbox"):
            assert client.get(reverse(name)).status_code == 200, name
        response = client.post(reverse("reports:request"), {"as_of": "", "assessment": "", "proposals": ""},
                               follow=True)
    finally:
        use_broker(previous)
        app.conf.task_always_eager = True
    assert response.status_code == 200
    assert "Hàng đợi xử lý hiện không sẵn sàng" in response.content.decode()
    job = ReportJob.objects.get()
    assert job.status == JobStatus.QUEUED and job.enqueue_error  # nothing lost: the sweep sends it later


# --- The database restarts under a running web process ------------------------------------------

def _serve(path: str) -> tuple[int, bytes]:
    """A request through Django's real WSGI handler, as gunicorn makes it (the test client skips the
    request_started hook that health-checks persistent connections)."""
    from django.core.handlers.wsgi import WSGIHandler
    from django.test import RequestFactory

    environ = RequestFactory().get(path).environ
    status = []
    body = b"".join(WSGIHandler()(environ, lambda code, headers, exc_info=None: status.append(code)))
    return int(status[0].split()[0]), body


def test_the_web_process_survives_the_database_dropping_its_connections(settings):
    require_postgres()
    import psycopg

    assert settings.DATABASES["default"]["CONN_HEALTH_CHECKS"] and settings.DATABASES["default"]["CONN_MAX_AGE"]
    assert _serve("/healthz")[0] == 200
    pid = connection.connection.info.backend_pid  # the persistent connection the web process keeps
    db = connection.settings_dict
    with psycopg.connect(host=db["HOST"] or "127.0.0.1", port=db["PORT"] or 5432, user=db["USER"],
                         password=db["PASSWORD"] or None, dbname=db["NAME"], autocommit=True) as other:
        assert other.execute("SELECT pg_terminate_backend(%s)", [pid]).fetchone()[0]  # as a restart does
    status, body = _serve("/healthz")
    assert status == 200 and b'"database": "ok"' in body.replace(b'":"', b'": "'), body
    assert connection.connection.info.backend_pid != pid
