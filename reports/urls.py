from django.urls import path

from . import views

app_name = "reports"

urlpatterns = [
    path("", views.archive, name="archive"),
    path("tong-quan/", views.dashboard, name="dashboard"),
    path("toan-quoc/", views.national, name="national"),
    path("toan-quoc.pdf", views.national_pdf, name="national_pdf"),
    path("tong-quan/so-lieu/", views.dashboard_figures, name="figures"),
    path("tong-quan/xlsx/", views.dashboard_xlsx, name="xlsx"),
    path("lap-bao-cao/", views.request_report, name="request"),
    path("<int:pk>/", views.job_detail, name="job"),
    path("<int:pk>/trang-thai/", views.job_status, name="job_status"),
    path("<int:pk>/thu-lai/", views.job_retry, name="retry"),
    path("<int:pk>/tai-ve/", views.job_download, name="download"),
    path("<int:pk>/so-lieu.xlsx", views.job_xlsx, name="job_xlsx"),
]
