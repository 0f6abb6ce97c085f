"""An incident during the election period in one hamlet, and the notices sent when it is serious.

The rules (dates, who may log or handle, the status workflow, whom to notify) live in
`elections/incidents/services.py`; the models belong to the `elections` app and are re-exported from
`elections/models.py`."""

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from territory.scoping import ScopedQuerySet


class IncidentKind(models.TextChoices):
    SECURITY = "security", _("Security and order")
    DISPUTE = "dispute", _("Dispute at the meeting")
    WEATHER = "weather", _("Weather or natural disaster")
    SABOTAGE = "sabotage", _("Sabotage")
    PROPAGANDA = "propaganda", _("Distorting propaganda")
    OTHER = "other", _("Other")


class Severity(models.TextChoices):
    MINOR = "minor", _("Minor")
    SERIOUS = "serious", _("Serious")
    VERY_SERIOUS = "very_serious", _("Very serious")


# The severities that notify the district (or commune) and the provincial office at once (issue 21).
SERIOUS = frozenset({Severity.SERIOUS, Severity.VERY_SERIOUS})


class IncidentStatus(models.TextChoices):
    OPEN = "open", _("Reported")
    HANDLING = "handling", _("Being handled")
    RESOLVED = "resolved", _("Resolved")


class IncidentQuerySet(ScopedQuerySet):
    unit_path = "hamlet"

    def serious(self):
        return self.filter(severity__in=SERIOUS)

    def unresolved(self):
        return self.exclude(status=IncidentStatus.RESOLVED)


class Incident(models.Model):
    """One incident in a hamlet during the election period, from its report to its resolution."""

    hamlet = models.ForeignKey("territory.Unit", models.PROTECT, related_name="incidents", verbose_name=_("hamlet"))
    hamlet_election = models.ForeignKey("elections.HamletElection", models.SET_NULL, null=True, blank=True,
                                        related_name="incidents", verbose_name=_("hamlet election"))
    kind = models.CharField(_("kind of incident"), max_length=20, choices=IncidentKind.choices)
    severity = models.CharField(_("severity"), max_length=20, choices=Severity.choices, default=Severity.MINOR,
                                db_index=True)
    occurred_at = models.DateTimeField(_("occurred at"))
    place = models.CharField(_("place"), max_length=200, blank=True)
    description = models.TextField(_("what happened"))
    reported_by = models.ForeignKey(settings.AUTH_USER_MODEL, models.SET_NULL, null=True, blank=True,
                                    related_name="+", verbose_name=_("reported by"))
    reported_at = models.DateTimeField(_("reported at"), auto_now_add=True)
    handler = models.CharField(_("handling force"), max_length=200, blank=True,
                               help_text=_("E.g. the commune police, the election team, the commune committee."))
    handled_by = models.ForeignKey(settings.AUTH_USER_MODEL, models.SET_NULL, null=True, blank=True,
                                   related_name="+", verbose_name=_("followed by"))
    status = models.CharField(_("status"), max_length=20, choices=IncidentStatus.choices,
                              default=IncidentStatus.OPEN, db_index=True)
    resolution = models.TextField(_("resolution"), blank=True)
    resolved_at = models.DateTimeField(_("resolved at"), null=True, blank=True)

    objects = IncidentQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("incident")
        verbose_name_plural = _("incidents")
        ordering = ["-occurred_at", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(resolved_at__isnull=True) | Q(resolved_at__gte=F("occurred_at")),
                name="incident_resolved_after_occurred",
                violation_error_message=_("An incident cannot be resolved before it occurred."),
            ),
        ]

    def __str__(self):
        return f"{self.get_kind_display()} · {self.hamlet}"

    @property
    def is_serious(self) -> bool:
        return self.severity in SERIOUS


class IncidentNotice(models.Model):
    """The in-portal notice of a serious incident to one organisation (the district, or the commune
    where there is none, and the provincial office), with the address it was e-mailed to."""

    incident = models.ForeignKey(Incident, models.CASCADE, related_name="notices", verbose_name=_("incident"))
    organisation = models.ForeignKey("accounts.Organisation", models.CASCADE, related_name="incident_notices",
                                     verbose_name=_("organisation"))
    emailed_to = models.EmailField(_("e-mailed to"), blank=True)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    class Meta:
        verbose_name = _("incident notice")
        verbose_name_plural = _("incident notices")
        ordering = ["-created_at", "-pk"]
        constraints = [
            models.UniqueConstraint(fields=["incident", "organisation"], name="incident_notice_once_per_organisation"),
        ]

    def __str__(self):
        return f"{self.incident} → {self.organisation}"
