"""Nominees, the district nominee lists and the secretary-concurrency exceptions.

Nomination follows Đề án 02-ĐA/TU: the party cell secretary of each hamlet should also be its
head ("Bí thư chi bộ kiêm Trưởng ấp"); where that is impossible the district standing committee
decides each case (a `ConcurrencyException`).

`NomineeList.unit` is the district (a level-2 unit) when the province has districts, otherwise
the commune (the post-2025 shape where communes hang directly under the province). Use
`candidates.selectors.list_unit_id_for_hamlet()` to find it; never assume a hamlet has a district.

Rules and state changes live in `candidates.services`; models only hold fields and constraints.
"""

import unicodedata

from django.conf import settings
from django.core.validators import RegexValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from accounts.crypto import EncryptedTextField, blind_index
from common.choices import Gender
from territory.scoping import ScopedQuerySet

citizen_id_validator = RegexValidator(
    r"^\d{12}$", _("A citizen ID number has exactly 12 digits."), code="citizen_id",
)


def mask_citizen_id(value: str) -> str:
    """The citizen ID as shown to people who may not see it: "082012345645" -> "0820******45".

    Every read of `Nominee.citizen_id` for display goes through here or `Nominee.citizen_id_for`,
    so that a later change (encryption at rest) touches one place.
    """
    value = value or ""
    if len(value) <= 6:
        return "*" * len(value)
    return value[:4] + "*" * (len(value) - 6) + value[-2:]


def normalise_citizen_id(value: str) -> str:
    """The ID as compared: full-width digits made plain, spaces dropped ("082 079 001234" -> "082079001234")."""
    return "".join(unicodedata.normalize("NFKC", value or "").split())


def citizen_id_blind_index(value: str) -> str:
    """The blind index kept beside the encrypted ID (`accounts.crypto.blind_index`); "" for no ID."""
    normalised = normalise_citizen_id(value)
    return blind_index(normalised) if normalised else ""


class PoliticalTheory(models.TextChoices):
    NONE = "none", _("None")
    ELEMENTARY = "so_cap", _("Elementary (sơ cấp)")
    INTERMEDIATE = "trung_cap", _("Intermediate (trung cấp)")
    ADVANCED = "cao_cap", _("Advanced (cao cấp)")
    BACHELOR = "cu_nhan", _("Bachelor (cử nhân)")


class NominatedBy(models.TextChoices):
    FRONT_COMMITTEE = "front_committee", _("Front work committee of the hamlet")
    SELF = "self", _("Self-nominated")


class NomineeStatus(models.TextChoices):
    ACTIVE = "active", _("Active")
    WITHDRAWN = "withdrawn", _("Withdrawn")


class ListStatus(models.TextChoices):
    DRAFT = "draft", _("Draft")
    SUBMITTED = "submitted", _("Submitted")
    RETURNED = "returned", _("Returned")
    ACCEPTED = "accepted", _("Accepted")


# States in which the district may still change the list's content.
EDITABLE_LIST_STATUSES = (ListStatus.DRAFT, ListStatus.RETURNED)


class NomineeListQuerySet(ScopedQuerySet):
    unit_path = "unit"


class NomineeList(models.Model):
    """The people one district (or, without districts, one commune) puts forward in one campaign."""

    election = models.ForeignKey("elections.Election", models.CASCADE, related_name="nominee_lists",
                                 verbose_name=_("campaign"))
    unit = models.ForeignKey("territory.Unit", models.PROTECT, related_name="nominee_lists",
                             verbose_name=_("district"),
                             help_text=_("The district; the commune where the province has no districts."))
    status = models.CharField(_("status"), max_length=16, choices=ListStatus.choices, default=ListStatus.DRAFT)
    content_hash = models.CharField(_("content fingerprint at submission"), max_length=64, blank=True,
                                    editable=False)
    submitted_at = models.DateTimeField(_("submitted at"), null=True, blank=True, editable=False)
    submitted_by = models.ForeignKey(settings.AUTH_USER_MODEL, models.SET_NULL, null=True, blank=True,
                                     related_name="+", editable=False, verbose_name=_("submitted by"))
    return_reason = models.TextField(_("reason for return"), blank=True, editable=False)
    decided_at = models.DateTimeField(_("reviewed at"), null=True, blank=True, editable=False)
    decided_by = models.ForeignKey(settings.AUTH_USER_MODEL, models.SET_NULL, null=True, blank=True,
                                   related_name="+", editable=False, verbose_name=_("reviewed by"))
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    objects = NomineeListQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("nominee list")
        verbose_name_plural = _("nominee lists")
        ordering = ["election", "unit__path"]
        constraints = [
            models.UniqueConstraint(
                fields=["election", "unit"], name="nominee_list_one_per_unit_and_campaign",
                violation_error_message=_("This district already has a nominee list in this campaign."),
            ),
            models.CheckConstraint(
                condition=~Q(status="returned") | ~Q(return_reason=""), name="nominee_list_return_has_reason",
                violation_error_message=_("A returned list must carry the reason for returning it."),
            ),
        ]
        indexes = [models.Index(fields=["election", "status"], name="nominee_list_status")]

    def __str__(self):
        return f"{self.unit} · {self.election}"

    @property
    def is_editable(self) -> bool:
        return self.status in EDITABLE_LIST_STATUSES


