"""The directive (văn bản chỉ đạo) as the provincial office registers it: its number, type and text,
how far down it is deployed, who owes a plan and a report, and their due dates."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from simple_history.models import HistoricalRecords

from common.text import nfc
from territory.scoping import ScopedQuerySet

from .numbers import DirectiveType, IssuerKind, normalise_number, number_match, type_of_number, validate_number


class Depth(models.TextChoices):
    ADDRESSEES = "addressees", _("Addressees only")
    COMMUNES = "communes", _("Down to commune committees")
    CELLS = "cells", _("Down to hamlet party cells")


DEPTH_RANK = {Depth.ADDRESSEES: 0, Depth.COMMUNES: 1, Depth.CELLS: 2}


class Duties(models.TextChoices):
    """Who owes the plan and the report: 3321-CV/TU asks a plan of its addressees only, while a
    guidance may ask every cell to report."""

    ADDRESSEES = "addressees", _("The addressees only")
    EVERYONE = "everyone", _("Every recipient, down to the cells")


class DirectiveQuerySet(ScopedQuerySet):
    unit_path = "owner__unit"


class Directive(models.Model):
    issuer_kind = models.CharField(_("Party or state document"), max_length=20, choices=IssuerKind.choices,
                                   default=IssuerKind.PARTY)
    number = models.CharField(_("number and symbol"), max_length=40,
                              help_text=_("For example 3321-CV/TU, or for a state guidance 15/HD-SNV."))
    kind = models.CharField(_("type"), max_length=20, choices=DirectiveType.choices)
    issued_on = models.DateField(_("date issued"))
    issuer = models.CharField(_("issuing body"), max_length=200,
                              help_text=_("As printed on the document, e.g. Tỉnh ủy Tiền Giang, Ban Thường vụ."))
    owner = models.ForeignKey("accounts.Organisation", models.PROTECT, related_name="owned_directives",
                              verbose_name=_("registered by organisation"),
                              help_text=_("The provincial office that registered and tracks this directive."))
    summary = models.CharField(_("summary (trích yếu)"), max_length=500)
    body = models.TextField(_("full text"), blank=True)
    file = models.FileField(_("attached file"), upload_to="directives/%Y/%m/", blank=True, max_length=200)
    file_name = models.CharField(_("original file name"), max_length=200, blank=True)
    election = models.ForeignKey("elections.Election", models.SET_NULL, null=True, blank=True,
                                 related_name="directives",
                                 verbose_name=pgettext_lazy("directives", "election campaign"))
    plan_required = models.BooleanField(_("recipients must submit a plan"), default=False)
    plan_due = models.DateField(_("plan due"), null=True, blank=True)
    report_required = models.BooleanField(_("recipients must submit a report"), default=False)
    report_due = models.DateField(_("report due"), null=True, blank=True)
    ack_within_days = models.PositiveSmallIntegerField(_("acknowledge within (days)"), default=3)
    depth = models.CharField(_("deployment"), max_length=16, choices=Depth.choices, default=Depth.ADDRESSEES)
    duties = models.CharField(_("plan and report owed by"), max_length=16, choices=Duties.choices,
                              default=Duties.EVERYONE)
    registered_by = models.ForeignKey(settings.AUTH_USER_MODEL, models.SET_NULL, null=True, blank=True,
                                      related_name="+", verbose_name=pgettext_lazy("directives", "registered by"))
    registered_at = models.DateTimeField(pgettext_lazy("directives", "registered at"), default=timezone.now)

    objects = DirectiveQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("directive")
        verbose_name_plural = _("directives")
        ordering = ["-issued_on", "-pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["owner", "number", "issued_on"], name="directive_unique_number",
                violation_error_message=_("A directive with this number and date is already registered."),
            ),
            models.CheckConstraint(
                condition=Q(plan_required=False) | Q(plan_due__isnull=False), name="directive_plan_has_due_date",
                violation_error_message=_("Give the date the plan is due."),
            ),
            models.CheckConstraint(
                condition=Q(report_required=False) | Q(report_due__isnull=False),
                name="directive_report_has_due_date",
                violation_error_message=_("Give the date the report is due."),
            ),
        ]

    def __str__(self):
        return f"{self.number} · {self.summary}"

    def clean(self):
        self.number = normalise_number(self.number or "")
        self.summary = nfc(self.summary or "")
        self.issuer = nfc(self.issuer or "")
        self.body = (self.body or "").strip()
        try:  # the number's style follows its issuer (Party or state)
            validate_number(self.number, self.issuer_kind or IssuerKind.PARTY)
        except ValidationError as exc:
            raise ValidationError({"number": exc.error_list}) from None
        match = number_match(self.number, self.issuer_kind or IssuerKind.PARTY)
        expected = type_of_number(match, self.issuer_kind or IssuerKind.PARTY)
        if self.kind and expected not in (self.kind, DirectiveType.OTHER):
            raise ValidationError({"kind": _("The type does not match the abbreviation %(abbr)s in the number.")
                                   % {"abbr": match["type"]} if match["type"] else
                                   _("A state number without a type abbreviation is that of a letter (công văn).")})
        if not self.body and not self.file:
            raise ValidationError(_("Give the full text or attach the document file."))
        if self.plan_due and self.plan_due < self.issued_on:
            raise ValidationError({"plan_due": _("The plan cannot be due before the directive is issued.")})
        if self.report_due and self.report_due < self.issued_on:
            raise ValidationError({"report_due": _("The report cannot be due before the directive is issued.")})

    def allows_forwarding_to(self, level: str) -> bool:
        """Whether this directive is to be deployed down to `level` ("communes" or "cells")."""
        return DEPTH_RANK[self.depth] >= DEPTH_RANK[level]
