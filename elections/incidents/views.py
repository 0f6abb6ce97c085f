"""Incident pages: the list with its filters and .xlsx, the log form (made for a phone), and the
detail with its history and the handling form. A few lines each: form -> service or selector -> template."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.permissions import require
from common.breadcrumbs import trail
from common.forms import apply_validation_error
from common.xlsx import xlsx_response
from territory.models import Level
from territory.selectors import hamlets_in_scope, visible_units

from . import forms, services
from . import selectors as sel
from .exports import incidents_workbook


def _list_crumb():
    return (_("Election incidents"), reverse("elections:incidents"))


def _filtered(request):
    sel.require_viewer(request.user)
    units = visible_units(request.user).filter(is_active=True).select_related("commune")
    listed = units.filter(level__in=[Level.DISTRICT, Level.COMMUNE]).order_by("path")
    form = forms.IncidentFilterForm(request.GET or None, units=units, listed=listed)
    return form, sel.incidents_filtered(request.user, **form.filters())


def incident_list(request):
    form, incidents = _filtered(request)
    return render(request, "elections/incidents/list.html", {
        "form": form, "page_obj": Paginator(incidents, 25).get_page(request.GET.get("page")),
        "notices": sel.notices_for(request.user), "can_log": services.can_log(request.user),
        "query": request.GET.urlencode(), "crumbs": trail((_("Election incidents"), None))})


def incident_export(request):
    _form, incidents = _filtered(request)
    return xlsx_response(incidents_workbook(incidents), f"vu-viec-bau-cu-{timezone.localdate():%Y%m%d}.xlsx")


def incident_create(request):
    sel.require_viewer(request.user)
    require(request.user, "incident.log")
    form = forms.IncidentLogForm(request.POST or None, hamlets=hamlets_in_scope(request.user))
    if request.method == "POST" and form.is_valid():
        try:
            incident = services.incident_log(by=request.user, **form.cleaned_data)
        except ValidationError as error:
            apply_validation_error(form, error)
        else:
            messages.success(request, _("Incident logged.") if not incident.is_serious else
                             _("Incident logged; the district (or commune) committee and the provincial office "
                               "have been notified."))
            return redirect("elections:incident", incident.pk)
    return render(request, "elections/incidents/form.html", {
        "form": form, "crumbs": trail(_list_crumb(), (_("Log an incident"), None))})


def incident_detail(request, pk):
    sel.require_viewer(request.user)
    incident = sel.incident_for(request.user, pk)
    can_handle = services.can_handle(request.user, incident)
    if request.method == "POST" and not can_handle:
        raise PermissionDenied
    form = forms.IncidentHandleForm(request.POST or None, initial={
        "severity": incident.severity, "handler": incident.handler, "status": incident.status,
        "resolution": incident.resolution}) if can_handle else None
    if form is not None and request.method == "POST" and form.is_valid():
        try:
            services.incident_update(incident=incident, by=request.user, **form.cleaned_data)
        except ValidationError as error:
            apply_validation_error(form, error)
            incident.refresh_from_db()
        else:
            messages.success(request, _("Incident updated."))
            return redirect("elections:incident", incident.pk)
    return render(request, "elections/incidents/detail.html", {
        "incident": incident, "form": form,
        "history": incident.history.select_related("history_user").order_by("-history_date", "-history_id"),
        "notices": incident.notices.select_related("organisation"),
        "crumbs": trail(_list_crumb(), (str(incident), None))})
