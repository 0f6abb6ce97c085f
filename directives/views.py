from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views import View
from django.views.decorators.http import require_POST

from accounts.models import OrganisationKind
from accounts.permissions import require, user_can
from common.breadcrumbs import trail
from common.forms import apply_validation_error, message_validation_error
from common.xlsx import xlsx_response
from territory.models import Level, Unit

from . import selectors, services
from .assignments import selectors as task_selectors
from .assignments.forms import ReturnForm
from .exports import dispatches_workbook
from .files import BY_EXTENSION, kind_of
from .forms import AnswerForm, DifficultyForm, DirectiveForm, SubmissionForm
from .models import DifficultyStatus, Directive

PAGE_SIZE = 25
UNIT_HEADINGS = {
    Level.DISTRICT: (gettext_lazy("By district"), gettext_lazy("District")),
    Level.COMMUNE: (gettext_lazy("By commune"), gettext_lazy("Commune")),
    Level.HAMLET: (gettext_lazy("By hamlet"), gettext_lazy("Hamlet")),
}


def _require_tracker(user) -> None:
    require(user, "directive.track")


def _directive_for(user, pk) -> Directive:
    return get_object_or_404(selectors.directives_visible_to(user).select_related("owner", "election"), pk=pk)


def _dispatch_for(user, pk):
    return get_object_or_404(selectors.dispatches_visible_to(user)
                             .select_related("directive", "organisation__unit", "parent__organisation",
                                             "acknowledged_by", "plan_submitted_by", "report_submitted_by"), pk=pk)


def _page(request, qs):
    return Paginator(qs, PAGE_SIZE).get_page(request.GET.get("page"))


# --- Recipient side -------------------------------------------------------------------------

def inbox(request):
    status = request.GET.get("trang-thai", "")
    page = _page(request, selectors.inbox(request.user, status=status))
    return render(request, "directives/inbox.html", {
        "page_obj": page, "status": status, "today": timezone.localdate(),
        "personal": list(selectors.personal_inbox(request.user)[:50]),
        "is_tracker": user_can(request.user, "directive.track"),
        "crumbs": trail((_("Incoming directives"), None)),
    })


def dispatch_detail(request, pk):
    dispatch = _dispatch_for(request.user, pk)
    user = request.user
    is_recipient = services.is_recipient(user, dispatch)
    can_forward = selectors.forwarding_open(user, dispatch)
    children = selectors.counts_by_state(dispatch.children.all()) if can_forward or dispatch.forwarded_at else None
    return render(request, "directives/dispatch_detail.html", {
        "dispatch": dispatch, "directive": dispatch.directive, "is_recipient": is_recipient,
        "can_forward": can_forward, "children": children, "today": timezone.localdate(),
        "difficulties": dispatch.difficulties.select_related("raised_by", "answered_by"),
        "reminders": dispatch.reminders.all()[:10], "difficulty_form": DifficultyForm(),
        "tasks": task_selectors.tasks_owed(dispatch, user), "can_return": selectors.return_open(user, dispatch),
        "crumbs": trail((_("Incoming directives"), reverse("directives:inbox")), (dispatch.directive.number, None))
        if user.organisation_id == dispatch.organisation_id else
        trail((_("Directives"), reverse("directives:list")),
                (dispatch.directive.number, reverse("directives:tracking", args=[dispatch.directive_id])),
                (dispatch.organisation.name, None)),
    })


def _recipient_action(request, pk, action, success):
    dispatch = _dispatch_for(request.user, pk)
    try:
        action(dispatch)
    except ValidationError as exc:
        message_validation_error(request, exc)
    else:
        messages.success(request, success)
    return redirect("directives:dispatch", pk=dispatch.pk)


@require_POST
def dispatch_acknowledge(request, pk):
    return _recipient_action(request, pk, lambda d: services.dispatch_acknowledge(dispatch=d, by=request.user),
                             _("Receipt acknowledged."))


