"""The expectations table: who may use each page of the portal, by URL name and method."""

from tests.access.rules import NOBODY, POST_ONLY, E, R, Rule

# Every committee of the party, down to the cells (not the agencies).
COMMITTEES = ('office', 'standing', 'district', 'commune', 'cell')

# Who may use each page, by URL name. Specs: "can:campaign.create" (whom the permission table
# allows), "office" (every role), "EDITORS:district" (officers and leaders), "district.officer",
# "admin", "*" (everyone logged in), "-admin" (minus). `hidden`: users to whom
# the "own" object is outside their territory (404); `other`: statuses for named users;
# `hidden_outside`: users refused in their territory who get 404 outside it (looked up first).
EXPECT: dict[str, E] = {
    "candidates:accept": E(
        get=POST_ONLY,
        post=R('office', 'standing', 'district', 'admin', ok=302, hidden=('agency', 'commune', 'cell'))),
    "candidates:exception_decide": E(
        get=POST_ONLY,
        post=R('district.leader', 'admin', ok=302, hidden=('agency', 'cell'))),
    "candidates:exception_request": E(
        get=R('EDITORS:district', 'admin', hidden=('agency',)),
        post=R('EDITORS:district', 'admin', hidden=('agency',))),
    "candidates:export": E(
        get=R('office', 'standing', 'district', 'admin', hidden=('agency', 'commune', 'cell')),
        post=R('office', 'standing', 'district', 'admin', hidden=('agency', 'commune', 'cell'))),
    "candidates:hamlet": E(
        get=R('office', 'standing', 'district', 'commune', 'cell', 'admin', hidden=('agency',)),
        post=R('office', 'standing', 'district', 'commune', 'cell', 'admin', hidden=('agency',))),
    "candidates:index": E(
        get=R('office', 'standing', 'district', 'commune', 'cell', 'admin', ok=302, other={200: ('agency',)}),
        post=R('office', 'standing', 'district', 'commune', 'cell', 'admin', ok=302, other={200: ('agency',)})),
    "candidates:list": E(
        get=R('office', 'standing', 'district', 'admin', hidden=('agency', 'commune', 'cell')),
        post=R('office', 'standing', 'district', 'admin', hidden=('agency', 'commune', 'cell'))),
    "candidates:list_start": E(
        get=POST_ONLY,
        post=R('EDITORS:office', 'EDITORS:district', 'admin', ok=302, hidden=('agency', 'commune', 'cell'))),
    "candidates:nominee_create": E(
        get=R('EDITORS:office', 'EDITORS:district', 'admin', hidden=('agency',)),
        post=R('EDITORS:office', 'EDITORS:district', 'admin', hidden=('agency',))),
    "candidates:nominee_edit": E(
        get=R('EDITORS:office', 'EDITORS:district', 'admin', hidden=('agency',)),
        post=R('EDITORS:office', 'EDITORS:district', 'admin', hidden=('agency',))),
    "candidates:nominee_withdraw": E(
        get=R('EDITORS:office', 'EDITORS:district', 'admin', hidden=('agency',)),
        post=R('EDITORS:office', 'EDITORS:district', 'admin', hidden=('agency',))),
    "candidates:province": E(get=R('can:nomination.province_overview'), post=R('can:nomination.province_overview')),
    "candidates:province_export": E(
        get=R('can:nomination.province_overview'), post=R('can:nomination.province_overview')),
    "candidates:return": E(
        get=R('can:nominee_list.review', hidden=('agency', 'commune', 'cell')),
        post=R('can:nominee_list.review', hidden=('agency', 'commune', 'cell'))),
    "candidates:search": E(
        get=R('office', 'standing', 'district', 'commune', 'cell', 'admin', hidden=('agency',)),
        post=R('office', 'standing', 'district', 'commune', 'cell', 'admin', hidden=('agency',))),
    "candidates:submit": E(
        get=POST_ONLY,
        post=R('EDITORS:district', 'admin', ok=302, hidden=('agency', 'commune', 'cell'))),
    "candidates:template": E(
        get=R('EDITORS:office', 'EDITORS:district', 'admin', hidden=('agency', 'commune', 'cell')),
        post=R('EDITORS:office', 'EDITORS:district', 'admin', hidden=('agency', 'commune', 'cell'))),
    "candidates:upload": E(
        get=R('EDITORS:office', 'EDITORS:district', 'admin', hidden=('agency', 'commune', 'cell')),
        post=R('EDITORS:office', 'EDITORS:district', 'admin', hidden=('agency', 'commune', 'cell'))),
    # The party cell's secretary: read by the committees and the cell, recorded by the cell or its commune.
    "cell_secretaries": E(
        get=R('can:cell.secretary_view', other={302: ('cell',)}),
        post=R('can:cell.secretary_view', other={302: ('cell',)})),
    "cell_secretary": E(
        get=R('can:cell.secretary_view'),
        post=R('can:cell.secretary_record')),
    "cell_secretary_edit": E(
        get=R('can:cell.secretary_record'),
        post=R('can:cell.secretary_record')),
    "complaints:act": E(get=POST_ONLY, post=R('district.officer', ok=302)),
    "complaints:detail": E(get=R('can:complaint.read')),
    "complaints:identity": E(get=R('district.officer')),
    "complaints:overview": E(get=R('can:complaint.read')),
    "complaints:overview_export": E(get=R('can:complaint.read')),
    "complaints:queue": E(get=R('can:complaint.read')),
    "complaints:register": E(
        get=R('can:complaint.register'),
        post=R('can:complaint.register')),
    "complaints:scan": E(get=R('district.officer')),
    "directives:acknowledge": E(
        get=POST_ONLY,
        post=R('can:dispatch.act', '-EDITORS:office', '-EDITORS:standing', ok=302)),
    "directives:create": E(get=R('can:directive.register', '-admin'), post=R('can:directive.register', '-admin')),
    "directives:difficulties": E(get=R('*'), post=R('*')),
    "directives:difficulty": E(
        get=R('office', 'standing', 'district', 'commune', 'cell', 'admin', hidden=('agency',)),
        post=R('office', 'standing', 'district', 'commune', 'cell', 'admin', hidden=('agency',))),
    "directives:dispatch": E(get=R('*'), post=R('*')),
    "directives:download": E(get=R('*'), post=R('*')),
    "directives:export": E(
        get=R('can:directive.track'),
        post=R('can:directive.track')),
    "directives:fan_out": E(get=POST_ONLY, post=R('can:directive.register', ok=302)),
    "directives:forward": E(
        get=POST_ONLY,
        post=R('can:dispatch.act', '-EDITORS:office', '-EDITORS:standing', ok=302)),
    "directives:inbox": E(get=R('*'), post=R('*')),
    "directives:list": E(
        get=R('can:directive.track'),
        post=R('can:directive.track')),
    "directives:overdue": E(
        get=R('can:directive.track'),
        post=R('can:directive.track')),
    "directives:plan": E(
        get=R('can:dispatch.act', '-EDITORS:office', '-EDITORS:standing'),
        post=R('can:dispatch.act', '-EDITORS:office', '-EDITORS:standing')),
    "directives:personal_acknowledge": E(
        get=POST_ONLY, post=R('district.leader', ok=302, hidden=('*', '-district.leader'))),
    "directives:raise_difficulty": E(
        get=POST_ONLY,
        post=R('can:dispatch.act', '-EDITORS:office', '-EDITORS:standing', ok=302)),
    "directives:report": E(
        get=R('can:dispatch.act', '-EDITORS:office', '-EDITORS:standing'),
        post=R('can:dispatch.act', '-EDITORS:office', '-EDITORS:standing')),
    "directives:return_plan": E(get=POST_ONLY, post=R('can:directive.register', ok=302)),
    "directives:return_report": E(get=POST_ONLY, post=R('can:directive.register', ok=302)),
    "directives:task": E(get=R('can:directive.track'), post=R('can:directive.track')),
    "directives:task_export": E(get=R('can:directive.track'), post=R('can:directive.track')),
    "directives:task_remove": E(get=POST_ONLY, post=R('can:directive.tasks_define', ok=302)),
    "directives:task_report": E(
        get=R('can:task.report', '-EDITORS:office', '-EDITORS:standing', '-admin'),
        post=R('can:task.report', '-EDITORS:office', '-EDITORS:standing', '-admin')),
    "directives:task_return": E(get=POST_ONLY, post=R('can:directive.tasks_define', ok=302)),
    "directives:tasks": E(get=R('can:directive.tasks_define'), post=R('can:directive.tasks_define')),
    "directives:tracking": E(
        get=R('can:directive.track'),
        post=R('can:directive.track')),
    "directives:unacknowledged": E(
        get=R('office', 'standing', 'district', 'admin', hidden=('commune',)),
        post=R('office', 'standing', 'district', 'admin', hidden=('commune',))),
    "elections:create": E(get=R('can:campaign.create'), post=R('can:campaign.create')),
    "elections:detail": E(get=R('can:campaign.view'), post=R('can:campaign.view', ok=405)),
    "elections:list": E(get=R('can:campaign.view'), post=R('can:campaign.view', ok=405)),
    "elections:incident": E(
        get=R('can:incident.view'),
        post=R('can:incident.handle', hidden_outside=COMMITTEES)),
    "elections:incident_create": E(get=R('can:incident.log'), post=R('can:incident.log')),
    "elections:incidents": E(get=R('can:incident.view'), post=R('can:incident.view')),
    "elections:incidents_export": E(get=R('can:incident.view'), post=R('can:incident.view')),
    "elections:result_acting_head": E(
        get=R('can:result.record', hidden_outside=COMMITTEES),
        post=R('can:result.record', hidden_outside=COMMITTEES)),
    "elections:result_decision": E(
        get=R('can:result.record', hidden_outside=COMMITTEES),
        post=R('can:result.record', hidden_outside=COMMITTEES)),
    "elections:result_detail": E(
        get=R('can:result.view'),
        post=R('can:result.view')),
    "elections:result_milestones": E(
        get=R('can:result.record', hidden_outside=COMMITTEES),
        post=R('can:result.record', hidden_outside=COMMITTEES)),
    "elections:result_minutes": E(
        get=R('can:result.record', hidden_outside=COMMITTEES),
        post=R('can:result.record', hidden_outside=COMMITTEES)),
    "elections:result_rerun": E(
        get=R('can:result.record', hidden_outside=COMMITTEES),
        post=R('can:result.record', hidden_outside=COMMITTEES)),
    "elections:results": E(
        get=R('can:result.view', ok=302),
        post=R('can:result.view', ok=302)),
    "elections:results_export": E(
        get=R('office', 'standing', 'district', 'admin', hidden=('commune', 'cell')),
        post=R('office', 'standing', 'district', 'admin', hidden=('commune', 'cell'))),
    "elections:results_unit": E(
        get=R('office', 'standing', 'district', 'admin', hidden=('commune', 'cell')),
        post=R('office', 'standing', 'district', 'admin', hidden=('commune', 'cell'))),
    "elections:sync": E(get=R('can:campaign.sync_hamlets', ok=405), post=R('can:campaign.sync_hamlets', ok=302)),
    "healthz": E(get=R('*', anonymous=200), post=Rule(NOBODY, denied=405, anonymous=405)),
    # The icon browsers ask of every site: open to all, a redirect to the static file.
    "favicon": E(get=R('*', ok=301, anonymous=301), post=R('*', ok=301, anonymous=301)),
    # Switching the language is open to all, and sends back to the page it came from ("/").
    "set_language": E(get=R('*', ok=302), post=R('*', ok=302)),
    "home": E(
        get=R('*'),
        post=R('office', 'standing', 'district', 'commune', other={405: ('agency', 'cell', 'admin')})),
    "login": E(get=R('*', ok=302, anonymous=200), post=R('*', ok=302, anonymous=200)),
    "logout": E(get=POST_ONLY, post=R('*', ok=302)),
    "password_change": E(get=R('*'), post=R('*')),
    "password_change_done": E(get=R('*')),
    "reports:archive": E(get=R('can:report.archive'), post=R('can:report.archive')),
    "reports:dashboard": E(
        get=R('can:report.dashboard'),
        post=R('can:report.dashboard')),
    "reports:download": E(get=R('can:report.archive'), post=R('can:report.archive')),
    "reports:figures": E(
        get=R('can:report.dashboard'),
        post=R('can:report.dashboard')),
    "reports:job": E(get=R('can:report.archive'), post=R('can:report.archive')),
    "reports:job_status": E(get=R('can:report.archive'), post=R('can:report.archive')),
    "reports:job_xlsx": E(get=R('can:report.archive'), post=R('can:report.archive')),
    "reports:national": E(get=R('can:report.national'), post=R('can:report.national')),
    "reports:national_pdf": E(get=R('can:report.national'), post=R('can:report.national')),
    "reports:request": E(get=R('can:report.generate'), post=R('can:report.generate')),
    "reports:retry": E(get=POST_ONLY, post=R('can:report.generate', ok=302)),
    "reports:xlsx": E(
        get=R('can:report.dashboard'),
        post=R('can:report.dashboard')),
    "territory:export": E(get=R('*'), post=R('*')),
    "territory:home": E(get=R('*'), post=R('*')),
    "territory:import": E(
        get=R('can:territory.import_hamlets'),
        post=R('can:territory.import_hamlets')),
    "territory:import_template": E(
        get=R('can:territory.import_hamlets'),
        post=R('can:territory.import_hamlets', ok=405)),
    "territory:search": E(get=R('*'), post=R('*')),
    "territory:unit": E(
        get=R('office', 'standing', 'district', 'commune', 'cell', 'admin', hidden=('agency',)),
        post=R('office', 'standing', 'district', 'commune', 'cell', 'admin', hidden=('agency',))),
}

