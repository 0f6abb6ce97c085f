"""Admin: descriptive fields of a directive are editable; every workflow field is read-only, since
dispatching, acknowledging, submitting and answering go through the services (and their rules).
Tasks and task reports are read-only too: defined and reported through the portal's pages."""

from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from common.admin import ReadOnlyFieldsMixin

from .models import (
    DifficultyReport,
    Directive,
    DirectiveTask,
    Dispatch,
    Reminder,
    TaskField,
    TaskReport,
    TaskReportValue,
)


@admin.register(Directive)
class DirectiveAdmin(SimpleHistoryAdmin):
    list_display = ("number", "issued_on", "kind", "summary", "depth", "plan_required", "report_required")
    list_filter = ("issuer_kind", "kind", "depth", "plan_required", "report_required")
    search_fields = ("number", "summary", "issuer")
    date_hierarchy = "issued_on"
    readonly_fields = ("owner", "file", "file_name", "registered_by", "registered_at")
    raw_id_fields = ("election",)
    list_select_related = ("owner",)

    def has_add_permission(self, request):
        return False  # registered through the portal's form, which sends it and checks the file


@admin.register(Dispatch)
class DispatchAdmin(ReadOnlyFieldsMixin, SimpleHistoryAdmin):
    list_display = ("directive", "organisation", "delivered_at", "acknowledged_at", "plan_submitted_at",
                    "report_submitted_at")
    list_filter = ("organisation__kind", "directive")
    search_fields = ("organisation__name", "directive__number")
    list_select_related = ("directive", "organisation")


@admin.register(DifficultyReport)
class DifficultyReportAdmin(ReadOnlyFieldsMixin, SimpleHistoryAdmin):
    list_display = ("dispatch", "raised_at", "status", "answered_at")
    list_filter = ("status",)
    search_fields = ("text", "answer", "dispatch__organisation__name")
    list_select_related = ("dispatch__directive", "dispatch__organisation")


@admin.register(Reminder)
class ReminderAdmin(ReadOnlyFieldsMixin, SimpleHistoryAdmin):
    list_display = ("dispatch", "kind", "sent_on", "channel")
    list_filter = ("kind", "channel", "sent_on")
    list_select_related = ("dispatch__directive", "dispatch__organisation")


class TaskFieldInline(admin.TabularInline):
    model = TaskField
    extra = 0
    can_delete = False
    readonly_fields = ("position", "label", "kind", "required", "unit")

    def has_add_permission(self, request, obj=None):
        return False


@admin.register(DirectiveTask)
class DirectiveTaskAdmin(ReadOnlyFieldsMixin, SimpleHistoryAdmin):
    """Tasks are listed on the directive's "Nhiệm vụ của văn bản" page, where the office's rules apply."""

    list_display = ("directive", "position", "title", "due")
    search_fields = ("title", "directive__number")
    list_select_related = ("directive",)
    inlines = [TaskFieldInline]


class TaskReportValueInline(admin.TabularInline):
    model = TaskReportValue
    extra = 0
    can_delete = False
    readonly_fields = ("field", "value_date", "value_number", "value_bool", "value_text", "value_file_name")
    exclude = ("value_file",)

    def has_add_permission(self, request, obj=None):
        return False


@admin.register(TaskReport)
class TaskReportAdmin(ReadOnlyFieldsMixin, SimpleHistoryAdmin):
    list_display = ("task", "dispatch", "status", "submitted_at")
    list_filter = ("status",)
    search_fields = ("task__title", "dispatch__organisation__name")
    list_select_related = ("task", "dispatch__organisation", "dispatch__directive")
    inlines = [TaskReportValueInline]
