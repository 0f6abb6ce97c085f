"""Routes of the election-results pages (issue 7), all under "ket-qua/"; mounted by elections/urls.py
inside the "elections" namespace."""

from django.urls import path

from . import views

urlpatterns = [
    path("ket-qua/", views.results_home, name="results"),
    path("ket-qua/don-vi/<int:unit_id>/", views.results_unit, name="results_unit"),
    path("ket-qua/don-vi/<int:unit_id>/xuat.xlsx", views.results_export, name="results_export"),
    path("ket-qua/ap/<int:pk>/", views.result_detail, name="result_detail"),
    path("ket-qua/ap/<int:pk>/moc-chuan-bi/", views.milestones_edit, name="result_milestones"),
    path("ket-qua/ap/<int:pk>/bien-ban/", views.minutes_create, name="result_minutes"),
    path("ket-qua/ap/<int:pk>/quyet-dinh/", views.decision_create, name="result_decision"),
    path("ket-qua/ap/<int:pk>/bau-lai/", views.rerun_create, name="result_rerun"),
    path("ket-qua/ap/<int:pk>/lam-thoi/", views.acting_head_create, name="result_acting_head"),
]
