import logging
import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
application = get_wsgi_application()


def _check_keys() -> None:
    """Each web process checks at start that the encryption keys open the stored rows (accounts.E001):
    a wrong FIELD_ENCRYPTION_KEYS is logged as an error at once and shown on /healthz."""
    from django.core import checks

    for message in checks.run_checks(tags=["encryption"], databases=["default"]):
        logging.getLogger("config.wsgi").error("%s (%s) %s", message.msg, message.id, message.hint)


_check_keys()
