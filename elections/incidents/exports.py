"""The incident list as .xlsx (the rows the user sees, with the page's filters)."""

from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import pgettext

from common.xlsx import write_xlsx


def _when(moment):
    return timezone.localtime(moment).strftime("%d/%m/%Y %H:%M") if moment else ""


def incidents_workbook(incidents) -> bytes:
    header = [pgettext("row number", "No."), _("Hamlet"), _("Commune"), _("Kind of incident"), _("Severity"),
              _("Occurred at"), _("Place"), _("What happened"), _("Handling force"), _("Status"), _("Resolution"),
              _("Resolved at"), _("Reported by")]
    rows = [[n, i.hamlet.name, i.hamlet.commune.name if i.hamlet.commune_id else "", i.get_kind_display(),
             i.get_severity_display(), _when(i.occurred_at), i.place, i.description, i.handler,
             i.get_status_display(), i.resolution, _when(i.resolved_at),
             i.reported_by.get_full_name() or i.reported_by.username if i.reported_by else ""]
            for n, i in enumerate(incidents, 1)]
    return write_xlsx([(_("Incidents"), header, rows)])
