"""Organisations, users and their roles.

A user belongs to one organisation. An organisation that is a party committee is attached to a
unit of the territory, and its users see that unit's subtree (`User.territorial_scope`, read by
`territory.scoping`).
"""

from django.contrib.auth.models import AbstractUser
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from territory.models import Level
from territory.scoping import EVERYTHING, NOTHING, Scope, ScopedQuerySet


class OrganisationKind(models.TextChoices):
    PROVINCIAL_OFFICE = "provincial_office", _("Provincial Party Office")
    STANDING_COMMITTEE = "standing_committee", _("Provincial Standing Committee")
    AGENCY = "agency", _("Provincial agency")
    DISTRICT_COMMITTEE = "district_committee", _("District Party Committee")
    COMMUNE_COMMITTEE = "commune_committee", _("Commune Party Committee")
    CELL = "cell", _("Hamlet party cell")
    CENTRAL_COMMITTEE = "central_committee", _("Central Organisation Commission")


# Which level of unit each kind of organisation is attached to (agencies are not attached).
UNIT_LEVEL_BY_KIND = {
    OrganisationKind.PROVINCIAL_OFFICE: Level.PROVINCE,
    OrganisationKind.STANDING_COMMITTEE: Level.PROVINCE,
    OrganisationKind.DISTRICT_COMMITTEE: Level.DISTRICT,
    OrganisationKind.COMMUNE_COMMITTEE: Level.COMMUNE,
    OrganisationKind.CELL: Level.HAMLET,
}


class OrganisationQuerySet(ScopedQuerySet):
    unit_path = "unit"  # agencies have no unit: no territorial scope reaches them


class Organisation(models.Model):
    kind = models.CharField(_("kind"), max_length=32, choices=OrganisationKind.choices)
    name = models.CharField(_("name"), max_length=200)
    short_name = models.CharField(_("short name"), max_length=60, blank=True)
    unit = models.ForeignKey("territory.Unit", models.PROTECT, null=True, blank=True,
                             related_name="organisations", verbose_name=_("territorial unit"))
    parent = models.ForeignKey("self", models.PROTECT, null=True, blank=True, related_name="children",
                               verbose_name=_("superior organisation"))
    email = models.EmailField(_("e-mail"), blank=True)
    is_active = models.BooleanField(_("active"), default=True)

    objects = OrganisationQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("organisation")
        verbose_name_plural = _("organisations")
        ordering = ["kind", "name"]
        constraints = [
            models.UniqueConstraint(
                fields=["kind", "unit"], condition=Q(unit__isnull=False), name="organisation_one_per_kind_and_unit",
                violation_error_message=_("This unit already has an organisation of this kind."),
            ),
            models.UniqueConstraint(
                fields=["kind", "name"], condition=Q(unit__isnull=True), name="organisation_unattached_unique_name",
                violation_error_message=_("An organisation with this name already exists."),
            ),
            models.CheckConstraint(
                condition=Q(kind__in=[OrganisationKind.AGENCY, OrganisationKind.CENTRAL_COMMITTEE])
                | Q(unit__isnull=False),
                name="organisation_committee_has_unit",
                violation_error_message=_("A party committee or cell must be attached to a unit."),
            ),
        ]

    def __str__(self):
        return self.name

    @property
    def is_province_level(self) -> bool:
        return UNIT_LEVEL_BY_KIND.get(self.kind) == Level.PROVINCE


class Role(models.TextChoices):
    VIEWER = "viewer", _("Viewer")
    OFFICER = "officer", _("Officer")
    LEADER = "leader", _("Leader")


class User(AbstractUser):
    """A person using the portal. Administrators are superusers; everyone else has an organisation."""

    organisation = models.ForeignKey(Organisation, models.PROTECT, null=True, blank=True, related_name="users",
                                     verbose_name=_("organisation"))
    role = models.CharField(_("role"), max_length=16, choices=Role.choices, default=Role.VIEWER)
    position = models.CharField(_("position"), max_length=150, blank=True,
                                help_text=_("Job title, e.g. Chánh Văn phòng."))
    phone = models.CharField(_("phone"), max_length=30, blank=True)
    is_provincial_committee_member = models.BooleanField(
        _("member of the Provincial Party Executive Committee"), default=False,
        help_text=_("Ủy viên Ban Chấp hành Đảng bộ tỉnh: letters addressed to the members (e.g. 3321-CV/TU) "
                    "reach this person by name."))

    history = HistoricalRecords(excluded_fields=["password", "last_login"])

    class Meta:
        verbose_name = _("user")
        verbose_name_plural = _("users")

    def __str__(self):
        return self.get_full_name() or self.username

    @property
    def kind(self) -> str | None:
        return self.organisation.kind if self.organisation_id else None

    @property
    def territorial_scope(self) -> Scope:
        """What part of the territory this user sees; cached on the instance for the request.

        Administrators and the central organisation commission (Ban Tổ chức Trung ương) see
        everything; an inactive user, a user without an active organisation and a provincial agency
        see no territory (agencies still see what is addressed to them, filtered by organisation);
        everyone else sees the subtree of the organisation's unit.
        """
        cached = self.__dict__.get("_territorial_scope")
        if cached is not None:
            return cached
        if not self.is_active:
            scope = NOTHING
        elif self.is_superuser:
            scope = EVERYTHING
        elif self.organisation_id is None or not self.organisation.is_active:
            scope = NOTHING
        elif self.organisation.kind == OrganisationKind.CENTRAL_COMMITTEE:
            scope = EVERYTHING
        else:
            scope = Scope(unit=self.organisation.unit)
        self._territorial_scope = scope
        return scope

    def can(self, action: str) -> bool:
        """May this user do `action`? Reads the permission table (`accounts.permissions`); apps
        below accounts (territory) call it on `request.user` without importing accounts."""
        from .permissions import user_can

        return user_can(self, action)