@require_POST
def personal_acknowledge(request, pk):
    """A member of the Provincial Party Executive Committee confirms receipt of directive `pk`
    addressed to them by name (404 for anyone else)."""
    dispatch = get_object_or_404(selectors.personal_inbox(request.user), directive_id=pk)
    services.personal_acknowledge(dispatch=dispatch, by=request.user)
    messages.success(request, _("Receipt acknowledged."))
    return redirect(f"{reverse('directives:inbox')}#ca-nhan")


@require_POST
def dispatch_forward(request, pk):
    dispatch = _dispatch_for(request.user, pk)
    try:
        created = services.dispatch_forward(dispatch=dispatch, by=request.user)
    except ValidationError as exc:
        message_validation_error(request, exc)
    else:
        messages.success(request, _("Forwarded to %(count)s subordinate organisations.") % {"count": created})
    return redirect("directives:dispatch", pk=dispatch.pk)


@require_POST
def difficulty_raise(request, pk):
    dispatch = _dispatch_for(request.user, pk)
    form = DifficultyForm(request.POST)
    if form.is_valid():
        try:
            report = services.difficulty_raise(dispatch=dispatch, text=form.cleaned_data["text"], by=request.user)
        except ValidationError as exc:
            message_validation_error(request, exc)
        else:
            due = date_format(report.answer_due, "SHORT_DATE_FORMAT")
            messages.success(request, _("Your report was sent to %(handler)s; the answer is due by %(date)s.")
                             % {"handler": report.handler or _("the Provincial Party Office"), "date": due})
    else:
        messages.error(request, _("Describe the difficulty before sending."))
    return redirect("directives:dispatch", pk=dispatch.pk)


class SubmissionView(View):
    what = "plan"

    def _context(self, dispatch, form):
        title = _("Submit the implementation plan") if self.what == "plan" else _("Submit the report")
        returned = getattr(dispatch, f"{self.what}_returned_at") and not getattr(dispatch, f"{self.what}_submitted_at")
        return {"dispatch": dispatch, "form": form, "title": title, "what": self.what,
                "returned_reason": getattr(dispatch, f"{self.what}_return_reason") if returned else "",
                "crumbs": trail((_("Incoming directives"), reverse("directives:inbox")),
                                  (dispatch.directive.number, reverse("directives:dispatch", args=[dispatch.pk])),
                                  (title, None))}

    def get(self, request, pk):
        dispatch = _dispatch_for(request.user, pk)
        services._require_recipient(request.user, dispatch)
        # A plan or report returned for completion is completed, not written again.
        form = SubmissionForm(initial={"text": getattr(dispatch, f"{self.what}_text")})
        return render(request, "directives/submission_form.html", self._context(dispatch, form))

    def post(self, request, pk):
        dispatch = _dispatch_for(request.user, pk)
        form = SubmissionForm(request.POST, request.FILES)
        if form.is_valid():
            submit = services.dispatch_submit_plan if self.what == "plan" else services.dispatch_submit_report
            try:
                submit(dispatch=dispatch, text=form.cleaned_data["text"], file=form.cleaned_data["file"],
                       by=request.user)
            except ValidationError as exc:
                apply_validation_error(form, exc, strip_prefix=f"{self.what}_")
            else:
                messages.success(request, _("Plan submitted.") if self.what == "plan" else _("Report submitted."))
                return redirect("directives:dispatch", pk=dispatch.pk)
        return render(request, "directives/submission_form.html", self._context(dispatch, form), status=200)


@require_POST
def submission_return(request, pk, what):
    """The office returns a submitted plan or report for completion, with what is to be completed."""
    require(request.user, "directive.register")
    dispatch = _dispatch_for(request.user, pk)
    form = ReturnForm(request.POST)
    if form.is_valid():
        try:
            services.dispatch_return(dispatch=dispatch, what=what, reason=form.cleaned_data["reason"], by=request.user)
        except ValidationError as exc:
            message_validation_error(request, exc)
        else:
            messages.success(request, _("Plan returned for completion.") if what == "plan"
                             else _("Report returned for completion."))
    else:
        messages.error(request, _("Say what is to be completed."))
    return redirect("directives:dispatch", pk=dispatch.pk)


