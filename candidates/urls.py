from django.urls import path

from . import views

app_name = "candidates"

urlpatterns = [
    path("", views.index, name="index"),
    path("dot/<int:election_pk>/", views.province, name="province"),
    path("dot/<int:election_pk>/xuat.xlsx", views.province_export, name="province_export"),
    path("dot/<int:election_pk>/tim-kiem/", views.search, name="search"),
    path("dot/<int:election_pk>/don-vi/<int:unit_pk>/lap-danh-sach/", views.list_start, name="list_start"),
    path("danh-sach/<int:pk>/", views.district_list, name="list"),
    path("danh-sach/<int:pk>/gui/", views.list_submit, name="submit"),
    path("danh-sach/<int:pk>/tra-lai/", views.list_return, name="return"),
    path("danh-sach/<int:pk>/chap-nhan/", views.list_accept, name="accept"),
    path("danh-sach/<int:pk>/mau.xlsx", views.list_template, name="template"),
    path("danh-sach/<int:pk>/tai-len/", views.list_upload, name="upload"),
    path("danh-sach/<int:pk>/xuat.xlsx", views.list_export, name="export"),
    path("ap/<int:pk>/", views.hamlet, name="hamlet"),
    path("ap/<int:hamlet_pk>/them/", views.nominee_create, name="nominee_create"),
    path("ap/<int:hamlet_pk>/ngoai-le/", views.exception_request, name="exception_request"),
    path("nguoi/<int:pk>/sua/", views.nominee_edit, name="nominee_edit"),
    path("nguoi/<int:pk>/rut/", views.nominee_withdraw, name="nominee_withdraw"),
    path("ngoai-le/<int:pk>/quyet-dinh/", views.exception_decide, name="exception_decide"),
]
