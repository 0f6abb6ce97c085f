"""Admin for incidents: read and correct; logging and handling go through the services so that
serious incidents are notified."""

from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from common.services import audited_save

from .models import Incident, IncidentNotice


@admin.register(Incident)
class IncidentAdmin(SimpleHistoryAdmin):
    list_display = ["occurred_at", "hamlet", "kind", "severity", "status"]
    list_filter = ["kind", "severity", "status"]
    search_fields = ["description", "hamlet__name"]
    raw_id_fields = ["hamlet", "hamlet_election", "reported_by", "handled_by"]
    readonly_fields = ["reported_by", "reported_at"]

    def has_add_permission(self, request):
        return False

    def save_model(self, request, obj, form, change):
        audited_save(obj, by=request.user)


@admin.register(IncidentNotice)
class IncidentNoticeAdmin(admin.ModelAdmin):
    list_display = ["created_at", "incident", "organisation", "emailed_to"]
    readonly_fields = ["incident", "organisation", "emailed_to", "created_at"]

    def has_add_permission(self, request):
        return False
