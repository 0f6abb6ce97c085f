from django.contrib import admin
from django.contrib.auth import REDIRECT_FIELD_NAME
from django.contrib.auth.decorators import login_not_required
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.urls import include, path
from django.views.i18n import set_language

from reports.views import home

from .health import healthz

admin.site.site_header = admin.site.site_title = "Quản trị cổng bầu cử Trưởng ấp"


def admin_login(request, extra_context=None):
    """The admin has no login form of its own: it signs in through the portal's login page, with
    the same lockout (django-axes) and password rules. A signed-in user who is not staff is refused."""
    if request.user.is_authenticated:
        raise PermissionDenied
    return redirect_to_login(request.GET.get(REDIRECT_FIELD_NAME) or request.path.rsplit("login/", 1)[0])


admin.site.login = admin_login

urlpatterns = [
    path("", home, name="home"),
    path("healthz", healthz, name="healthz"),
    path("tai-khoan/", include("accounts.urls")),
    path("dia-ban/", include("territory.urls")),
    path("bau-cu/", include("elections.urls")),
    path("nhan-su/", include("candidates.urls")),
    path("don-thu/", include("complaints.urls")),
    path("van-ban/", include("directives.urls")),
    path("bao-cao/", include("reports.urls")),
    path("i18n/setlang/", login_not_required(set_language), name="set_language"),
    path("quan-tri/", admin.site.urls),
]
