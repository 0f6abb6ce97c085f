"""Reads for the tasks of a directive: the tasks a recipient owes, and the roll-ups of the reports
(per task: recipients reporting over those owing, by level and by unit; per field: the sum of a
number, the count of yes, the earliest and latest date). Every roll-up is a fixed number of
aggregate queries over the dispatches the user sees (`dispatches_visible_to`)."""

import datetime

from django.db.models import Count, Max, Min, Prefetch, Q, Sum
from django.utils import timezone

from accounts.models import OrganisationKind
from territory.models import Level, Unit
from territory.scoping import scope_of
from territory.selectors import grouping_unit

from ..models import Directive, Dispatch
from ..selectors import dispatches_visible_to
from .models import COUNTED, TASK_LEVELS, DirectiveTask, FieldKind, TaskReport, TaskReportValue
from .rules import task_late
from .services import is_task_office, is_task_reporter


def tasks_define_open(user, directive: Directive) -> bool:
    """Whether `user` may list and remove the tasks of `directive`: an editor of its office."""
    return is_task_office(user, directive)


def tasks_of(directive: Directive) -> list[DirectiveTask]:
    """The directive's tasks with their fields and whether anyone has reported on them: two queries."""
    return list(directive.tasks.prefetch_related("fields").annotate(report_count=Count("reports")))


def task_for(user, pk) -> DirectiveTask | None:
    """A task of a directive whose dispatches the user sees (or the office's own)."""
    from ..selectors import directives_visible_to

    return (DirectiveTask.objects.filter(directive__in=directives_visible_to(user))
            .select_related("directive").prefetch_related("fields").filter(pk=pk).first())


def tasks_owed(dispatch: Dispatch, user, today: datetime.date | None = None) -> list[dict]:
    """The tasks the dispatch's recipient reports on, each with its report (or None) and whether it
    is late: two queries."""
    today = today or timezone.localdate()
    if dispatch.for_information:  # "để biết": receipt only
        return []
    kind = dispatch.organisation.kind
    tasks = [t for t in dispatch.directive.tasks.all() if t.owed_by(kind)]
    if not tasks:
        return []
    reports = {r.task_id: r for r in dispatch.task_reports.prefetch_related(
        Prefetch("values", queryset=TaskReportValue.objects.select_related("field")))}
    can_report = is_task_reporter(user, dispatch)
    return [{"task": t, "report": reports.get(t.pk), "can_report": can_report,
             "late": task_late(t.due, reports.get(t.pk) is not None and reports[t.pk].status in COUNTED, today)}
            for t in tasks]


# A field nobody answered yet: the figures `_field_aggregates` would give.
_NO_FIGURES = {"answered": 0, "total": None, "yes": 0, "first": None, "last": None}


def _field_aggregates() -> dict:
    return {
        "answered": Count("pk", filter=Q(value_number__isnull=False) | Q(value_date__isnull=False)
                          | Q(value_bool__isnull=False) | ~Q(value_text="") | ~Q(value_file="")),
        "total": Sum("value_number"),
        "yes": Count("pk", filter=Q(value_bool=True)),
        "first": Min("value_date"),
        "last": Max("value_date"),
    }


def _level_rows(task: DirectiveTask, owing: dict, reported: dict) -> list[dict]:
    labels = dict(OrganisationKind.choices)
    return [{"kind": k, "label": labels[k], "owing": owing.get(k, 0), "reported": reported.get((task.pk, k), 0)}
            for k in TASK_LEVELS if k in task.levels and owing.get(k)]