class PersonalDataAccess(models.Model):
    """One reveal of personal data in clear (a citizen ID number, a complainant's identity): who saw
    which field of which record, when, and how (a page or an export). Written by `accounts.audit`,
    never edited; administrators export it from the admin."""

    user = models.ForeignKey(User, models.PROTECT, related_name="+", verbose_name=_("user"))
    at = models.DateTimeField(_("at"), auto_now_add=True, db_index=True)
    model = models.CharField(_("record type"), max_length=64)
    object_id = models.PositiveBigIntegerField(_("record id"))
    object_repr = models.CharField(_("record"), max_length=200)
    field = models.CharField(_("field"), max_length=64)
    purpose = models.CharField(_("how"), max_length=32)
    path = models.CharField(_("address"), max_length=300, blank=True)

    class Meta:
        verbose_name = _("personal data access")
        verbose_name_plural = _("personal data accesses")
        ordering = ["-at", "-pk"]
        indexes = [models.Index(fields=["model", "object_id"])]

    def __str__(self):
        return f"{self.user} · {self.object_repr} · {self.field}"


class CellSecretaryQuerySet(ScopedQuerySet):
    unit_path = "organisation__unit"


class CellSecretary(models.Model):
    """The secretary of a hamlet's party cell for one term, as the cell congress elected them (e.g.
    "Đại hội chi bộ quý IV/2024"). A fact of the cell, recorded by the cell or its commune committee
    (`accounts.services.cell_secretary_record`); nomination matches the nominee marked as secretary
    against it (Đề án 02-ĐA/TU, CV 3321-CV/TU: the cell secretary also serves as hamlet head)."""

    organisation = models.ForeignKey(Organisation, models.PROTECT, related_name="secretaries",
                                     limit_choices_to={"kind": OrganisationKind.CELL},
                                     verbose_name=_("party cell"))
    full_name = models.CharField(_("full name"), max_length=150)
    search_name = models.CharField(max_length=150, editable=False, db_index=True)
    date_of_birth = models.DateField(_("date of birth"), null=True, blank=True)
    term_start = models.DateField(_("term starts"))
    term_end = models.DateField(_("term ends"), null=True, blank=True,
                                help_text=_("Leave empty while the secretary is in office."))
    elected_at = models.CharField(_("elected at"), max_length=200, blank=True,
                                  help_text=_("E.g. Đại hội chi bộ quý IV/2024."))
    recorded_by = models.ForeignKey(User, models.SET_NULL, null=True, blank=True, related_name="+",
                                    editable=False, verbose_name=_("recorded by"))
    recorded_at = models.DateTimeField(_("recorded at"), auto_now_add=True)

    objects = CellSecretaryQuerySet.as_manager()
    history = HistoricalRecords(excluded_fields=["search_name"])

    class Meta:
        verbose_name = _("party cell secretary")
        verbose_name_plural = _("party cell secretaries")
        ordering = ["organisation", "-term_start"]
        constraints = [
            models.CheckConstraint(
                condition=Q(term_end__isnull=True) | Q(term_end__gte=models.F("term_start")),
                name="cell_secretary_term_ordered",
                violation_error_message=_("A term cannot end before it starts."),
            ),
            models.UniqueConstraint(
                fields=["organisation", "term_start"], name="cell_secretary_one_per_term_start",
                violation_error_message=_("This cell already has a secretary whose term starts on that day."),
            ),
        ]

    def __str__(self):
        return f"{self.full_name} · {self.organisation}"

    def in_office_on(self, day) -> bool:
        return self.term_start <= day and (self.term_end is None or day <= self.term_end)
