"""Admin for the register. Workflow fields are read-only here (the portal's services move letters);
the sender's identity is shown only to admins with `complaints.view_identity`, and each showing
is logged like any other viewing."""

from django.contrib import admin
from django.utils.translation import gettext_lazy as _
from simple_history.admin import SimpleHistoryAdmin

from common.admin import ReadOnlyMixin, ViewOnlyMixin

from . import services
from .models import ComplainantIdentity, Complaint, ComplaintEvent, HandlerReminder, IdentityAccessLog


class IdentityInline(admin.StackedInline):
    model = ComplainantIdentity
    fields = ("name", "address", "phone", "id_number")
    readonly_fields = fields
    can_delete = False
    extra = 0
    max_num = 0
    verbose_name = verbose_name_plural = _("sender's identity")

    def has_view_permission(self, request, obj=None):
        return request.user.has_perm("complaints.view_identity")

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False


class EventInline(admin.TabularInline):
    model = ComplaintEvent
    fields = ("at", "by", "from_status", "to_status", "internal_note", "message_to_sender", "effect")
    readonly_fields = fields
    extra = 0
    can_delete = False

    def has_add_permission(self, request, obj=None):
        return False


@admin.register(Complaint)
class ComplaintAdmin(SimpleHistoryAdmin):
    list_display = ("reference", "received_on", "kind", "hamlet", "nominee", "status", "due_on", "handler")
    list_filter = ("status", "kind", "channel")
    # Never the identity: it must not be a search key.
    search_fields = ("summary", "hamlet__name", "conclusion_number")
    list_select_related = ("hamlet", "nominee", "handler")
    date_hierarchy = "received_on"
    inlines = [IdentityInline, EventInline]
    readonly_fields = (
        "kind", "channel", "received_on", "forwarded_by", "hamlet", "hamlet_election", "nominee", "signatories",
        "signed_in_person", "is_complex", "summary", "content", "status", "refusal_grounds", "forwarded_to",
        "check_justification", "check_requested_by", "handler", "approver", "acceptance_due", "accepted_on",
        "resolution_due", "extensions", "election_due", "due_on", "outcome", "conclusion_number",
        "conclusion_date", "notified_on", "closed_on", "effect_pending", "created_by", "created_at",
    )
    fields = readonly_fields

    def get_queryset(self, request):
        return super().get_queryset(request).visible_to(request.user)

    def has_add_permission(self, request):
        return False

    def change_view(self, request, object_id, form_url="", extra_context=None):
        response = super().change_view(request, object_id, form_url, extra_context)
        if request.method == "GET" and request.user.has_perm("complaints.view_identity") \
                and getattr(response, "status_code", None) == 200:
            complaint = self.get_object(request, object_id)
            if complaint is not None:
                services.identity_log_admin_view(complaint=complaint, by=request.user)
        return response


@admin.register(IdentityAccessLog)
class IdentityAccessLogAdmin(ReadOnlyMixin, admin.ModelAdmin):
    list_display = ("at", "user", "complaint", "via")
    list_filter = ("via",)
    list_select_related = ("user", "complaint")


@admin.register(HandlerReminder)
class HandlerReminderAdmin(ViewOnlyMixin, admin.ModelAdmin):
    list_display = ("sent_on", "handler", "complaints")
