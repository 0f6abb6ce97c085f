"""URLs for the error-page tests: the portal's own URLs plus views that fail on purpose."""

from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.urls import path

from config.urls import urlpatterns as portal_patterns


def refuse(request):
    raise PermissionDenied("Tổ chức hoặc vai trò của đồng chí không được làm việc này.")


def refuse_silently(request):
    raise PermissionDenied


def missing(request):
    raise Http404("No Nominee matches the given query.")


def crash(request):
    raise RuntimeError("boom")


urlpatterns = [
    path("thu/cam/", refuse),
    path("thu/cam-im/", refuse_silently),
    path("thu/khong-co/", missing),
    path("thu/loi/", crash),
    *portal_patterns,
]

handler403 = "config.errors.permission_denied"
handler404 = "config.errors.page_not_found"
handler500 = "config.errors.server_error"
