from django.contrib import admin
from django.contrib.auth.decorators import login_not_required
from django.urls import include, path
from django.views.i18n import set_language

from reports.views import home

from .health import healthz

admin.site.site_header = admin.site.site_title = "Quản trị cổng bầu cử Trưởng ấp"

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
