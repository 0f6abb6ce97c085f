"""Admin for nomination: browse everything with its history; every change goes through the
services (workflow fields are read-only, and no admin action moves a list or decides an exception)."""

from django import forms
from django.contrib import admin
from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _lazy
from simple_history.admin import SimpleHistoryAdmin

from common.admin import NoDeleteMixin
from territory.models import Unit
from territory.selectors import grouping_units

from . import services
from .models import ConcurrencyException, Nominee, NomineeList, NomineeListEvent


class DistrictFilter(admin.SimpleListFilter):
    """Filter by the list's unit: a district, or a commune where there is no district."""

    title = _lazy("district")
    parameter_name = "district"
    lookup = "nominee_list__unit"

    def lookups(self, request, model_admin):
        units = Unit.objects.filter(grouping_units(), nominee_lists__isnull=False).distinct().order_by("path")
        return [(u.pk, u.name) for u in units]

    def queryset(self, request, queryset):
        return queryset.filter(**{f"{self.lookup}_id": self.value()}) if self.value() else queryset


class ListDistrictFilter(DistrictFilter):
    lookup = "unit"


class NomineeListEventInline(admin.TabularInline):
    model = NomineeListEvent
    extra = 0
    fields = readonly_fields = ["at", "by", "from_status", "to_status", "reason", "content_hash"]
    can_delete = False

    def has_add_permission(self, request, obj=None):
        return False


@admin.register(NomineeList)
class NomineeListAdmin(NoDeleteMixin, SimpleHistoryAdmin):
    list_display = ["unit", "election", "status", "submitted_at", "decided_at"]
    list_filter = ["status", "election", ListDistrictFilter]
    list_select_related = ["unit", "election"]
    readonly_fields = ["election", "unit", "status", "content_hash", "submitted_at", "submitted_by", "return_reason",
                       "decided_at", "decided_by", "created_at", "updated_at"]
    inlines = [NomineeListEventInline]
    actions = None

    def has_add_permission(self, request):
        return False  # lists are created by the services when a district starts its list

    def has_change_permission(self, request, obj=None):
        return False  # transitions only through submit / return / accept


class NomineeAdminForm(forms.ModelForm):
    """Runs the service's checks in the form, so the admin shows the same messages as the portal."""

    class Meta:
        model = Nominee
        fields = ["hamlet_election", *services.NOMINEE_FIELDS]

    def validate_unique(self):
        pass  # the service checks names per hamlet

    def clean(self):
        cleaned = super().clean()
        hamlet_election = cleaned.get("hamlet_election") or getattr(self.instance, "hamlet_election", None)
        if hamlet_election is None or self.errors:
            return cleaned
        nominee_list = (self.instance.nominee_list if self.instance.pk
                        else services.list_for_hamlet_election(hamlet_election))
        if not nominee_list.is_editable:
            raise ValidationError(_("The list is %(status)s: it can only be changed while it is a draft or has "
                                    "been returned.") % {"status": nominee_list.get_status_display().lower()})
        probe = Nominee(pk=self.instance.pk, hamlet_election=hamlet_election,
                        **{k: cleaned.get(k) for k in services.NOMINEE_FIELDS})
        errors = services.nominee_validate(probe)
        if errors:
            by_field = {}
            for key, messages in errors.items():
                by_field.setdefault(key if key in self.fields else "__all__", []).extend(messages)
            raise ValidationError(by_field)
        return cleaned


@admin.register(Nominee)
class NomineeAdmin(NoDeleteMixin, SimpleHistoryAdmin):
    list_display = ["full_name", "hamlet_election", "is_cell_secretary", "status", "masked_citizen_id"]
    list_filter = ["status", "is_cell_secretary", "hamlet_election__election", DistrictFilter, "nominee_list__status"]
    search_fields = ["search_name"]
    list_select_related = ["hamlet_election__hamlet", "hamlet_election__election"]
    raw_id_fields = ["hamlet_election"]
    readonly_fields = ["nominee_list", "status", "withdrawn_reason", "withdrawn_by", "withdrawn_at", "created_by",
                       "created_at", "updated_at"]
    actions = None
    form = NomineeAdminForm

    def get_search_results(self, request, queryset, search_term):
        from common.text import search_key
        return super().get_search_results(request, queryset, search_key(search_term))

    def get_readonly_fields(self, request, obj=None):
        return [*self.readonly_fields, "hamlet_election"] if obj else self.readonly_fields

    def save_model(self, request, obj, form, change):
        """Through the services, so eligibility and the list's state are checked as everywhere else."""
        fields = {k: form.cleaned_data[k] for k in services.NOMINEE_FIELDS if k in form.cleaned_data}
        if change:
            saved = services.nominee_update(by=request.user, nominee=Nominee.objects.get(pk=obj.pk), **fields)
        else:
            saved = services.nominee_create(by=request.user, hamlet_election=form.cleaned_data["hamlet_election"],
                                            **fields)
        obj.pk = saved.pk


@admin.register(ConcurrencyException)
class ConcurrencyExceptionAdmin(NoDeleteMixin, SimpleHistoryAdmin):
    list_display = ["hamlet_election", "reason", "decision", "decision_number", "decision_date"]
    list_filter = ["decision", "reason", DistrictFilter, "nominee_list__election"]
    list_select_related = ["hamlet_election__hamlet"]
    readonly_fields = ["hamlet_election", "nominee_list", "reason", "explanation", "requested_by", "requested_at",
                       "decision", "decision_number", "decision_date", "decided_by", "decided_at"]
    actions = None

    def has_add_permission(self, request):
        return False  # filed and decided on the hamlet's page, through the services

    def has_change_permission(self, request, obj=None):
        return False
