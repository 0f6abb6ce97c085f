"""Election day in each hamlet: preparation milestones, the meeting minutes with their candidates,
the head who results, and the log of the result workflow (issue 7).

The workflow itself (allowed transitions, gates) lives in `elections/results/services/workflow.py`, the
election-day law in `elections/results/rules.py`. The models belong to the `elections` app and are
re-exported from `elections/models.py`; they refer to `HamletElection` by name to keep the import
one-way.
"""

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from common.choices import Gender
from territory.scoping import ScopedQuerySet


class ResultStatus(models.TextChoices):
    PLANNED = "planned", _("Preparing")
    ELECTED = "elected", _("Elected, awaiting recognition")
    RERUN_REQUIRED = "rerun_required", _("Re-run required")
    RERUN_SCHEDULED = "rerun_scheduled", _("Re-run scheduled")
    RECOGNISED = "recognised", _("Recognised")
    ACTING_HEAD = "acting_head", _("Acting head appointed")


class RerunReason(models.TextChoices):
    NO_QUORUM = "no_quorum", _("No quorum: half or fewer of the household representatives attended")
    NO_MAJORITY = "no_majority", _("No candidate won more than half of the household representatives on the roll")
    TIE = "tie", _("Tie for the highest number of votes")
    REFUSED = "refused", _("The commune chairman refused to recognise the result")


class MilestoneKind(models.TextChoices):
    DECISION = "decision", _("Commune chairman's decision to hold the election")
    CANDIDATE_LIST = "candidate_list", _("Candidate list sent by the Front work committee")
    ELECTION_TEAM = "election_team", _("Decision establishing the election team")
    POSTING = "posting", _("Public posting of the decisions and the list")


class Milestone(models.Model):
    """One preparation step before election day, with its document (NĐ 59/2023, domain-rules §1.4)."""

    hamlet_election = models.ForeignKey("elections.HamletElection", models.CASCADE, related_name="milestones",
                                        verbose_name=_("hamlet election"))
    kind = models.CharField(_("milestone"), max_length=20, choices=MilestoneKind.choices)
    date = models.DateField(_("date"))
    document_number = models.CharField(_("document number"), max_length=60, blank=True)
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, models.SET_NULL, null=True, blank=True,
                                    related_name="+", verbose_name=_("recorded by"))
    recorded_at = models.DateTimeField(_("recorded at"), auto_now=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("preparation milestone")
        verbose_name_plural = _("preparation milestones")
        ordering = ["hamlet_election", "date"]
        constraints = [
            models.UniqueConstraint(
                fields=["hamlet_election", "kind"], name="milestone_unique_kind_per_hamlet_election",
                violation_error_message=_("This milestone is already recorded for this hamlet."),
            ),
        ]

    def __str__(self):
        return f"{self.get_kind_display()} · {self.date}"


class VotingMethod(models.TextChoices):
    SHOW_OF_HANDS = "hands", _("Show of hands")
    SECRET_BALLOT = "ballot", _("Secret ballot")


class MeetingQuerySet(ScopedQuerySet):
    unit_path = "hamlet_election__hamlet"


class Meeting(models.Model):
    """The minutes of one community meeting that elected (or failed to elect) the head: round 1 is
    the election, later rounds are re-runs (NQLT 09/2008 Điều 8; NĐ 59/2023)."""

    hamlet_election = models.ForeignKey("elections.HamletElection", models.CASCADE, related_name="meetings",
                                        verbose_name=_("hamlet election"))
    round = models.PositiveSmallIntegerField(_("round"), default=1)
    held_on = models.DateField(_("election date"))
    voting_method = models.CharField(_("voting method"), max_length=10, choices=VotingMethod.choices)
    counting_board = models.TextField(_("counting board"), blank=True,
                                      help_text=_("Secret ballot: 3 to 5 members, one name per line."))
    roll = models.PositiveIntegerField(_("household representatives on the roll"))
    # Why a roll far from the hamlet's household count is right, as confirmed by the officer (issue 14).
    roll_confirmation = models.TextField(_("reason the roll differs from the household count"), blank=True)
    attending = models.PositiveIntegerField(_("household representatives attending"))
    ballots_issued = models.PositiveIntegerField(_("ballots issued"), null=True, blank=True)
    ballots_returned = models.PositiveIntegerField(_("ballots returned"), null=True, blank=True)
    ballots_valid = models.PositiveIntegerField(_("valid ballots"), null=True, blank=True)
    ballots_invalid = models.PositiveIntegerField(_("invalid ballots"), null=True, blank=True)
    minutes_received_on = models.DateField(_("minutes received by the commune on"))
    # A re-run's limit when it was held (the hamlet election's own date moves on afterwards).
    rerun_due_by = models.DateField(_("re-run due by"), null=True, blank=True)
    outcome = models.CharField(_("outcome"), max_length=20, blank=True,
                               help_text=_("Empty when elected; otherwise the reason for the re-run."))
    winner = models.ForeignKey("elections.MeetingCandidate", models.SET_NULL, null=True, blank=True,
                               related_name="+", verbose_name=_("elected head"))
    # The commune chairman's decision on the result (domain-rules §1.6, §6.4).
    recognition_number = models.CharField(_("recognition decision number"), max_length=60, blank=True)
    recognition_date = models.DateField(_("recognition decision date"), null=True, blank=True)
    refusal_reasons = models.TextField(_("reasons for refusing recognition"), blank=True)
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, models.SET_NULL, null=True, blank=True,
                                    related_name="+", verbose_name=_("recorded by"))
    recorded_at = models.DateTimeField(_("recorded at"), auto_now_add=True)

    objects = MeetingQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("election meeting minutes")
        verbose_name_plural = _("election meeting minutes")
        ordering = ["hamlet_election", "round"]
        constraints = [
            models.UniqueConstraint(
                fields=["hamlet_election", "round"], name="meeting_unique_round",
                violation_error_message=_("This round is already recorded for this hamlet."),
            ),
            models.CheckConstraint(
                condition=Q(attending__lte=F("roll")), name="meeting_attending_within_roll",
                violation_error_message=_("More household representatives attended than are on the roll."),
            ),
        ]

    def __str__(self):
        return f"{self.hamlet_election} · {self.round}"

    @property
    def is_ballot(self) -> bool:
        return self.voting_method == VotingMethod.SECRET_BALLOT

    @property
    def counting_board_members(self) -> list[str]:
        return [line.strip() for line in self.counting_board.splitlines() if line.strip()]


