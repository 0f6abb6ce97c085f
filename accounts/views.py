from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.generic import TemplateView

from common.breadcrumbs import trail
from common.forms import apply_validation_error
from common.permissions import require
from territory.scoping import scope_of

from . import selectors, services
from .forms import CellSecretaryForm
from .models import CellSecretary, Organisation, OrganisationKind
from .registry import run_pending_work


class HomeView(TemplateView):
    template_name = "accounts/home.html"

    def get_context_data(self, **kwargs):
        user = self.request.user
        own_cell = user.organisation if user.organisation_id and user.kind == OrganisationKind.CELL else None
        secretary = None
        if own_cell is not None:
            terms = selectors.secretaries_by_cell([own_cell.pk]).get(own_cell.pk, [])
            secretary = selectors.secretary_in_office(terms, timezone.localdate())
        return super().get_context_data(scope_unit=scope_of(user).unit, own_cell=own_cell,
                                        cell_secretary=secretary, pending_work=run_pending_work(user), **kwargs)


def _crumbs(user, *tail):
    """The trail of a cell's pages: through the list of cells, except for a cell (it sees only its own)."""
    head = [] if user.kind == OrganisationKind.CELL else [(_("Party cell secretaries"), reverse("cell_secretaries"))]
    return trail(*head, *tail)


def cell_secretaries(request):
    """The cells of the user's territory with the secretary each has recorded (a cell goes to its own)."""
    user = request.user
    require(user, "cell.secretary_view")
    if user.kind == OrganisationKind.CELL:
        return redirect("cell_secretary", user.organisation_id)
    query = request.GET.get("q", "").strip()
    page = Paginator(selectors.cells_visible_to(user, query=query), 50).get_page(request.GET.get("page"))
    terms = selectors.secretaries_by_cell(cell.pk for cell in page.object_list)
    today = timezone.localdate()
    for cell in page.object_list:
        cell.current_secretary = selectors.secretary_in_office(terms.get(cell.pk, []), today)
    return render(request, "accounts/cell_secretaries.html", {
        "page_obj": page, "query": query, "crumbs": trail((_("Party cell secretaries"), None)),
    })


def _cell_page(request, cell, form):
    user = request.user
    terms = selectors.secretaries_by_cell([cell.pk]).get(cell.pk, [])
    crumbs = _crumbs(user, (cell.name, None))
    return render(request, "accounts/cell_secretary.html", {
        "cell": cell, "terms": terms, "form": form,
        "current": selectors.secretary_in_office(terms, timezone.localdate()),
        "can_record": services.can_record_cell_secretary(user, cell), "crumbs": crumbs,
    })


def cell_secretary(request, pk):
    """One cell: its secretaries term by term, and (for the cell or its commune) the form to record a new one."""
    user = request.user
    require(user, "cell.secretary_view")
    cell = Organisation.objects.filter(kind=OrganisationKind.CELL).select_related("unit").get_visible_or_404(
        user, pk=pk)
    if request.method != "POST":
        return _cell_page(request, cell, CellSecretaryForm())
    if not services.can_record_cell_secretary(user, cell):
        raise PermissionDenied
    form = CellSecretaryForm(request.POST)
    if form.is_valid():
        try:
            services.cell_secretary_record(organisation=cell, by=user, **form.cleaned_data)
        except ValidationError as exc:
            apply_validation_error(form, exc)
        else:
            messages.success(request, _("The cell's secretary was recorded."))
            return redirect("cell_secretary", cell.pk)
    return _cell_page(request, cell, form)


def cell_secretary_edit(request, pk):
    """Correct one recorded term (the history keeps what it said before)."""
    user = request.user
    require(user, "cell.secretary_view")
    secretary = CellSecretary.objects.select_related("organisation__unit").get_visible_or_404(user, pk=pk)
    cell = secretary.organisation
    if not services.can_record_cell_secretary(user, cell):
        raise PermissionDenied
    form = CellSecretaryForm(request.POST or None, instance=CellSecretary.objects.get(pk=secretary.pk))
    if request.method == "POST" and form.is_valid():
        try:
            services.cell_secretary_update(secretary=secretary, by=user, **form.cleaned_data)
        except ValidationError as exc:
            apply_validation_error(form, exc)
        else:
            messages.success(request, _("The record was corrected."))
            return redirect("cell_secretary", cell.pk)
    back = reverse("cell_secretary", args=[cell.pk])
    crumbs = _crumbs(user, (cell.name, back), (_("Correct the record"), None))
    return render(request, "accounts/cell_secretary_edit.html", {
        "form": form, "cell": cell, "secretary": secretary, "back": back, "crumbs": crumbs,
    })
