from django.urls import path

from . import views

app_name = "territory"

urlpatterns = [
    path("", views.territory_home, name="home"),
    path("<int:pk>/", views.unit_detail, name="unit"),
    path("tim-kiem/", views.unit_search, name="search"),
    path("xuat-ap.xlsx", views.hamlets_export, name="export"),
    path("nhap-ap/", views.HamletImportView.as_view(), name="import"),
    path("nhap-ap/mau.xlsx", views.HamletTemplateView.as_view(), name="import_template"),
]
