from django.urls import path

from . import views

app_name = "directives"

urlpatterns = [
    path("", views.inbox, name="inbox"),
    path("nhan/<int:pk>/", views.dispatch_detail, name="dispatch"),
    path("nhan/<int:pk>/xac-nhan/", views.dispatch_acknowledge, name="acknowledge"),
    path("nhan/<int:pk>/chuyen-tiep/", views.dispatch_forward, name="forward"),
    path("nhan/<int:pk>/ke-hoach/", views.SubmissionView.as_view(what="plan"), name="plan"),
    path("nhan/<int:pk>/bao-cao/", views.SubmissionView.as_view(what="report"), name="report"),
    path("nhan/<int:pk>/kho-khan/", views.difficulty_raise, name="raise_difficulty"),
    path("tep/<str:kind>/<int:pk>/", views.download, name="download"),
    path("danh-sach/", views.directive_list, name="list"),
    path("dang-ky/", views.directive_create, name="create"),
    path("<int:pk>/", views.tracking, name="tracking"),
    path("<int:pk>/trien-khai/", views.fan_out, name="fan_out"),
    path("<int:pk>/qua-han/", views.overdue, name="overdue"),
    path("<int:pk>/chua-nhan/<int:unit_pk>/", views.unacknowledged, name="unacknowledged"),
    path("<int:pk>/xuat-excel/", views.export, name="export"),
    path("kho-khan/", views.difficulty_list, name="difficulties"),
    path("kho-khan/<int:pk>/", views.difficulty_detail, name="difficulty"),
]
