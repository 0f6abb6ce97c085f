from django.contrib import admin

from common.admin import ViewOnlyMixin

from .models import ReportJob, ReportNotice, ReportSequence


@admin.register(ReportJob)
class ReportJobAdmin(ViewOnlyMixin, admin.ModelAdmin):
    """Read-only: jobs are created and moved by the services and the worker, never by hand."""

    list_display = ("pk", "number", "year", "unit", "as_of", "status", "progress", "requested_by", "finished_at")
    list_filter = ("status", "trigger", "year")
    search_fields = ("number",)


@admin.register(ReportSequence)
class ReportSequenceAdmin(ViewOnlyMixin, admin.ModelAdmin):
    list_display = ("year", "last_number")


@admin.register(ReportNotice)
class ReportNoticeAdmin(ViewOnlyMixin, admin.ModelAdmin):
    list_display = ("created_at", "message")
