"""Pages of the tasks of a directive: the office lists them, recipients report on each, trackers
read the figures (by level, by unit, per recipient) and export them."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from accounts.permissions import require
from common.breadcrumbs import trail
from common.forms import apply_validation_error, message_validation_error
from common.xlsx import xlsx_response

from ..views import UNIT_HEADINGS, _directive_for, _dispatch_for
from . import selectors, services
from .exports import task_workbook
from .forms import FieldSpecFormSet, ReturnForm, TaskForm, TaskReportForm
from .models import DirectiveTask
from .services import field_key


def _directive_crumbs(directive, *tail):
    return trail((_("Directives"), reverse("directives:list")),
                 (directive.number, reverse("directives:tracking", args=[directive.pk])), *tail)


def tasks(request, pk):
    """"Nhiệm vụ của văn bản": the office lists the directive's tasks and adds them."""
    require(request.user, "directive.tasks_define")
    directive = _directive_for(request.user, pk)
    if not selectors.tasks_define_open(request.user, directive):
        raise PermissionDenied
    form = TaskForm(request.POST or None)
    fields = FieldSpecFormSet(request.POST or None, prefix="truong")
    if request.method == "POST" and form.is_valid() and fields.is_valid():
        try:
            services.task_define(directive=directive, by=request.user, **form.cleaned_data,
                                 fields=[f.cleaned_data for f in fields.forms if f.cleaned_data])
        except ValidationError as exc:
            apply_validation_error(form, exc)
        else:
            messages.success(request, _("Task added."))
            return redirect("directives:tasks", pk=directive.pk)
    return render(request, "directives/tasks/task_list.html", {
        "directive": directive, "tasks": selectors.tasks_of(directive), "form": form, "fields": fields,
        "crumbs": _directive_crumbs(directive, (_("Tasks of the directive"), None)),
    })


@require_POST
def task_remove(request, pk):
    require(request.user, "directive.tasks_define")
    task = selectors.task_for(request.user, pk)
    if task is None:
        raise Http404
    try:
        services.task_remove(task=task, by=request.user)
    except ValidationError as exc:
        message_validation_error(request, exc)
    else:
        messages.success(request, _("Task removed."))
    return redirect("directives:tasks", pk=task.directive_id)


def task_report(request, pk, task_pk):
    """A recipient reports on one task of its dispatch."""
    dispatch = _dispatch_for(request.user, pk)
    if not services.is_task_reporter(request.user, dispatch):
        raise PermissionDenied
    task = get_object_or_404(DirectiveTask.objects.prefetch_related("fields"), pk=task_pk,
                             directive_id=dispatch.directive_id)
    report = dispatch.task_reports.filter(task=task).prefetch_related("values__field").first()
    form = TaskReportForm(request.POST or None, request.FILES or None, task=task, report=report)
    if request.method == "POST" and form.is_valid():
        values = {field_key(f): form.cleaned_data.get(field_key(f)) for f in task.fields.all()}
        try:
            services.task_report_submit(dispatch=dispatch, task=task, values=values, by=request.user)
        except ValidationError as exc:
            apply_validation_error(form, exc)
        else:
            messages.success(request, _("Report on the task sent."))
            return redirect("directives:dispatch", pk=dispatch.pk)
    return render(request, "directives/tasks/report_form.html", {
        "dispatch": dispatch, "task": task, "report": report, "form": form,
        "crumbs": trail((_("Incoming directives"), reverse("directives:inbox")),
                        (dispatch.directive.number, reverse("directives:dispatch", args=[dispatch.pk])),
                        (task.title, None)),
    })


def task_detail(request, pk):
    """One task's figures for the trackers: by level, by unit, and every recipient owing it."""
    require(request.user, "directive.track")
    task = selectors.task_for(request.user, pk)
    if task is None:
        raise Http404
    directive = _directive_for(request.user, task.directive_id)
    figures = next(f for f in selectors.task_figures(directive, request.user) if f["task"].pk == task.pk)
    by_unit = selectors.task_figures_by_unit(task, request.user)
    level = by_unit["rows"][0]["unit"].level if by_unit["rows"] else None
    return render(request, "directives/tasks/task_detail.html", {
        "directive": directive, "task": task, "figures": figures, "by_unit": by_unit,
        "unit_column": UNIT_HEADINGS[level][1] if level in UNIT_HEADINGS else "",
        "recipients": selectors.task_recipients(task, request.user), "today": timezone.localdate(),
        "can_return": selectors.tasks_define_open(request.user, directive), "return_form": ReturnForm(),
        "crumbs": _directive_crumbs(directive, (task.title, None)),
    })


def task_export(request, pk):
    require(request.user, "directive.track")
    task = selectors.task_for(request.user, pk)
    if task is None:
        raise Http404
    content = task_workbook(task, selectors.task_recipients(task, request.user))
    return xlsx_response(content, f"nhiem-vu-{task.directive.number.replace('/', '-')}-{task.position}.xlsx")


@require_POST
def task_return(request, pk):
    """The office returns a report for completion."""
    require(request.user, "directive.tasks_define")
    report = selectors.task_report_for(request.user, pk)
    if report is None:
        raise Http404
    form = ReturnForm(request.POST)
    if form.is_valid():
        try:
            services.task_report_return(report=report, reason=form.cleaned_data["reason"], by=request.user)
        except ValidationError as exc:
            message_validation_error(request, exc)
        else:
            messages.success(request, _("Report returned for completion."))
    else:
        messages.error(request, _("Say what is to be completed."))
    return redirect("directives:task", pk=report.task_id)
