from django.contrib import admin
from django.contrib.auth import REDIRECT_FIELD_NAME
from django.contrib.auth.decorators import login_not_required
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect
from django.templatetags.static import static
from django.urls import include, path
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.i18n import set_language

from reports.views import home

from .health import healthz

admin.site.site_header = admin.site.site_title = "Quản trị cổng bầu cử Trưởng ấp, Trưởng khu phố"


@login_not_required
def admin_login(request, extra_context=None):
    """The admin has no login form of its own: it signs in through the portal's login page, with
    the same lockout (django-axes) and password rules, and comes back to the admin page asked for (an
    administrator's bookmark lands in the admin). A signed-in user who is not staff is refused."""
    wanted = request.GET.get(REDIRECT_FIELD_NAME, "")
    if not url_has_allowed_host_and_scheme(wanted, allowed_hosts={request.get_host()},
                                           require_https=request.is_secure()):
        wanted = ""
    wanted = wanted or request.path.rsplit("login/", 1)[0]
    if request.user.is_authenticated:
        if not request.user.is_staff:
            raise PermissionDenied(_("The administration is open to administrators only."))
        return redirect(wanted)
    return redirect_to_login(wanted)


admin.site.login = admin_login


@login_not_required
def favicon(request):
    """Browsers ask /favicon.ico of every site; answer with the static icon, not a 404 in the log."""
    return redirect(static("img/favicon.ico"), permanent=True)

urlpatterns = [
    path("", home, name="home"),
    path("healthz", healthz, name="healthz"),
    path("favicon.ico", favicon, name="favicon"),
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

handler403 = "config.errors.permission_denied"
handler404 = "config.errors.page_not_found"
handler500 = "config.errors.server_error"