# Pages tested again with other objects than the one PARAM_OF gives them: (URL name, object kind)
# -> who may use them, with the same specs as EXPECT.
VARIANTS: dict[tuple[str, str], E] = {
    # The results of a province and of a commune (PARAM_OF opens a district's).
    ("elections:results_unit", "province_unit"): E(
        get=R('office', 'standing', 'admin', hidden=('district', 'commune', 'cell')),
        post=R('office', 'standing', 'admin', hidden=('district', 'commune', 'cell'))),
    ("elections:results_unit", "commune_unit"): E(
        get=R('office', 'standing', 'district', 'commune', 'admin', hidden=('cell',)),
        post=R('office', 'standing', 'district', 'commune', 'admin', hidden=('cell',))),
    # A cell's dispatch, opened by every level above the cell (PARAM_OF opens the user's own).
    ("directives:dispatch", "cell_dispatch"): E(
        get=R('office', 'standing', 'district', 'commune', 'cell', 'admin', hidden=('agency',)),
        post=R('office', 'standing', 'district', 'commune', 'cell', 'admin', hidden=('agency',))),
    ("directives:report", "cell_dispatch"): E(
        get=R('can:dispatch.act', '-office', '-standing', '-district', '-commune', hidden=('agency',),
              hidden_outside=COMMITTEES),
        post=R('can:dispatch.act', '-office', '-standing', '-district', '-commune', hidden=('agency',),
               hidden_outside=COMMITTEES)),
    ("directives:download", "cell_report_file"): E(
        get=R('office', 'standing', 'district', 'commune', 'cell', 'admin', hidden=('agency',)),
        post=R('office', 'standing', 'district', 'commune', 'cell', 'admin', hidden=('agency',))),
    # A file answering a task, reported by a cell: every level above it reads it.
    ("directives:download", "task_file"): E(
        get=R('office', 'standing', 'district', 'commune', 'cell', 'admin', hidden=('agency',)),
        post=R('office', 'standing', 'district', 'commune', 'cell', 'admin', hidden=('agency',))),
    # A directive registered without a file has no file to give anyone.
    ("directives:download", "fileless_directive_file"): E(
        get=Rule(NOBODY, denied=404), post=Rule(NOBODY, denied=404)),
}