def download(request, kind, pk):
    """Files only through here: the user must see the directive or the dispatch."""
    if kind == "van-ban":
        obj = _directive_for(request.user, pk)
        stored, original = obj.file, obj.file_name
    elif kind == "nhiem-vu":  # a file answering a task's field
        obj = task_selectors.task_value_for(request.user, pk)
        if obj is None:
            raise Http404
        stored, original = obj.value_file, obj.value_file_name
    elif kind in ("ke-hoach", "bao-cao"):
        obj = _dispatch_for(request.user, pk)
        prefix = "plan" if kind == "ke-hoach" else "report"
        stored, original = getattr(obj, f"{prefix}_file"), getattr(obj, f"{prefix}_file_name")
    else:
        raise Http404
    if not stored:
        raise Http404
    file_kind = kind_of(stored.name)
    stem = original.rsplit(".", 1)[0] if "." in original else original
    name = f"{stem or 'tep'}{file_kind.extension}" if file_kind.extension in BY_EXTENSION else stem
    response = FileResponse(stored.open("rb"), as_attachment=True, filename=name, content_type=file_kind.content_type)
    response["X-Content-Type-Options"] = "nosniff"
    return response


# --- Province side --------------------------------------------------------------------------

def directive_list(request):
    _require_tracker(request.user)
    search = request.GET.get("q", "").strip()
    page = _page(request, selectors.directive_list(request.user, search=search))
    return render(request, "directives/directive_list.html", {
        "page_obj": page, "search": search, "can_register": user_can(request.user, "directive.register"),
        "crumbs": trail((_("Directives"), None)),
    })


def directive_create(request):
    require(request.user, "directive.register")
    owner = request.user.organisation
    if owner is None:  # an administrator without an office: a directive needs its registering office
        raise PermissionDenied
    choices = services.addressee_choices(owner)
    form = DirectiveForm(request.POST or None, request.FILES or None, recipient_choices=choices,
                         elections=selectors.campaign_choices(owner), member_choices=services.member_choices(owner))
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        recipients, file = data.pop("recipients") or [], data.pop("file")
        informed = list(data.pop("for_information", None) or [])
        members = list(data.pop("members", None) or [])
        if data.pop("all_members", False):
            members = list(form.fields["members"].queryset)
        recipients = list(recipients) + [o for o in informed if o not in recipients]
        data.pop("all_districts", None)
        try:
            directive = services.directive_register(by=request.user, recipients=recipients,
                                                    for_information=informed, members=members, file=file, **data)
        except ValidationError as exc:
            apply_validation_error(form, exc)
        else:
            messages.success(request, _("Directive %(number)s registered and sent to %(count)s addressees.")
                             % {"number": directive.number, "count": len(recipients)})
            return redirect("directives:tracking", pk=directive.pk)
    return render(request, "directives/directive_form.html", {
        "form": form, "crumbs": trail((_("Directives"), reverse("directives:list")),
                                        (_("Register a directive"), None)),
    })


def tracking(request, pk):
    _require_tracker(request.user)
    directive = _directive_for(request.user, pk)
    user = request.user
    units = selectors.rates_by_unit(directive, user)
    level = units[0]["unit"].level if units else Level.DISTRICT
    return render(request, "directives/tracking.html", {
        "directive": directive,
        "levels": selectors.rates_by_level(directive, user),
        "units": units, "units_heading": UNIT_HEADINGS[level][0], "unit_column": UNIT_HEADINGS[level][1],
        "difficulties": selectors.difficulty_counts(directive, user),
        "personal": selectors.personal_counts(directive),
        "can_fan_out": selectors.fan_out_open(user, directive),
        "tasks": task_selectors.task_figures(directive, user),
        "can_define_tasks": task_selectors.tasks_define_open(user, directive),
        "crumbs": trail((_("Directives"), reverse("directives:list")), (directive.number, None)),
    })


@require_POST
def fan_out(request, pk):
    directive = _directive_for(request.user, pk)
    try:
        created = services.directive_fan_out(directive=directive, by=request.user)
    except ValidationError as exc:
        message_validation_error(request, exc)
    else:
        messages.success(request, _("Sent down the whole tree: %(count)s new recipients.") % {"count": created})
    return redirect("directives:tracking", pk=directive.pk)


