"""Election-day pages: a few lines each: form -> service or selector -> template."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.permissions import require
from common.breadcrumbs import trail
from common.forms import apply_validation_error
from common.xlsx import xlsx_response
from territory.models import Level
from territory.selectors import unit_crumbs

from .. import registry
from . import forms, services
from . import selectors as sel
from .exports import results_workbook
from .models import ResultStatus


def _campaign(request):
    sel.require_viewer(request.user)
    election = sel.campaign_for(request.user, request.GET.get("chien-dich"))
    if election is None:
        raise Http404(_("There is no election campaign in your area."))
    return election


def _crumbs(user, unit):
    return trail((_("Election results"), reverse("elections:results")),
                 unit_crumbs(user, unit, url_name="elections:results_unit"), home=False)


def results_home(request):
    """The user's own part of the territory: the province, a district, a commune or a hamlet."""
    election = _campaign(request)
    unit = sel.home_unit(request.user, election)
    return redirect("elections:results_unit", unit.pk)


def results_unit(request, unit_id):
    election = _campaign(request)
    unit = sel.unit_for(request.user, unit_id)
    if unit.level == Level.HAMLET:
        he = sel.hamlet_elections_visible_to(request.user, election).filter(hamlet=unit).first()
        if he is None:
            raise Http404
        return redirect("elections:result_detail", he.pk)
    context = {"election": election, "unit": unit, "crumbs": _crumbs(request.user, unit)}
    if unit.level == Level.COMMUNE:
        status = request.GET.get("trang-thai", "")
        lines = sel.commune_hamlets(request.user, election, unit, status=status)
        context.update(statuses=ResultStatus.choices, status=status)
        context["page_obj"] = Paginator(lines, 50).get_page(request.GET.get("page"))
        context["count"] = len(lines)
        return render(request, "elections/results/commune.html", context)
    rows, total = sel.rollup(request.user, election, unit)
    bars, height = sel.rollup_chart(rows)
    return render(request, "elections/results/unit.html",
                  {**context, "rows": rows, "total": total, "bars": bars, "chart_height": height})


def results_export(request, unit_id):
    election = _campaign(request)
    unit = sel.unit_for(request.user, unit_id)
    content = results_workbook(election, unit, sel.export_rows(request.user, election, unit))
    return xlsx_response(content, f"ket-qua-bau-cu-{unit.pk}-{timezone.localdate():%Y%m%d}.xlsx")


def result_detail(request, pk):
    sel.require_viewer(request.user)
    he = sel.hamlet_election_for(request.user, pk)
    detail = sel.result_detail(request.user, he)
    return render(request, "elections/results/detail.html", {
        "detail": detail, "he": he, "crumbs": _crumbs(request.user, he.hamlet)})


def _editor_page(request, pk):
    sel.require_viewer(request.user)
    he = sel.hamlet_election_for(request.user, pk)
    require(request.user, "result.record")
    if not services.can_record(request.user, he):
        raise PermissionDenied
    return he


def _handle(request, he, form, action, success, template, title, context=None, **extra):
    """Validate `form` (and the formsets in `extra`), call `action(form)`; on a rule's refusal show its
    messages on the form. `context` adds what the page shows beside the form."""
    valid = request.method == "POST" and all([form.is_valid(), *(f.is_valid() for f in extra.values())])
    if valid:
        try:
            action(form)
        except ValidationError as error:
            apply_validation_error(form, error)
        else:
            messages.success(request, success)
            return redirect("elections:result_detail", he.pk)
    crumbs = _crumbs(request.user, he.hamlet)
    crumbs[-1] = (he.hamlet.name, reverse("elections:result_detail", args=[he.pk]))
    return render(request, template, {"form": form, "he": he, "title": title, "crumbs": [*crumbs, (title, None)],
                                      **extra, **(context or {})})


def milestones_edit(request, pk):
    he = _editor_page(request, pk)
    form = forms.MilestonesForm(request.POST or None, milestones={m.kind: m for m in he.milestones.all()})
    return _handle(request, he, form,
                   lambda f: services.milestones_record(hamlet_election=he, values=f.values(), by=request.user),
                   _("Preparation milestones saved."), "elections/results/milestones_form.html",
                   _("Preparation milestones"))


def minutes_create(request, pk):
    he = _editor_page(request, pk)
    initial = None
    if request.method != "POST":
        initial = forms.candidate_initial(registry.prefill_rows(he)) or sel.previous_candidates(he)
    form = forms.MinutesForm(request.POST or None, initial={"held_on": he.rerun_date or he.election_date},
                             roll_range=sel.roll_range_for(he), households=he.hamlet.households)
    formset = forms.CandidateFormSet(request.POST or None, initial=initial, prefix="candidates")
    return _handle(request, he, form,
                   lambda f: services.minutes_record(hamlet_election=he, data=f.minutes_data(),
                                                     candidates=formset.rows(), by=request.user),
                   _("Minutes recorded; the outcome was decided by law."), "elections/results/minutes_form.html",
                   _("Record the minutes"), formset=formset)


def decision_create(request, pk):
    he = _editor_page(request, pk)
    form = forms.DecisionForm(request.POST or None)

    def act(f):
        d = f.cleaned_data
        if d["decision"] == f.RECOGNISE:
            services.result_recognise(hamlet_election=he, decision_number=d["decision_number"],
                                      decision_date=d["decision_date"], by=request.user)
        else:
            services.result_refuse(hamlet_election=he, reasons=d["reasons"], decision_date=d["decision_date"],
                                   decision_number=d["decision_number"], by=request.user)

    return _handle(request, he, form, act, _("The chairman's decision was recorded."),
                   "elections/results/form.html", _("Record the recognition decision"),
                   context={"blockers": sel.decision_blockers(he)})


def rerun_create(request, pk):
    he = _editor_page(request, pk)
    form = forms.RerunForm(request.POST or None, initial={"date": he.rerun_due_by})
    return _handle(request, he, form,
                   lambda f: services.rerun_schedule(hamlet_election=he, date=f.cleaned_data["date"], by=request.user),
                   _("Re-run scheduled."), "elections/results/form.html", _("Schedule the re-run"))


def acting_head_create(request, pk):
    he = _editor_page(request, pk)
    form = forms.ActingHeadForm(request.POST or None)
    return _handle(request, he, form,
                   lambda f: services.acting_head_appoint(hamlet_election=he, by=request.user, **f.cleaned_data),
                   _("Acting head recorded."), "elections/results/form.html", _("Appoint an acting head"),
                   context={"blockers": sel.decision_blockers(he)})
