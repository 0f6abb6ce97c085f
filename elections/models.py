"""Election campaigns and the election in each hamlet.

An `Election` is one campaign over a province (e.g. "Bầu cử Trưởng ấp, Trưởng khu phố nhiệm kỳ
2024-2029"); the portal creates one `HamletElection` per active hamlet of that province.
"""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from territory.scoping import ScopedQuerySet

# The election-period incidents live in their own package, re-exported the same way.
from .incidents.models import Incident, IncidentKind, IncidentNotice, IncidentStatus, Severity  # noqa: F401

# The election-day models live in the results package; re-exported so every caller (and the app
# registry, app label `elections`) finds them here.
from .results.models import (  # noqa: F401
    CandidateOrigin,
    HamletHead,
    HeadKind,
    Meeting,
    MeetingCandidate,
    Milestone,
    MilestoneKind,
    RerunReason,
    ResultStatus,
    StatusChange,
    VotingMethod,
)
from .rules import term_problem


class Election(models.Model):
    name = models.CharField(_("name"), max_length=200)
    province = models.ForeignKey("territory.Unit", models.PROTECT, related_name="elections",
                                 verbose_name=_("province"))
    term_start_year = models.PositiveSmallIntegerField(_("term start year"))
    term_end_year = models.PositiveSmallIntegerField(_("term end year"))
    term_months = models.PositiveSmallIntegerField(
        _("term length (months)"), default=60,
        help_text=_("2.5 or 5 years, set uniformly by the provincial People's Committee (TT 04/2012 Điều 12)."),
    )
    nomination_deadline = models.DateField(_("nomination deadline"))
    election_start = models.DateField(_("election window opens"))
    election_end = models.DateField(_("election window closes"))
    is_active = models.BooleanField(_("active"), default=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, models.SET_NULL, null=True, blank=True,
                                   related_name="+", verbose_name=_("created by"))
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("election campaign")
        verbose_name_plural = _("election campaigns")
        ordering = ["-election_start"]
        constraints = [
            models.CheckConstraint(
                condition=Q(term_end_year__gt=F("term_start_year")), name="election_term_years_ordered",
                violation_error_message=_("The term must end after it starts."),
            ),
            models.CheckConstraint(
                condition=Q(election_end__gte=F("election_start")), name="election_window_ordered",
                violation_error_message=_("The election window must close on or after the day it opens."),
            ),
            models.UniqueConstraint(
                fields=["province", "name"], name="election_unique_name_per_province",
                violation_error_message=_("This province already has a campaign with this name."),
            ),
        ]

    def __str__(self):
        return self.name

    def clean(self):
        """The term follows the campaign's years (`rules.term_problem`, TT 04/2012 Điều 12). Run by
        `full_clean`, so the campaign service (`services.election_create`), the campaign form and
        the admin's change form all refuse the same way."""
        problem = term_problem(self.term_start_year, self.term_end_year, self.term_months)
        if problem:
            raise ValidationError({"term_months": problem})


class HamletElectionQuerySet(ScopedQuerySet):
    unit_path = "hamlet"


class HamletElection(models.Model):
    """The election of the head of one hamlet in one campaign."""

    election = models.ForeignKey(Election, models.CASCADE, related_name="hamlet_elections",
                                 verbose_name=_("campaign"))
    hamlet = models.ForeignKey("territory.Unit", models.PROTECT, related_name="hamlet_elections",
                               verbose_name=_("hamlet"))
    election_date = models.DateField(_("election date"), null=True, blank=True,
                                     help_text=_("Planned or actual date of the community meeting."))
    # The result workflow (issue 7): current state here, the log in StatusChange, the rules in
    # elections/results/services/.
    status = models.CharField(_("result status"), max_length=20, choices=ResultStatus.choices,
                              default=ResultStatus.PLANNED, db_index=True)
    status_changed_at = models.DateTimeField(_("status changed at"), null=True, blank=True)
    current_meeting = models.ForeignKey("elections.Meeting", models.SET_NULL, null=True, blank=True,
                                        related_name="+", verbose_name=_("latest meeting"))
    rerun_reason = models.CharField(_("re-run reason"), max_length=20, choices=RerunReason.choices, blank=True)
    rerun_due_by = models.DateField(_("re-run due by"), null=True, blank=True)
    rerun_date = models.DateField(_("re-run date"), null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = HamletElectionQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("hamlet election")
        verbose_name_plural = _("hamlet elections")
        ordering = ["hamlet__path"]
        constraints = [
            models.UniqueConstraint(
                fields=["election", "hamlet"], name="hamlet_election_unique_per_campaign",
                violation_error_message=_("This hamlet already has an election in this campaign."),
            ),
        ]

    def __str__(self):
        return f"{self.hamlet} · {self.election}"

    @property
    def polling_day(self):
        """The day eligibility is judged on: the hamlet's date, else the window's first day."""
        return self.election_date or self.election.election_start
