"""Every URL pattern of the portal, found in the URL configuration itself (admin included)."""

from django.urls import URLPattern, URLResolver, get_resolver, reverse


def discover(resolver=None, prefix="", namespace=None):
    """(route, name, pattern) for every URL pattern, recursively (unnamed ones as None)."""
    resolver = resolver or get_resolver()
    for entry in resolver.url_patterns:
        if isinstance(entry, URLResolver):
            inner = ":".join(n for n in (namespace, entry.namespace) if n) if entry.namespace else namespace
            yield from discover(entry, prefix + str(entry.pattern), inner)
        elif isinstance(entry, URLPattern):
            name = f"{namespace}:{entry.name}" if namespace and entry.name else entry.name
            yield prefix + str(entry.pattern), name, entry


ALL = list(discover())
ADMIN_PREFIX = reverse("admin:index").lstrip("/")
PORTAL = sorted({name for route, name, _ in ALL if not route.startswith(ADMIN_PREFIX) and name})
UNNAMED = [route for route, name, _ in ALL if not route.startswith(ADMIN_PREFIX) and not name]
ADMIN = sorted({name for route, name, _ in ALL if route.startswith(ADMIN_PREFIX) and name})
