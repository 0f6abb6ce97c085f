"""Nomination pages: the district's list, a hamlet's nominees, the province-wide overview."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from accounts import audit
from accounts.permissions import require, user_can
from common.breadcrumbs import trail
from common.forms import apply_validation_error, message_validation_error
from common.text import search_key
from common.xlsx import xlsx_response
from elections.models import HamletElection
from elections.selectors import active_election_for, elections_visible_to

from . import exports, imports, rules, selectors, services
from .forms import (
    ExceptionDecideForm,
    ExceptionRequestForm,
    NomineeForm,
    ReturnForm,
    UploadForm,
    WithdrawForm,
)
from .models import ConcurrencyException, Nominee, NomineeList


def _crumbs(*items, election=None, nominee_list=None, hamlet_election=None, user=None):
    crumbs = trail()
    if election is not None and user is not None and user_can(user, "nomination.province_overview"):
        crumbs.append((_("Nomination across the province"), reverse("candidates:province", args=[election.pk])))
    if nominee_list is not None and nominee_list.pk is not None:
        crumbs.append((nominee_list.unit.name, reverse("candidates:list", args=[nominee_list.pk])))
    if hamlet_election is not None:
        crumbs.append((hamlet_election.hamlet.name, reverse("candidates:hamlet", args=[hamlet_election.pk])))
    return crumbs + list(items)


def _scoped_list(user, pk) -> NomineeList:
    return NomineeList.objects.select_related("election__province", "unit").get_visible_or_404(user, pk=pk)


def _scoped_hamlet_election(user, pk) -> HamletElection:
    return HamletElection.objects.select_related("election", "hamlet__commune").get_visible_or_404(user, pk=pk)


def _list_of(hamlet_election) -> NomineeList:
    """Read-only: an unsaved draft when the list does not exist yet (the POST's service creates it)."""
    return selectors.nominee_list_of_hamlet_election(hamlet_election)


def _with_ids(nominees, show: bool, request=None):
    """Citizen IDs for display: in clear only when `show`, and then every reveal is logged."""
    for nominee in nominees:
        nominee.shown_citizen_id = rules.citizen_id_display(nominee, show)
    if show and request is not None:
        audit.log_reveal(request.user, nominees, field="citizen_id", purpose="page", request=request)
    return nominees


def index(request):
    """Where nomination starts for this user: the province page, their district's list, or a search."""
    user = request.user
    election = active_election_for(user)
    if election is None:
        return render(request, "candidates/no_campaign.html", {"crumbs": _crumbs((_("Nomination"), None))})
    if user_can(user, "nomination.province_overview"):
        return redirect("candidates:province", election.pk)
    unit = selectors.own_list_unit(user, election)
    if unit is None:
        return redirect("candidates:search", election.pk)
    nominee_list = selectors.nominee_list_of_unit(election, unit)
    if nominee_list.pk is not None:
        return redirect("candidates:list", nominee_list.pk)
    return render(request, "candidates/list_not_started.html", {
        "election": election, "unit": unit, "can_start": rules.can_start_list(user, nominee_list),
        "crumbs": _crumbs((_("Nomination"), None)),
    })


@require_POST
def list_start(request, election_pk, unit_pk):
    """Start the unit's list (the GET page above only offers it): the service creates it."""
    user = request.user
    election = get_object_or_404(elections_visible_to(user), pk=election_pk)
    unit = get_object_or_404(selectors.list_units(election).visible_to(user), pk=unit_pk)
    nominee_list = services.nominee_list_start(election=election, unit=unit, by=user)
    messages.success(request, _("The list was started."))
    return redirect("candidates:list", nominee_list.pk)


def province(request, election_pk):
    user = request.user
    require(user, "nomination.province_overview")
    election = get_object_or_404(elections_visible_to(user), pk=election_pk)
    overview = selectors.province_overview(user, election)
    return render(request, "candidates/province.html", {
        "election": election, "overview": overview, "can_review": rules.can_review_lists(user, election),
        "crumbs": _crumbs((_("Nomination across the province"), None)),
    })


def province_export(request, election_pk):
    user = request.user
    require(user, "nomination.province_overview")
    election = get_object_or_404(elections_visible_to(user), pk=election_pk)
    content = exports.province_overview_xlsx(selectors.province_overview(user, election))
    return xlsx_response(content, f"de-cu-toan-tinh-{election.pk}.xlsx")


def district_list(request, pk):
    user = request.user
    nominee_list = _scoped_list(user, pk)
    query = request.GET.get("q", "").strip()
    only = request.GET.get("loc", "") if request.GET.get("loc", "") in selectors.ROW_FILTERS else ""
    progress = selectors.list_progress(nominee_list)
    problems = selectors.acceptance_blockers(nominee_list, progress)
    warnings = selectors.list_warnings(progress)
    decision_blocked = selectors.exception_decision_blocked(
        user, nominee_list, [e for row in progress.rows for e in row.exceptions])
    if query or only:
        progress = selectors.list_progress(nominee_list, query=query, only=only)
    show = rules.can_see_citizen_ids(user, nominee_list)
    for row in progress.rows:
        _with_ids(row.nominees, show)
    page = Paginator(progress.rows, 50).get_page(request.GET.get("page"))
    if show:
        audit.log_reveal(user, [n for row in page.object_list for n in row.nominees], field="citizen_id",
                         purpose="page", request=request)
    election = nominee_list.election
    return render(request, "candidates/district_list.html", {
        "nominee_list": nominee_list, "election": election, "progress": progress, "page_obj": page,
        "problems": problems, "warnings": warnings, "query": query, "only": only,
        "events": nominee_list.events.select_related("by"),
        "decision_blocked": decision_blocked,
        "can_edit": selectors.list_editing_open(user, nominee_list),
        "can_submit": selectors.list_submission_open(user, nominee_list),
        "can_review": selectors.list_review_open(user, nominee_list),
        "can_download": rules.can_edit_list(user, nominee_list),
        "crumbs": _crumbs((nominee_list.unit.name, None), election=election, user=user),
    })


def hamlet(request, pk):
    user = request.user
    hamlet_election = _scoped_hamlet_election(user, pk)
    nominee_list = _list_of(hamlet_election)
    nominees = list(Nominee.objects.filter(hamlet_election=hamlet_election).order_by("status", "search_name"))
    exceptions = ConcurrencyException.objects.filter(hamlet_election=hamlet_election).select_related(
        "requested_by", "decided_by").order_by("-requested_at")
    list_visible = NomineeList.objects.filter(pk=nominee_list.pk).visible_to(user).exists()
    checks = selectors.nominee_checks(n for n in nominees if n.is_active)
    for nominee in nominees:
        nominee.rule_check = checks.get(nominee.pk)
    return render(request, "candidates/hamlet.html", {
        "hamlet_election": hamlet_election, "nominee_list": nominee_list, "exceptions": exceptions,
        "cell": selectors.hamlet_cell_secretary(hamlet_election),
        "decision_blocked": selectors.exception_decision_blocked(user, nominee_list, exceptions),
        "nominees": _with_ids(nominees, rules.can_see_citizen_ids(user, nominee_list), request),
        "can_edit": selectors.list_editing_open(user, nominee_list),
        "can_request": selectors.exception_request_open(user, nominee_list, nominees=nominees, exceptions=exceptions),
        "can_decide": selectors.exception_decision_open(user, nominee_list),
        "decide_form": ExceptionDecideForm(),
        "crumbs": _crumbs((hamlet_election.hamlet.name, None), election=hamlet_election.election, user=user,
                          nominee_list=nominee_list if list_visible else None),
    })


def _form_page(request, template, form, title, back, crumbs):
    return render(request, template, {"form": form, "title": title, "back": back, "crumbs": crumbs})


def _warn(request, warnings) -> None:
    for warning in warnings:
        messages.warning(request, warning)


def _apply(form, call):
    """Run a service; put its ValidationError on the form. Returns the result or None."""
    try:
        return call()
    except ValidationError as exc:
        apply_validation_error(form, exc)
        return None


def nominee_create(request, hamlet_pk):
    user = request.user
    hamlet_election = _scoped_hamlet_election(user, hamlet_pk)
    nominee_list = _list_of(hamlet_election)
    if not rules.can_edit_list(user, nominee_list):
        raise PermissionDenied
    form = NomineeForm(request.POST or None, instance=Nominee(hamlet_election=hamlet_election))
    if request.method == "POST" and form.is_valid():
        fields = {k: form.cleaned_data[k] for k in services.NOMINEE_FIELDS}
        nominee = _apply(form, lambda: services.nominee_create(by=user, hamlet_election=hamlet_election, **fields))
        if nominee:
            messages.success(request, _("The nominee was added."))
            _warn(request, services.nominee_warnings(nominee))
            return redirect("candidates:hamlet", hamlet_election.pk)
    back = reverse("candidates:hamlet", args=[hamlet_election.pk])
    return _form_page(request, "candidates/form.html", form, _("Add a nominee"), back, _crumbs(
        (_("Add a nominee"), None), hamlet_election=hamlet_election, nominee_list=nominee_list))


def nominee_edit(request, pk):
    user = request.user
    nominee = Nominee.objects.select_related("hamlet_election__election", "hamlet_election__hamlet",
                                             "nominee_list").get_visible_or_404(user, pk=pk)
    if not rules.can_edit_list(user, nominee.nominee_list):
        raise PermissionDenied
    form = NomineeForm(request.POST or None, instance=Nominee.objects.get(pk=nominee.pk))
    if request.method == "POST" and form.is_valid():
        changes = {k: form.cleaned_data[k] for k in services.NOMINEE_FIELDS}
        if _apply(form, lambda: services.nominee_update(by=user, nominee=nominee, **changes)):
            messages.success(request, _("The nominee was updated."))
            _warn(request, services.nominee_warnings(nominee))
            return redirect("candidates:hamlet", nominee.hamlet_election_id)
    back = reverse("candidates:hamlet", args=[nominee.hamlet_election_id])
    return _form_page(request, "candidates/form.html", form, _("Edit nominee %(name)s") % {"name": nominee},
                      back, _crumbs((nominee.full_name, None), hamlet_election=nominee.hamlet_election,
                                    nominee_list=nominee.nominee_list))


def nominee_withdraw(request, pk):
    user = request.user
    nominee = Nominee.objects.select_related("hamlet_election__hamlet", "nominee_list").get_visible_or_404(
        user, pk=pk)
    if not rules.can_edit_list(user, nominee.nominee_list):
        raise PermissionDenied
    form = WithdrawForm(request.POST or None)
    if request.method == "POST" and form.is_valid() and _apply(form, lambda: services.nominee_withdraw(
            nominee=nominee, reason=form.cleaned_data["reason"], by=user)):
        messages.success(request, _("The nominee was withdrawn."))
        return redirect("candidates:hamlet", nominee.hamlet_election_id)
    back = reverse("candidates:hamlet", args=[nominee.hamlet_election_id])
    return _form_page(request, "candidates/form.html", form, _("Withdraw nominee %(name)s") % {"name": nominee},
                      back, _crumbs((nominee.full_name, None), hamlet_election=nominee.hamlet_election,
                                    nominee_list=nominee.nominee_list))


def exception_request(request, hamlet_pk):
    user = request.user
    hamlet_election = _scoped_hamlet_election(user, hamlet_pk)
    nominee_list = _list_of(hamlet_election)
    if not rules.can_request_exception(user, nominee_list):
        raise PermissionDenied
    form = ExceptionRequestForm(request.POST or None)
    if request.method == "POST" and form.is_valid() and _apply(form, lambda: services.exception_request(
            by=user, hamlet_election=hamlet_election, **form.cleaned_data)):
        messages.success(request, _("The exception request was filed; a district leader decides it."))
        return redirect("candidates:hamlet", hamlet_election.pk)
    back = reverse("candidates:hamlet", args=[hamlet_election.pk])
    return _form_page(request, "candidates/form.html", form, _("Request a concurrency exception"), back, _crumbs(
        (_("Request a concurrency exception"), None), hamlet_election=hamlet_election, nominee_list=nominee_list))


@require_POST
def exception_decide(request, pk):
    user = request.user
    exception = ConcurrencyException.objects.select_related("hamlet_election__hamlet").get_visible_or_404(
        user, pk=pk)
    form = ExceptionDecideForm(request.POST)
    if form.is_valid():
        try:
            services.exception_decide(by=user, exception=exception, **form.cleaned_data)
            messages.success(request, _("The decision was recorded."))
        except ValidationError as exc:
            message_validation_error(request, exc)
    else:
        messages.error(request, " ".join(f"{form.fields[k].label}: {' '.join(v)}" for k, v in form.errors.items()))
    return redirect("candidates:hamlet", exception.hamlet_election_id)


def _transition_view(request, pk, call, success, warnings=None):
    """Run a list transition; on success say so, then what `warnings(nominee_list)` still asks to check."""
    nominee_list = _scoped_list(request.user, pk)
    try:
        call(nominee_list)
        messages.success(request, success)
    except ValidationError as exc:
        message_validation_error(request, exc)
    else:
        _warn(request, warnings(nominee_list) if warnings else [])
    return redirect("candidates:list", nominee_list.pk)


@require_POST
def list_submit(request, pk):
    return _transition_view(request, pk, lambda nl: services.nominee_list_submit(nominee_list=nl, by=request.user),
                            _("The list was submitted to the provincial office."),
                            warnings=lambda nl: selectors.list_warnings(selectors.list_progress(nl)))


@require_POST
def list_accept(request, pk):
    return _transition_view(request, pk, lambda nl: services.nominee_list_accept(nominee_list=nl, by=request.user),
                            _("The list was accepted."))


def list_return(request, pk):
    user = request.user
    nominee_list = _scoped_list(user, pk)
    if not rules.can_review_lists(user, nominee_list.election):
        raise PermissionDenied
    form = ReturnForm(request.POST or None)
    if request.method == "POST" and form.is_valid() and _apply(form, lambda: services.nominee_list_return(
            nominee_list=nominee_list, by=user, reason=form.cleaned_data["reason"])):
        messages.success(request, _("The list was returned to the district."))
        return redirect("candidates:list", nominee_list.pk)
    back = reverse("candidates:list", args=[nominee_list.pk])
    return _form_page(request, "candidates/form.html", form, _("Return the list to the district"), back, _crumbs(
        (_("Return the list"), None), election=nominee_list.election, nominee_list=nominee_list, user=user))


def list_template(request, pk):
    nominee_list = _scoped_list(request.user, pk)
    if not rules.can_edit_list(request.user, nominee_list):
        raise PermissionDenied
    audit.log_reveal(request.user, Nominee.objects.filter(nominee_list=nominee_list), field="citizen_id",
                     purpose="export", request=request)
    return xlsx_response(exports.template_xlsx(nominee_list),
                         f"mau-de-cu-{nominee_list.unit.code or nominee_list.pk}.xlsx")


def list_export(request, pk):
    nominee_list = _scoped_list(request.user, pk)
    show = rules.can_see_citizen_ids(request.user, nominee_list)
    if show:
        audit.log_reveal(request.user, Nominee.objects.filter(nominee_list=nominee_list), field="citizen_id",
                         purpose="export", request=request)
    return xlsx_response(exports.list_xlsx(nominee_list, show_citizen_ids=show),
                 f"danh-sach-de-cu-{nominee_list.unit.code or nominee_list.pk}.xlsx")


def list_upload(request, pk):
    user = request.user
    nominee_list = _scoped_list(user, pk)
    if not rules.can_edit_list(user, nominee_list):
        raise PermissionDenied
    form = UploadForm(request.POST or None, request.FILES or None)
    errors = []
    if request.method == "POST" and form.is_valid():
        try:
            result = imports.import_nominees(nominee_list=nominee_list, source=form.cleaned_data["file"], by=user)
        except imports.ImportFailed as exc:
            errors = exc.errors
        else:
            messages.success(request, _("Import finished: %(created)d added, %(updated)d updated, "
                                        "%(unchanged)d unchanged.") % result.counts())
            for warning in result.warnings:
                messages.warning(request, warning)
            return redirect("candidates:list", nominee_list.pk)
    return render(request, "candidates/upload.html", {
        "form": form, "errors": errors, "nominee_list": nominee_list,
        "crumbs": _crumbs((_("Upload the filled-in template"), None), election=nominee_list.election,
                          nominee_list=nominee_list, user=user),
    })


def search(request, election_pk):
    user = request.user
    election = get_object_or_404(elections_visible_to(user), pk=election_pk)
    query = request.GET.get("q", "").strip()
    qs = selectors.nominees_visible_to(user, election=election).select_related(
        "hamlet_election__hamlet__commune", "nominee_list").order_by("hamlet_election__hamlet__path", "search_name")
    if query:
        qs = qs.filter(search_name__contains=search_key(query))
    page = Paginator(qs, 50).get_page(request.GET.get("page"))
    visible_lists = set(selectors.nominee_lists_visible_to(user, election).values_list("pk", flat=True))
    office = rules.can_see_every_citizen_id(user, election)
    revealed = []
    for nominee in page.object_list:
        show = office or (nominee.nominee_list_id in visible_lists
                          and rules.can_see_citizen_ids(user, nominee.nominee_list))
        nominee.shown_citizen_id = rules.citizen_id_display(nominee, show)
        if show:
            revealed.append(nominee)
    audit.log_reveal(user, revealed, field="citizen_id", purpose="page", request=request)
    return render(request, "candidates/search.html", {
        "election": election, "query": query, "page_obj": page, "count": page.paginator.count,
        "crumbs": _crumbs((_("Find a nominee"), None), election=election, user=user),
    })
