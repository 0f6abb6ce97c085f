"""Routes of the incident pages (issue 21), under "vu-viec/"; mounted by elections/urls.py inside the
"elections" namespace."""

from django.urls import path

from . import views

urlpatterns = [
    path("vu-viec/", views.incident_list, name="incidents"),
    path("vu-viec/xuat.xlsx", views.incident_export, name="incidents_export"),
    path("vu-viec/bao-cao/", views.incident_create, name="incident_create"),
    path("vu-viec/<int:pk>/", views.incident_detail, name="incident"),
]
