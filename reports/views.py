from django.conf import settings
from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import pgettext
from django.views.decorators.http import require_POST

from accounts.permissions import user_can
from accounts.registry import run_pending_work
from accounts.views import HomeView
from common.breadcrumbs import trail
from common.forms import apply_validation_error, message_validation_error
from common.xlsx import xlsx_response

from . import selectors, services
from .exports import report_workbook
from .forms import ReportRequestForm
from .links import FigureLinks


def _require_archive(user):
    if not selectors.can_use_archive(user):
        raise PermissionDenied(_("Progress reports are for the provincial office and the standing committee."))


def _require_dashboard(user):
    if not user_can(user, "report.dashboard"):
        raise PermissionDenied(_("The progress dashboard is for party committees."))


def home(request):
    """The home page: the progress dashboard for party committees, the plain welcome page for others."""
    if selectors.home_shows_dashboard(request.user):
        return dashboard(request)
    return HomeView.as_view()(request)


def _crumbs(user, root):
    base = reverse("reports:dashboard")
    return [(u.name, f"{base}?unit={u.pk}") for u in selectors.dashboard_trail(user, root)]


def _dashboard_context(request):
    root = selectors.report_root(request.user, request.GET.get("unit") or None)
    data = selectors.report_data(user=request.user, root=root, with_pending=False)
    links = FigureLinks(request.user, data)
    return {"data": data, "rows": [{**row, "links": links.row(row)} for row in data.rows()], "links": links.totals,
            "root": root, "today": timezone.localdate()}


def dashboard(request):
    _require_dashboard(request.user)
    context = _dashboard_context(request)
    context.update(crumbs=_crumbs(request.user, context["root"]),
                   can_request=selectors.can_request_report(request.user),
                   can_archive=selectors.can_use_archive(request.user),
                   pending_work=run_pending_work(request.user))
    return render(request, "reports/dashboard.html", context)


def dashboard_figures(request):
    _require_dashboard(request.user)
    return render(request, "reports/_figures.html", _dashboard_context(request))


def dashboard_xlsx(request):
    _require_dashboard(request.user)
    root = selectors.report_root(request.user, request.GET.get("unit") or None)
    data = selectors.report_data(user=request.user, root=root)
    stamp = timezone.localtime(data.as_of).strftime("%Y%m%d-%H%M")
    return xlsx_response(report_workbook(data), f"tien-do-{root.pk}-{stamp}.xlsx")


def _archive_crumbs(*extra):
    return trail((_("Report archive"), reverse("reports:archive")), *extra)


def archive(request):
    _require_archive(request.user)
    page = Paginator(selectors.jobs_visible_to(request.user), 25).get_page(request.GET.get("page"))
    return render(request, "reports/archive.html", {
        "page_obj": page, "jobs": page.object_list, "notices": selectors.recent_notices(request.user),
        "can_request": selectors.can_request_report(request.user), "crumbs": _archive_crumbs(),
    })


def request_report(request):
    if not selectors.can_request_report(request.user):
        raise PermissionDenied(_("Only officers of the provincial office can ask for a report."))
    form = ReportRequestForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            outcome = services.report_request(by=request.user, as_of=form.cleaned_data["as_of"],
                                              assessment=form.cleaned_data["assessment"],
                                              proposals=form.cleaned_data["proposals"])
        except ValidationError as error:
            apply_validation_error(form, error)
        else:
            _say_outcome(request, outcome)
            return redirect("reports:job", pk=outcome.job.pk)
    return render(request, "reports/request.html",
                  {"form": form, "crumbs": _archive_crumbs((_("Make a progress report"), None))})


def _say_outcome(request, outcome):
    """Only what the job page's live status cannot say: its status box already says "being prepared"
    (and stops saying it once done) and warns once when the queue is down."""
    if not outcome.created:
        messages.info(request, _("A report for this moment was already requested; here it is."))


def _job(request, pk):
    _require_archive(request.user)
    return get_object_or_404(selectors.jobs_visible_to(request.user), pk=pk)


def job_detail(request, pk):
    job = _job(request, pk)
    label = job.reference or (pgettext("report", "Draft") if job.is_draft else _("Report being prepared"))
    return render(request, "reports/job.html", {
        "job": job, "can_request": selectors.can_request_report(request.user),
        "stall_minutes": settings.REPORT_STALL_MINUTES, "crumbs": _archive_crumbs((label, None)),
    })


def job_status(request, pk):
    job = _job(request, pk)
    return render(request, "reports/_job_status.html",
                  {"job": job, "can_request": selectors.can_request_report(request.user),
                   "stall_minutes": settings.REPORT_STALL_MINUTES})


@require_POST
def job_retry(request, pk):
    job = _job(request, pk)
    if not selectors.can_request_report(request.user):
        raise PermissionDenied(_("Only officers of the provincial office can ask for a report."))
    try:
        outcome = services.report_retry(job=job, by=request.user)
    except ValidationError as error:
        message_validation_error(request, error)
    else:
        if outcome.enqueued is not False:  # when the queue is down, the status box says so (once)
            messages.success(request, _("The report was put back in the queue."))
    return redirect("reports:job", pk=job.pk)


def job_xlsx(request, pk):
    """The figures of an archived report, as of its own moment: the same numbers as its PDF."""
    job = _job(request, pk)
    data = selectors.report_data(user=request.user, as_of=job.as_of, root=job.unit)
    stamp = timezone.localtime(job.as_of).strftime("%Y%m%d-%H%M")
    return xlsx_response(report_workbook(data), f"bao-cao-{job.pk}-{stamp}.xlsx")


def job_download(request, pk):
    job = _job(request, pk)
    if not selectors.job_file_ready(job):
        raise Http404(_("This report has no file yet."))
    handle = job.file.open("rb")
    stamp = timezone.localtime(job.as_of).strftime("%Y%m%d-%H%M")
    return FileResponse(handle, as_attachment=True, content_type="application/pdf",
                        filename=f"bao-cao-{job.number}-{job.year}-{stamp}.pdf")


def _require_national(user):
    if not selectors.can_see_national(user):
        raise PermissionDenied(_("The national summary is for the central organisation commission."))


def national(request):
    """Every province in one table (the central organisation commission, administrators)."""
    from .national import national_rows

    _require_national(request.user)
    rows, totals = national_rows()
    return render(request, "reports/national.html", {
        "rows": rows, "totals": totals, "as_of": timezone.now(),
        "crumbs": trail((_("National summary by province"), None), home=False)})


def national_pdf(request):
    from . import national as summary

    _require_national(request.user)
    pdf, _count = summary.national_pdf()
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = 'attachment; filename="tong-hop-toan-quoc.pdf"'
    return response
