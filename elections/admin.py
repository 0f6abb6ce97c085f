"""Admin for campaigns and hamlet elections. Campaigns are created through
`elections.services.election_create` (which creates the hamlet elections); workflow and tree
fields are read-only here."""

from django.contrib import admin, messages
from simple_history.admin import SimpleHistoryAdmin

from common.services import audited_save

from . import registry
from .models import Election, HamletElection
from .services import election_create


@admin.register(Election)
class ElectionAdmin(SimpleHistoryAdmin):
    list_display = ["name", "province", "term_start_year", "term_end_year", "nomination_deadline", "election_start",
                    "election_end", "is_active"]
    list_filter = ["is_active", "province"]
    search_fields = ["name"]
    readonly_fields = ["created_by", "created_at"]

    def get_readonly_fields(self, request, obj=None):
        # The province of an existing campaign decides its hamlet elections: it cannot move.
        return [*self.readonly_fields, "province"] if obj else self.readonly_fields

    def save_model(self, request, obj, form, change):
        if change:
            audited_save(obj, by=request.user, clean=False)
            return
        created = election_create(by=request.user, **{k: form.cleaned_data[k] for k in (
            "name", "province", "term_start_year", "term_end_year", "term_months", "nomination_deadline",
            "election_start", "election_end")})
        obj.pk = created.pk
        obj.refresh_from_db()

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(HamletElection)
class HamletElectionAdmin(SimpleHistoryAdmin):
    list_display = ["hamlet", "election", "election_date"]
    list_filter = ["election", "hamlet__district"]
    search_fields = ["hamlet__name", "hamlet__search_name"]
    raw_id_fields = ["hamlet"]
    list_select_related = ["hamlet", "election"]

    def get_readonly_fields(self, request, obj=None):
        from elections.results.admin import RESULT_WORKFLOW_FIELDS

        return ["election", "hamlet", *RESULT_WORKFLOW_FIELDS] if obj else RESULT_WORKFLOW_FIELDS

    def has_add_permission(self, request):
        return False  # created by election_create / election_sync_hamlets

    def save_model(self, request, obj, form, change):
        super().save_model(request, obj, form, change)
        if "election_date" in form.changed_data and obj.election_date:
            for message in registry.run_date_checks(obj, obj.election_date):
                messages.warning(request, message)

    def has_delete_permission(self, request, obj=None):
        return False


from elections.incidents import admin as incidents_admin  # noqa: E402, F401  (election incidents admin, issue 21)
from elections.results import admin as results_admin  # noqa: E402, F401  (election results admin, issue 7)
