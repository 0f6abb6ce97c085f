from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from .models import Unit


@admin.register(Unit)
class UnitAdmin(SimpleHistoryAdmin):
    list_display = ("name", "kind", "level", "code", "parent", "households", "is_active")
    list_filter = ("level", "kind", "is_active")
    search_fields = ("name", "search_name", "code")
    autocomplete_fields = ("parent",)
    list_select_related = ("parent",)
    readonly_fields = ("path",)

    def get_readonly_fields(self, request, obj=None):
        # Moving a unit would orphan the denormalised paths of its subtree.
        return ("path", "parent", "level") if obj else ("path",)
