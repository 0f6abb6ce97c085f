"""Pages for letters. Each view: scope, form, one service or selector, render."""

from dataclasses import dataclass
from typing import Any

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.decorators import method_decorator
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views import View
from django.views.decorators.cache import never_cache
from django.views.decorators.debug import sensitive_post_parameters, sensitive_variables

from common.breadcrumbs import trail
from common.forms import apply_validation_error
from common.xlsx import xlsx_response

from . import deadlines, exports, forms, rules, selectors, services
from .models import Complaint

SENDER_FIELDS = ("sender_name", "sender_address", "sender_phone", "sender_id_number")


def _require_reader(user):
    if not rules.can_read(user):
        raise PermissionDenied(_("Your organisation does not handle letters."))


def _crumbs(*extra):
    return trail((_("Letters"), reverse("complaints:queue")), *extra, home=False)


class QueueView(View):
    def get(self, request):
        _require_reader(request.user)
        filter_form = forms.QueueFilterForm(request.GET or None)
        filters = selectors.QueueFilters(**filter_form.cleaned_data) if filter_form.is_valid() \
            else selectors.QueueFilters()
        page = Paginator(selectors.complaint_queue(request.user, filters), 25).get_page(request.GET.get("page"))
        today = deadlines.today()
        for complaint in page.object_list:
            complaint.urgency = deadlines.urgency(complaint.due_on, on=today) if complaint.is_open else ""
        return render(request, "complaints/queue.html", {
            "filter_form": filter_form, "page_obj": page, "summary": selectors.complaint_summary(request.user),
            "can_register": rules.can_register(request.user), "crumbs": _crumbs(),
        })


@method_decorator(sensitive_post_parameters(*SENDER_FIELDS), name="dispatch")
class RegisterView(View):
    def dispatch(self, request, *args, **kwargs):
        if not rules.can_register(request.user):
            raise PermissionDenied(_("Your organisation or role does not allow registering letters."))
        return super().dispatch(request, *args, **kwargs)

    def get(self, request):
        form = forms.ComplaintForm(user=request.user, initial={"received_on": deadlines.today(), "signatories": 1})
        return self._render(request, form)

    @sensitive_variables("form")
    def post(self, request):
        form = forms.ComplaintForm(request.POST, request.FILES, user=request.user)
        if form.is_valid():
            try:
                complaint = services.complaint_register(by=request.user, **form.cleaned_data)
            except ValidationError as exc:
                apply_validation_error(form, exc)
            else:
                messages.success(request, _("Letter %(ref)s registered.") % {"ref": complaint.reference})
                return redirect("complaints:detail", pk=complaint.pk)
        return self._render(request, form)

    def _render(self, request, form):
        return render(request, "complaints/register.html", {
            "form": form, "crumbs": _crumbs((_("Register a letter"), None))})


@dataclass
class Action:
    label: Any
    form: type
    run: Any
    primary: bool = False
    needs_user: bool = False
    initial: Any = None  # complaint -> the form's initial data


def _d(data, *keys):
    return {k: data[k] for k in keys if data.get(k) not in (None, "")}


ACTIONS = {
    "phan-loai": Action(gettext_lazy("Classify"), forms.ClassifyForm,
                        lambda c, u, d: services.complaint_classify(complaint=c, by=u, **d), primary=True),
    "duyet-kiem-tra": Action(gettext_lazy("Decide on checking"), forms.DecideCheckForm,
                             lambda c, u, d: services.complaint_decide_check(complaint=c, by=u, **d), primary=True),
    "thu-ly": Action(gettext_lazy("Accept for handling"), forms.AcceptForm,
                     lambda c, u, d: services.complaint_accept(complaint=c, by=u, **_d(
                         d, "accepted_on", "internal_note", "message_to_sender")), primary=True),
    "xac-minh": Action(gettext_lazy("Start verification"), forms.NoteForm,
                       lambda c, u, d: services.complaint_start_verification(complaint=c, by=u, **d), primary=True),
    "ket-luan": Action(gettext_lazy("Record the conclusion"), forms.ConcludeForm,
                       lambda c, u, d: services.complaint_conclude(complaint=c, by=u, **d), primary=True),
    "gia-han": Action(gettext_lazy("Extend the deadline"), forms.ExtendForm,
                      lambda c, u, d: services.complaint_extend(complaint=c, by=u, **d)),
    "muc-do": Action(gettext_lazy("Record the complexity"), forms.ComplexityForm,
                     lambda c, u, d: services.complaint_set_complexity(complaint=c, by=u, **d),
                     initial=lambda c: {"complexity": c.complexity, "reason": c.complexity_reason}),
    "thong-bao": Action(gettext_lazy("Record the notice to the sender"), forms.NotifyForm,
                        lambda c, u, d: services.complaint_notify(complaint=c, by=u, **_d(
                            d, "notified_on", "message_to_sender", "internal_note")), primary=True),
    "dong": Action(gettext_lazy("Close the letter"), forms.NoteForm,
                   lambda c, u, d: services.complaint_close(complaint=c, by=u, **d), primary=True),
    "ap-dung": Action(gettext_lazy("Apply the conclusion to the nominee list"), forms.EmptyForm,
                      lambda c, u, d: services.complaint_apply_conclusion(complaint=c, by=u), primary=True),
    "phan-cong": Action(gettext_lazy("Assign the handler"), forms.AssignForm,
                        lambda c, u, d: services.complaint_assign(complaint=c, by=u, **d), needs_user=True,
                        initial=lambda c: {"handler": c.handler_id, "approver": c.approver_id}),
}


