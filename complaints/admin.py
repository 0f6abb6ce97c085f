"""Admin for the register. Workflow fields are read-only here (the portal's services move letters).

The sender's identity never shows on the admin's pages (change, list, history), not even to a
superuser: Luật Tố cáo 2018 keeps it for the handler and the approving leader. An administrator who
must see it opens the letter's "sender" page, writes down why, and the viewing is logged with that
reason like any other (`services.identity_reveal`)."""

from django import forms
from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _
from django.views.decorators.debug import sensitive_variables
from simple_history.admin import SimpleHistoryAdmin

from common.admin import ReadOnlyMixin, ViewOnlyMixin
from common.forms import apply_validation_error

from . import rules, services
from .forms import hamlet_label
from .models import Complaint, ComplaintEvent, HandlerReminder, IdentityAccessLog


class EventInline(admin.TabularInline):
    model = ComplaintEvent
    fields = ("at", "by", "from_status", "to_status", "internal_note", "message_to_sender", "effect")
    readonly_fields = fields
    extra = 0
    can_delete = False

    def has_add_permission(self, request, obj=None):
        return False


class RevealForm(forms.Form):
    reason = forms.CharField(label=_("Why you need to see the sender"), widget=forms.Textarea(attrs={"rows": 3}),
                             help_text=_("Recorded with your name and the time in the identity-viewing log."))


@admin.register(Complaint)
class ComplaintAdmin(SimpleHistoryAdmin):
    list_display = ("reference", "received_on", "kind", "hamlet_with_commune", "nominee", "status", "due_on",
                    "handler")
    list_filter = ("status", "kind", "channel")
    # Never the identity: it must not be a search key.
    search_fields = ("summary", "hamlet__name", "conclusion_number")
    list_select_related = ("hamlet__parent", "nominee", "handler")
    date_hierarchy = "received_on"
    inlines = [EventInline]
    readonly_fields = (
        "kind", "channel", "received_on", "forwarded_by", "hamlet_with_commune", "hamlet_election", "nominee",
        "signatories", "signed_in_person", "complexity", "complexity_reason", "summary", "content", "status",
        "refusal_grounds", "forwarded_to", "check_justification", "check_requested_by", "handler", "approver",
        "acceptance_due", "accepted_on", "resolution_due", "extensions", "election_due", "due_on", "outcome",
        "conclusion_number", "conclusion_date", "notified_on", "closed_on", "effect_pending", "created_by",
        "created_at", "sender",
    )
    fields = readonly_fields

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("hamlet__parent").visible_to(request.user)

    def has_add_permission(self, request):
        return False

    @admin.display(description=_("hamlet"), ordering="hamlet__path")
    def hamlet_with_commune(self, obj):
        return hamlet_label(obj.hamlet)

    @admin.display(description=_("sender"))
    def sender(self, obj):
        """A link to the logged reveal, never the identity itself."""
        if obj is None or obj.pk is None:
            return "—"
        return format_html('<a href="{}">{}</a>', reverse("admin:complaints_complaint_sender", args=[obj.pk]),
                           _("Kept secret: see the sender (a reason is asked and recorded)"))

    def get_urls(self):
        return [path("<path:object_id>/nguoi-gui/", self.admin_site.admin_view(self.sender_view),
                     name="complaints_complaint_sender"), *super().get_urls()]

    @sensitive_variables("identity")
    def sender_view(self, request, object_id):
        """The sender for an administrator who says why (or for the letter's handler or approver)."""
        complaint = self.get_object(request, object_id)
        if complaint is None:
            raise Http404
        if not (rules.can_view_identity(request.user, complaint) or rules.can_reveal_as_administrator(request.user)):
            raise PermissionDenied
        form = RevealForm(request.POST or None)
        identity = None
        if request.method == "POST" and form.is_valid():
            try:
                identity = services.identity_reveal(complaint=complaint, by=request.user, via="admin",
                                                    reason=form.cleaned_data["reason"])
            except ValidationError as exc:
                apply_validation_error(form, exc)
            else:
                messages.warning(request, _("This viewing of the sender has been recorded."))
        context = {
            **self.admin_site.each_context(request), "opts": self.model._meta, "original": complaint,
            "title": _("Sender of letter %(ref)s") % {"ref": complaint.reference},
            "form": form, "identity": identity,
        }
        return TemplateResponse(request, "admin/complaints/complaint/sender.html", context,
                                status=400 if request.method == "POST" and identity is None else 200)


@admin.register(IdentityAccessLog)
class IdentityAccessLogAdmin(ReadOnlyMixin, admin.ModelAdmin):
    list_display = ("at", "user", "complaint", "via", "reason")
    list_filter = ("via",)
    list_select_related = ("user", "complaint")


@admin.register(HandlerReminder)
class HandlerReminderAdmin(ViewOnlyMixin, admin.ModelAdmin):
    list_display = ("sent_on", "handler", "complaints")
