import os
import shutil

import pytest

# The sync Playwright API runs an event loop in the test thread; Django must allow ORM calls there.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

CHROMIUM = os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium")


def require(condition: bool, why: str) -> None:
    """Skip a test whose service is missing on a laptop, but FAIL it in CI (where `CI` is set): CI
    provides PostgreSQL, Redis and Chromium, so a skip there would hide a test that never ran."""
    if not condition:
        if os.environ.get("CI"):
            pytest.fail(f"CI must run this test: {why}")
        pytest.skip(why)


def require_postgres() -> None:
    from django.db import connection

    require(connection.vendor == "postgresql", "needs PostgreSQL (DATABASE_URL)")


def require_redis() -> None:
    require(bool(os.environ.get("REDIS_URL")), "needs Redis (REDIS_URL)")


def require_poppler(tool: str = "pdftotext") -> None:
    require(bool(shutil.which(tool)), f"{tool} not found (apt-get install poppler-utils)")


def require_chromium() -> None:
    require(bool(shutil.which(CHROMIUM)), f"Chromium not found at {CHROMIUM} (apt-get install chromium)")


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args):
    require_chromium()
    return {
        **browser_type_launch_args,
        "executable_path": CHROMIUM,
        "args": ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-quic"],
    }


@pytest.fixture(autouse=True)
def _vietnamese():
    """Each test starts in the portal's language, whatever an earlier test (or request) activated."""
    from django.conf import settings
    from django.utils import translation

    translation.activate(settings.LANGUAGE_CODE)
    yield
    translation.deactivate()


@pytest.fixture(autouse=True)
def _media_root(settings, tmp_path):
    """Uploaded files of a test go to a throw-away folder."""
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture(autouse=True)
def _celery_eager():
    """Tasks run inline unless a test asks for a real worker with `celery_worker_app`."""
    from config.celery import app

    previous = app.conf.task_always_eager
    app.conf.task_always_eager = True
    yield
    app.conf.task_always_eager = previous


@pytest.fixture
def celery_worker_app(transactional_db, settings):
    """A real Celery worker thread consuming from the configured broker: Redis when REDIS_URL is
    set (as in CI), Kombu's in-memory transport otherwise.

    Tests using it must be `django_db(transaction=True)`: the worker has its own connection.
    """
    from celery.contrib.testing.worker import start_worker

    from config.celery import app

    app.conf.task_always_eager = False
    with start_worker(app, pool="solo", perform_ping_check=False, shutdown_timeout=10):
        yield app
