"""The portal's URLs plus the framework floor: a bare view that runs one query and renders a
small template, behind the same middleware (used by benchmarks/run.py only)."""

from django.http import HttpResponse
from django.template import engines
from django.urls import include, path

from accounts.models import User

_TEMPLATE = engines["django"].from_string(
    "<!doctype html><title>floor</title><p>{{ user.username }}: {{ count }}</p>")


def floor(request):
    count = User.objects.filter(pk=request.user.pk).count()
    return HttpResponse(_TEMPLATE.render({"user": request.user, "count": count}, request))


urlpatterns = [
    path("__bench_floor__/", floor),
    path("", include("config.urls")),
]
