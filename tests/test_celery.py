import pytest
from django_celery_results.models import TaskResult

from config.celery import ping


@pytest.mark.celery_worker
@pytest.mark.django_db(transaction=True)
def test_a_task_round_trips_through_a_real_worker(celery_worker_app):
    result = ping.delay()
    assert result.get(timeout=30) == "pong"
    # The result backend keeps task state where the portal can show it.
    assert TaskResult.objects.get(task_id=result.id).status == "SUCCESS"


def test_the_broker_is_redis_when_redis_url_is_set(settings):
    from config.celery import app

    assert app.conf.broker_url == (settings.REDIS_URL or "memory://")


@pytest.mark.django_db
def test_tasks_run_inline_in_eager_mode():
    assert ping.delay().get() == "pong"
