from django.contrib import messages
from django.core.paginator import Paginator
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views import View

from common.breadcrumbs import trail
from common.permissions import PermissionRequiredMixin, can
from common.spreadsheets import SpreadsheetError
from common.xlsx import xlsx_response

from . import exports, selectors
from .forms import HamletImportForm, UnitSearchForm
from .imports import hamlets_import
from .models import Level, Unit
from .scoping import scope_of


def _crumbs(user, unit: Unit | None) -> list:
    units = selectors.unit_crumbs(user, unit, url_name="territory:unit") if unit is not None else []
    return trail((_("Territory"), reverse("territory:home")), units, home=False)


def _unit_page(request, units: list[Unit], unit: Unit | None):
    # Several top units (an administrator's provinces) are the rows themselves.
    rows, totals = selectors.children_with_counts(units) if unit else selectors.rows_with_counts(units)
    context = {
        "unit": unit, "rows": rows, "totals": totals, "crumbs": _crumbs(request.user, unit),
        "search_form": UnitSearchForm(), "can_import": can(request.user, "territory.import_hamlets"),
        "show_districts": any(r.districts for r in rows), "show_communes": any(r.communes for r in rows),
        "child_level": rows[0].unit.get_level_display() if rows else None,
    }
    return render(request, "territory/unit_detail.html", context)


def territory_home(request):
    """The user's own part of the territory; agencies have none and are told so."""
    units = selectors.top_units(request.user)
    if not units:
        return render(request, "territory/no_territory.html", {"crumbs": _crumbs(request.user, None)})
    if len(units) == 1:
        return _unit_page(request, units, units[0])
    return _unit_page(request, units, None)


def unit_detail(request, pk: int):
    unit = Unit.objects.get_visible_or_404(request.user, pk=pk)
    return _unit_page(request, [unit], unit)


def unit_search(request):
    form = UnitSearchForm(request.GET)
    query = form.cleaned_data["q"] if form.is_valid() else ""
    page_obj = Paginator(selectors.units_search(request.user, query), 50).get_page(request.GET.get("page"))
    return render(request, "territory/search.html", {
        "form": form, "query": query, "page_obj": page_obj, "no_scope": scope_of(request.user).is_empty,
        "crumbs": [*_crumbs(request.user, None), (_("Search"), None)],
    })


def hamlets_export(request):
    unit = None
    if request.GET.get("don-vi", "").isdigit():
        unit = Unit.objects.get_visible_or_404(request.user, pk=int(request.GET["don-vi"]))
    data = exports.hamlets_xlsx(selectors.hamlets_in_scope(request.user, unit))
    return xlsx_response(data, "danh-sach-ap-khu-pho.xlsx")


class HamletImportView(PermissionRequiredMixin, View):
    permission_action = "territory.import_hamlets"
    template_name = "territory/hamlet_import.html"

    def _commune(self):
        unit = scope_of(self.request.user).unit
        return unit if unit is not None and unit.level == Level.COMMUNE else None

    def get(self, request):
        return self._render(HamletImportForm())

    def post(self, request):
        form = HamletImportForm(request.POST, request.FILES)
        if not form.is_valid():
            return self._render(form)
        try:
            summary = hamlets_import(source=form.cleaned_data["file"], by=request.user, commune=self._commune())
        except SpreadsheetError as error:
            return self._render(form, errors=error.errors, status=422)
        messages.success(request, _("Import finished: %(created)s created, %(updated)s updated, %(unchanged)s "
                                    "unchanged.") % vars(summary))
        return self._render(HamletImportForm(), summary=summary)

    def _render(self, form, *, errors=None, summary=None, status=200):
        return render(self.request, self.template_name, {
            "form": form, "errors": errors, "summary": summary, "commune": self._commune(),
            "crumbs": [*_crumbs(self.request.user, None), (_("Import hamlets"), None)],
        }, status=status)


class HamletTemplateView(PermissionRequiredMixin, View):
    permission_action = "territory.import_hamlets"

    def get(self, request):
        data = exports.hamlets_template_xlsx(selectors.hamlets_in_scope(request.user),
                                             selectors.communes_in_scope(request.user))
        return xlsx_response(data, "mau-nhap-ap-khu-pho.xlsx")
