"""Admin for election-day records: read-only, since every write goes through the result services."""

from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from common.admin import ReadOnlyMixin

from .models import HamletHead, Meeting, MeetingCandidate, Milestone, StatusChange


class MeetingCandidateInline(ReadOnlyMixin, admin.TabularInline):
    model = MeetingCandidate
    extra = 0
    fields = ["position", "full_name", "gender", "date_of_birth", "is_party_member", "is_cell_secretary",
              "is_incumbent", "origin", "votes"]
    readonly_fields = fields


@admin.register(Meeting)
class MeetingAdmin(ReadOnlyMixin, SimpleHistoryAdmin):
    list_display = ["hamlet_election", "round", "held_on", "voting_method", "roll", "attending", "outcome", "winner"]
    list_filter = ["voting_method", "outcome"]
    search_fields = ["hamlet_election__hamlet__name"]
    list_select_related = ["hamlet_election__hamlet", "hamlet_election__election", "winner"]
    inlines = [MeetingCandidateInline]


@admin.register(Milestone)
class MilestoneAdmin(ReadOnlyMixin, SimpleHistoryAdmin):
    list_display = ["hamlet_election", "kind", "date", "document_number"]
    list_filter = ["kind"]
    list_select_related = ["hamlet_election__hamlet", "hamlet_election__election"]


@admin.register(HamletHead)
class HamletHeadAdmin(ReadOnlyMixin, SimpleHistoryAdmin):
    list_display = ["full_name", "hamlet_election", "kind", "decision_number", "decision_date", "term_end",
                    "next_election_due"]
    list_filter = ["kind", "is_cell_secretary", "is_party_member", "gender"]
    search_fields = ["full_name"]
    list_select_related = ["hamlet_election__hamlet", "hamlet_election__election"]


@admin.register(StatusChange)
class StatusChangeAdmin(ReadOnlyMixin, admin.ModelAdmin):
    list_display = ["hamlet_election", "from_status", "to_status", "by", "at"]
    list_filter = ["to_status"]
    list_select_related = ["hamlet_election__hamlet", "hamlet_election__election", "by"]


# The result workflow fields of HamletElection change only through elections/results/services/;
# the hamlet election admin (elections/admin.py) shows them read-only.
RESULT_WORKFLOW_FIELDS = ["status", "status_changed_at", "current_meeting", "rerun_reason", "rerun_due_by",
                          "rerun_date"]
