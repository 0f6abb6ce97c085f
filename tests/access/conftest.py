import pytest
from django.db import transaction
from django.test import override_settings

from tests.access.world import build_world


@pytest.fixture(scope="package")
def world(django_db_setup, django_db_blocker, tmp_path_factory):
    """Built once for the whole matrix (portal and admin) inside a block rolled back at the end."""
    media = tmp_path_factory.mktemp("matrix-media")
    with django_db_blocker.unblock(), override_settings(MEDIA_ROOT=media):
        atomic = transaction.atomic()
        atomic.__enter__()
        try:
            built = build_world()
            built.media = media
            yield built
        finally:
            transaction.set_rollback(True)
            atomic.__exit__(None, None, None)


@pytest.fixture(autouse=True)
def _media_root(settings, world):
    settings.MEDIA_ROOT = world.media