def task_figures(directive: Directive, user, today: datetime.date | None = None) -> list[dict]:
    """For each task of `directive`, over the dispatches `user` sees: per level, how many recipients
    owe it and how many have reported (submitted or accepted); per field, the figures of those
    reports; and how many owing recipients are late. Five queries whatever the number of tasks."""
    today = today or timezone.localdate()
    tasks = tasks_of(directive)
    if not tasks:
        return []
    visible = dispatches_visible_to(user).filter(directive=directive, for_information=False)
    owing = dict(visible.values_list("organisation__kind").annotate(n=Count("pk")).order_by())
    counted = TaskReport.objects.filter(task__directive=directive, status__in=COUNTED,
                                        dispatch__in=visible.values("pk"))
    reported = {(t, k): n for t, k, n in counted.values_list("task", "dispatch__organisation__kind")
                .annotate(n=Count("pk")).order_by()}
    figures = {row.pop("field"): row for row in TaskReportValue.objects.filter(report__in=counted.values("pk"))
               .values("field").annotate(**_field_aggregates()).order_by()}
    result = []
    for task in tasks:
        levels = _level_rows(task, owing, reported)
        owed, done = sum(r["owing"] for r in levels), sum(r["reported"] for r in levels)
        result.append({
            "task": task, "levels": levels, "owing": owed, "reported": done,
            "late": owed - done if task_late(task.due, False, today) else 0,
            "fields": [{"field": f, **figures.get(f.pk, _NO_FIGURES)} for f in task.fields.all()],
        })
    return result


def task_figures_by_unit(task: DirectiveTask, user) -> dict:
    """One task's figures per unit one level below the user's own (per district for the province),
    like `rates_by_unit`: recipients owing and reporting, and per field its figures. Three queries."""
    root = scope_of(user).unit or task.directive.owner.unit
    root_level = root.level if root is not None else Level.PROVINCE
    owing_qs = (dispatches_visible_to(user)
                .filter(directive_id=task.directive_id, organisation__kind__in=task.levels,
                        organisation__unit__isnull=False, for_information=False)
                .annotate(group=grouping_unit("organisation__unit", under=root_level)))
    owing = dict(owing_qs.values_list("group").annotate(n=Count("pk")).order_by())
    counted = TaskReport.objects.filter(task=task, status__in=COUNTED, dispatch__in=owing_qs.values("pk"))
    reported = dict(counted.annotate(group=grouping_unit("dispatch__organisation__unit", under=root_level))
                    .values_list("group").annotate(n=Count("pk")).order_by())
    values = {}
    for row in (TaskReportValue.objects.filter(report__in=counted.values("pk"))
                .annotate(group=grouping_unit("report__dispatch__organisation__unit", under=root_level))
                .values("group", "field").annotate(**_field_aggregates()).order_by()):
        values[(row.pop("group"), row.pop("field"))] = row
    fields = list(task.fields.all())
    units = Unit.objects.in_bulk([g for g in owing if g])
    rows = []
    for group, n in owing.items():
        unit = units.get(group)
        if unit is None or unit.level <= root_level:
            continue
        rows.append({"unit": unit, "owing": n, "reported": reported.get(group, 0),
                     "fields": [values.get((group, f.pk)) or dict(_NO_FIGURES) for f in fields]})
    rows.sort(key=lambda r: (r["unit"].code or "", r["unit"].name))
    return {"fields": fields, "rows": rows}


def task_recipients(task: DirectiveTask, user) -> list[tuple[Dispatch, TaskReport | None]]:
    """Every recipient the user sees that owes `task`, with its report or None: two queries (and
    one for the answers), for the task page and its export."""
    dispatches = list(dispatches_visible_to(user).filter(directive_id=task.directive_id,
                                                         organisation__kind__in=task.levels, for_information=False)
                      .select_related("organisation__unit")
                      .order_by("organisation__kind", "organisation__unit__path", "organisation__name"))
    reports = {r.dispatch_id: r for r in TaskReport.objects.filter(task=task, dispatch__in=[d.pk for d in dispatches])
               .select_related("submitted_by")
               .prefetch_related(Prefetch("values", queryset=TaskReportValue.objects.select_related("field")))}
    return [(d, reports.get(d.pk)) for d in dispatches]


def task_report_for(user, pk) -> TaskReport | None:
    """A task report on a dispatch the user sees."""
    return (TaskReport.objects.filter(pk=pk, dispatch__in=dispatches_visible_to(user).values("pk"))
            .select_related("task__directive", "dispatch__organisation").first())


def task_value_for(user, pk) -> TaskReportValue | None:
    """An answer (for its file) of a report on a dispatch the user sees."""
    return (TaskReportValue.objects.filter(pk=pk, report__dispatch__in=dispatches_visible_to(user).values("pk"))
            .first())


