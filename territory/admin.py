from django import forms
from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from common.text import plain_text_problem

from .models import Level, Unit
from .registry import run_units_created


class UnitForm(forms.ModelForm):
    def clean_name(self):
        name = self.cleaned_data["name"]
        if problem := plain_text_problem(name):
            raise forms.ValidationError(problem)
        return name


@admin.register(Unit)
class UnitAdmin(SimpleHistoryAdmin):
    form = UnitForm
    list_display = ("name", "kind", "level", "code", "parent", "households", "is_active")
    list_filter = ("level", "kind", "is_active", ("province", admin.RelatedOnlyFieldListFilter))
    search_fields = ("name", "search_name", "code")
    autocomplete_fields = ("parent",)
    list_select_related = ("parent",)
    readonly_fields = ("path",)
    show_full_result_count = False

    def get_readonly_fields(self, request, obj=None):
        # Moving a unit would orphan the denormalised paths of its subtree.
        return ("path", "parent", "level") if obj else ("path",)

    def get_search_results(self, request, queryset, search_term):
        # "my tho" finds "Mỹ Tho": search the accent-free key too.
        from common.text import search_key

        found, may_have_duplicates = super().get_search_results(request, queryset, search_term)
        if search_term:
            found |= queryset.filter(search_name__contains=search_key(search_term))
        return found, may_have_duplicates

    def save_model(self, request, obj, form, change):
        super().save_model(request, obj, form, change)
        if not change and obj.level > Level.PROVINCE and obj.province_id:
            # A new district, commune or hamlet gets its party organisation, as an import would.
            run_units_created(province=obj.province, by=request.user)
