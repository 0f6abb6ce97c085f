from django.contrib.auth import views as auth_views
from django.urls import path

from . import views

urlpatterns = [
    path("dang-nhap/", auth_views.LoginView.as_view(redirect_authenticated_user=True), name="login"),
    path("dang-xuat/", auth_views.LogoutView.as_view(), name="logout"),
    path("doi-mat-khau/", auth_views.PasswordChangeView.as_view(), name="password_change"),
    path("doi-mat-khau/xong/", auth_views.PasswordChangeDoneView.as_view(), name="password_change_done"),
    path("bi-thu-chi-bo/", views.cell_secretaries, name="cell_secretaries"),
    path("chi-bo/<int:pk>/bi-thu/", views.cell_secretary, name="cell_secretary"),
    path("bi-thu-chi-bo/<int:pk>/sua/", views.cell_secretary_edit, name="cell_secretary_edit"),
]
