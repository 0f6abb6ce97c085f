"""The portal's own error pages (403, 404, 500 and the CSRF failure), in Vietnamese and in the portal's
frame, each with the reason where it is safe to say it and a way back; and a log filter that keeps a
refused request to one line."""

import logging

from django.shortcuts import render
from django.template import loader

logger = logging.getLogger(__name__)


def _back(request) -> str:
    """The page the user came from, when it is one of the portal's own (never another site's)."""
    referer = request.headers.get("Referer", "")
    return referer if referer.startswith(f"{request.scheme}://{request.get_host()}/") else ""


def _page(request, template: str, status: int, **context):
    return render(request, template, {"status": status, "back": _back(request), **context}, status=status)


def _no_organisation(request) -> bool:
    user = getattr(request, "user", None)
    return bool(user and user.is_authenticated and not user.is_superuser and user.organisation_id is None)


def permission_denied(request, exception=None):
    """403: the service's own refusal (always written for the user, e.g. "Tổ chức hoặc vai trò của đồng
    chí không được làm việc này") when there is one; a user with no organisation is told that this is why."""
    reason = str(exception or "").strip()
    return _page(request, "errors/403.html", 403, reason=reason, no_organisation=_no_organisation(request))


def page_not_found(request, exception=None):
    """404: never the exception's text (it names models and lookups); the same page for an object that
    does not exist and one outside the user's area, so neither is revealed."""
    return _page(request, "errors/404.html", 404)


def server_error(request):
    """500: the portal's page when it can be rendered; a bare Vietnamese page when even that fails
    (the database may be what is down, and the header asks it for the user)."""
    try:
        return _page(request, "errors/500.html", 500)
    except Exception:  # noqa: BLE001 — the last resort must not raise
        logger.exception("The 500 page itself failed; serving the bare one.")
        from django.http import HttpResponseServerError

        return HttpResponseServerError(loader.get_template("errors/500_bare.html").render())


def csrf_failure(request, reason=""):
    """The CSRF check failed: in normal use a form left open in one tab after logging in again in
    another. Say so and offer to go back and send the form again (Django's reason is English and
    technical: it goes to the log, not the page)."""
    logger.warning("CSRF failure on %s: %s", request.path, reason)
    return _page(request, "errors/403_csrf.html", 403)


class RefusalsOnOneLine(logging.Filter):
    """A refused request (4xx) is logged as one line by django.request, without the traceback of the
    PermissionDenied or Http404 that produced it; server errors keep theirs."""

    def filter(self, record):
        status = getattr(record, "status_code", None)
        if status is not None and status < 500:
            record.exc_info, record.exc_text = None, None
        return True