class NomineeListEvent(models.Model):
    """Append-only log of a list's transitions: who, when, from, to, why."""

    nominee_list = models.ForeignKey(NomineeList, models.CASCADE, related_name="events",
                                     verbose_name=_("nominee list"))
    from_status = models.CharField(_("from"), max_length=16, choices=ListStatus.choices, blank=True)
    to_status = models.CharField(_("to"), max_length=16, choices=ListStatus.choices)
    reason = models.TextField(_("reason"), blank=True)
    content_hash = models.CharField(_("content fingerprint"), max_length=64, blank=True)
    by = models.ForeignKey(settings.AUTH_USER_MODEL, models.SET_NULL, null=True, related_name="+",
                           verbose_name=_("by"))
    at = models.DateTimeField(_("at"), auto_now_add=True)

    class Meta:
        verbose_name = _("nominee list event")
        verbose_name_plural = _("nominee list events")
        ordering = ["at", "pk"]

    def __str__(self):
        return f"{self.nominee_list}: {self.from_status} → {self.to_status}"


class NomineeQuerySet(ScopedQuerySet):
    unit_path = "hamlet_election__hamlet"


class Nominee(models.Model):
    """A person put forward to stand for head of one hamlet in one campaign."""

    hamlet_election = models.ForeignKey("elections.HamletElection", models.PROTECT, related_name="nominees",
                                        verbose_name=_("hamlet election"))
    nominee_list = models.ForeignKey(NomineeList, models.PROTECT, related_name="nominees",
                                     verbose_name=_("nominee list"), editable=False)
    full_name = models.CharField(_("full name"), max_length=150)
    search_name = models.CharField(max_length=150, editable=False, db_index=True)
    gender = models.CharField(_("gender"), max_length=8, choices=Gender.choices)
    date_of_birth = models.DateField(_("date of birth"))
    ethnicity = models.CharField(_("ethnicity"), max_length=50, default="Kinh")
    # Encrypted at rest (FIELD_ENCRYPTION_KEYS); shown through `mask_citizen_id` / `rules.citizen_id_display`,
    # every reveal in clear logged (accounts.PersonalDataAccess). Never searched: equality goes through
    # `citizen_id_index`.
    citizen_id = EncryptedTextField(_("citizen ID number"), validators=[citizen_id_validator])
    # The keyed hash that finds the same person again (one person, one nomination per campaign), set
    # by the services from `citizen_id_blind_index()`; rewritten by `rotate_identity_keys`. No unique
    # constraint: the campaign is two joins away (hamlet election -> election), so the service checks
    # it under a lock on the campaign's row.
    citizen_id_index = models.CharField(max_length=64, blank=True, editable=False, db_index=True)
    is_permanent_resident = models.BooleanField(
        _("permanent resident of the hamlet"), default=True,
        help_text=_("Registered permanent residence in the hamlet and living there (TT 04/2012 Điều 11)."),
    )
    education = models.CharField(_("education"), max_length=100, blank=True, help_text=_("E.g. 12/12, university."))
    political_theory = models.CharField(_("political theory"), max_length=16, choices=PoliticalTheory.choices,
                                        default=PoliticalTheory.NONE)
    is_party_member = models.BooleanField(_("party member"), default=False)
    party_join_date = models.DateField(_("date joined the Party"), null=True, blank=True)
    party_post = models.CharField(_("current party post"), max_length=150, blank=True)
    is_cell_secretary = models.BooleanField(_("secretary of the hamlet's party cell"), default=False)
    nominated_by = models.CharField(_("nominated by"), max_length=20, choices=NominatedBy.choices,
                                    default=NominatedBy.FRONT_COMMITTEE)
    on_election_team = models.BooleanField(
        _("member of the election team or counting board"), default=False,
        help_text=_("Members of the election team or the counting board may not stand (NĐ 59/2023)."),
    )
    notes = models.TextField(_("notes"), blank=True)
    status = models.CharField(_("status"), max_length=16, choices=NomineeStatus.choices,
                              default=NomineeStatus.ACTIVE, editable=False)
    withdrawn_reason = models.TextField(_("reason for withdrawal"), blank=True, editable=False)
    withdrawn_by = models.ForeignKey(settings.AUTH_USER_MODEL, models.SET_NULL, null=True, blank=True,
                                     related_name="+", editable=False, verbose_name=_("withdrawn by"))
    withdrawn_at = models.DateTimeField(_("withdrawn at"), null=True, blank=True, editable=False)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, models.SET_NULL, null=True, blank=True,
                                   related_name="+", editable=False, verbose_name=_("created by"))
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    objects = NomineeQuerySet.as_manager()
    history = HistoricalRecords(excluded_fields=["search_name", "citizen_id_index"])

    class Meta:
        verbose_name = _("nominee")
        verbose_name_plural = _("nominees")
        ordering = ["hamlet_election__hamlet__path", "search_name"]
        constraints = [
            models.UniqueConstraint(
                fields=["hamlet_election", "search_name"], condition=Q(status="active"),
                name="nominee_unique_name_per_hamlet",
                violation_error_message=_("This hamlet already has an active nominee with this name."),
            ),
            models.CheckConstraint(
                condition=Q(is_party_member=True) | Q(party_join_date__isnull=True),
                name="nominee_join_date_needs_membership",
                violation_error_message=_("Only a party member has a date of joining the Party."),
            ),
            models.CheckConstraint(
                condition=Q(is_party_member=True) | Q(is_cell_secretary=False),
                name="nominee_secretary_is_member",
                violation_error_message=_("A party cell secretary must be a party member."),
            ),
            models.CheckConstraint(
                condition=~Q(status="withdrawn") | ~Q(withdrawn_reason=""), name="nominee_withdrawal_has_reason",
                violation_error_message=_("A withdrawal must carry its reason."),
            ),
        ]
        indexes = [models.Index(fields=["nominee_list", "status"], name="nominee_list_status_idx")]

    def __str__(self):
        return self.full_name

    @property
    def is_active(self) -> bool:
        return self.status == NomineeStatus.ACTIVE

    @property
    def masked_citizen_id(self) -> str:
        return mask_citizen_id(self.citizen_id)