class CandidateOrigin(models.TextChoices):
    FRONT_LIST = "front", _("Front work committee list")
    MEETING = "meeting", _("Nominated at the meeting")
    SELF = "self", _("Self-nominated")


class MeetingCandidate(models.Model):
    """One candidate row of the minutes, with the votes received."""

    meeting = models.ForeignKey(Meeting, models.CASCADE, related_name="candidates", verbose_name=_("minutes"))
    position = models.PositiveSmallIntegerField(_("row"), default=1)
    full_name = models.CharField(_("full name"), max_length=150)
    gender = models.CharField(_("gender"), max_length=10, choices=Gender.choices)
    is_party_member = models.BooleanField(_("party member"), default=False)
    is_cell_secretary = models.BooleanField(_("party cell secretary"), default=False)
    is_incumbent = models.BooleanField(_("incumbent (re-election)"), default=False)
    origin = models.CharField(_("nominated by"), max_length=10, choices=CandidateOrigin.choices,
                              default=CandidateOrigin.FRONT_LIST)
    nominee_id = models.PositiveBigIntegerField(_("nominee record"), null=True, blank=True,
                                                help_text=_("The nominee this row was filled from, if any."))
    # Asked of candidates not filled from a nominee record, whose age nobody has checked yet.
    date_of_birth = models.DateField(_("date of birth"), null=True, blank=True)
    votes = models.PositiveIntegerField(_("votes"))

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("candidate in the minutes")
        verbose_name_plural = _("candidates in the minutes")
        ordering = ["meeting", "position"]

    def __str__(self):
        return self.full_name


class HeadKind(models.TextChoices):
    ELECTED = "elected", _("Elected head")
    ACTING = "acting", _("Acting head")


class HamletHeadQuerySet(ScopedQuerySet):
    unit_path = "hamlet_election__hamlet"


class HamletHead(models.Model):
    """Who heads the hamlet after the election: the recognised winner (term from the recognition
    date, TT 04/2012 Điều 12) or an acting head appointed by the commune chairman (an election is
    due within 6 months)."""

    hamlet_election = models.ForeignKey("elections.HamletElection", models.CASCADE, related_name="heads",
                                        verbose_name=_("hamlet election"))
    kind = models.CharField(_("kind"), max_length=10, choices=HeadKind.choices)
    full_name = models.CharField(_("full name"), max_length=150)
    gender = models.CharField(_("gender"), max_length=10, choices=Gender.choices)
    is_party_member = models.BooleanField(_("party member"), default=False)
    is_cell_secretary = models.BooleanField(_("party cell secretary"), default=False)
    is_reelected = models.BooleanField(_("re-elected"), default=False)
    decision_number = models.CharField(_("decision number"), max_length=60)
    decision_date = models.DateField(_("decision date"))
    term_start = models.DateField(_("term starts"), null=True, blank=True)
    term_end = models.DateField(_("term ends"), null=True, blank=True)
    next_election_due = models.DateField(_("next election due by"), null=True, blank=True)
    meeting = models.ForeignKey(Meeting, models.SET_NULL, null=True, blank=True, related_name="+",
                                verbose_name=_("minutes"))
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, models.SET_NULL, null=True, blank=True,
                                    related_name="+", verbose_name=_("recorded by"))
    recorded_at = models.DateTimeField(_("recorded at"), auto_now_add=True)

    objects = HamletHeadQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("hamlet head")
        verbose_name_plural = _("hamlet heads")
        ordering = ["hamlet_election", "decision_date"]

    def __str__(self):
        return self.full_name


class StatusChange(models.Model):
    """Append-only log of the result workflow: who moved which hamlet election where, and when."""

    hamlet_election = models.ForeignKey("elections.HamletElection", models.CASCADE, related_name="status_changes",
                                        verbose_name=_("hamlet election"))
    from_status = models.CharField(_("from"), max_length=20, choices=ResultStatus.choices)
    to_status = models.CharField(_("to"), max_length=20, choices=ResultStatus.choices)
    note = models.CharField(_("note"), max_length=500, blank=True)
    by = models.ForeignKey(settings.AUTH_USER_MODEL, models.SET_NULL, null=True, blank=True,
                           related_name="+", verbose_name=_("by"))
    at = models.DateTimeField(_("at"), auto_now_add=True)

    class Meta:
        verbose_name = _("result status change")
        verbose_name_plural = _("result status changes")
        ordering = ["hamlet_election", "at", "pk"]

    def __str__(self):
        return f"{self.from_status} → {self.to_status}"
