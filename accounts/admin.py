from django import forms
from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as BaseUserAdmin
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import path
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.admin import SimpleHistoryAdmin

from common.admin import NoDeleteMixin, ReadOnlyMixin

from . import services
from .models import CellSecretary, Organisation, PersonalDataAccess, User


@admin.register(Organisation)
class OrganisationAdmin(SimpleHistoryAdmin):
    list_display = ("name", "kind", "unit", "parent", "is_active")
    list_filter = ("kind", "is_active", ("unit__province", admin.RelatedOnlyFieldListFilter))
    search_fields = ("name", "short_name", "unit__name", "unit__search_name", "unit__code")
    autocomplete_fields = ("unit", "parent")
    list_select_related = ("unit", "parent")


class CellSecretaryAdminForm(forms.ModelForm):
    """Runs the service's checks in the form, so the admin shows the same messages as the portal."""

    class Meta:
        model = CellSecretary
        fields = ["organisation", *services.CELL_SECRETARY_FIELDS]

    def validate_unique(self):
        pass  # the service checks overlapping terms

    def clean(self):
        cleaned = super().clean()
        organisation = cleaned.get("organisation") or getattr(self.instance, "organisation", None)
        if organisation is None or self.errors:
            return cleaned
        probe = CellSecretary(pk=self.instance.pk, organisation=organisation,
                              **{k: cleaned.get(k) for k in services.CELL_SECRETARY_FIELDS})
        probe.elected_at = probe.elected_at or ""
        errors, _closes = services.cell_secretary_validate(probe)
        if errors:
            raise ValidationError({k if k in self.fields else "__all__": v for k, v in errors.items()})
        return cleaned


@admin.register(CellSecretary)
class CellSecretaryAdmin(NoDeleteMixin, SimpleHistoryAdmin):
    """The cells' secretaries, term by term; every change goes through `accounts.services`."""

    list_display = ("full_name", "organisation", "term_start", "term_end", "elected_at")
    list_filter = (("organisation__unit__province", admin.RelatedOnlyFieldListFilter),)
    search_fields = ("full_name", "search_name", "organisation__name", "organisation__unit__search_name")
    autocomplete_fields = ("organisation",)
    list_select_related = ("organisation",)
    readonly_fields = ("recorded_by", "recorded_at")
    form = CellSecretaryAdminForm

    def get_readonly_fields(self, request, obj=None):
        return [*self.readonly_fields, "organisation"] if obj else self.readonly_fields

    def save_model(self, request, obj, form, change):
        fields = {k: form.cleaned_data.get(k) for k in services.CELL_SECRETARY_FIELDS}
        fields["elected_at"] = fields["elected_at"] or ""
        if change:
            saved = services.cell_secretary_update(secretary=CellSecretary.objects.get(pk=obj.pk), by=request.user,
                                                   **fields)
        else:
            saved = services.cell_secretary_record(organisation=form.cleaned_data["organisation"], by=request.user,
                                                   **fields)
        obj.pk = saved.pk


@admin.register(User)
class UserAdmin(SimpleHistoryAdmin, BaseUserAdmin):
    list_display = ("username", "get_full_name", "organisation", "role", "is_active", "is_staff")
    list_filter = ("role", "organisation__kind", "is_provincial_committee_member", "is_active", "is_staff",
                   "is_superuser")
    search_fields = ("username", "first_name", "last_name", "email", "organisation__name")
    autocomplete_fields = ("organisation",)
    list_select_related = ("organisation",)
    fieldsets = (
        *BaseUserAdmin.fieldsets,
        (_("Organisation and role"), {"fields": ("organisation", "role", "position", "phone",
                                                  "is_provincial_committee_member")}),
    )
    add_fieldsets = (
        *BaseUserAdmin.add_fieldsets,
        (_("Organisation and role"), {"fields": ("organisation", "role")}),
    )


@admin.register(PersonalDataAccess)
class PersonalDataAccessAdmin(ReadOnlyMixin, admin.ModelAdmin):
    """Read-only: the log is written by the portal. Administrators download it whole (with the
    complaints app's identity viewings) as .xlsx from the changelist's "Export" link."""

    list_display = ("at", "user", "model", "object_repr", "field", "purpose")
    list_filter = ("model", "field", "purpose")
    search_fields = ("user__username", "object_repr")
    date_hierarchy = "at"
    change_list_template = "admin/accounts/personaldataaccess/change_list.html"

    def get_urls(self):
        return [path("xuat.xlsx", self.admin_site.admin_view(self.export_view),
                     name="accounts_personaldataaccess_export"), *super().get_urls()]

    def export_view(self, request):
        if not request.user.is_superuser:
            raise PermissionDenied
        from common.xlsx import write_xlsx, xlsx_response

        from .audit import audit_rows

        headers = [_("At"), _("Username"), _("Full name"), _("Record type"), _("Record id"), _("Record"), _("Field"),
                   _("How"), _("Address")]
        rows = [(timezone.localtime(row[0]).strftime("%d/%m/%Y %H:%M:%S"), *row[1:]) for row in audit_rows()]
        return xlsx_response(write_xlsx([(str(_("Personal data accesses"))[:31], headers, rows)]),
                             "nhat-ky-truy-cap-du-lieu-ca-nhan.xlsx")
