from django.urls import path

from . import views

app_name = "complaints"

urlpatterns = [
    path("", views.QueueView.as_view(), name="queue"),
    path("tiep-nhan/", views.RegisterView.as_view(), name="register"),
    path("tong-hop/", views.OverviewView.as_view(), name="overview"),
    path("tong-hop/xuat-excel/", views.OverviewExportView.as_view(), name="overview_export"),
    path("<int:pk>/", views.DetailView.as_view(), name="detail"),
    path("<int:pk>/nguoi-gui/", views.IdentityView.as_view(), name="identity"),
    path("<int:pk>/ban-quet/<int:scan_pk>/", views.ScanView.as_view(), name="scan"),
    path("<int:pk>/xu-ly/<slug:action>/", views.ActionView.as_view(), name="act"),
]
