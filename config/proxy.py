"""The client's address behind the reverse proxies the README prescribes.

Behind nginx every request comes from the proxy's address, so a lockout keyed on REMOTE_ADDR would
let anyone lock anyone out. Each trusted proxy appends the address it received the request from to
X-Forwarded-For, so with N trusted proxies the client is the N-th entry from the right; entries
further left were written by the client itself and are never believed. With N = 0 (a direct
deployment, the default) X-Forwarded-For is ignored altogether.
"""

from django.conf import settings


def client_ip(request) -> str | None:
    """The address django-axes locks out (AXES_CLIENT_IP_CALLABLE), from TRUSTED_PROXY_COUNT proxies."""
    remote = request.META.get("REMOTE_ADDR")
    count = settings.TRUSTED_PROXY_COUNT
    if count <= 0:
        return remote
    forwarded = [part.strip() for part in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",") if part.strip()]
    if len(forwarded) < count:
        return remote  # the request did not pass every proxy: the nearest address is all we know
    return forwarded[-count]
