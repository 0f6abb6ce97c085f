from django.contrib import admin

from .models import ReportJob, ReportNotice, ReportSequence


@admin.register(ReportJob)
class ReportJobAdmin(admin.ModelAdmin):
    """Read-only: jobs are created and moved by the services and the worker, never by hand."""

    list_display = ("pk", "number", "year", "unit", "as_of", "status", "progress", "requested_by", "finished_at")
    list_filter = ("status", "trigger", "year")
    search_fields = ("number",)

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False


@admin.register(ReportSequence)
class ReportSequenceAdmin(admin.ModelAdmin):
    list_display = ("year", "last_number")

    def has_change_permission(self, request, obj=None):
        return False

    def has_add_permission(self, request):
        return False


@admin.register(ReportNotice)
class ReportNoticeAdmin(admin.ModelAdmin):
    list_display = ("created_at", "message")

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False