def unacknowledged(request, pk, unit_pk):
    _require_tracker(request.user)
    directive = _directive_for(request.user, pk)
    unit = Unit.objects.get_visible_or_404(request.user, pk=unit_pk)
    page = _page(request, selectors.unacknowledged_cells(directive, request.user, unit))
    return render(request, "directives/unacknowledged.html", {
        "directive": directive, "unit": unit, "page_obj": page, "today": timezone.localdate(),
        "crumbs": trail((_("Directives"), reverse("directives:list")),
                          (directive.number, reverse("directives:tracking", args=[directive.pk])), (unit.name, None)),
    })


def overdue(request, pk):
    _require_tracker(request.user)
    directive = _directive_for(request.user, pk)
    kind = request.GET.get("cap", "")
    if kind not in OrganisationKind.values:
        kind = ""
    page = _page(request, selectors.overdue_dispatches(directive, request.user, kind=kind))
    return render(request, "directives/overdue.html", {
        "directive": directive, "page_obj": page, "kind": kind, "kinds": selectors.LEVEL_ORDER,
        "kind_labels": dict(OrganisationKind.choices), "today": timezone.localdate(),
        "crumbs": trail((_("Directives"), reverse("directives:list")),
                          (directive.number, reverse("directives:tracking", args=[directive.pk])),
                          (_("Overdue recipients"), None)),
    })


def export(request, pk):
    _require_tracker(request.user)
    directive = _directive_for(request.user, pk)
    content = dispatches_workbook(directive, selectors.tracked_dispatches(directive, request.user))
    safe = directive.number.replace("/", "-")
    return xlsx_response(content, f"theo-doi-{safe}.xlsx")


# --- Difficulties ---------------------------------------------------------------------------

def difficulty_list(request):
    status = request.GET.get("trang-thai", "")
    if status not in DifficultyStatus.values:
        status = ""
    recent = request.GET.get("tra-loi-gan-day") == "1"
    mine = request.GET.get("phai-tra-loi") == "1"
    escalated = request.GET.get("chuyen-thuong-truc") == "1"
    page = _page(request, selectors.difficulties_visible_to(request.user, status=status, recent_answers=recent,
                                                            mine=mine, escalated=escalated))
    return render(request, "directives/difficulty_list.html", {
        "page_obj": page, "status": status, "statuses": DifficultyStatus.choices, "recent": recent,
        "mine": mine, "escalated": escalated, "today": timezone.localdate(),
        "news_days": selectors.ANSWER_NEWS_DAYS,
        "counts": selectors.difficulty_counts(user=request.user),
        "crumbs": trail((_("Reported difficulties"), None)),
    })


def difficulty_detail(request, pk):
    report = get_object_or_404(selectors.difficulties_visible_to(request.user), pk=pk)
    can_answer = selectors.difficulty_answer_open(request.user, report)
    form = AnswerForm(request.POST or None, initial={"answer": report.answer})
    if request.method == "POST":
        try:
            if request.POST.get("action") == "pass_up":
                report = services.difficulty_pass_up(report=report, by=request.user)
                messages.success(request, _("Passed on to %(handler)s.")
                                 % {"handler": report.handler or _("the Provincial Party Office")})
                return redirect("directives:difficulties")
            if request.POST.get("action") == "close":
                services.difficulty_close(report=report, by=request.user)
                messages.success(request, _("The difficulty is closed."))
                return redirect("directives:difficulty", pk=report.pk)
            if form.is_valid():
                services.difficulty_answer(report=report, answer=form.cleaned_data["answer"], by=request.user)
                messages.success(request, _("Answer sent."))
                return redirect("directives:difficulty", pk=report.pk)
        except ValidationError as exc:
            apply_validation_error(form, exc)
    return render(request, "directives/difficulty_detail.html", {
        "report": report, "form": form, "can_answer": can_answer, "today": timezone.localdate(),
        "can_pass_up": selectors.difficulty_pass_up_open(request.user, report),
        "crumbs": trail((_("Reported difficulties"), reverse("directives:difficulties")), (str(report.pk), None)),
    })


