from django.urls import path

from . import views
from .assignments import views as tasks

app_name = "directives"

urlpatterns = [
    path("", views.inbox, name="inbox"),
    path("nhan/<int:pk>/", views.dispatch_detail, name="dispatch"),
    path("nhan/<int:pk>/xac-nhan/", views.dispatch_acknowledge, name="acknowledge"),
    path("nhan/<int:pk>/chuyen-tiep/", views.dispatch_forward, name="forward"),
    path("nhan/<int:pk>/ke-hoach/", views.SubmissionView.as_view(what="plan"), name="plan"),
    path("nhan/<int:pk>/bao-cao/", views.SubmissionView.as_view(what="report"), name="report"),
    path("nhan/<int:pk>/ke-hoach/tra-lai/", views.submission_return, {"what": "plan"}, name="return_plan"),
    path("nhan/<int:pk>/bao-cao/tra-lai/", views.submission_return, {"what": "report"}, name="return_report"),
    path("<int:pk>/ca-nhan/xac-nhan/", views.personal_acknowledge, name="personal_acknowledge"),
    path("nhan/<int:pk>/kho-khan/", views.difficulty_raise, name="raise_difficulty"),
    path("tep/<str:kind>/<int:pk>/", views.download, name="download"),
    path("danh-sach/", views.directive_list, name="list"),
    path("dang-ky/", views.directive_create, name="create"),
    path("<int:pk>/", views.tracking, name="tracking"),
    path("<int:pk>/trien-khai/", views.fan_out, name="fan_out"),
    path("<int:pk>/qua-han/", views.overdue, name="overdue"),
    path("<int:pk>/chua-nhan/<int:unit_pk>/", views.unacknowledged, name="unacknowledged"),
    path("<int:pk>/xuat-excel/", views.export, name="export"),
    path("<int:pk>/nhiem-vu/", tasks.tasks, name="tasks"),
    path("nhiem-vu/<int:pk>/", tasks.task_detail, name="task"),
    path("nhiem-vu/<int:pk>/xoa/", tasks.task_remove, name="task_remove"),
    path("nhiem-vu/<int:pk>/xuat-excel/", tasks.task_export, name="task_export"),
    path("nhan/<int:pk>/nhiem-vu/<int:task_pk>/", tasks.task_report, name="task_report"),
    path("bao-cao-nhiem-vu/<int:pk>/tra-lai/", tasks.task_return, name="task_return"),
    path("kho-khan/", views.difficulty_list, name="difficulties"),
    path("kho-khan/<int:pk>/", views.difficulty_detail, name="difficulty"),
]