def campaign_task_figures(*, province_id: int, election, within: Unit, as_of: datetime.datetime) -> list[dict]:
    """For the progress report, as of `as_of`: each task of the campaign's directives (those the
    province's office registered outside any election, and those of `election`), per level the
    recipients in `within` owing it and those whose report was in (submitted or accepted) by then,
    and per number and yes/no field its figures. Four queries. Whoever reads it, a report shows
    the whole campaign of its unit."""
    campaign = Q(directive__owner__unit_id=province_id, directive__election__isnull=True)
    if election is not None:
        campaign |= Q(directive__election=election)
    inside = Q(organisation__unit__path__startswith=within.path)
    if within.level == Level.PROVINCE:
        inside |= Q(organisation__unit__isnull=True, organisation__kind=OrganisationKind.AGENCY)
    tasks = list(DirectiveTask.objects.filter(campaign).select_related("directive")
                 .prefetch_related("fields").order_by("directive__issued_on", "directive_id", "position"))
    if not tasks:
        return []
    dispatches = Dispatch.objects.filter(campaign, inside, delivered_at__lte=as_of, for_information=False)
    owing = {(d, k): n for d, k, n in dispatches.values_list("directive", "organisation__kind")
             .annotate(n=Count("pk")).order_by()}
    counted = TaskReport.objects.filter(status__in=COUNTED, submitted_at__lte=as_of,
                                        dispatch__in=dispatches.values("pk"), task__in=[t.pk for t in tasks])
    reported = {(t, k): n for t, k, n in counted.values_list("task", "dispatch__organisation__kind")
                .annotate(n=Count("pk")).order_by()}
    figures = {row.pop("field"): row for row in TaskReportValue.objects.filter(report__in=counted.values("pk"))
               .values("field").annotate(**_field_aggregates()).order_by()}
    labels = dict(OrganisationKind.choices)
    result = []
    for task in tasks:
        levels = [{"kind": k, "label": str(labels[k]), "owing": owing.get((task.directive_id, k), 0),
                   "reported": reported.get((task.pk, k), 0)}
                  for k in TASK_LEVELS if k in task.levels and owing.get((task.directive_id, k))]
        if not levels:
            continue
        result.append({
            "directive": task.directive.number, "position": task.position, "title": task.title,
            "levels": levels,
            "fields": [{"label": f.label, "kind": f.kind, "unit": f.unit, **figures.get(f.pk, _NO_FIGURES)}
                       for f in task.fields.all() if f.kind in (FieldKind.NUMBER, FieldKind.YES_NO)],
        })
    return result


TASK_WORK = ("tasks-due", "tasks-late")


def dispatches_with_tasks_owed(user, today: datetime.date | None = None) -> dict[str, set[int]]:
    """The user's own dispatches (not for information) on which its organisation still owes a task
    report: {"tasks-due": ids, "tasks-late": ids}, a dispatch being late when any task it owes is
    past its due date (due today is not late). Three queries, over one organisation's inbox."""
    found = {key: set() for key in TASK_WORK}
    if user.organisation_id is None:
        return found
    today = today or timezone.localdate()
    kind = user.organisation.kind
    own = dict(dispatches_visible_to(user).filter(organisation=user.organisation, for_information=False)
               .values_list("pk", "directive_id"))
    if not own:
        return found
    tasks: dict[int, list[DirectiveTask]] = {}
    for task in DirectiveTask.objects.filter(directive_id__in=set(own.values())):
        if task.owed_by(kind):
            tasks.setdefault(task.directive_id, []).append(task)
    reported = set(TaskReport.objects.filter(dispatch_id__in=own.keys(), status__in=COUNTED)
                   .values_list("dispatch_id", "task_id"))
    for dispatch_id, directive_id in own.items():
        owed = [t for t in tasks.get(directive_id, []) if (dispatch_id, t.pk) not in reported]
        if owed:
            late = any(task_late(t.due, False, today) for t in owed)
            found["tasks-late" if late else "tasks-due"].add(dispatch_id)
    return found