class ExceptionReason(models.TextChoices):
    NOT_RESIDENT = "not_resident", _("The secretary does not reside in the hamlet")
    HEALTH = "health", _("Health")
    AGE = "age", _("Age")
    NEW_CELL = "new_cell", _("Newly formed party cell")
    OTHER = "other", _("Other")


class ExceptionDecision(models.TextChoices):
    PENDING = "pending", _("Pending")
    APPROVED = "approved", _("Approved")
    REFUSED = "refused", _("Refused")


class ConcurrencyExceptionQuerySet(ScopedQuerySet):
    unit_path = "hamlet_election__hamlet"


class ConcurrencyException(models.Model):
    """A request that a hamlet's nominee need not be its party cell secretary, and the district
    standing committee's decision on it (Đề án 02-ĐA/TU: decided case by case)."""

    hamlet_election = models.ForeignKey("elections.HamletElection", models.PROTECT,
                                        related_name="concurrency_exceptions", verbose_name=_("hamlet election"))
    nominee_list = models.ForeignKey(NomineeList, models.PROTECT, related_name="exceptions",
                                     verbose_name=_("nominee list"), editable=False)
    reason = models.CharField(_("reason"), max_length=20, choices=ExceptionReason.choices)
    explanation = models.TextField(_("explanation"))
    requested_by = models.ForeignKey(settings.AUTH_USER_MODEL, models.SET_NULL, null=True, related_name="+",
                                     editable=False, verbose_name=_("requested by"))
    requested_at = models.DateTimeField(_("requested at"), auto_now_add=True)
    decision = models.CharField(_("decision"), max_length=16, choices=ExceptionDecision.choices,
                                default=ExceptionDecision.PENDING, editable=False)
    decision_number = models.CharField(_("decision number"), max_length=60, blank=True, editable=False)
    decision_date = models.DateField(_("decision date"), null=True, blank=True, editable=False)
    decided_by = models.ForeignKey(settings.AUTH_USER_MODEL, models.SET_NULL, null=True, blank=True,
                                   related_name="+", editable=False, verbose_name=_("decided by"))
    decided_at = models.DateTimeField(_("decided at"), null=True, blank=True, editable=False)

    objects = ConcurrencyExceptionQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("concurrency exception")
        verbose_name_plural = _("concurrency exceptions")
        ordering = ["hamlet_election__hamlet__path", "-requested_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["hamlet_election"], condition=Q(decision__in=["pending", "approved"]),
                name="exception_one_open_per_hamlet",
                violation_error_message=_("This hamlet already has a pending or approved exception."),
            ),
            models.CheckConstraint(
                condition=Q(decision="pending") | (~Q(decision_number="") & Q(decision_date__isnull=False)),
                name="exception_decision_has_number_and_date",
                violation_error_message=_("A decision needs its number and date."),
            ),
        ]

    def __str__(self):
        return f"{self.hamlet_election.hamlet} · {self.get_reason_display()}"
