"""Writes for election-period incidents (issue 21, point 3): logging one, handling and resolving it,
and telling the district (or the commune where there is none) and the provincial office at once
when it is serious (CV 3321-CV/TU, point 4: the committees prepare the security of the election and
report difficulties to the Provincial Standing Committee through its office).

The status is a workflow held as data (`TRANSITIONS`); dates that cannot be true (an incident in
the future, resolved before it happened or in the future) are refused."""

import datetime

from django.core.exceptions import ValidationError
from django.core.mail import send_mail
from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from accounts.models import Organisation, OrganisationKind, User
from accounts.permissions import require, user_can
from common.services import audited_save
from territory.models import Level, Unit
from territory.scoping import scope_of
from territory.selectors import grouping_unit_id

from ..models import HamletElection
from .models import Incident, IncidentNotice, IncidentStatus

St = IncidentStatus
TRANSITIONS: dict[str, set[str]] = {
    St.OPEN: {St.OPEN, St.HANDLING, St.RESOLVED},
    St.HANDLING: {St.HANDLING, St.RESOLVED},
    St.RESOLVED: set(),
}


def _minute(moment: datetime.datetime) -> datetime.datetime:
    return moment.replace(second=0, microsecond=0)


def _when(moment: datetime.datetime) -> str:
    return date_format(timezone.localtime(moment), "SHORT_DATETIME_FORMAT")


def place_name(hamlet: Unit) -> str:
    """"Ấp 2, Xã Trung Hòa": the hamlet and its commune, as the notices and the report name it."""
    return f"{hamlet.name}, {hamlet.commune.name}" if hamlet.commune_id else hamlet.name


def _in_scope(user, hamlet: Unit) -> bool:
    return user.is_superuser or scope_of(user).contains(hamlet)


def can_log(user, hamlet: Unit | None = None) -> bool:
    """The cell, the commune or the district committee (editors) may log an incident in their territory."""
    return user_can(user, "incident.log") and (hamlet is None or _in_scope(user, hamlet))


def can_handle(user, incident: Incident) -> bool:
    """The commune, the district committee or the provincial office (editors) handle incidents in their
    territory, until they are resolved."""
    return (user_can(user, "incident.handle") and _in_scope(user, incident.hamlet)
            and incident.status != St.RESOLVED)


def _check_occurred(occurred_at: datetime.datetime) -> None:
    if occurred_at > timezone.now():
        raise ValidationError({"occurred_at": _("An incident cannot be reported before it happens: "
                                                "%(when)s is in the future.") % {"when": _when(occurred_at)}})


def _active_hamlet_election(hamlet: Unit) -> HamletElection | None:
    return (HamletElection.objects.filter(hamlet=hamlet, election__is_active=True)
            .order_by("-election__election_start").first())


@transaction.atomic
def incident_log(*, hamlet: Unit, kind: str, severity: str, occurred_at: datetime.datetime, description: str,
                 by: User, place: str = "", handler: str = "") -> Incident:
    """Log an incident in a hamlet of the user's territory (cell, commune or district committee).
    A serious or very serious one notifies the district (or the commune where there is none) and the
    provincial office at once, by e-mail and in the portal (issue 21; CV 3321-CV/TU point 4)."""
    require(by, "incident.log")
    if hamlet.level != Level.HAMLET:
        raise ValidationError({"hamlet": _("Choose a hamlet or neighbourhood.")})
    if not _in_scope(by, hamlet):
        raise ValidationError({"hamlet": _("This hamlet is outside your area.")})
    _check_occurred(occurred_at)
    incident = Incident(hamlet=hamlet, hamlet_election=_active_hamlet_election(hamlet), kind=kind,
                        severity=severity, occurred_at=occurred_at, place=place.strip(),
                        description=description.strip(), handler=handler.strip(), reported_by=by)
    audited_save(incident, by=by)
    if incident.is_serious:
        notify_serious(incident)
    return incident


@transaction.atomic
def incident_update(*, incident: Incident, status: str, by: User, handler: str = "", resolution: str = "",
                    severity: str | None = None, resolved_at: datetime.datetime | None = None) -> Incident:
    """Record who handles an incident, its severity, its status and, to resolve it, the resolution
    and when (not before it occurred, not in the future). A resolved incident is closed. Raising it
    to serious notifies as if it had been logged serious."""
    require(by, "incident.handle")
    if not _in_scope(by, incident.hamlet):
        raise ValidationError(_("This hamlet is outside your area."))
    if status not in TRANSITIONS[incident.status]:
        raise ValidationError(_("A resolved incident cannot be changed."))
    resolution = resolution.strip()
    if status == St.RESOLVED:
        resolved_at = resolved_at or timezone.now()
        errors = {}
        if not resolution:
            errors["resolution"] = _("Say how the incident was resolved.")
        if resolved_at > timezone.now():
            errors["resolved_at"] = _("%(when)s is in the future.") % {"when": _when(resolved_at)}
        elif _minute(resolved_at) < _minute(incident.occurred_at):
            errors["resolved_at"] = _("An incident cannot be resolved (%(resolved)s) before it occurred "
                                      "(%(occurred)s).") % {"resolved": _when(resolved_at),
                                                            "occurred": _when(incident.occurred_at)}
        if errors:
            raise ValidationError(errors)
        # Same minute: the form's minutes hide the seconds it occurred at.
        resolved_at = max(resolved_at, incident.occurred_at)
    else:
        resolved_at = None
    was_serious = incident.is_serious
    incident.handler, incident.resolution, incident.handled_by = handler.strip(), resolution, by
    incident.severity = severity or incident.severity
    incident.status, incident.resolved_at = status, resolved_at
    audited_save(incident, by=by)
    if incident.is_serious and not was_serious:
        notify_serious(incident)
    return incident


def notice_recipients(hamlet: Unit):
    """The committee of the grouping unit (the district, or the commune where there is no district:
    `territory.selectors.grouping_unit_id`) and the provincial office of the hamlet's province."""
    return Organisation.objects.filter(
        Q(kind__in=[OrganisationKind.DISTRICT_COMMITTEE, OrganisationKind.COMMUNE_COMMITTEE],
          unit_id=grouping_unit_id(hamlet))
        | Q(kind=OrganisationKind.PROVINCIAL_OFFICE, unit_id=hamlet.province_id),
        is_active=True).order_by("kind", "pk")


def notify_serious(incident: Incident) -> list[IncidentNotice]:
    """A notice in the portal for each recipient (inside the caller's transaction) and, once it
    commits, an e-mail to each recipient's address."""
    hamlet = incident.hamlet
    subject = _("Serious incident in %(place)s") % {"place": place_name(hamlet)}
    body = _("%(severity)s incident (%(kind)s) in %(place)s at %(when)s.\n%(place_detail)s\n\n%(description)s\n\n"
             "Reported by %(by)s. Please follow it up in the portal.") % {
        "severity": incident.get_severity_display(), "kind": incident.get_kind_display(),
        "place": place_name(hamlet), "when": _when(incident.occurred_at), "place_detail": incident.place,
        "description": incident.description, "by": incident.reported_by or "—"}
    notices = []
    for organisation in notice_recipients(hamlet):
        notice, _created = IncidentNotice.objects.get_or_create(
            incident=incident, organisation=organisation, defaults={"emailed_to": organisation.email})
        notices.append(notice)
        if organisation.email:
            transaction.on_commit(lambda to=organisation.email: send_mail(subject, body, None, [to],
                                                                          fail_silently=True))
    return notices