def _scoped(request, pk) -> Complaint:
    _require_reader(request.user)
    return get_object_or_404(selectors.complaints_visible_to(request.user), pk=pk)


def _render_detail(request, complaint, bound: dict | None = None, status=200):
    bound = bound or {}
    actions = []
    for key in services.available_actions(complaint, request.user):
        spec = ACTIONS[key]
        kwargs = {"user": request.user} if spec.needs_user else {}
        if spec.initial:
            kwargs["initial"] = spec.initial(complaint)
        actions.append((key, spec, bound.get(key) or spec.form(prefix=key, **kwargs)))
    return render(request, "complaints/detail.html", {
        "complaint": complaint, "urgency": deadlines.urgency(complaint.due_on) if complaint.is_open else "",
        "events": selectors.timeline(complaint), "actions": actions,
        "can_view_identity": rules.can_view_identity(request.user, complaint),
        "scan_count": complaint.attachments.count(),
        "deadline_rule": deadlines.rules_for(complaint.kind),
        "refusal_text": services.grounds_text(complaint.refusal_grounds),
        "crumbs": _crumbs((complaint.reference, None)),
    }, status=status)


class DetailView(View):
    def get(self, request, pk):
        return _render_detail(request, _scoped(request, pk))


class ActionView(View):
    def post(self, request, pk, action):
        complaint = _scoped(request, pk)
        spec = ACTIONS.get(action)
        if spec is None:
            raise Http404
        if action not in services.available_actions(complaint, request.user):
            raise PermissionDenied(_("This step is not open to you on this letter now."))
        form = spec.form(request.POST, prefix=action, **({"user": request.user} if spec.needs_user else {}))
        if form.is_valid():
            try:
                spec.run(complaint, request.user, form.cleaned_data)
            except ValidationError as exc:
                apply_validation_error(form, exc)
            else:
                messages.success(request, _("Saved: %(step)s.") % {"step": spec.label})
                return redirect("complaints:detail", pk=complaint.pk)
        complaint.refresh_from_db()
        return _render_detail(request, complaint, {action: form}, status=400)


@method_decorator(never_cache, name="dispatch")
class IdentityView(View):
    """The sender's identity, for the handler and the approving leader only; every viewing logged."""

    @sensitive_variables("identity")
    def get(self, request, pk):
        complaint = _scoped(request, pk)
        identity = services.identity_reveal(complaint=complaint, by=request.user)
        return render(request, "complaints/identity.html", {
            "complaint": complaint, "identity": identity,
            "attachments": complaint.attachments.all(),
            "viewings": complaint.identity_views.select_related("user")[:50],
            "crumbs": _crumbs((complaint.reference, reverse("complaints:detail", args=[pk])),
                              (_("Sender"), None)),
        })


@method_decorator(never_cache, name="dispatch")
class ScanView(View):
    def get(self, request, pk, scan_pk):
        complaint = _scoped(request, pk)
        attachment = get_object_or_404(complaint.attachments, pk=scan_pk)
        services.scan_open(attachment=attachment, by=request.user)
        extension = {"application/pdf": "pdf", "image/jpeg": "jpg", "image/png": "png"}[attachment.content_type]
        return FileResponse(attachment.file.open("rb"), content_type=attachment.content_type, as_attachment=True,
                            filename=f"{complaint.reference}-{attachment.pk}.{extension}")


class OverviewView(View):
    def get(self, request):
        _require_reader(request.user)
        rows, totals = selectors.complaint_overview(request.user)
        return render(request, "complaints/overview.html", {
            "rows": rows, "totals": totals, "crumbs": _crumbs((_("Overview"), None))})


class OverviewExportView(View):
    def get(self, request):
        _require_reader(request.user)
        content = exports.overview_workbook(request.user)
        return xlsx_response(content, f"don-thu-{deadlines.today():%Y%m%d}.xlsx")
