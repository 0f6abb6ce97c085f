from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as BaseUserAdmin
from django.utils.translation import gettext_lazy as _
from simple_history.admin import SimpleHistoryAdmin

from .models import Organisation, User


@admin.register(Organisation)
class OrganisationAdmin(SimpleHistoryAdmin):
    list_display = ("name", "kind", "unit", "parent", "is_active")
    list_filter = ("kind", "is_active", ("unit__province", admin.RelatedOnlyFieldListFilter))
    search_fields = ("name", "short_name", "unit__name", "unit__search_name", "unit__code")
    autocomplete_fields = ("unit", "parent")
    list_select_related = ("unit", "parent")


@admin.register(User)
class UserAdmin(SimpleHistoryAdmin, BaseUserAdmin):
    list_display = ("username", "get_full_name", "organisation", "role", "is_active", "is_staff")
    list_filter = ("role", "organisation__kind", "is_active", "is_staff", "is_superuser")
    search_fields = ("username", "first_name", "last_name", "email", "organisation__name")
    autocomplete_fields = ("organisation",)
    list_select_related = ("organisation",)
    fieldsets = (
        *BaseUserAdmin.fieldsets,
        (_("Organisation and role"), {"fields": ("organisation", "role", "position", "phone")}),
    )
    add_fieldsets = (
        *BaseUserAdmin.add_fieldsets,
        (_("Organisation and role"), {"fields": ("organisation", "role")}),
    )
